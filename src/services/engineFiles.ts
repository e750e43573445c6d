import * as vscode from 'vscode';
import { open } from 'node:fs/promises';
import type { MediaFiles, OutputFile } from '../core/engine';
import type { UploadSource } from '../core/types';
import type { Destination, Place } from '../core/engine';
import { resolveRef } from '../shared/paths';
import type { Destinations } from './destination';
import { staysInside, workspaceRelative, type WorkspaceOutput } from './output';
import { isTrusted, refuseUntrusted } from './trust';
import { UserError } from './userError';

/** The engine's files in the extension: vscode.Uri, read and written through workspace.fs (remote and virtual too). */
export class WorkspaceFiles implements MediaFiles<vscode.Uri> {
  constructor(
    private readonly output: WorkspaceOutput,
    private readonly places: Destinations,
  ) {}

  name(file: vscode.Uri): string {
    return file.path.slice(file.path.lastIndexOf('/') + 1);
  }

  /** services/destination.ts: the workspace folder of the input or origin, the save dialog without one. */
  destination(place: Place<vscode.Uri>, proposed: string): Promise<Destination<vscode.Uri>> {
    return this.places.resolve(place, proposed);
  }

  besideInput(input: vscode.Uri): vscode.Uri {
    return vscode.Uri.joinPath(input, '..');
  }

  /** The output's workspace folder by name, in a window of several folders. */
  folderName(file: vscode.Uri): string | undefined {
    if ((vscode.workspace.workspaceFolders?.length ?? 0) < 2) return undefined;
    return vscode.workspace.getWorkspaceFolder(file)?.name;
  }

  /** A file on disk is streamed from its path; anywhere else (remote, virtual) it is read through workspace.fs. */
  async upload(file: vscode.Uri): Promise<UploadSource> {
    if (file.scheme === 'file') return { name: this.name(file), path: file.fsPath };
    return { name: this.name(file), data: await vscode.workspace.fs.readFile(file) };
  }

  head(file: vscode.Uri, max: number): Promise<{ head: Uint8Array; size: number }> {
    return fileHead(file, max);
  }

  read(file: vscode.Uri): Promise<Uint8Array> {
    return Promise.resolve(vscode.workspace.fs.readFile(file));
  }

  /**
   * Relative to the audio's workspace folder, and inside it (the setting may come from the repository): resolved like
   * the Studio's references, a symbolic link followed only when its target stays inside. Not in Restricted Mode.
   */
  knownSpeakerClip(audio: vscode.Uri, path: string): vscode.Uri {
    if (!isTrusted()) refuseUntrusted(vscode.l10n.t('The clips of azureOpenAIMedia.transcription.knownSpeakers were not read.'));
    const folder = vscode.workspace.getWorkspaceFolder(audio);
    const resolved = folder && resolveRef(path, [folder.uri.toString()]);
    const clip = resolved && vscode.Uri.joinPath(folder.uri, ...resolved.segments);
    if (!clip || !staysInside(clip, folder.uri)) {
      throw new UserError(vscode.l10n.t(
        'The known speaker clip {0} must be an audio file inside the workspace folder. Fix azureOpenAIMedia.transcription.knownSpeakers.',
        path), 'transcription.knownSpeakers');
    }
    return clip;
  }

  writeAll(folder: vscode.Uri, files: OutputFile[], signal?: AbortSignal): Promise<vscode.Uri[]> {
    return this.output.writeAll(folder, files, signal);
  }

  display(file: vscode.Uri): string {
    return workspaceRelative(file);
  }
}

/** The first `max` bytes of a file and its size: read in a range on the local disk, whole through workspace.fs elsewhere. */
export async function fileHead(file: vscode.Uri, max: number): Promise<{ head: Uint8Array; size: number }> {
  const { size } = await vscode.workspace.fs.stat(file);
  if (file.scheme !== 'file') return { head: await vscode.workspace.fs.readFile(file), size };
  const handle = await open(file.fsPath, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(size, max));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return { head: buffer.subarray(0, bytesRead), size };
  } finally {
    await handle.close();
  }
}
