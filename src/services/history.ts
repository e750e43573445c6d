import * as vscode from 'vscode';
import { createHash } from 'node:crypto';
import type { Log } from './log';
import { historyText, readHistory, type OutputRecord } from '../core/engine';
import { insideWorkspace, resolveWorkspacePath } from './output';
import { isTrusted } from './trust';

/** The history file's name in the folder `historyStorage` gives. */
export const HISTORY_FILE = 'history.json';

/**
 * The extension's own folder for this workspace's history, outside the user's repository. Not
 * `ExtensionContext.storageUri` itself: a second window of the same workspace (two code-server tabs) gets its own
 * storage folder there (`<id>-1`, because the first window's extension host holds the lock on `<id>`), so the
 * windows would not share the list. The folder is therefore keyed by the workspace under `globalStorageUri`, the
 * same for every window. Undefined without a workspace.
 */
export function historyStorage(context: Pick<vscode.ExtensionContext, 'globalStorageUri' | 'storageUri'>): vscode.Uri | undefined {
  const workspace = vscode.workspace.workspaceFile ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!workspace || !context.storageUri) return undefined;
  const key = createHash('sha256').update(workspace.toString()).digest('hex').slice(0, 24);
  return vscode.Uri.joinPath(context.globalStorageUri, 'workspaces', key);
}
/** Where earlier versions kept the history, relative to the first workspace folder: moved once, then deleted. */
export const LEGACY_HISTORY_PATH = ['.vscode', 'azure-openai-media', 'history.json'] as const;
const MAX_RECORDS = 500;
const POLL_MS = 2000;

/**
 * Every output the extension wrote in this workspace, newest first, kept in the extension's storage for this
 * workspace (`historyStorage`, outside the user's repository, so prompts are never committed with `.vscode/`).
 * Every window of the workspace shares that folder, so a reload or a second window sees the same list (a file
 * watcher, and a poll for what it misses, picks up the other window's writes). Without a workspace the history lives
 * in memory only.
 */
export class HistoryStore implements vscode.Disposable {
  private records: OutputRecord[] = [];
  /** mtime and size of the file as last read or written, to notice changes the watcher did not report. */
  private seen = '';
  private readonly emitter = new vscode.EventEmitter<void>();
  /** The watcher and the poll, running only while someone listens to onDidChange (the Studio is open). */
  private watching: vscode.Disposable | undefined;
  private listeners = 0;
  /** Writes are chained so that two saves in this window never interleave. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Resolves once the file has been read the first time. */
  readonly ready: Promise<void>;

  /** The history file, or undefined without a workspace (memory only). */
  readonly location: vscode.Uri | undefined;

  constructor(
    private readonly log: Log,
    storage: vscode.Uri | undefined,
    private readonly fs: vscode.FileSystem = vscode.workspace.fs,
  ) {
    this.location = storage ? vscode.Uri.joinPath(storage, HISTORY_FILE) : undefined;
    log.info(`History: ${this.location ? `kept in ${this.location.toString(true)}` : 'in memory only (no workspace)'}.`);
    this.ready = this.reload()
      .then(() => this.upgrade())
      .then(() => this.migrateLegacy())
      .catch((err) => this.log.error(`History: could not move the old history: ${String(err)}`));
  }

  /**
   * Moves the records of `.vscode/azure-openai-media/history.json` (where earlier versions kept them) into the
   * storage file, merged by id, then deletes the old file and its folder when empty. Runs at start; a no-op when
   * there is no old file.
   */
  async migrateLegacy(): Promise<void> {
    const root = vscode.workspace.workspaceFolders?.[0];
    if (!root || !this.file()) return;
    // The old file is the repository's: in Restricted Mode it is not read at all.
    if (!isTrusted()) return;
    const legacy = vscode.Uri.joinPath(root.uri, ...LEGACY_HISTORY_PATH);
    let bytes: Uint8Array;
    try {
      bytes = await this.fs.readFile(legacy);
    } catch {
      return;
    }
    let records: OutputRecord[] = [];
    try {
      records = readHistory(new TextDecoder().decode(bytes)).records;
      // A record names the file Delete removes: one whose output is not a file inside the workspace is dropped.
      const kept = records.filter((r) => this.ownsOutput(r));
      if (kept.length < records.length) {
        this.log.warn(`History: dropped ${records.length - kept.length} old record(s) whose output lies outside the workspace.`);
      }
      records = kept;
    } catch (err) {
      this.log.warn(`History: the old ${LEGACY_HISTORY_PATH.join('/')} is not valid JSON (${String(err)}); it is left in place.`);
      return;
    }
    await this.mutate((current) => {
      const known = new Set(current.map((r) => r.id));
      return [...current, ...records.filter((r) => !known.has(r.id))].sort((a, b) => b.createdAt - a.createdAt);
    });
    try {
      await this.fs.delete(legacy, { useTrash: false });
      const folder = vscode.Uri.joinPath(legacy, '..');
      if ((await this.fs.readDirectory(folder)).length === 0) await this.fs.delete(folder, { useTrash: false });
      this.log.info(`History: moved ${records.length} record(s) out of ${LEGACY_HISTORY_PATH.join('/')} into the extension's storage.`);
    } catch (err) {
      this.log.warn(`History: could not delete the old ${LEGACY_HISTORY_PATH.join('/')}: ${String(err)}`);
    }
  }

  /**
   * Rewrites a file of an earlier version (operations under their old names) or one holding what a read drops, as this
   * version writes it. Runs once at start; reads in between map the old names without writing, so a rewrite never
   * races another window's write of the moment.
   */
  upgrade(): Promise<void> {
    return this.mutate((current) => current, (read) => read.stale);
  }

  /** Fires when the records change, here or in another window; the file is watched only while this has listeners. */
  readonly onDidChange: vscode.Event<void> = (listener, thisArgs, disposables) => {
    const subscription = this.emitter.event(listener, thisArgs);
    if (this.listeners++ === 0) this.startWatching();
    let disposed = false;
    const result = new vscode.Disposable(() => {
      if (disposed) return;
      disposed = true;
      subscription.dispose();
      if (--this.listeners === 0) this.stopWatching();
    });
    disposables?.push(result);
    return result;
  };

  list(): OutputRecord[] {
    return [...this.records];
  }

  get(id: string): OutputRecord | undefined {
    return this.records.find((r) => r.id === id);
  }

  /** The output file of a record. */
  uriOf(record: OutputRecord): vscode.Uri | undefined {
    return resolveWorkspacePath(record.output);
  }

  /** Whether the record's output lies inside a workspace folder (so Delete may touch it). */
  private ownsOutput(record: OutputRecord): boolean {
    const uri = this.uriOf(record);
    return !!uri && insideWorkspace(uri);
  }

  private async isDirectory(uri: vscode.Uri): Promise<boolean> {
    try {
      return ((await this.fs.stat(uri)).type & vscode.FileType.Directory) !== 0;
    } catch {
      return false;
    }
  }

  /** Adds records (newest first) and saves. */
  add(records: OutputRecord[]): Promise<void> {
    return this.mutate((current) => [...records, ...current.filter((r) => !records.some((n) => n.id === r.id))]);
  }

  /** Removes a record, and with `deleteFile` its output too (to the trash where the file system has one). */
  async remove(id: string, deleteFile: boolean): Promise<void> {
    const record = this.get(id);
    if (deleteFile && record) {
      const uri = this.uriOf(record);
      if (uri && !this.ownsOutput(record)) {
        this.log.warn(`History: did not delete ${record.output}: it is not a file inside the workspace.`);
      } else if (uri && (await this.isDirectory(uri))) {
        this.log.warn(`History: did not delete ${record.output}: it is a folder, and outputs are files.`);
      } else if (uri) {
        try {
          await this.fs.delete(uri, { useTrash: true });
        } catch {
          try {
            await this.fs.delete(uri, { useTrash: false });
          } catch (err) {
            this.log.warn(`History: could not delete ${record.output}: ${err instanceof Error ? err.message : String(err)}`);
          }
        }
      }
    }
    await this.mutate((current) => current.filter((r) => r.id !== id));
  }

  dispose(): void {
    this.stopWatching();
    this.emitter.dispose();
  }

  private startWatching(): void {
    if (!this.location) return;
    const folder = vscode.Uri.joinPath(this.location, '..');
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, HISTORY_FILE));
    const reload = (): void => void this.reload();
    // File watching is best effort (remote file systems, exhausted inotify watches): a cheap stat now and then
    // catches what the watcher missed.
    const timer = setInterval(() => void this.reloadIfChanged(), POLL_MS);
    const parts = [watcher, watcher.onDidChange(reload), watcher.onDidCreate(reload), watcher.onDidDelete(reload)];
    this.watching = new vscode.Disposable(() => {
      clearInterval(timer);
      for (const d of parts) d.dispose();
    });
    // Another window may have written while nobody watched.
    void this.reloadIfChanged();
  }

  private stopWatching(): void {
    this.watching?.dispose();
    this.watching = undefined;
  }

  private file(): vscode.Uri | undefined {
    return this.location;
  }

  /**
   * The records in the file: [] when there is none yet. Another window replaces the file by deleting and renaming
   * (that is what workspace.fs does for an overwriting rename), so a missing or half-written file is read again
   * after a moment before it counts as empty.
   */
  private async read(): Promise<{ records: OutputRecord[]; stale: boolean } | undefined> {
    const file = this.file();
    if (!file) return undefined;
    for (let attempt = 1; ; attempt++) {
      const result = await this.readOnce(file);
      if (result !== 'retry') return result;
      if (attempt >= 3) {
        this.seen = ''; // gone (or unreadable): the poll waits for it to come back
        return { records: [], stale: false };
      }
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }

  private async readOnce(file: vscode.Uri): Promise<{ records: OutputRecord[]; stale: boolean } | 'retry'> {
    let bytes: Uint8Array;
    try {
      this.seen = await this.stamp(file);
      bytes = await this.fs.readFile(file);
    } catch {
      return 'retry';
    }
    try {
      const { records, stale, dropped } = readHistory(new TextDecoder().decode(bytes));
      if (dropped) this.log.warn(`History: dropped ${dropped} record(s) of ${HISTORY_FILE} that are not outputs of this version.`);
      return { records, stale };
    } catch (err) {
      this.log.warn(`History: ${HISTORY_FILE} is not valid JSON (${String(err)}).`);
      return 'retry';
    }
  }

  private async stamp(file: vscode.Uri): Promise<string> {
    const stat = await this.fs.stat(file);
    return `${stat.mtime}:${stat.size}`;
  }

  private async reloadIfChanged(): Promise<void> {
    const file = this.file();
    if (!file) return;
    const now = await this.stamp(file).catch(() => 'missing');
    if (now !== this.seen && !(now === 'missing' && this.seen === '')) await this.reload();
  }

  /** Re-reads the file, in turn with this window's own writes so that a read never overlaps one. */
  private reload(): Promise<void> {
    const run = async (): Promise<void> => {
      const read = await this.read();
      if (read === undefined) return;
      if (JSON.stringify(read.records) !== JSON.stringify(this.records)) {
        this.records = read.records;
        this.emitter.fire();
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch((err) => this.log.error(`History: could not read: ${String(err)}`));
    return result;
  }

  /**
   * Re-reads the file (another window may have written it), applies `change`, writes it back and notifies; with `when`,
   * only when what was read calls for it.
   */
  private mutate(
    change: (current: OutputRecord[]) => OutputRecord[], when?: (read: { records: OutputRecord[]; stale: boolean }) => boolean,
  ): Promise<void> {
    const run = async (): Promise<void> => {
      const file = this.file();
      const read = await this.read();
      if (when && (!read || !when(read))) return;
      const current = read?.records ?? this.records;
      const next = change(current).slice(0, MAX_RECORDS);
      this.records = next;
      if (file) {
        const temp = vscode.Uri.joinPath(file, '..', `.history.${process.pid}.${Date.now()}.partial`);
        await this.fs.createDirectory(vscode.Uri.joinPath(file, '..'));
        await this.fs.writeFile(temp, new TextEncoder().encode(historyText(next)));
        await this.fs.rename(temp, file, { overwrite: true });
        this.seen = await this.stamp(file).catch(() => '');
      }
      this.emitter.fire();
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch((err) => this.log.error(`History: could not save: ${String(err)}`));
    return result;
  }
}
