// The engine's files on the local disk, as the command line uses them: paths, node:fs, names claimed with core/claim.ts
// exactly as the extension claims them on a local workspace.
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { claimLocalFile, KeyedQueue, MAX_CANDIDATES } from '../claim';
import { MediaApiError } from '../errors';
import { msg, WordedError } from '../messages';
import { temporaryName } from '../naming';
import type { UploadSource } from '../types';
import type { Destination, MediaFiles, OutputFile, Place } from './files';

export interface NodeFilesOptions {
  /** The folder relative paths of settings resolve against (the workspace of a settings file, or the current folder). */
  root: string;
  /** Every output goes here instead (--out). */
  out?: string;
}

export class NodeFiles implements MediaFiles<string> {
  /** Name claims are serialized per folder within this process; across processes the file system decides. */
  private readonly claims = new KeyedQueue();

  constructor(private readonly options: NodeFilesOptions) {}

  name(file: string): string {
    return path.basename(file);
  }

  destination(place: Place<string>, _proposed: string): Promise<Destination<string>> {
    return Promise.resolve({ folder: 'beside' in place ? this.besideInput(place.beside) : this.outputFolder(place.relative) });
  }

  besideInput(input: string): string {
    return this.options.out ?? path.dirname(path.resolve(input));
  }

  /** azureOpenAIMedia.outputFolder inside the root, as the extension takes it inside the workspace. */
  private outputFolder(relative: string): string {
    return this.options.out ?? this.inside(relative, 'outputFolder');
  }

  upload(file: string): Promise<UploadSource> {
    return Promise.resolve({ name: this.name(file), path: path.resolve(file) });
  }

  async head(file: string, max: number): Promise<{ head: Uint8Array; size: number }> {
    const handle = await fsp.open(file, 'r');
    try {
      const { size } = await handle.stat();
      const buffer = Buffer.alloc(Math.min(size, max));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      return { head: buffer.subarray(0, bytesRead), size };
    } finally {
      await handle.close();
    }
  }

  read(file: string): Promise<Uint8Array> {
    return fsp.readFile(file);
  }

  knownSpeakerClip(_audio: string, clip: string): string {
    return this.inside(clip, 'transcription.knownSpeakers');
  }

  async writeAll(folder: string, files: OutputFile[], signal?: AbortSignal): Promise<string[]> {
    throwIfAborted(signal);
    await fsp.mkdir(folder, { recursive: true });
    const token = randomBytes(4).toString('hex');
    const temps: string[] = [];
    const finals: string[] = [];
    try {
      for (const file of files) {
        const temp = path.join(folder, temporaryName(file.name, token));
        temps.push(temp);
        await fsp.writeFile(temp, file.data, { flag: 'wx' });
        throwIfAborted(signal);
      }
      for (let i = 0; i < files.length; i++) {
        throwIfAborted(signal);
        const name = await this.claims.run(folder, () => claimLocalFile(temps[i], folder, files[i].name));
        if (name === undefined) throw new WordedError(msg('naming.noFreeName', { name: files[i].name, limit: MAX_CANDIDATES }));
        finals.push(path.join(folder, name));
      }
      return finals;
    } catch (err) {
      await Promise.all([...temps, ...finals].map((file) => fsp.rm(file, { force: true }).catch(() => undefined)));
      throw err;
    } finally {
      // A claim links the temporary file to its name and then unlinks the temporary name; make sure none is left.
      await Promise.all(temps.map((file) => fsp.rm(file, { force: true }).catch(() => undefined)));
    }
  }

  /** Relative to the current folder when inside it (as the extension shows workspace-relative paths), else absolute. */
  display(file: string): string {
    const relative = path.relative(process.cwd(), path.resolve(file));
    return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : path.resolve(file);
  }

  /** A relative path from a setting, resolved inside the root: a settings file cannot point outside its workspace. */
  private inside(relative: string, setting: string): string {
    const segments = relative.replace(/\\/g, '/').split('/').filter((s) => s && s !== '.');
    if (path.isAbsolute(relative) || /^[a-z]:/i.test(relative.trim()) || segments.includes('..')) {
      throw new WordedError(msg('engine.outsideRoot', { setting: `azureOpenAIMedia.${setting}`, value: relative }));
    }
    return path.join(this.options.root, ...segments);
  }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new MediaApiError('cancelled', msg('cancelled.operation'));
}
