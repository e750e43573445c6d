// Files between the workspace and the page: choosing, resolving a dropped or remembered file, previews, opening,
// revealing and saving a copy. Every reference goes through src/services/workspaceFiles.ts (inside the workspace
// only; inputs of the accepted types only; previews of media only).

import * as vscode from 'vscode';
import { readImageSize, mimeTypeForName } from '../../core/media';
import { uploadLimit } from '../../core/catalog';
import { workspaceRelative } from '../../services/output';
import { UserError } from '../../services/userError';
import { checkInput, fileName, INPUT_EXTENSIONS, mediaKind, workspaceFile, type InputKind } from '../../services/workspaceFiles';
import type { FileAnswer, FileView } from '../../shared/protocol';
import type { NoticeHandlers, RequestHandlers, StudioContext } from './context';

export function underRoot(ctx: StudioContext, uri: vscode.Uri): boolean {
  return ctx.roots().some((root) => uri.toString().startsWith(root.toString() + '/'));
}

/**
 * How the page shows a file: a webview URI when it lies under a resource root (the output folder), otherwise its
 * bytes (capped), so the page never needs a wider `localResourceRoots`.
 */
export async function fileView(ctx: StudioContext, uri: vscode.Uri, kind: InputKind, withDimensions: boolean): Promise<FileView> {
  const stat = await vscode.workspace.fs.stat(uri);
  const name = fileName(uri);
  const view: FileView = { path: workspaceRelative(uri), name, kind, mime: mimeTypeForName(name), size: stat.size };
  const cap = kind === 'audio' ? uploadLimit('transcription', 'file') : uploadLimit('imageEdit', 'image');
  const rooted = underRoot(ctx, uri);
  let bytes: Uint8Array | undefined;
  if (!rooted || (kind === 'image' && withDimensions)) {
    if (stat.size > cap) {
      // A long recording is still transcribed (in parts); the page just cannot preview it.
      if (!rooted && kind === 'image') throw new UserError(vscode.l10n.t('{0} is too large to show in the Studio.', name));
    } else {
      bytes = await vscode.workspace.fs.readFile(uri);
    }
  }
  if (kind === 'image' && bytes) {
    const size = readImageSize(bytes);
    if (size) {
      view.width = size.width;
      view.height = size.height;
    }
  }
  if (rooted) view.src = ctx.webview.asWebviewUri(uri).toString();
  else if (bytes) view.data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  return view;
}

/** A workspace input of `kind` from a page reference, or a UserError saying why not. */
export function inputFile(ref: string, kind: InputKind): vscode.Uri {
  const uri = workspaceFile(ref);
  checkInput(uri, kind);
  return uri;
}

async function pickFile(ctx: StudioContext, requestId: string, kind: InputKind): Promise<FileAnswer> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    canSelectFolders: false,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    openLabel: kind === 'audio' ? vscode.l10n.t('Choose Audio') : vscode.l10n.t('Choose Image'),
    filters: { [kind === 'audio' ? vscode.l10n.t('Audio') : vscode.l10n.t('Images')]: [...INPUT_EXTENSIONS[kind]] },
  });
  if (!picked?.length) return { type: 'file', requestId };
  const uri = inputFile(picked[0].toString(), kind);
  return { type: 'file', requestId, file: await fileView(ctx, uri, kind, true) };
}

export const fileRequests: Pick<RequestHandlers, 'pickFile' | 'resolveFile' | 'loadPreview' | 'saveCopy'> = {
  pickFile: (m, ctx) => pickFile(ctx, m.requestId, m.kind),
  resolveFile: async (m, ctx) => ({ type: 'file', requestId: m.requestId, file: await fileView(ctx, inputFile(m.ref, m.kind), m.kind,
    true) }),
  loadPreview: async (m, ctx) => {
    // Only media: the page never needs the bytes of a workspace's text files (keys, configuration…).
    const uri = workspaceFile(m.path);
    const kind = mediaKind(uri);
    if (kind === 'text') throw new UserError(vscode.l10n.t('Only images and audio can be previewed in the Studio.'));
    return { type: 'preview', requestId: m.requestId, file: await fileView(ctx, uri, kind, true) };
  },
  saveCopy: async (m) => {
    const source = workspaceFile(m.path);
    const target = await vscode.window.showSaveDialog({ defaultUri: source, saveLabel: vscode.l10n.t('Save Copy') });
    if (!target) return { type: 'done', requestId: m.requestId };
    if (target.toString() !== source.toString()) await vscode.workspace.fs.copy(source, target, { overwrite: true });
    return { type: 'done', requestId: m.requestId, message: vscode.l10n.t('Saved {0}.', workspaceRelative(target)) };
  },
};

export const fileNotices: Pick<NoticeHandlers, 'openFile' | 'revealFile'> = {
  openFile: async (m, ctx) => {
    await vscode.commands.executeCommand('vscode.open', workspaceFile(m.path), {
      viewColumn: ctx.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One,
      preview: false,
    });
  },
  revealFile: async (m) => {
    await vscode.commands.executeCommand('revealInExplorer', workspaceFile(m.path));
  },
};
