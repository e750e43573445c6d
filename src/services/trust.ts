// Restricted Mode in one place: what the extension does in an untrusted workspace and what it refuses (with
// "Manage Workspace Trust"). VS Code already hides the workspace's values of every setting listed in package.json's
// `capabilities.untrustedWorkspaces.restrictedConfigurations` (test/unit/restricted.test.ts derives that list from the
// catalog and the settings); the checks below cover what a setting cannot: programs, files and history in the repository.
//
// Works untrusted: transcribe, translate, speak, generate and edit with the endpoint, key and settings of the user (the
//   workspace's values of restricted settings are ignored), the Studio, long WAV and MP3 files (split here, no program).
// Refused untrusted: ffmpeg (long m4a/ogg/webm/flac files and their speaker clips), known-speaker files named by a
//   workspace setting, the import of the legacy `.vscode/azure-openai-media/history.json`.
// Never, trusted or not: ffmpeg from a relative PATH entry or from inside a workspace folder; a known-speaker file
//   outside the workspace, over KNOWN_SPEAKER_MAX_BYTES or not audio; an output folder whose real path leaves the
//   workspace; a history record whose file lies outside the workspace folders; a Resource Manager token sent where a
//   workspace says (azureOpenAIMedia.management.endpoint is application-scoped, VS Code's microsoft-sovereign-cloud
//   settings are read from the user's settings only: services/azureSetup.ts cloudOf).
import * as vscode from 'vscode';
import type { FfmpegSearch } from '../core/long/ffmpeg';
import { UserError } from './userError';

/** The UserError `setting` that makes the error boundary offer "Manage Workspace Trust" instead of "Open Settings". */
export const WORKSPACE_TRUST = 'workspaceTrust';

export function isTrusted(): boolean {
  return vscode.workspace.isTrusted;
}

/** Where the long-audio code may look for ffmpeg: nowhere when untrusted, never inside a workspace folder. */
export function ffmpegSearch(): FfmpegSearch {
  return {
    allowed: isTrusted(),
    exclude: (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath),
  };
}

/** Throws the Restricted Mode refusal for `what` (a localised sentence saying what was not done). */
export function refuseUntrusted(what: string): never {
  throw new UserError(
    vscode.l10n.t('{0} This is not done in Restricted Mode; trust the workspace to allow it.', what),
    WORKSPACE_TRUST,
  );
}
