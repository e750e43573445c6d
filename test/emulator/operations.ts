// The five operations: each validates its request as strictly as the service and builds the answer.

import { createHash } from 'node:crypto';
import { invalidRequest, invalidValue, missingParameter, safeFilterResults, tooLarge } from './errors';
import { audioDuration, readImageInfo, sniffAudio } from './formats';
import { drawPicture, encodePicture, renderPicture, type PictureFormat } from './images';
import { maskedBase, paintMasked, type MaskedBase } from './maskedEdit';
import {
  AUDIO_EXTENSIONS, AUDIO_LIMIT_BYTES, DALLE3_QUALITIES, DALLE3_SIZES, GPT_IMAGE_2_SIZE_RULES, GPT_IMAGE_QUALITIES,
  GPT_IMAGE_SIZES, GPT_TTS_VOICES, IMAGE_LIMIT_BYTES, MASK_LIMIT_BYTES, MAX_EDIT_IMAGES, SPEECH_CONTENT_TYPES, SPEECH_FORMATS,
  DIARIZE_FORMATS, TRANSCRIPTION_FORMATS, TTS_VOICES, type ModelFamily,
} from './models';

/** Time between streamed transcript events: slow enough that a client sees words arrive before the end. */
const STREAM_GAP_MS = 40;
import type { ParsedFile, ParsedForm } from './multipart';
import { synthesize, type SpeechSpec } from './speech';
import {
  checkChunkingStrategy, diarizedSegments, knownSpeakers, requireChunkingForLongAudio, transcriptStream,
} from './diarize';
import { makeTranscript, toSrt, toVtt } from './transcript';
import { FormFields, JsonFields, checkEnum, unsupportedFor } from './validate';

export interface SseEvent {
  event: string;
  data: () => unknown;
}

export type Reply = (
  | { kind: 'body'; contentType: string; body: Buffer }
  | { kind: 'chunks'; contentType: string; chunks: Iterable<Buffer>; headers?: Record<string, string> }
  | { kind: 'sse'; events: Iterable<SseEvent>; gapMs: number }
) & {
  /** Transcriptions and translations: the seconds of audio heard, which the server's pacing turns into a delay. */
  audioSeconds?: number;
};

export interface OperationContext {
  model: string;
  family: ModelFamily;
  /** Whether this api-version knows `stream` on transcriptions (models.ts TRANSCRIPT_STREAMING_FROM). */
  transcriptStreaming: boolean;
  /** gpt-image-2: any size within its rules, no transparent background. */
  flexibleSizes?: boolean;
  /** Masked edits drift outside the mask (maskedEdit.ts); on unless the emulator was told otherwise. */
  maskDrift?: boolean;
  /** Stores a generated file and returns the URL it is served at (dall-e-3 `url` answers). */
  publish(bytes: Buffer, contentType: string, extension: string): string;
}

const json = (body: unknown): Reply => ({ kind: 'body', contentType: 'application/json', body: Buffer.from(JSON.stringify(body)) });
const text = (body: string): Reply => ({ kind: 'body', contentType: 'text/plain; charset=utf-8', body: Buffer.from(body, 'utf8') });

function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot < 0 ? '' : filename.slice(dot + 1).toLowerCase();
}

function singleFile(files: ParsedFile[], name: string): ParsedFile {
  if (files.length === 0) throw missingParameter(name);
  if (files.length > 1) throw invalidValue(name, `'${name}' was given ${files.length} times; it takes one file.`);
  return files[0];
}

function checkAudioFile(file: ParsedFile): void {
  if (file.filename.trim() === '') throw invalidValue('file', 'The uploaded file has no file name; send one with an audio extension.');
  const ext = extensionOf(file.filename);
  if (!AUDIO_EXTENSIONS.includes(ext)) {
    throw invalidRequest(
      'invalid_value',
      `Invalid file format. Supported formats: ${JSON.stringify(AUDIO_EXTENSIONS)}`,
      'file',
    );
  }
  const type = file.contentType.split(';')[0].trim().toLowerCase();
  if (type && !(type.startsWith('audio/') || type === 'video/mp4' || type === 'video/webm' || type === 'application/octet-stream')) {
    throw invalidValue('file', `Invalid content type '${type}' for an audio file.`);
  }
  if (file.size > AUDIO_LIMIT_BYTES) throw tooLarge(AUDIO_LIMIT_BYTES, file.size);
  if (file.size === 0 || !sniffAudio(file.head)) {
    throw invalidValue('file', 'Audio file might be corrupted or unsupported');
  }
}

// ---- transcriptions and translations

export function transcribe(ctx: OperationContext, form: ParsedForm, translate: boolean): Reply {
  const f = new FormFields(form);
  const textFields = translate
    ? ['model', 'prompt', 'response_format', 'temperature']
    : [
        'model', 'language', 'prompt', 'response_format', 'temperature', 'timestamp_granularities[]', 'chunking_strategy',
        'include[]', 'known_speaker_names[]', 'known_speaker_references[]', ...(ctx.transcriptStreaming ? ['stream'] : []),
      ];
  f.allowOnly(textFields, ['file']);
  const file = singleFile(f.files('file'), 'file');
  checkAudioFile(file);
  if (!translate) f.required('model');
  else f.text('model');
  const prompt = f.text('prompt');
  const format = f.oneOf('response_format', ['json', 'text', 'srt', 'verbose_json', 'vtt', 'diarized_json']) ?? 'json';
  const family = ctx.family === 'whisper' ? 'whisper' : 'gpt4o-transcribe';
  const diarize = ctx.model === 'gpt-4o-transcribe-diarize';
  const formats = diarize ? DIARIZE_FORMATS : TRANSCRIPTION_FORMATS[family];
  if (!formats.includes(format)) {
    throw invalidRequest(
      'unsupported_value',
      `response_format '${format}' is not compatible with model '${ctx.model}'. Use ${formats.join(' or ')}.`,
      'response_format',
    );
  }
  const temperature = f.number('temperature', 0, 1) ?? 0;
  const language = translate ? 'en' : f.text('language');
  if (!translate && language !== undefined && !/^[a-z]{2}$/.test(language)) {
    throw invalidValue('language', `Invalid language '${language}'. Language parameter must be specified in ISO-639-1 format.`);
  }
  const granularities = translate ? [] : f.list('timestamp_granularities[]');
  for (const g of granularities) checkEnum('timestamp_granularities[]', g, ['word', 'segment']);
  if (diarize && prompt !== undefined) unsupportedFor('prompt', ctx.model);
  if (diarize && granularities.length > 0) unsupportedFor('timestamp_granularities[]', ctx.model);
  if (granularities.length > 0 && format !== 'verbose_json') {
    throw invalidValue('timestamp_granularities[]', "timestamp_granularities[] is only supported with response_format 'verbose_json'.");
  }
  const include = translate ? [] : f.list('include[]');
  for (const item of include) checkEnum('include[]', item, ['logprobs']);
  if (include.length > 0 && (family === 'whisper' || diarize)) unsupportedFor('include[]', ctx.model);
  if (include.length > 0 && format !== 'json') throw invalidValue('include[]',
    "include[]=logprobs is only supported with response_format 'json'.");
  const chunking = translate ? undefined : f.text('chunking_strategy');
  checkChunkingStrategy(chunking);
  const names = translate ? [] : f.list('known_speaker_names[]');
  const references = translate ? [] : f.list('known_speaker_references[]');
  if (!diarize && (names.length > 0 || references.length > 0)) {
    unsupportedFor(names.length > 0 ? 'known_speaker_names[]' : 'known_speaker_references[]', ctx.model);
  }
  const known = knownSpeakers(names, references);
  // openai-python: "Streaming is not supported for the whisper-1 model and will be ignored."
  const stream = (translate ? undefined : f.boolean('stream')) === true && family !== 'whisper';
  const duration = file.seconds ?? audioDuration(file.head, file.size);
  if (duration < 0.1) {
    throw invalidRequest('audio_too_short', 'Audio file is too short. Minimum audio length is 0.1 seconds.', 'file');
  }
  if (diarize) requireChunkingForLongAudio(duration, chunking, ctx.model);
  const t = makeTranscript(duration, language ?? 'en', file.head.subarray(0, 4096), temperature);
  const usage =
    family === 'whisper'
      ? { type: 'duration', seconds: Math.ceil(duration) }
      : {
          type: 'tokens',
          input_tokens: Math.ceil(duration * 10) + 8,
          input_token_details: { text_tokens: 8, audio_tokens: Math.ceil(duration * 10) },
          output_tokens: t.words.length + 2,
          total_tokens: Math.ceil(duration * 10) + 8 + t.words.length + 2,
        };
  const segments = diarize && format === 'diarized_json' ? diarizedSegments(t, known, file.voices) : undefined;
  return { ...transcriptReply(), audioSeconds: duration };

  function transcriptReply(): Reply {
    if (stream) return { kind: 'sse', events: transcriptStream(t, segments, usage), gapMs: STREAM_GAP_MS };
    switch (format) {
      case 'text':
        return text(`${t.text}\n`);
      case 'srt':
        return text(toSrt(t));
      case 'vtt':
        return text(toVtt(t));
      case 'diarized_json':
        return json({ task: 'transcribe', duration: t.duration, text: t.text, segments, usage });
      case 'verbose_json': {
        const wantWords = granularities.includes('word');
        const wantSegments = granularities.length === 0 || granularities.includes('segment');
        return json({
          task: translate ? 'translate' : 'transcribe',
          language: t.language,
          duration: t.duration,
          text: t.text,
          ...(wantWords ? { words: t.words } : {}),
          ...(wantSegments ? { segments: t.segments } : {}),
          usage: { type: 'duration', seconds: Math.ceil(duration) },
        });
      }
      default:
        return json({ text: t.text, usage });
    }
  }
}

// ---- speech

export function speak(ctx: OperationContext, body: Record<string, unknown>): Reply {
  const j = new JsonFields(body);
  j.allowOnly(['model', 'input', 'voice', 'response_format', 'speed', 'instructions', 'stream_format']);
  j.string('model');
  const input = j.required('input');
  const chars = Array.from(input).length;
  if (chars < 1) throw invalidValue('input', "'input' must not be empty.");
  if (chars > 4096) throw invalidRequest('string_above_max_length', `'input' is too long: ${chars} characters; the maximum is 4096.`,
    'input');
  if (body.voice !== undefined && typeof body.voice !== 'string') {
    throw invalidValue('voice', 'Custom voices are not supported; use one of the built-in voice names.');
  }
  const voices = ctx.family === 'gpt4o-tts' ? GPT_TTS_VOICES : TTS_VOICES;
  const voice = j.required('voice');
  checkEnum('voice', voice, voices);
  const format = (j.oneOf('response_format', SPEECH_FORMATS) ?? 'mp3') as SpeechSpec['format'];
  const speed = j.number('speed', 0.25, 4) ?? 1;
  const instructions = j.string('instructions');
  if (instructions !== undefined) {
    if (ctx.family !== 'gpt4o-tts') unsupportedFor('instructions', ctx.model);
    if (instructions.length > 4096) throw invalidRequest('string_above_max_length', "'instructions' is longer than 4096 characters.",
      'instructions');
  }
  const streamFormat = j.oneOf('stream_format', ['audio', 'sse']);
  if (streamFormat === 'sse') unsupportedFor('stream_format', ctx.model, "Only 'audio' is available on this API version.");
  const standIn = format === 'opus' || format === 'aac';
  return {
    kind: 'chunks',
    contentType: SPEECH_CONTENT_TYPES[format],
    chunks: synthesize({ text: input, voice, speed, format }),
    // No Opus or AAC encoder in plain Node: these are valid streams of silent frames, and say so.
    headers: standIn ? { 'x-emulator-note': `silent stand-in: valid ${format === 'opus' ? 'Ogg Opus' : 'ADTS AAC'} frames without sound` }
      : undefined,
  };
}

// ---- images

interface ImageJob {
  kind: 'generation' | 'edit';
  prompt: string;
  n: number;
  width: number;
  height: number;
  size: string;
  quality: string;
  background: string;
  format: PictureFormat;
  compression: number;
  responseFormat: 'url' | 'b64_json';
  style?: string;
  stream: boolean;
  partials: number;
  /** Distinguishes edits of different inputs with the same prompt. */
  seed: string;
  inputImageTokens: number;
  /** A masked edit: the input at the answer's size and what the mask lets change (maskedEdit.ts). */
  masked?: { base: MaskedBase; drift: boolean };
}

function usageFor(job: ImageJob): Record<string, unknown> {
  const perImage: Record<string, number> = { low: 272, medium: 1056, high: 4160, auto: 4160 };
  const scale = (job.width * job.height) / (1024 * 1024);
  const output = Math.round((perImage[job.quality] ?? 1056) * scale) * job.n;
  const textTokens = Math.ceil(job.prompt.length / 4) + 5;
  const input = textTokens + job.inputImageTokens;
  return {
    total_tokens: input + output,
    input_tokens: input,
    output_tokens: output,
    input_tokens_details: { text_tokens: textTokens, image_tokens: job.inputImageTokens },
  };
}

function revisedPrompt(prompt: string, style: string | undefined): string {
  const lead = style === 'natural' ? 'A natural, true-to-life depiction of' : 'A vivid, richly detailed illustration of';
  return `${lead} ${prompt.trim().replace(/[.\s]+$/, '')}, with balanced composition and soft, even lighting.`;
}

function picture(job: ImageJob, index: number, detail: number): Buffer {
  if (job.masked) {
    const spec = { prompt: `${job.prompt}\u0000${job.seed}`, width: job.width, height: job.height, index, transparent: false, detail };
    const rgba = paintMasked(job.masked.base, drawPicture(spec), job.masked.drift);
    return encodePicture(rgba, job.width, job.height, job.format, job.format === 'jpeg' ? job.compression : 90,
      job.masked.base.hasAlpha || job.background === 'transparent');
  }
  return renderPicture(
    { prompt: `${job.prompt}\u0000${job.seed}`, width: job.width, height: job.height, index, transparent: job.background === 'transparent',
      detail },
    job.format,
    job.format === 'jpeg' ? job.compression : 90,
  );
}

function imageReply(ctx: OperationContext, job: ImageJob): Reply {
  const created = Math.floor(Date.now() / 1000);
  if (job.stream) {
    const prefix = job.kind === 'generation' ? 'image_generation' : 'image_edit';
    const common = (): Record<string, unknown> => ({
      created_at: Math.floor(Date.now() / 1000),
      size: job.size,
      quality: job.quality,
      background: job.background,
      output_format: job.format,
    });
    const events: SseEvent[] = [];
    for (let i = 0; i < job.n; i++) {
      for (let p = 0; p < job.partials; p++) {
        events.push({
          event: `${prefix}.partial_image`,
          data: () => ({ type: `${prefix}.partial_image`, b64_json: picture(job, i, (p + 1) / (job.partials + 1)).toString('base64'),
            ...common(), partial_image_index: p }),
        });
      }
      events.push({
        event: `${prefix}.completed`,
        data: () => ({ type: `${prefix}.completed`, b64_json: picture(job, i, 1).toString('base64'), ...common(),
          usage: usageFor({ ...job, n: 1 }) }),
      });
    }
    return { kind: 'sse', events, gapMs: 150 };
  }
  const data = [];
  for (let i = 0; i < job.n; i++) {
    const bytes = picture(job, i, 1);
    const item: Record<string, unknown> = {};
    if (job.responseFormat === 'url') item.url = ctx.publish(bytes, job.format === 'png' ? 'image/png' : 'image/jpeg', job.format);
    else item.b64_json = bytes.toString('base64');
    if (ctx.family === 'dall-e-3') {
      item.revised_prompt = revisedPrompt(job.prompt, job.style);
      item.prompt_filter_results = { ...safeFilterResults(), jailbreak: { filtered: false, detected: false },
        profanity: { filtered: false, detected: false } };
    }
    item.content_filter_results = safeFilterResults();
    data.push(item);
  }
  if (ctx.family === 'dall-e-3') return json({ created, data });
  return json({ created, data, background: job.background, output_format: job.format, size: job.size, quality: job.quality,
    usage: usageFor(job) });
}

/** gpt-image-2's sizes: `auto`, or WxH within `GPT_IMAGE_2_SIZE_RULES`; the refusal names the rule broken. */
function checkFlexibleSize(size: string): void {
  if (size === 'auto') return;
  const refuse = (why: string): never => {
    throw invalidValue('size', `Invalid value for 'size': '${size}'. ${why}`);
  };
  const m = /^(\d{1,5})x(\d{1,5})$/.exec(size);
  if (!m) return refuse("Use 'auto' or WIDTHxHEIGHT, for example '1536x864'.");
  const [w, h] = [Number(m[1]), Number(m[2])];
  const r = GPT_IMAGE_2_SIZE_RULES;
  if (w % r.edgeMultiple !== 0 || h % r.edgeMultiple !== 0) refuse(`Width and height must both be multiples of ${r.edgeMultiple}.`);
  if (Math.max(w, h) > r.maxEdge) refuse(`The longest edge must be at most ${r.maxEdge} pixels.`);
  if (Math.max(w, h) > r.maxAspect * Math.min(w, h)) refuse(`The aspect ratio must be between 1:${r.maxAspect} and ${r.maxAspect}:1.`);
  const pixels = w * h;
  if (pixels < r.minPixels || pixels > r.maxPixels) {
    refuse(`The image must have between ${r.minPixels} and ${r.maxPixels} pixels in all; ${size} has ${pixels}.`);
  }
}

function dims(size: string): [number, number] {
  const [w, h] = size.split('x').map(Number);
  return [w, h];
}

interface ImageOptionsIn {
  n?: number;
  size?: string;
  quality?: string;
  style?: string;
  background?: string;
  outputFormat?: string;
  compression?: number;
  responseFormat?: string;
  stream?: boolean;
  partials?: number;
  hasStyle: boolean;
}

/** The model rules every image request shares; returns the job with defaults filled in. */
function imageRules(ctx: OperationContext, kind: ImageJob['kind'], prompt: string, o: ImageOptionsIn, autoSize: string): ImageJob {
  const dalle = ctx.family === 'dall-e-3';
  const maxPrompt = dalle ? 4000 : 32000;
  if (prompt.length > maxPrompt) {
    throw invalidRequest('string_above_max_length',
      `'prompt' is too long: ${prompt.length} characters; the maximum for ${ctx.model} is ${maxPrompt}.`, 'prompt');
  }
  const n = o.n ?? 1;
  if (dalle && n !== 1) throw invalidRequest('invalid_value', 'You must provide n=1 for this model.', 'n');
  const size = o.size ?? (dalle ? '1024x1024' : 'auto');
  if (ctx.flexibleSizes) checkFlexibleSize(size);
  else checkEnum('size', size, dalle ? DALLE3_SIZES : GPT_IMAGE_SIZES);
  const quality = o.quality ?? (dalle ? 'standard' : ctx.model === 'gpt-image-1-mini' ? 'medium' : 'high');
  checkEnum('quality', quality, dalle ? DALLE3_QUALITIES : GPT_IMAGE_QUALITIES);
  if (o.hasStyle && !dalle) unsupportedFor('style', ctx.model);
  const style = dalle ? (o.style ?? 'vivid') : undefined;
  if (dalle) {
    if (o.background !== undefined) unsupportedFor('background', ctx.model);
    if (o.outputFormat !== undefined) unsupportedFor('output_format', ctx.model);
    if (o.compression !== undefined) unsupportedFor('output_compression', ctx.model);
    if (o.stream !== undefined) unsupportedFor('stream', ctx.model, 'Streaming is not available for this model on this API version.');
    if (o.partials !== undefined) unsupportedFor('partial_images', ctx.model);
  }
  if (o.outputFormat === 'webp') throw invalidValue('output_format', "WEBP images aren't supported in Azure OpenAI. Use 'png' or 'jpeg'.");
  const format = (o.outputFormat ?? 'png') as PictureFormat;
  if (o.compression !== undefined && format !== 'jpeg') {
    throw invalidValue('output_compression', "'output_compression' is only supported with output_format 'jpeg'.");
  }
  const background = o.background ?? 'auto';
  if (background === 'transparent' && ctx.flexibleSizes) {
    throw invalidValue('background', `Transparent backgrounds are not supported with ${ctx.model}; use 'opaque' or 'auto'.`);
  }
  if (background === 'transparent' && format !== 'png') {
    throw invalidValue('background', "A transparent background needs output_format 'png'.");
  }
  if (o.responseFormat === 'url' && !dalle) {
    throw invalidValue('response_format', `response_format 'url' is not supported with ${ctx.model}; it always returns b64_json.`);
  }
  const responseFormat = (o.responseFormat ?? (dalle ? 'url' : 'b64_json')) as 'url' | 'b64_json';
  if (o.partials !== undefined && o.stream !== true) {
    throw invalidValue('partial_images', "'partial_images' is only supported with 'stream': true.");
  }
  const actual = size === 'auto' ? autoSize : size;
  const [width, height] = dims(actual);
  return {
    kind,
    prompt,
    n,
    width,
    height,
    size: actual,
    quality: quality === 'auto' ? 'high' : quality,
    background: background === 'auto' ? 'opaque' : background,
    format,
    compression: o.compression ?? 100,
    responseFormat,
    style,
    stream: o.stream === true,
    partials: o.partials ?? 0,
    seed: '',
    inputImageTokens: 0,
  };
}

export function generateImages(ctx: OperationContext, body: Record<string, unknown>): Reply {
  const j = new JsonFields(body);
  j.allowOnly([
    'model', 'prompt', 'n', 'size', 'quality', 'style', 'background', 'output_format', 'output_compression',
    'response_format', 'user', 'stream', 'partial_images',
  ]);
  j.string('model');
  const prompt = j.required('prompt');
  if (prompt.length === 0) throw invalidValue('prompt', "'prompt' must not be empty.");
  j.string('user');
  const job = imageRules(ctx, 'generation', prompt, {
    n: j.integer('n', 1, 10),
    size: j.string('size'),
    quality: j.string('quality'),
    hasStyle: j.has('style'),
    style: j.oneOf('style', ['vivid', 'natural']),
    background: j.oneOf('background', ['transparent', 'opaque', 'auto']),
    outputFormat: j.oneOf('output_format', ['png', 'jpeg', 'webp']),
    compression: j.integer('output_compression', 0, 100),
    responseFormat: j.oneOf('response_format', ['url', 'b64_json']),
    stream: j.boolean('stream'),
    partials: j.integer('partial_images', 0, 3),
  }, '1024x1024');
  return imageReply(ctx, job);
}

function checkImageFile(file: ParsedFile, field: string): { width: number; height: number } {
  if (file.filename.trim() === '') throw invalidValue(field, 'The uploaded image has no file name.');
  if (file.size > IMAGE_LIMIT_BYTES) throw tooLarge(IMAGE_LIMIT_BYTES, file.size);
  const info = readImageInfo(file.head);
  if (!info || (info.format !== 'png' && info.format !== 'jpeg')) {
    throw invalidValue(field, `Invalid image file '${file.filename}'. Each image must be a PNG or JPEG file.`);
  }
  const type = file.contentType.split(';')[0].trim().toLowerCase();
  if (type && !['image/png', 'image/jpeg', 'image/jpg', 'application/octet-stream'].includes(type)) {
    throw invalidValue(field, `Invalid content type '${type}' for image '${file.filename}'.`);
  }
  return info;
}

export function editImages(ctx: OperationContext, form: ParsedForm): Reply {
  const f = new FormFields(form);
  f.allowOnly(
    ['model', 'prompt', 'n', 'size', 'quality', 'input_fidelity', 'response_format', 'user', 'stream', 'partial_images', 'background',
      'output_format', 'output_compression'],
    ['image', 'image[]', 'mask'],
  );
  const images = f.files('image', 'image[]');
  if (images.length === 0) throw missingParameter('image');
  if (images.length > MAX_EDIT_IMAGES) throw invalidValue('image',
    `At most ${MAX_EDIT_IMAGES} images can be edited at once; got ${images.length}.`);
  const infos = images.map((img) => checkImageFile(img, img.field));
  const masks = f.files('mask');
  if (masks.length > 1) throw invalidValue('mask', 'Only one mask can be given.');
  const mask = masks[0];
  if (mask) {
    if (mask.size >= MASK_LIMIT_BYTES) throw invalidValue('mask', `The mask must be smaller than 4 MB; it is ${mask.size} bytes.`);
    const info = readImageInfo(mask.head);
    if (!info || info.format !== 'png') throw invalidValue('mask', 'Invalid mask image format - mask must be a PNG file.');
    if (!info.hasAlpha) throw invalidValue('mask', 'Invalid mask image format - mask image missing alpha channel.');
    if (info.width !== infos[0].width || info.height !== infos[0].height) {
      throw invalidValue('mask',
        `Invalid mask image - the mask (${info.width}x${info.height}) must have the same dimensions as the image ` +
          `(${infos[0].width}x${infos[0].height}).`);
    }
  }
  f.text('model');
  const prompt = f.required('prompt');
  f.text('user');
  const fidelity = f.oneOf('input_fidelity', ['low', 'high']);
  if (fidelity !== undefined && ctx.model === 'gpt-image-1-mini') unsupportedFor('input_fidelity', ctx.model);
  const first = infos[0];
  const autoSize = first.width > first.height * 1.2 ? '1536x1024' : first.height > first.width * 1.2 ? '1024x1536' : '1024x1024';
  const job = imageRules(ctx, 'edit', prompt, {
    n: f.integer('n', 1, 10),
    size: f.text('size'),
    quality: f.text('quality'),
    hasStyle: false,
    background: f.oneOf('background', ['transparent', 'opaque', 'auto']),
    outputFormat: f.oneOf('output_format', ['png', 'jpeg', 'webp']),
    compression: f.integer('output_compression', 0, 100),
    responseFormat: f.oneOf('response_format', ['url', 'b64_json']),
    stream: f.boolean('stream'),
    partials: f.integer('partial_images', 0, 3),
  }, autoSize);
  job.seed = createHash('sha256').update(images[0].head.subarray(0, 65536)).update(String(images[0].size)).digest('hex');
  // The whole files arrive (server.ts keeps an edit's uploads whole): the answer keeps the image outside the mask.
  if (mask) {
    let base: MaskedBase;
    try {
      base = maskedBase(images[0].head, mask.head, job.width, job.height);
    } catch {
      throw invalidValue('image', `Invalid image file '${images[0].filename}'. The image or its mask could not be decoded.`);
    }
    job.masked = { base, drift: ctx.maskDrift !== false };
  }
  job.inputImageTokens = infos.reduce((sum, i) => sum + Math.ceil((i.width * i.height) / (512 * 512)) * 85 + 85, 0) + (mask ? 85 : 0);
  return imageReply(ctx, job);
}

/** Guards a JSON request body: an object, parsed from application/json. */
export function parseJsonBody(raw: Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    throw invalidRequest(
      'invalid_json',
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The API " +
        "expects a JSON payload, but what was sent was not valid JSON.)",
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidRequest('invalid_type', 'The request body must be a JSON object.');
  }
  return value as Record<string, unknown>;
}

