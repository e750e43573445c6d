import * as vscode from 'vscode';
import { extensionOf } from '../core/media';
import { fileName } from '../services/workspaceFiles';

/** Files from an explorer invocation `(uri, selectedUris)`; VS Code passes both, the palette neither. */
export function explorerTargets(uri: unknown, uris: unknown): vscode.Uri[] {
  if (Array.isArray(uris) && uris.length && uris.every((u) => u instanceof vscode.Uri)) return uris;
  if (uri instanceof vscode.Uri) return [uri];
  return [];
}

/** The file shown in the active tab, text editor or not (images and audio open in custom editors). */
export function activeFile(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom) return input.uri;
  return vscode.window.activeTextEditor?.document.uri;
}

export function hasExtension(uri: vscode.Uri, extensions: readonly string[]): boolean {
  return extensions.includes(extensionOf(uri.path));
}

/** A quick pick of the workspace's files with the given extensions (node_modules and hidden folders left out). */
export async function pickWorkspaceFiles(
  extensions: readonly string[],
  options: { title: string; placeHolder: string; canPickMany: boolean; exclude?: (uri: vscode.Uri) => boolean; empty: string },
): Promise<vscode.Uri[] | undefined> {
  const glob = `**/*.{${extensions.flatMap((e) => [e, e.toUpperCase()]).join(',')}}`;
  const found = (await vscode.workspace.findFiles(glob, '{**/node_modules/**,**/.*/**}', 2000))
    .filter((uri) => !options.exclude?.(uri))
    .sort((a, b) => a.path.localeCompare(b.path));
  if (!found.length) {
    void vscode.window.showInformationMessage(options.empty);
    return undefined;
  }
  const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  const items = found.map((uri) => {
    const relative = vscode.workspace.asRelativePath(uri, multiRoot);
    const folder = relative.includes('/') ? relative.slice(0, relative.lastIndexOf('/')) : '';
    return { label: fileName(uri), description: folder, uri };
  });
  if (options.canPickMany) {
    const picked = await vscode.window.showQuickPick(items,
      { title: options.title, placeHolder: options.placeHolder, canPickMany: true, matchOnDescription: true });
    return picked?.length ? picked.map((p) => p.uri) : undefined;
  }
  const picked = await vscode.window.showQuickPick(items,
    { title: options.title, placeHolder: options.placeHolder, matchOnDescription: true });
  return picked ? [picked.uri] : undefined;
}

/** Opens a file beside or in the active group without taking focus from the editor the user works in. */
export async function openOutput(uri: vscode.Uri, beside = false): Promise<void> {
  await vscode.commands.executeCommand('vscode.open', uri, {
    preview: false,
    preserveFocus: beside,
    viewColumn: beside ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active,
  });
}
