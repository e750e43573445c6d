// The service's answers read into results: a body read within a limit, a transcript in any format, images, and the
// server-sent events of a streamed transcript or image (each partial handed on as it arrives). The client
// (./client.ts) sends; this reads.
import { MediaApiError } from './errors';
import { messageOf, msg } from './messages';
import type { HttpResponse } from './http';
import { errorFromResponse, isContentFilter, parseWireError, trippedCategories } from './responseErrors';
import { readSse, SseTooLargeError } from './sse';
import type {
  AudioResponseFormat,
  DiarizedSegment,
  GeneratedImage,
  ImageCallOptions,
  ImagesResult,
  ImageUsage,
  Logger,
  TranscriptionCallOptions,
  TranscriptResult,
  TranscriptSegment,
  TranscriptWord,
} from './types';

const MB = 1024 * 1024;
/** What an answer may make the host hold. A transcript of the longest upload is a few hundred KB of text. */
const MAX_TRANSCRIPT_BYTES = 16 * MB;
/** Per image asked for: a 4K PNG of noise is ~25 MB, ~33 MB as base64. */
const MAX_IMAGE_JSON_BYTES = 48 * MB;
/** Diarized segments in one streamed transcript: hours of a turn every second. */
const MAX_SEGMENTS = 100_000;

/** What an image request asked for: answers may not bring more. */
export type Asked = { n: number; partials: number };
export const askedOf = (req: { n?: number; partial_images?: number }): Asked => ({ n: req.n ?? 1, partials: req.partial_images ?? 3 });

function tooMany(id: 'client.tooManyImages' | 'client.tooManyPartialImages', count: number, res: HttpResponse): MediaApiError {
  return new MediaApiError('badResponse', msg(id, { count }), { status: res.status, requestId: res.requestId });
}

function transcriptTooLong(res: HttpResponse): MediaApiError {
  return new MediaApiError('badResponse', msg('client.transcriptTooLong', { size: `${MAX_TRANSCRIPT_BYTES / MB} MB` }),
    { requestId: res.requestId });
}

/** A stream's line or event over its limit becomes one clear error (and ends the read, closing the connection). */
async function* tooLargeAsError<T>(events: AsyncGenerator<T>, res: HttpResponse): AsyncGenerator<T> {
  try {
    yield* events;
  } catch (err) {
    if (!(err instanceof SseTooLargeError)) throw err;
    throw new MediaApiError('badResponse', msg('client.streamTooLarge', { size: `${Math.round(err.max / MB)} MB` }),
      { status: res.status, requestId: res.requestId, cause: err });
  }
}

const num = (v: unknown, fallback = 0): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const strOr = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function toSegment(raw: unknown, index: number): TranscriptSegment {
  const s = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  return {
    id: num(s.id, index),
    seek: num(s.seek),
    start: num(s.start),
    end: num(s.end),
    text: strOr(s.text) ?? '',
    tokens: Array.isArray(s.tokens) ? s.tokens.filter((t): t is number => typeof t === 'number') : [],
    temperature: num(s.temperature),
    avg_logprob: num(s.avg_logprob),
    compression_ratio: num(s.compression_ratio),
    no_speech_prob: num(s.no_speech_prob),
  };
}
function toDiarizedSegment(raw: unknown): DiarizedSegment {
  const o = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  return {
    id: typeof o.id === 'string' || typeof o.id === 'number' ? String(o.id) : '',
    start: num(o.start),
    end: num(o.end),
    text: typeof o.text === 'string' ? o.text : '',
    speaker: typeof o.speaker === 'string' && o.speaker ? o.speaker : '?',
  };
}

function toWord(raw: unknown): TranscriptWord {
  const w = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  return { word: strOr(w.word) ?? '', start: num(w.start), end: num(w.end) };
}
function toImage(raw: unknown): GeneratedImage {
  const d = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const image: GeneratedImage = {};
  if (typeof d.b64_json === 'string') image.b64_json = d.b64_json;
  if (typeof d.url === 'string') image.url = d.url;
  if (typeof d.revised_prompt === 'string') image.revised_prompt = d.revised_prompt;
  if (d.content_filter_results && typeof d.content_filter_results === 'object') image.content_filter_results =
    d.content_filter_results as GeneratedImage['content_filter_results'];
  if (d.prompt_filter_results && typeof d.prompt_filter_results === 'object') image.prompt_filter_results =
    d.prompt_filter_results as GeneratedImage['prompt_filter_results'];
  return image;
}

/**
 * Reads at most `limit` bytes of an answer. Past it, `tooLarge()` is thrown: by default the client's MediaApiError
 * (which goes through `mapError` like any other, so a cancel still reads as one); another error type passes as it is.
 */
export async function readAll(res: HttpResponse, limit: number, tooLarge?: () => Error): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  let overflow: Error | undefined;
  try {
    for await (const part of res.body) {
      const chunk = part as Buffer;
      size += chunk.length;
      if (size > limit) {
        const max = `${Math.round(limit / 1048576)} MB`;
        overflow = tooLarge?.()
          ?? new MediaApiError('badResponse', msg('client.answerTooLarge', { size: max }), { requestId: res.requestId });
        throw overflow;
      }
      chunks.push(chunk);
    }
  } catch (err) {
    throw err === overflow && !MediaApiError.is(err) ? err : res.mapError(err);
  } finally {
    res.done();
  }
  return Buffer.concat(chunks);
}

export async function readJson(res: HttpResponse, what: 'transcript' | 'images', limit: number): Promise<unknown> {
  const text = (await readAll(res, limit)).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new MediaApiError('badResponse', msg(what === 'transcript' ? 'client.malformedTranscript' : 'client.malformedImages'),
      { status: res.status, requestId: res.requestId, cause: err });
  }
}

export async function readTranscript(res: HttpResponse, format: AudioResponseFormat): Promise<TranscriptResult> {
  const requestId = res.requestId;
  const isJson = /[/+]json\b/.test(res.contentType);
  if (!isJson) {
    const text = (await readAll(res, MAX_TRANSCRIPT_BYTES)).toString('utf8');
    if (format === 'json' || format === 'verbose_json' || format === 'diarized_json') {
      const contentType = res.contentType || msg('client.noContentType');
      throw new MediaApiError('badResponse', msg('client.expectedJson', { format, contentType }),
        { status: res.status, requestId });
    }
    return { format, text, requestId };
  }
  const body = await readJson(res, 'transcript', MAX_TRANSCRIPT_BYTES);
  if (!body || typeof body !== 'object' || typeof (body as { text?: unknown }).text !== 'string') {
    throw new MediaApiError('badResponse', msg('client.noText'), { status: res.status, requestId });
  }
  const json = body as Record<string, unknown>;
  const usage = json.usage && typeof json.usage === 'object' ? (json.usage as Record<string, unknown>) : undefined;
  if (format === 'diarized_json') {
    return {
      format,
      text: json.text as string,
      duration: typeof json.duration === 'number' ? json.duration : undefined,
      segments: Array.isArray(json.segments) ? json.segments.map(toDiarizedSegment) : [],
      usage,
      requestId,
    };
  }
  if (format === 'verbose_json' || Array.isArray(json.segments)) {
    return {
      format: 'verbose_json',
      text: json.text as string,
      task: json.task === 'transcribe' || json.task === 'translate' ? json.task : undefined,
      language: strOr(json.language),
      duration: typeof json.duration === 'number' ? json.duration : undefined,
      segments: Array.isArray(json.segments) ? json.segments.map(toSegment) : [],
      words: Array.isArray(json.words) ? json.words.map(toWord) : [],
      usage,
      requestId,
    };
  }
  if (format === 'text' || format === 'srt' || format === 'vtt') return { format, text: json.text as string, requestId };
  return { format: 'json', text: json.text as string, usage, requestId };
}

export async function readImages(res: HttpResponse, asked: Asked): Promise<ImagesResult> {
  const body = await readJson(res, 'images', MB + asked.n * MAX_IMAGE_JSON_BYTES);
  const json = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  if (!Array.isArray(json.data)) {
    if (json.error) throw errorFromResponse(400, JSON.stringify(json), { requestId: res.requestId });
    throw new MediaApiError('badResponse', msg('client.noImages'),
      { status: res.status, requestId: res.requestId });
  }
  if (json.data.length > asked.n) throw tooMany('client.tooManyImages', asked.n, res);
  const result: ImagesResult = {
    created: num(json.created, Math.floor(Date.now() / 1000)),
    data: json.data.map(toImage),
    streamed: false,
    requestId: res.requestId,
  };
  if (json.usage && typeof json.usage === 'object') result.usage = json.usage;
  return result;
}

/** Reads `transcript.text.delta` / `.segment` / `.done` events; the result is the same shape as a plain answer. */
export async function readTranscriptStream(res: HttpResponse, format: AudioResponseFormat,
  opts: TranscriptionCallOptions, logger: Logger): Promise<TranscriptResult> {
  let text = '';
  let finalText: string | undefined;
  let usage: Record<string, unknown> | undefined;
  const segments: DiarizedSegment[] = [];
  const notify = (what: string, call: () => void): void => {
    try {
      call();
    } catch (err) {
      logger.warn(`transcript ${what} callback failed: ${messageOf(err)}`);
    }
  };
  try {
    for await (const { json, type } of sseEvents(res, 'client.transcriptStreamMalformed')) {
      if (type === 'transcript.text.delta' && typeof json.delta === 'string') {
        const delta = json.delta;
        text += delta;
        if (text.length > MAX_TRANSCRIPT_BYTES) throw transcriptTooLong(res);
        const soFar = text;
        notify('delta', () => opts.onDelta?.(delta, soFar));
      } else if (type === 'transcript.text.segment') {
        const segment = toDiarizedSegment(json);
        if (segments.length >= MAX_SEGMENTS) throw transcriptTooLong(res);
        segments.push(segment);
        notify('segment', () => opts.onSegment?.(segment));
      } else if (type === 'transcript.text.done') {
        finalText = typeof json.text === 'string' ? json.text : text;
        if (json.usage && typeof json.usage === 'object') usage = json.usage as Record<string, unknown>;
      }
    }
  } catch (err) {
    throw res.mapError(err);
  } finally {
    res.done();
  }
  if (finalText === undefined) {
    throw new MediaApiError('badResponse', msg('client.transcriptStreamEnded'), { status: res.status, requestId: res.requestId });
  }
  const requestId = res.requestId;
  if (format === 'diarized_json') {
    const duration = segments.length ? segments[segments.length - 1].end : undefined;
    return { format, text: finalText, duration, segments, usage, requestId, streamed: true };
  }
  if (format === 'text') return { format, text: finalText, requestId };
  return { format: 'json', text: finalText, usage, requestId, streamed: true };
}

export async function readImageStream(
  res: HttpResponse, prefix: string, opts: ImageCallOptions, logger: Logger, asked: Asked,
): Promise<ImagesResult> {
  const data: GeneratedImage[] = [];
  let partials = 0;
  let usage: ImageUsage | undefined;
  let created: number | undefined;
  try {
    for await (const { json, type } of sseEvents(res, 'client.streamMalformed')) {
      if (created === undefined && typeof json.created_at === 'number') created = json.created_at;
      if (type === `${prefix}.partial_image` || type.endsWith('.partial_image')) {
        if (typeof json.b64_json !== 'string') continue;
        if (++partials > asked.partials * asked.n) throw tooMany('client.tooManyPartialImages', asked.partials * asked.n, res);
        try {
          opts.onPartialImage?.({
            b64_json: json.b64_json,
            partialImageIndex: num(json.partial_image_index),
            outputFormat: strOr(json.output_format),
          });
        } catch (err) {
          logger.warn(`partial image callback failed: ${messageOf(err)}`);
        }
      } else if (type === `${prefix}.completed` || type.endsWith('.completed')) {
        if (data.length >= asked.n) throw tooMany('client.tooManyImages', asked.n, res);
        data.push(toImage(json));
        if (json.usage && typeof json.usage === 'object') usage = json.usage;
      }
    }
  } catch (err) {
    throw res.mapError(err);
  } finally {
    res.done();
  }
  if (data.length === 0) {
    throw new MediaApiError('badResponse', msg('client.streamEnded'),
      { status: res.status, requestId: res.requestId });
  }
  const result: ImagesResult = { created: created ?? Math.floor(Date.now() / 1000), data, streamed: true, requestId: res.requestId };
  if (usage) result.usage = usage;
  return result;
}

/** A stream's events as JSON with their type; an error event throws, a line that is not JSON is a bad response. */
async function* sseEvents(
  res: HttpResponse,
  malformed: 'client.transcriptStreamMalformed' | 'client.streamMalformed',
): AsyncGenerator<{ json: Record<string, unknown>; type: string }> {
  for await (const event of tooLargeAsError(readSse(res.body), res)) {
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(event.data) as Record<string, unknown>;
    } catch (err) {
      throw new MediaApiError('badResponse', msg(malformed), { requestId: res.requestId, cause: err });
    }
    if (event.event === 'error' || json.error) throw streamError(json, res.requestId);
    yield { json, type: typeof json.type === 'string' ? json.type : event.event ?? '' };
  }
}

function streamError(json: Record<string, unknown>, requestId: string | undefined): MediaApiError {
  const wire = parseWireError(json);
  if (wire && isContentFilter(wire)) return errorFromResponse(400, JSON.stringify({ error: wire }), { requestId });
  const message = wire && typeof wire.message === 'string' ? wire.message : msg('client.unknownError');
  const categories = wire ? trippedCategories(wire.content_filter_results) : [];
  return new MediaApiError('server', msg('client.streamError', { message }), {
    requestId,
    serviceCode: wire && typeof wire.code === 'string' ? wire.code : undefined,
    categories: categories.length ? categories : undefined,
  });
}
