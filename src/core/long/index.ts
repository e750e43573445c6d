// The entry points MediaService calls: a recording or a text is sent as it is when the service takes it, and in parts
// (then merged or joined into one result) when it is over the service's limit.
import { stat } from 'node:fs/promises';
import { MediaApiError } from '../errors';
import { msg, type Message } from '../messages';
import { fieldSpecs, resolveModel, uploadLimit } from '../catalog';
import type { Logger, SpeechFormat, SpeechRequest, TranscriptionRequest, TranscriptResult, TranslationRequest } from '../types';
import { isDiarizing } from '../speakers';
import type { FfmpegSearch } from './ffmpeg';
import { planAudioParts, runParts, transcribeDiarizedParts, transcribeParts } from './longAudio';
import { AUDIO_CONCURRENCY, MAX_AUDIO_CONCURRENCY, type PartOrder } from './order';
import { joinSpeech, partFormat, type JoinedSpeech } from './speechJoin';
import { splitSpeechText } from './textSplit';

export { splitSpeechText, speechPartCount } from './textSplit';
export { AUDIO_CONCURRENCY, MAX_AUDIO_CONCURRENCY, type PartOrder } from './order';

/** The service's upload limit for a recording (the catalog's, 25 MB). */
export function audioLimit(): number {
  return uploadLimit('transcription', 'file');
}

/** How many characters one speech request takes for `model` (the catalog's, 4096); undefined: no known limit. */
export function speechInputLimit(model: string | undefined): number | undefined {
  return resolveModel(model ?? '').operations.speech?.limits?.maxInput;
}

/** Speech parts in flight at once (speech deployments allow few requests a minute). */
const SPEECH_CONCURRENCY = 2;

export interface LongRunOptions {
  signal?: AbortSignal;
  /** "Part 1 of n", then "k of n parts done, about … left" (messages: the caller words them). */
  onProgress?: (message: Message) => void;
  logger?: Logger;
  /** The order of the parts for a model that takes a prompt (default twoRounds). */
  order?: PartOrder;
  /** Parts in flight at once after part 1 (AUDIO_CONCURRENCY unless given; 1 to MAX_AUDIO_CONCURRENCY). */
  concurrency?: number;
  /** The upload limit in bytes: the catalog's unless given (the bench lowers it to keep its files small). */
  limit?: number;
  /** Whether and from where ffmpeg may run (not at all in an untrusted workspace, never from inside the workspace). */
  ffmpeg?: FfmpegSearch;
}

/**
 * Sends a transcription or translation. A file on disk over the upload limit is split, its parts sent (in
 * `opts.order`, each prompted with what is known before it, when `prompted`: the model takes a prompt), and the
 * transcripts merged; `send` does one request.
 */
export async function transcribeAny<R extends TranscriptionRequest | TranslationRequest>(
  request: R,
  prompted: boolean,
  send: (request: R, signal: AbortSignal | undefined) => Promise<TranscriptResult>,
  opts: LongRunOptions = {},
): Promise<TranscriptResult> {
  const file = request.file;
  const size = file.path !== undefined && !file.range ? await stat(file.path).then((s) => s.size, () => 0) : (file.data?.byteLength ?? 0);
  const limit = opts.limit ?? audioLimit();
  const concurrency = Math.min(MAX_AUDIO_CONCURRENCY, Math.max(1, Math.floor(opts.concurrency ?? AUDIO_CONCURRENCY)));
  if (size <= limit) return send(request, opts.signal);
  if (file.path === undefined) {
    const mb = `${Math.round(limit / (1024 * 1024))} MB`;
    throw new MediaApiError('validation', msg('long.notLocal', { name: file.name, limit: mb }), { field: 'file' });
  }
  const started = Date.now();
  const plan = await planAudioParts({ name: file.name, path: file.path }, limit, { signal: opts.signal, ffmpeg: opts.ffmpeg });
  try {
    opts.logger?.info(`${file.name}: ${(size / 1048576).toFixed(1)} MB, over the limit: ${plan.parts.length} parts (${plan.kind}), ` +
      `${plan.parts.map((p) => `${(p.bytes / 1048576).toFixed(1)} MB`).join(', ')}, planned in ${Date.now() - started} ms.`);
    const report = { name: file.name, report: opts.onProgress, logger: opts.logger };
    // Speaker labels are per request: a diarized transcript's later parts are sent with part 1's speakers as known ones.
    if ('model' in request && isDiarizing(request.model) && request.response_format === 'diarized_json' && !prompted) {
      const names = request.known_speaker_names ?? [];
      return await transcribeDiarizedParts(
        plan,
        (upload, speakers, signal) => send({
          ...request,
          file: upload,
          ...(speakers ? { known_speaker_names: speakers.names, known_speaker_references: speakers.references } : {}),
        }, signal),
        {
          user: { names, references: request.known_speaker_references ?? [] },
          concurrency, signal: opts.signal, ...report,
        },
      );
    }
    return await transcribeParts(
      plan.parts,
      (upload, prompt, signal) => send({ ...request, file: upload, ...(prompt ? { prompt } : {}) }, signal),
      {
        prompted,
        order: opts.order,
        prompt: request.prompt,
        maxPrompt: fieldSpecs('transcription').find((f) => f.key === 'prompt')?.max,
        language: 'language' in request ? request.language : 'en',
        concurrency,
        signal: opts.signal,
        ...report,
      },
    );
  } finally {
    await plan.dispose();
  }
}

/**
 * Synthesises a text. Over the input limit it is split at sentence ends, the parts synthesised in order (a few at a
 * time) and joined into one file; `send` does one request and returns its audio.
 */
export async function speakAny(
  request: SpeechRequest,
  send: (request: SpeechRequest, signal: AbortSignal | undefined) => Promise<Uint8Array>,
  opts: LongRunOptions = {},
): Promise<JoinedSpeech & { parts: number }> {
  const asked: SpeechFormat = request.response_format ?? 'mp3';
  const max = speechInputLimit(request.model);
  const texts = max ? splitSpeechText(request.input, max) : [request.input];
  if (texts.length <= 1) return { bytes: await send(request, opts.signal), format: asked, parts: 1 };
  const format = partFormat(asked);
  const audio = await runParts<string, Uint8Array>(
    texts,
    (input, signal) => send({ ...request, input, response_format: format }, signal),
    {
      signal: opts.signal,
      concurrency: SPEECH_CONCURRENCY,
      onProgress: (k, n) => opts.onProgress?.(msg('long.progress', { index: k, count: n })),
    },
    (input, index) => msg('long.partText', { index: index + 1, count: texts.length, start: Array.from(input).slice(0, 30).join('') }),
  );
  return { ...joinSpeech(asked, audio), parts: texts.length };
}
