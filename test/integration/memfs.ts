// An in-memory file system for the tests of virtual and read-only workspaces (platform, multi-root).
import * as vscode from 'vscode';

/** The smallest in-memory FileSystemProvider: a stand-in for a virtual workspace (vscode.dev, GitHub, remote). */
export class MemoryFileSystem implements vscode.FileSystemProvider {
  private readonly files = new Map<string, { data: Uint8Array; mtime: number }>();
  private readonly folders = new Set<string>(['/']);
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }
  stat(uri: vscode.Uri): vscode.FileStat {
    const f = this.files.get(uri.path);
    if (f) return { type: vscode.FileType.File, ctime: f.mtime, mtime: f.mtime, size: f.data.length };
    if (this.folders.has(uri.path)) return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    throw vscode.FileSystemError.FileNotFound(uri);
  }
  readDirectory(uri: vscode.Uri): [string, vscode.FileType][] {
    const prefix = uri.path === '/' ? '/' : `${uri.path}/`;
    const out: [string, vscode.FileType][] = [];
    for (const p of this.files.keys()) if (p.startsWith(prefix) &&
      !p.slice(prefix.length).includes('/')) out.push([p.slice(prefix.length), vscode.FileType.File]);
    for (const p of this.folders) if (p !== uri.path && p.startsWith(prefix) &&
      !p.slice(prefix.length).includes('/')) out.push([p.slice(prefix.length), vscode.FileType.Directory]);
    return out;
  }
  createDirectory(uri: vscode.Uri): void {
    this.folders.add(uri.path);
  }
  readFile(uri: vscode.Uri): Uint8Array {
    const f = this.files.get(uri.path);
    if (!f) throw vscode.FileSystemError.FileNotFound(uri);
    return f.data;
  }
  writeFile(uri: vscode.Uri, content: Uint8Array, options: { create: boolean; overwrite: boolean }): void {
    const exists = this.files.has(uri.path);
    if (exists && !options.overwrite) throw vscode.FileSystemError.FileExists(uri);
    if (!exists && !options.create) throw vscode.FileSystemError.FileNotFound(uri);
    this.files.set(uri.path, { data: content, mtime: Date.now() });
  }
  delete(uri: vscode.Uri): void {
    if (!this.files.delete(uri.path)) throw vscode.FileSystemError.FileNotFound(uri);
  }
  rename(from: vscode.Uri, to: vscode.Uri, options: { overwrite: boolean }): void {
    const f = this.files.get(from.path);
    if (!f) throw vscode.FileSystemError.FileNotFound(from);
    if (this.files.has(to.path) && !options.overwrite) throw vscode.FileSystemError.FileExists(to);
    this.files.delete(from.path);
    this.files.set(to.path, f);
  }
  names(folder: string): string[] {
    return [...this.files.keys()].filter((p) => p.startsWith(folder)).map((p) => p.slice(folder.length)).sort();
  }
}
