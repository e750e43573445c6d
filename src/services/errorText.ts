import * as vscode from 'vscode';
import { MediaApiError } from '../core/errors';
import { categoryWords, messageOf, WordedError, wordsOf, type Message, type Translate } from '../core/messages';

/** vscode.l10n.t as core/messages.ts `wordsOf` calls it. */
const translate: Translate = (message, args) => vscode.l10n.t(message, args);

/**
 * A core message (src/core/messages.ts) in the display language: its English is in l10n/bundle.l10n.json (put there
 * by scripts/l10n-export.js) and looked up as the page looks it up.
 */
export function localize(message: Message): string {
  return wordsOf(message, translate);
}

/** Content-filter categories (Azure's names) in the display language, joined. */
export function categoryNames(categories: readonly string[]): string {
  return categoryWords(categories, translate);
}

/** Our sentence of a MediaApiError in the display language; an error made from a plain string keeps its English. */
export function errorSummary(err: MediaApiError): string {
  return err.messageId ? localize({ id: err.messageId, args: err.args ?? {} }) : err.summary;
}

/**
 * What a user is shown of an error of the core in the display language: a MediaApiError's or a WordedError's sentence;
 * any other error's text as it is (a file system's or Node's own words, which the core does not write).
 */
export function errorText(err: unknown): string {
  if (WordedError.is(err)) return localize(err.text);
  if (MediaApiError.is(err)) return errorSummary(err);
  return messageOf(err);
}
