// Containers the extension cannot cut itself (m4a/mp4, ogg, webm, flac) are cut by ffmpeg when it is on the PATH:
// stream copy (`-c copy`) into segments of a length that keeps each under the limit, in a temporary folder.
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, readFile, realpath, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, isAbsolute, join, relative } from 'node:path';
import { msg, WordedError } from '../messages';

/** Only the cause of long.noFfmpeg (which is what a user reads), for callers that branch on it; its text is for the log. */
export class FfmpegMissingError extends Error {}

/** Where ffmpeg may be run from. */
export interface FfmpegSearch {
  /** False in an untrusted workspace: no program is run at all. */
  allowed?: boolean;
  /** Folders whose programs are never run (the workspace folders: a repository could ship its own `ffmpeg`). */
  exclude?: readonly string[];
}

/**
 * The ffmpeg executable on the PATH, or undefined. Only absolute PATH entries count: a relative one (`.`, `bin`,
 * `./node_modules/.bin`) resolves against the extension host's working directory, which is the repository when VS Code
 * was started in it. An entry inside an `exclude` folder (compared by real path) is skipped for the same reason.
 */
export async function findFfmpeg(env: NodeJS.ProcessEnv = process.env, search: FfmpegSearch = {}): Promise<string | undefined> {
  if (search.allowed === false) return undefined;
  const names = process.platform === 'win32' ? ['ffmpeg.exe', 'ffmpeg.cmd', 'ffmpeg.bat'] : ['ffmpeg'];
  const excluded = await Promise.all((search.exclude ?? []).map((dir) => realpath(dir).catch(() => dir)));
  for (const dir of (env.PATH ?? env.Path ?? '').split(delimiter).filter(Boolean)) {
    if (!isAbsolute(dir)) continue;
    const real = await realpath(dir).catch(() => undefined);
    if (!real || excluded.some((folder) => isInside(real, folder))) continue;
    for (const name of names) {
      try {
        await access(join(dir, name), constants.X_OK);
        return join(dir, name);
      } catch {
        /* not here */
      }
    }
  }
  return undefined;
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

export function run(exe: string, args: string[], signal?: AbortSignal): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(exe, args, { stdio: ['ignore', 'ignore', 'pipe'], signal, windowsHide: true });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 64 * 1024) stderr += d.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

export interface FfmpegSegment {
  path: string;
  startSeconds: number;
  seconds: number;
  bytes: number;
}

/**
 * Cuts `input` into segments of at most `maxBytes` with stream copy. The segment length comes from the file's duration
 * (ffmpeg's own report) and size; segments cut on packet boundaries can come out larger than the average, so a
 * too-large result is redone with shorter segments. The caller removes `dir` when done.
 */
export async function segmentWithFfmpeg(
  exe: string,
  input: string,
  extension: string,
  maxBytes: number,
  signal?: AbortSignal,
): Promise<{ dir: string; segments: FfmpegSegment[] }> {
  const probe = await run(exe, ['-hide_banner', '-nostdin', '-i', input], signal);
  const m = /Duration:\s*(\d+):(\d{2}):(\d{2}(?:\.\d+)?)/.exec(probe.stderr);
  // The detail is ffmpeg's own words.
  if (!m) throw new WordedError(msg('ffmpeg.noDuration', { detail: probe.stderr.trim().split('\n').pop() ?? '' }));
  const duration = Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
  const size = (await stat(input)).size;
  const dir = await mkdtemp(join(tmpdir(), 'aoai-media-parts-'));
  try {
    let seconds = Math.max(10, Math.floor((duration * maxBytes * 0.85) / size));
    for (let attempt = 0; attempt < 4; attempt++, seconds = Math.max(5, Math.floor(seconds * 0.7))) {
      const list = join(dir, `list-${attempt}.csv`);
      const pattern = join(dir, `a${attempt}-part%04d.${extension}`);
      const { code, stderr } = await run(
        exe,
        ['-hide_banner', '-nostdin', '-v', 'error', '-i', input, '-map', '0:a:0', '-c', 'copy', '-f', 'segment',
          '-segment_time', String(seconds), '-reset_timestamps', '1', '-segment_list', list, '-segment_list_type', 'csv', pattern],
        signal,
      );
      if (code !== 0) {
        const detail = stderr.trim().split('\n').pop() || msg('ffmpeg.exitCode', { code: String(code) });
        throw new WordedError(msg('ffmpeg.cutFailed', { detail }));
      }
      const segments: FfmpegSegment[] = [];
      for (const line of (await readFile(list, 'utf8')).split(/\r?\n/).filter(Boolean)) {
        const [file, start, end] = line.split(',');
        const path = join(dir, file);
        segments.push({ path, startSeconds: Number(start), seconds: Number(end) - Number(start), bytes: (await stat(path)).size });
      }
      if (segments.length && segments.every((s) => s.bytes <= maxBytes)) return { dir, segments };
    }
    throw new WordedError(msg('ffmpeg.partsTooLarge'));
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}
