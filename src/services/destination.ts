// Where a run's outputs go, settled before the request is sent, in every kind of window:
// - in a window with folders: beside the input (transcripts, edits), or under the outputFolder of the workspace folder
//   of the document they came from (speech, images; from no document, the window's folder, asked once when several);
// - in a window with no folder: where the user says in the save dialog (a transcript or an edit too),
//   remembered for the window, so nothing is written anywhere the user did not choose;
// - in a read-only or virtual folder that cannot take a file: a message before any money is spent, the save dialog
//   as the way out.

import * as vscode from 'vscode';
import type { Destination as CoreDestination, Place as CorePlace } from '../core/engine';
import { MediaApiError } from '../core/errors';
import { msg } from '../core/messages';
import { readConfiguration } from './configuration';
import type { WorkspaceOutput } from './output';
import { UserError } from './userError';

type Place = CorePlace<vscode.Uri>;
type Destination = CoreDestination<vscode.Uri>;

export class Destinations implements vscode.Disposable {
  /** The folder of this window's outputs that come from no file (the Studio), chosen once when there are several. */
  private chosen: vscode.WorkspaceFolder | undefined;
  /** The folder picked in the save dialog, for outputs that belong to no workspace folder. */
  private saveFolder: vscode.Uri | undefined;
  /** One question at a time: runs in parallel (two recordings) wait for the first answer instead of asking again. */
  private asking: Promise<unknown> = Promise.resolve();
  private readonly emitter = new vscode.EventEmitter<vscode.WorkspaceFolder | undefined>();
  /** Fires when the window's folder is chosen (the Studio shows it). */
  readonly onDidChooseFolder = this.emitter.event;

  constructor(
    private readonly output: WorkspaceOutput,
    private readonly fs: vscode.FileSystem = vscode.workspace.fs,
  ) {}

  /** Where the outputs of a run go; `proposed` is the first output's name, offered in the save dialog. */
  /** The engine's question (core/engine/files.ts): where a run's outputs go. `relative` is ignored: each folder's own. */
  async resolve(place: Place, proposed: string): Promise<Destination> {
    if ('beside' in place) {
      // beside the input wherever it is, except in a window with no folder: there the user says where, once
      if (vscode.workspace.workspaceFolders?.length) return this.writable(vscode.Uri.joinPath(place.beside, '..'), proposed);
      return this.askOutside(place.beside, proposed);
    }
    const folder = (place.origin && vscode.workspace.getWorkspaceFolder(place.origin)) || (await this.windowFolder(true));
    if (!folder) return this.askOutside(place.origin, proposed);
    const relative = readConfiguration(folder.uri).outputFolder;
    return this.writable(this.output.folder(relative, folder), proposed);
  }

  /**
   * The workspace folder of this window's outputs that come from no file: the only one, or the one chosen when there
   * are several (asked once when `ask`); undefined with no folder open, or not asked yet.
   */
  async windowFolder(ask = false): Promise<vscode.WorkspaceFolder | undefined> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length <= 1) return folders[0];
    const known = (): vscode.WorkspaceFolder | undefined =>
      this.chosen && folders.find((f) => f.uri.toString() === this.chosen?.uri.toString());
    if (known() || !ask) return known();
    return this.oneAtATime(async () => known() ?? this.chooseFolder());
  }

  /** Asks which workspace folder this window's outputs go to; cancelling cancels the run. */
  async chooseFolder(): Promise<vscode.WorkspaceFolder> {
    const picked = await vscode.window.showWorkspaceFolderPick({
      placeHolder: vscode.l10n.t('Which folder should this window\'s outputs go to (those not made from a file in a folder)?'),
      ignoreFocusOut: true,
    });
    if (!picked) throw new MediaApiError('cancelled', msg('cancelled.operation'));
    this.chosen = picked;
    this.emitter.fire(picked);
    return picked;
  }

  /** No workspace folder for this output: the folder chosen earlier in this window, else the save dialog. */
  private async askOutside(near: vscode.Uri | undefined, proposed: string): Promise<Destination> {
    if (this.saveFolder) return this.writable(this.saveFolder, proposed);
    return this.oneAtATime(() => (this.saveFolder ? this.writable(this.saveFolder, proposed) : this.saveAs(near, proposed)));
  }

  private oneAtATime<T>(ask: () => Promise<T>): Promise<T> {
    const next = this.asking.then(ask, ask);
    this.asking = next.catch(() => undefined);
    return next;
  }

  /** The save dialog; its folder is remembered for this window's outputs that have no workspace folder. */
  private async saveAs(near: vscode.Uri | undefined, proposed: string): Promise<Destination> {
    const start = this.saveFolder ?? (near && near.scheme !== 'untitled' ? vscode.Uri.joinPath(near, '..') : undefined);
    const chosen = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Save the output as'),
      saveLabel: vscode.l10n.t('Save Here'),
      ...(start ? { defaultUri: vscode.Uri.joinPath(start, proposed) } : {}),
    });
    if (!chosen) throw new MediaApiError('cancelled', msg('cancelled.operation'));
    const folder = vscode.Uri.joinPath(chosen, '..');
    if (!(await this.canWrite(folder))) {
      throw new UserError(vscode.l10n.t('{0} is read-only: choose another folder.', folder.toString(true)));
    }
    this.saveFolder = folder;
    return { folder, name: chosen.path.slice(chosen.path.lastIndexOf('/') + 1) };
  }

  /** `folder` when a file can be written there; else a message before any request, with the save dialog as way out. */
  private async writable(folder: vscode.Uri, proposed: string): Promise<Destination> {
    if (await this.canWrite(folder)) return { folder };
    const saveAs = vscode.l10n.t('Save As…');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} is read-only, so the output cannot be saved there. Nothing has been sent yet.', where(folder)),
      { modal: true, detail: vscode.l10n.t('Choose another place to save it, or cancel.') },
      saveAs,
    );
    if (answer !== saveAs) throw new MediaApiError('cancelled', msg('cancelled.operation'));
    return this.saveAs(undefined, proposed);
  }

  /**
   * False when the file system says it takes no writes (a read-only provider, a virtual workspace opened read-only),
   * or when the folder (or, before it exists, its nearest existing parent) is marked read-only.
   */
  private async canWrite(folder: vscode.Uri): Promise<boolean> {
    if (vscode.workspace.fs.isWritableFileSystem(folder.scheme) === false) return false;
    for (let uri = folder, depth = 0; depth < 64; uri = vscode.Uri.joinPath(uri, '..'), depth++) {
      try {
        const stat = await this.fs.stat(uri);
        return ((stat.permissions ?? 0) & vscode.FilePermission.Readonly) === 0;
      } catch {
        if (uri.path === '/' || uri.path === '') return true;
      }
    }
    return true;
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

/** A folder as the user knows it: `second-folder/media` inside the workspace, else its full path or URI. */
function where(folder: vscode.Uri): string {
  return vscode.workspace.getWorkspaceFolder(folder) ? vscode.workspace.asRelativePath(folder, true) : folder.toString(true);
}
