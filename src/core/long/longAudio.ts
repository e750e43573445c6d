// Long recordings: planning the parts of a file over the upload limit and transcribing them into one transcript.
//
// Order versus parallelism: a part's transcript is better when the model is told what came before (the end of the
// text so far as `prompt`, as OpenAI advises for split audio), but a strict chain makes part k wait for part k-1, and
// the service's time grows with a part's audio: a two-hour recording in nine parts waits for nine answers in a row.
// So for models that take a prompt the parts go in two rounds by default: part 1 alone, then all the others at once
// (up to `concurrency`), each prompted with what is known when it is sent: the caller's prompt, the names and terms
// part 1 used, and the end of the nearest earlier part already done (part 1's, or a later one's when parts wait for a
// lane). The strict chain (`order: 'chain'`) stays for those who want each part told exactly what came before it.
// Where parts meet, merge.ts mends what the order can cost (seam.ts: a repeat at a part's start, a sentence cut in
// two). Models that take no prompt send up to `concurrency` parts at once, except that a transcript by speaker sends
// part 1 first: clips of its speakers go with the others (transcribeDiarizedParts). Either way the parts are planned
// up front (a cheap scan) and read from disk only while being sent.
import { open, rm } from 'node:fs/promises';
import { MediaApiError, isCancelled, validationError } from '../errors';
import { msg, reasonOf, WordedError, type Message } from '../messages';
import { extensionOf } from '../media';
import type { DiarizedSegment, Logger, TranscriptResult, UploadSource } from '../types';
import type { AudioPart, AudioPlan } from './plan';
import { planCarriedSpeakers, relabelPart, type CarriedSpeaker } from './carry';
import { partClip, type Clip } from './clip';
import { KNOWN_SPEAKER_SECONDS, audioDataUrl, speakersOf } from '../speakers';
import { FfmpegMissingError, findFfmpeg, segmentWithFfmpeg, type FfmpegSearch } from './ffmpeg';
import { formatStamp, mergeTranscripts } from './merge';
import { planMp3Spans } from './mp3';
import type { PartOrder } from './order';
import { PartProgress } from './progress';
import { namesAndTerms, termsLine } from './terms';
import { planWavSpans, readWavLayout, wavHeaderFor, WavError } from './wav';

export type { AudioPart, AudioPlan } from './plan';

/** Each part's bytes stay this far under the service's limit (multipart framing and rounding never tip it over). */
export const PART_MARGIN = 0.96;

function partName(name: string, index: number, extension: string): string {
  const dot = name.lastIndexOf('.');
  return `${dot > 0 ? name.slice(0, dot) : name}.part${index}.${extension}`;
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
  opts: { signal?: AbortSignal; ffmpegPath?: string | null; ffmpeg?: FfmpegSearch } = {},
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
  const ext = extensionOf(file.name);
  if (opts.ffmpeg?.allowed === false) {
    const refusal = msg('long.ffmpegUntrusted', { name: file.name, ext });
    throw new MediaApiError('validation', refusal, { field: 'file', setting: 'workspaceTrust' });
  }
  const exe = opts.ffmpegPath === null ? undefined : (opts.ffmpegPath ?? (await findFfmpeg(process.env, opts.ffmpeg)));
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
    ffmpeg: exe,
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
  /** Called as part `index` of `count` is done. */
  onFinish?: (index: number, count: number) => void;
}


/** How a run of parts reports: the file's name for the messages, where they go, and a log. */
export interface PartReport {
  name?: string;
  report?: (message: Message) => void;
  logger?: Logger;
}

function tracker(parts: AudioPart[], lanes: number, opts: PartReport): PartProgress {
  return new PartProgress(opts.name ?? 'Recording', parts.map((p) => p.seconds), lanes, (m) => opts.report?.(m));
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
 * Transcribes the planned parts and merges them. `send` does one request for one part with the prompt to use. With
 * `prompted` (the model takes a prompt) the parts go in `order` (twoRounds by default) and each prompt is the caller's
 * own, then (two rounds) part 1's names and terms, then the end of the nearest earlier part already done (chain: the
 * part just before). Without, up to `concurrency` go at once with the caller's prompt alone. The first failure stops
 * every other part and is reported with the part's number and time range.
 */
export async function transcribeParts(
  parts: AudioPart[],
  send: (upload: UploadSource, prompt: string | undefined, signal: AbortSignal) => Promise<TranscriptResult>,
  opts: PartRunOptions & PartReport & { prompted: boolean; order?: PartOrder; prompt?: string; maxPrompt?: number; language?: string },
): Promise<TranscriptResult> {
  const order = opts.prompted ? opts.order ?? 'twoRounds' : undefined;
  const concurrency = Math.max(1, opts.concurrency ?? 1);
  const done = new Array<TranscriptResult | undefined>(parts.length);
  const log = (text: string) => opts.logger?.info(`${opts.name ?? 'Recording'}: ${text}`);
  const promptFor = (i: number): string | undefined => {
    if (!order) return opts.prompt;
    // The caller's prompt (names, spellings) first, then as much of what is known as the field takes.
    const user = opts.prompt ?? '';
    const room = (opts.maxPrompt ?? Infinity) - (user ? user.length + 1 : 0);
    let j = i - 1;
    while (j >= 0 && !done[j]) j--;
    const tail = j >= 0 && room > 20 ? promptTail(done[j]!.text, Math.min(600, room)) : '';
    const known = `${user} ${tail}`.toLowerCase();
    const terms = order === 'twoRounds' && i > 0 && done[0]
      ? termsLine(namesAndTerms(done[0].text).filter((t) => !known.includes(t.toLowerCase())), Math.min(200, room - tail.length - 1))
      : '';
    const told = [j >= 0 ? `the end of part ${j + 1}` : '', terms ? 'part 1\'s names and terms' : ''].filter(Boolean).join(' and ');
    if (i > 0) log(`part ${i + 1} is sent with ${told || 'no earlier text'}.`);
    return [user, terms, tail].filter(Boolean).join(' ') || undefined;
  };
  const work = async (part: AudioPart, signal: AbortSignal): Promise<TranscriptResult> => {
    const result = await send(part.upload, promptFor(part.index - 1), signal);
    done[part.index - 1] = result;
    return result;
  };
  const progress = tracker(parts, order === 'chain' ? 1 : concurrency, opts);
  const run = (items: AudioPart[], lanes: number) => runParts(items, work, {
    signal: opts.signal,
    concurrency: lanes,
    onProgress: (k) => progress.start(items[k - 1].index - 1),
    onFinish: (k) => progress.finish(items[k - 1].index - 1),
  }, (part) => msg('long.partAudio', { index: part.index, count: parts.length, range: range(part) }));
  const results = order === 'twoRounds' && parts.length > 1
    ? [...(await run(parts.slice(0, 1), 1)), ...(await run(parts.slice(1), concurrency))]
    : await run(parts, order === 'chain' ? 1 : concurrency);
  return mergeTranscripts(results.map((result, i) => ({ result, offset: parts[i].startSeconds, seconds: parts[i].seconds })), {
    language: opts.language,
    onSeam: (k, fix) => log(`where part ${k} meets part ${k + 1}: ${seamWords(fix)}.`),
  });
}

function seamWords(fix: { trimLeft: number; trimRight: number; join: boolean }): string {
  return [
    fix.trimRight ? `${fix.trimRight} repeated word(s) at the start of the later part taken out` : '',
    fix.trimLeft ? `${fix.trimLeft} word(s) at the end of the earlier part taken out for the later part's complete copy` : '',
    fix.join ? 'one sentence across the cut' : '',
  ].filter(Boolean).join('; ');
}

/** Known speakers as the request sends them: names paired with data-URL clips. */
export interface KnownSpeakerFields {
  names: string[];
  references: string[];
}

/**
 * Transcribes a diarized recording's parts so that they keep part 1's speakers: part 1 goes alone (with the user's
 * known speakers, if any, as the request has them); a clip of each of its other speakers is cut from its audio
 * (carry.ts chooses, clip.ts cuts) and the remaining parts go `concurrency` at a time with the user's and the carried
 * speakers. A speaker whose clip cannot be had is logged and left out; the transcript is made all the same. `send`
 * does one request, with `speakers` replacing the request's known speakers when given.
 */
export async function transcribeDiarizedParts(
  plan: Pick<AudioPlan, 'kind' | 'parts' | 'ffmpeg'>,
  send: (upload: UploadSource, speakers: KnownSpeakerFields | undefined, signal: AbortSignal) => Promise<TranscriptResult>,
  opts: PartRunOptions & PartReport & { user?: KnownSpeakerFields },
): Promise<TranscriptResult> {
  const { parts } = plan;
  const label = (part: AudioPart) => msg('long.partAudio', { index: part.index, count: parts.length, range: range(part) });
  const progress = tracker(parts, Math.max(1, opts.concurrency ?? 1), opts);
  const [first] = await runParts([parts[0]], (part, signal) => send(part.upload, undefined, signal),
    { signal: opts.signal, onProgress: () => progress.start(0), onFinish: () => progress.finish(0) }, label);
  const user = opts.user ?? { names: [], references: [] };
  const carried = first.format === 'diarized_json' ? await carrySpeakers(plan, first.segments, user.names, opts) : [];
  const speakers: KnownSpeakerFields = {
    names: [...user.names, ...carried.map((c) => c.speaker.name)],
    references: [...user.references, ...carried.map((c) => audioDataUrl(c.clip.bytes, c.clip.mimeType))],
  };
  const rest = await runParts(parts.slice(1), (part, signal) => send(part.upload, speakers.names.length ? speakers : undefined, signal), {
    signal: opts.signal,
    concurrency: opts.concurrency,
    onProgress: (k) => progress.start(k),
    onFinish: (k) => progress.finish(k),
  }, label);
  const used = new Set(first.format === 'diarized_json' ? speakersOf(first.segments) : []);
  const results = [first, ...rest.map((r) => r.format === 'diarized_json'
    ? { ...r, segments: relabelPart(r.segments, carried.map((c) => c.speaker), user.names, used) }
    : r)];
  return mergeTranscripts(results.map((result, i) => ({ result, offset: parts[i].startSeconds, seconds: parts[i].seconds })));
}

async function carrySpeakers(
  plan: Pick<AudioPlan, 'kind' | 'parts' | 'ffmpeg'>,
  segments: readonly DiarizedSegment[],
  userNames: string[],
  opts: { signal?: AbortSignal; logger?: Logger; name?: string },
): Promise<Array<{ speaker: CarriedSpeaker; clip: Clip }>> {
  const log = (text: string) => opts.logger?.info(`${opts.name ?? 'Recording'}: ${text}`);
  const choice = planCarriedSpeakers(segments, userNames);
  for (const s of choice.skipped) log(`speaker ${s.label} of part 1 is not carried to the other parts: ${s.reason}.`);
  const part = plan.parts[0];
  const cut = (s: CarriedSpeaker): Promise<Clip> | undefined => partClip(plan, part, s.start, s.seconds, opts.signal);
  const carried: Array<{ speaker: CarriedSpeaker; clip: Clip }> = [];
  for (const speaker of choice.speakers) {
    let clip: Clip | undefined;
    try {
      clip = await cut(speaker);
    } catch (err) {
      if (opts.signal?.aborted) throw new MediaApiError('cancelled', msg('cancelled.operation'));
      log(`speaker ${speaker.label} of part 1 is not carried: its clip could not be cut (${(err as Error).message}).`);
      continue;
    }
    if (!clip) {
      log(`speakers are not carried across parts: a ${plan.kind} part has no cutter for a clip (ffmpeg was not used).`);
      break;
    }
    if (clip.seconds < KNOWN_SPEAKER_SECONDS.min || clip.seconds > KNOWN_SPEAKER_SECONDS.max) {
      log(`speaker ${speaker.label} of part 1 is not carried: its clip came out ${clip.seconds.toFixed(2)} s long.`);
      continue;
    }
    log(`speaker ${speaker.label} of part 1 is carried to the other parts as "${speaker.name}" with a ${clip.seconds.toFixed(1)} s ` +
      `clip from ${formatStamp(part.startSeconds + speaker.start, '.')} (${Math.round(clip.bytes.length / 1024)} KB).`);
    carried.push({ speaker, clip });
  }
  return carried;
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
        opts.onFinish?.(index + 1, items.length);
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
