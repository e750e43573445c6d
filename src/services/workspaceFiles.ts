// The workspace file checks, once for the commands and the Studio: which files an operation takes as input (the
// catalog's upload lists, src/core/catalog), which outputs may be previewed (the formats the catalog lets the
// service return), and where a reference from the Studio page may point (inside the open workspace folders only).

import * as vscode from 'vscode';
import { AUDIO_EXTENSIONS, EDIT_IMAGE_EXTENSIONS, fieldSpecs } from '../core/catalog';
import { extensionOf } from '../core/media';
import { resolveRef } from '../shared/paths';
import { UserError } from './userError';

export type InputKind = 'audio' | 'image';
export type MediaKind = InputKind | 'text';

/** What each kind of input may be: THE lists the file pickers, drops, explorer menus and checks use. */
export const INPUT_EXTENSIONS: Readonly<Record<InputKind, readonly string[]>> = {
  audio: AUDIO_EXTENSIONS,
  image: EDIT_IMAGE_EXTENSIONS,
};

const formats = (values: readonly string[] | undefined): string[] => [...(values ?? [])];
const outputFormat = (op: 'speech' | 'imageGeneration', key: string) => fieldSpecs(op).find((f) => f.key === key)?.values;

/** Files the Studio may show: every input, and every format the service may return (`jpeg` is written `.jpg`). */
const PREVIEW_EXTENSIONS: Readonly<Record<InputKind, ReadonlySet<string>>> = {
  audio: new Set([...AUDIO_EXTENSIONS, ...formats(outputFormat('speech', 'response_format'))]),
  image: new Set([...EDIT_IMAGE_EXTENSIONS, ...formats(outputFormat('imageGeneration', 'output_format')), 'jpg']),
};

export function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

/** Whether `uri` is an input of `kind` the service takes. */
export function isInput(uri: vscode.Uri, kind: InputKind): boolean {
  return INPUT_EXTENSIONS[kind].includes(extensionOf(uri.path));
}

/** Throws a UserError naming the accepted types when `uri` is not an input of `kind`. */
export function checkInput(uri: vscode.Uri, kind: InputKind): void {
  if (isInput(uri, kind)) return;
  const list = INPUT_EXTENSIONS[kind].join(', ');
  throw new UserError(
    kind === 'audio'
      ? vscode.l10n.t('{0} is not an audio file the service accepts ({1}).', fileName(uri), list)
      : vscode.l10n.t('{0} is not an image the service can edit ({1}).', fileName(uri), list),
  );
}

/** What a file is to the Studio: media it may show, or text (whose bytes the page never gets). */
export function mediaKind(uri: vscode.Uri): MediaKind {
  const ext = extensionOf(uri.path);
  if (PREVIEW_EXTENSIONS.image.has(ext)) return 'image';
  if (PREVIEW_EXTENSIONS.audio.has(ext)) return 'audio';
  return 'text';
}

/** A workspace file from a reference the Studio page sent; a UserError for anything outside the workspace folders. */
export function workspaceFile(ref: string): vscode.Uri {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const resolved = resolveRef(ref, folders.map((f) => f.uri.toString()));
  if (!resolved) throw new UserError(vscode.l10n.t('The Studio only works with files inside the open workspace.'));
  return vscode.Uri.joinPath(folders[resolved.folder].uri, ...resolved.segments);
}
