// How an error reaches the page: our sentence, the service's words apart, and the setting that fixes it.

import * as vscode from 'vscode';
import { MediaApiError } from '../core/errors';
import { settingId } from '../core/catalog';
import { errorSummary, errorText } from '../services/errorText';
import { settingOfHint, UserError } from '../services/userError';
import type { ErrorView } from '../shared/protocol';

/** Errors an API key or a sign-in fixes: the settings that choose how to authenticate. */
const AUTH_CODES = new Set(['auth', 'forbidden']);

export function errorView(err: unknown): ErrorView {
  if (MediaApiError.is(err)) {
    const setting = settingOfHint(err.setting) ?? (AUTH_CODES.has(err.code) ? 'azureOpenAIMedia' : undefined);
    return {
      message: errorSummary(err),
      code: err.code,
      serviceMessage: err.serviceMessage,
      setting,
      categories: err.categories,
      field: err.field,
      requestId: err.requestId,
    };
  }
  if (UserError.is(err)) return { message: err.message, code: 'user', setting: err.setting ? settingId(err.setting) : undefined };
  if (err instanceof vscode.FileSystemError) return { message: err.message, code: 'file' };
  // The RangeErrors of the Studio's pure modules (mask.ts, transcript.ts) guard against a page that sends what it
  // never offers; what a user can cause (too many strokes, a transcript no longer held) the handlers check first and
  // say with a translated UserError. So their English is a bug report, not a sentence to translate.
  if (err instanceof RangeError) return { message: err.message, code: 'user' };
  return { message: errorText(err), code: 'unknown' };
}
