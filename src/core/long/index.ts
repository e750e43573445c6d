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
import { joinSpeech, partFormat, type JoinedSpeech } from './speechJoin';
import { splitSpeechText } from './textSplit';

export { splitSpeechText, speechPartCount } from './textSplit';

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
/** Transcription parts in flight at once when no prompt chains them. */
const AUDIO_CONCURRENCY = 3;

export interface LongRunOptions {
  signal?: AbortSignal;
  /** "Part k of n", as each part starts (a message: the caller words it). */
  onProgress?: (message: Message) => void;
  logger?: Logger;
  /** Whether and from where ffmpeg may run (not at all in an untrusted workspace, never from inside the workspace). */
  ffmpeg?: FfmpegSearch;
}

/**
 * Sends a transcription or translation. A file on disk over the upload limit is split, its parts sent (chained by
 * prompt when `chain`), and the transcripts merged; `send` does one request.
 */
export async function transcribeAny<R extends TranscriptionRequest | TranslationRequest>(
  request: R,
  chain: boolean,
  send: (request: R, signal: AbortSignal | undefined) => Promise<TranscriptResult>,
  opts: LongRunOptions = {},
): Promise<TranscriptResult> {
  const file = request.file;
  const size = file.path !== undefined && !file.range ? await stat(file.path).then((s) => s.size, () => 0) : (file.data?.byteLength ?? 0);
  const limit = audioLimit();
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
    const onProgress = (k: number, n: number) => opts.onProgress?.(msg('long.progressFile', { name: file.name, index: k, count: n }));
    // Speaker labels are per request: a diarized transcript's later parts are sent with part 1's speakers as known ones.
    if ('model' in request && isDiarizing(request.model) && request.response_format === 'diarized_json' && !chain) {
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
          concurrency: AUDIO_CONCURRENCY, signal: opts.signal, onProgress, logger: opts.logger, name: file.name,
        },
      );
    }
    return await transcribeParts(
      plan.parts,
      (upload, prompt, signal) => send({ ...request, file: upload, ...(prompt ? { prompt } : {}) }, signal),
      {
        chain,
        prompt: request.prompt,
        maxPrompt: fieldSpecs('transcription').find((f) => f.key === 'prompt')?.max,
        concurrency: AUDIO_CONCURRENCY,
        signal: opts.signal,
        onProgress,
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
