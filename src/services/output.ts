import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { basename, dirname, join, relative, isAbsolute } from 'node:path';
import { claimFirstFree, claimLocalFile, KeyedQueue } from '../core/claim';
import { MediaApiError } from '../core/errors';
import { msg } from '../core/messages';
import { temporaryName } from '../core/naming';
import { UserError } from './userError';

/**
 * Writes outputs into the workspace through `workspace.fs` (so remote and virtual workspaces work), never over an
 * existing file, and always to a hidden temporary name first: only a complete output is renamed into place, and a
 * cancelled or failed run removes what it wrote.
 */
export class WorkspaceOutput {
  /** Name claims are serialized per folder within this extension host; across hosts the file system decides. */
  private readonly claims = new KeyedQueue();

  constructor(private readonly fs: vscode.FileSystem = vscode.workspace.fs) {}

  /**
   * The configured output folder inside the workspace folder `root` (read with that folder's own setting). Only a
   * relative path that stays inside the folder is accepted, so a workspace setting cannot make the extension write
   * elsewhere.
   */
  folder(relative: string, root: vscode.WorkspaceFolder): vscode.Uri {
    const segments = relative.replace(/\\/g, '/').split('/').filter((s) => s && s !== '.');
    if (/^([a-z]:|\/)/i.test(relative.trim()) || segments.includes('..')) {
      throw new UserError(
        vscode.l10n.t('The output folder "{0}" must be a relative path inside the workspace.', relative),
        'outputFolder',
      );
    }
    const folder = segments.length ? vscode.Uri.joinPath(root.uri, ...segments) : root.uri;
    if (!staysInside(folder, root.uri)) {
      throw new UserError(vscode.l10n.t(
        'The output folder "{0}" leads outside the workspace through a symbolic link; choose a folder inside it.', relative,
      ), 'outputFolder');
    }
    return folder;
  }

  /** Writes one file; see `writeAll`. */
  async write(folder: vscode.Uri, desiredName: string, data: Uint8Array, signal?: AbortSignal): Promise<vscode.Uri> {
    const [uri] = await this.writeAll(folder, [{ name: desiredName, data }], signal);
    return uri;
  }

  /**
   * Writes every file to a temporary name, then renames each to the first free name like the desired one. When
   * anything fails or `signal` aborts before the last rename, every file of the batch is removed again.
   */
  async writeAll(
    folder: vscode.Uri,
    files: Array<{ name: string; data: Uint8Array }>,
    signal?: AbortSignal,
  ): Promise<vscode.Uri[]> {
    throwIfAborted(signal);
    await this.fs.createDirectory(folder);
    const token = randomBytes(4).toString('hex');
    const temps: vscode.Uri[] = [];
    const finals: vscode.Uri[] = [];
    try {
      for (const file of files) {
        const temp = vscode.Uri.joinPath(folder, temporaryName(file.name, token));
        temps.push(temp);
        await this.fs.writeFile(temp, file.data);
        throwIfAborted(signal);
      }
      for (let i = 0; i < files.length; i++) {
        throwIfAborted(signal);
        finals.push(await this.renameToFreeName(temps[i], folder, files[i].name));
      }
      return finals;
    } catch (err) {
      await Promise.all([...temps, ...finals].map((uri) => this.tryDelete(uri)));
      throw err;
    }
  }

  /** True when `uri` exists. */
  async exists(uri: vscode.Uri): Promise<boolean> {
    try {
      await this.fs.stat(uri);
      return true;
    } catch {
      return false;
    }
  }

  async tryDelete(uri: vscode.Uri): Promise<void> {
    try {
      await this.fs.delete(uri, { useTrash: false });
    } catch {
      // already gone (renamed or never written)
    }
  }

  /**
   * Moves `temp` to the first free name like `desired`. On the local disk the name is claimed with a hard link (or an
   * exclusive create), which the OS makes atomic even against another window; elsewhere (remote, virtual file
   * systems) the provider offers no such step, so "stat, then rename without overwrite" is the best there is, and
   * serializing claims per folder at least rules out a race inside this extension host.
   */
  private renameToFreeName(temp: vscode.Uri, folder: vscode.Uri, desired: string): Promise<vscode.Uri> {
    return this.claims.run(folder.toString(), async () => {
      let name: string | undefined;
      if (folder.scheme === 'file' && this.fs === vscode.workspace.fs) {
        name = await claimLocalFile(temp.fsPath, folder.fsPath, desired);
      } else {
        name = await claimFirstFree(desired, async (candidate) => {
          const target = vscode.Uri.joinPath(folder, candidate);
          if (await this.exists(target)) return 'taken';
          try {
            await this.fs.rename(temp, target, { overwrite: false });
            return 'claimed';
          } catch (err) {
            if (err instanceof vscode.FileSystemError && err.code === 'FileExists') return 'taken';
            throw err;
          }
        });
      }
      if (name === undefined) throw new UserError(vscode.l10n.t('No free file name like {0} was found.', desired));
      return vscode.Uri.joinPath(folder, name);
    });
  }
}

/**
 * Whether `uri`'s real path (symbolic links followed, up to its nearest existing ancestor) stays inside `folder`'s.
 * A path string inside the workspace can still lead out of it through a link the repository ships. Only the local
 * disk has links to follow; other schemes pass.
 */
export function staysInside(uri: vscode.Uri, folder: vscode.Uri): boolean {
  if (uri.scheme !== 'file' || folder.scheme !== 'file') return true;
  const real = (path: string): string | undefined => {
    const rest: string[] = [];
    for (let at = path; ; at = dirname(at)) {
      try {
        return join(realpathSync.native(at), ...rest);
      } catch {
        if (dirname(at) === at) return undefined;
        rest.unshift(basename(at));
      }
    }
  };
  const root = real(folder.fsPath);
  const target = real(uri.fsPath);
  if (!root || !target) return false;
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new MediaApiError('cancelled', msg('cancelled.operation'));
}

/** A path relative to the workspace root for records and messages; a URI string when outside the workspace. */
export function workspaceRelative(uri: vscode.Uri): string {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const first = vscode.workspace.workspaceFolders?.[0];
  if (folder && first && folder.uri.toString() === first.uri.toString()) {
    return vscode.workspace.asRelativePath(uri, false);
  }
  return uri.toString();
}

/** True when `uri` lies strictly below a workspace folder, by its path and by its real path. */
export function insideWorkspace(uri: vscode.Uri): boolean {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return !!folder && uri.toString() !== folder.uri.toString() && staysInside(uri, folder.uri);
}

/** The inverse of `workspaceRelative`. */
export function resolveWorkspacePath(path: string): vscode.Uri | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) && !/^[a-z]:[\\/]/i.test(path)) return vscode.Uri.parse(path);
  const first = vscode.workspace.workspaceFolders?.[0];
  if (!first) return undefined;
  return vscode.Uri.joinPath(first.uri, ...path.split('/').filter(Boolean));
}
