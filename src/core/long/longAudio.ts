// Long recordings: planning the parts of a file over the upload limit and transcribing them into one transcript.
//
// Order versus parallelism: a part's transcript is better when the model is told what came just before (the end of
// the previous part's text as `prompt`, as OpenAI advises for split audio), but that makes part k wait for part k-1.
// So for models that take a prompt the parts go one after another, each with the previous part's tail; for models
// that take none (gpt-4o-transcribe-diarize) nothing forces an order and up to `concurrency` parts are in flight.
// Either way the parts are planned up front (a cheap scan) and read from disk only while being sent.
import { open, rm } from 'node:fs/promises';
import { MediaApiError, isCancelled, validationError } from '../errors';
import { msg, reasonOf, WordedError, type Message } from '../messages';
import type { TranscriptResult, UploadSource } from '../types';
import { FfmpegMissingError, findFfmpeg, segmentWithFfmpeg } from './ffmpeg';
import { formatStamp, mergeTranscripts } from './merge';
import { planMp3Spans } from './mp3';
import { planWavSpans, readWavLayout, wavHeaderFor, WavError } from './wav';

export interface AudioPart {
  /** 1-based. */
  index: number;
  upload: UploadSource;
  startSeconds: number;
  seconds: number;
  bytes: number;
}

export interface AudioPlan {
  kind: 'wav' | 'mp3' | 'ffmpeg';
  parts: AudioPart[];
  /** Removes temporary files (ffmpeg's segments). */
  dispose(): Promise<void>;
}

/** Each part's bytes stay this far under the service's limit (multipart framing and rounding never tip it over). */
export const PART_MARGIN = 0.96;

function partName(name: string, index: number, extension: string): string {
  const dot = name.lastIndexOf('.');
  return `${dot > 0 ? name.slice(0, dot) : name}.part${index}.${extension}`;
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot >= 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** The container from the first bytes: WAV and MPEG audio are cut here, everything else by ffmpeg. */
function sniff(head: Buffer): 'wav' | 'mp3' | undefined {
  if (head.length >= 12 && head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WAVE') return 'wav';
  if (head.length >= 3 && head.toString('latin1', 0, 3) === 'ID3') return 'mp3';
  if (head.length >= 2 && head[0] === 0xff && (head[1] & 0xe0) === 0xe0 && (head[1] & 0x06) !== 0) return 'mp3';
  return undefined;
}

/**
 * Plans the parts of a file on disk, each at most `limit * PART_MARGIN` bytes. WAV is cut by samples, MP3 on frame
 * boundaries, both near quiet moments; other containers by ffmpeg (`ffmpegPath` overrides the PATH lookup).
 */
export async function planAudioParts(
  file: { name: string; path: string },
  limit: number,
  opts: { signal?: AbortSignal; ffmpegPath?: string | null } = {},
): Promise<AudioPlan> {
  const maxBytes = Math.floor(limit * PART_MARGIN);
  const handle = await open(file.path, 'r');
  let kind: 'wav' | 'mp3' | undefined;
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(size, 12));
    await handle.read(head, 0, head.length, 0);
    kind = sniff(head);
    if (kind === 'wav') {
      const layout = await readWavLayout(handle, size).catch((err: unknown) => {
        throw validationError('file', msg('long.badWav', { name: file.name, reason: reasonOf(err) }));
      });
      const spans = await planWavSpans(handle, layout, maxBytes);
      return {
        kind,
        parts: spans.map((s, i) => {
          const header = wavHeaderFor(layout.fmt, s.end - s.start);
          return {
            index: i + 1,
            upload: {
              name: partName(file.name, i + 1, 'wav'),
              path: file.path,
              range: { start: layout.dataOffset + s.start, end: layout.dataOffset + s.end },
              header,
            },
            startSeconds: s.startSeconds,
            seconds: s.seconds,
            bytes: header.length + s.end - s.start,
          };
        }),
        dispose: () => Promise.resolve(),
      };
    }
    if (kind === 'mp3') {
      const spans = await planMp3Spans(handle, size, maxBytes).catch((err: unknown) => {
        throw validationError('file', msg('long.badMp3', { name: file.name, reason: reasonOf(err) }));
      });
      const ext = ['mp3', 'mpga', 'mpeg'].includes(extensionOf(file.name)) ? extensionOf(file.name) : 'mp3';
      return {
        kind,
        parts: spans.map((s, i) => ({
          index: i + 1,
          upload: { name: partName(file.name, i + 1, ext), path: file.path, range: { start: s.start, end: s.end } },
          startSeconds: s.startSeconds,
          seconds: s.seconds,
          bytes: s.end - s.start,
        })),
        dispose: () => Promise.resolve(),
      };
    }
  } catch (err) {
    if (err instanceof WavError) throw validationError('file', msg('long.unsplittable', { name: file.name, reason: err.text }));
    throw err;
  } finally {
    await handle.close();
  }
  const exe = opts.ffmpegPath === null ? undefined : (opts.ffmpegPath ?? (await findFfmpeg()));
  const ext = extensionOf(file.name);
  if (!exe) {
    throw new MediaApiError(
      'validation',
      msg('long.noFfmpeg', { name: file.name, limit: `${Math.round(limit / (1024 * 1024))} MB`, ext }),
      { field: 'file', cause: new FfmpegMissingError('ffmpeg is not on the PATH') },
    );
  }
  const { dir, segments } = await segmentWithFfmpeg(exe, file.path, ext, maxBytes, opts.signal).catch((err: unknown) => {
    if (isCancelled(err) || (err as Error).name === 'AbortError') throw new MediaApiError('cancelled', msg('cancelled.operation'));
    throw validationError('file', msg('long.ffmpegFailed', { name: file.name, reason: reasonOf(err) }));
  });
  return {
    kind: 'ffmpeg',
    parts: segments.map((s, i) => ({
      index: i + 1,
      upload: { name: partName(file.name, i + 1, ext), path: s.path },
      startSeconds: s.startSeconds,
      seconds: s.seconds,
      bytes: s.bytes,
    })),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

export interface PartRunOptions {
  signal?: AbortSignal;
  /** Parts in flight at once when no prompt chains them. */
  concurrency?: number;
  /** Called as part `index` of `count` starts. */
  onProgress?: (index: number, count: number) => void;
}

/** The last ~`chars` characters of a text, from a word start: what the next part gets as its prompt. */
export function promptTail(text: string, chars = 600): string {
  const t = text.trim();
  if (t.length <= chars) return t;
  const cut = t.slice(t.length - chars);
  const space = cut.search(/\s/);
  return (space >= 0 ? cut.slice(space + 1) : cut).trim();
}

/**
 * Transcribes the planned parts and merges them. `send` does one request for one part with the prompt to use (the
 * caller's own prompt first, then the previous part's tail, when `chain` is on). The first failure stops every other
 * part and is reported with the part's number and time range.
 */
export async function transcribeParts(
  parts: AudioPart[],
  send: (upload: UploadSource, prompt: string | undefined, signal: AbortSignal) => Promise<TranscriptResult>,
  opts: PartRunOptions & { chain: boolean; prompt?: string; maxPrompt?: number },
): Promise<TranscriptResult> {
  const results = await runParts<AudioPart, TranscriptResult>(
    parts,
    async (part, signal, previous) => {
      // The caller's prompt (names, spellings) first, then as much of the previous part's end as the field takes.
      const room = (opts.maxPrompt ?? Infinity) - (opts.prompt ? opts.prompt.length + 1 : 0);
      const tail = opts.chain && previous && room > 20 ? promptTail(previous.text, Math.min(600, room)) : '';
      const prompt = [opts.prompt, tail].filter(Boolean).join(' ');
      return send(part.upload, prompt || undefined, signal);
    },
    { ...opts, concurrency: opts.chain ? 1 : opts.concurrency },
    (part) => msg('long.partAudio', { index: part.index, count: parts.length, range: range(part) }),
  );
  return mergeTranscripts(results.map((result, i) => ({ result, offset: parts[i].startSeconds, seconds: parts[i].seconds })));
}

function range(part: AudioPart): string {
  const stamp = (s: number) => formatStamp(s, '.').replace(/\.\d+$/, '');
  return `${stamp(part.startSeconds)}–${stamp(part.startSeconds + part.seconds)}`;
}

/**
 * Runs `work` over the items with at most `concurrency` in flight, in order of start, results in item order. With
 * concurrency 1, `previous` is the result of the item before. The first failure aborts every other item; the error
 * is re-thrown with `label(item)` in front of its message (a cancellation is passed on as it is).
 */
export async function runParts<T, R>(
  items: T[],
  work: (item: T, signal: AbortSignal, previous: R | undefined) => Promise<R>,
  opts: PartRunOptions,
  label: (item: T, index: number) => Message,
): Promise<R[]> {
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  if (opts.signal?.aborted) throw new MediaApiError('cancelled', msg('cancelled.operation'));
  opts.signal?.addEventListener('abort', onAbort);
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: Error | undefined;
  const lane = async (): Promise<void> => {
    while (next < items.length && failure === undefined && !controller.signal.aborted) {
      const index = next++;
      opts.onProgress?.(index + 1, items.length);
      try {
        results[index] = await work(items[index], controller.signal, index > 0 ? results[index - 1] : undefined);
      } catch (err) {
        if (failure === undefined) failure = labelled(err, label(items[index], index), opts.signal?.aborted === true);
        controller.abort();
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 1, items.length)) }, lane));
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
  if (failure !== undefined) throw failure;
  if (opts.signal?.aborted) throw new MediaApiError('cancelled', msg('cancelled.operation'));
  return results;
}

function labelled(err: unknown, label: Message, cancelled: boolean): Error {
  if (cancelled || isCancelled(err)) {
    return err instanceof MediaApiError ? err : new MediaApiError('cancelled', msg('cancelled.operation'));
  }
  if (err instanceof MediaApiError) {
    return new MediaApiError(err.code, msg('long.partFailed', { part: label, reason: err.text ?? err.summary }), {
      serviceMessage: err.serviceMessage,
      status: err.status,
      requestId: err.requestId,
      serviceCode: err.serviceCode,
      setting: err.setting,
      categories: err.categories,
      field: err.field,
      retryAfterMs: err.retryAfterMs,
      part: label,
      cause: err,
    });
  }
  return new WordedError(msg('long.partFailed', { part: label, reason: reasonOf(err) }), { cause: err });
}
