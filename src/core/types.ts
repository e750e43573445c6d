// The public shapes of the Azure OpenAI image and audio client. No `vscode` import anywhere under src/core.

/** Models whose rules the client knows; a deployment is bound to one of them by configuration. */
export type TranscriptionModel =
  | 'whisper-1'
  | 'gpt-4o-transcribe'
  | 'gpt-4o-mini-transcribe'
  | 'gpt-4o-mini-transcribe-2025-12-15'
  | 'gpt-4o-transcribe-diarize';
export type SpeechModel = 'tts-1' | 'tts-1-hd' | 'gpt-4o-mini-tts';
export type ImageModel = 'gpt-image-1' | 'gpt-image-1-mini' | 'dall-e-3';

export type AudioResponseFormat = 'json' | 'text' | 'srt' | 'verbose_json' | 'vtt' | 'diarized_json';
export type TimestampGranularity = 'word' | 'segment';
export type SpeechVoice =
  | 'alloy' | 'ash' | 'ballad' | 'coral' | 'echo' | 'fable' | 'onyx' | 'nova' | 'sage' | 'shimmer' | 'verse'
  | 'marin' | 'cedar';
export type SpeechFormat = 'mp3' | 'opus' | 'aac' | 'flac' | 'wav' | 'pcm';
export type ImageSize = 'auto' | '1024x1024' | '1024x1536' | '1536x1024' | '1792x1024' | '1024x1792';
export type ImageQuality = 'auto' | 'low' | 'medium' | 'high' | 'standard' | 'hd';
export type ImageStyle = 'vivid' | 'natural';
export type ImageBackground = 'auto' | 'transparent' | 'opaque';
export type ImageOutputFormat = 'png' | 'jpeg';
export type ImageResponseFormat = 'url' | 'b64_json';
export type InputFidelity = 'low' | 'high';

/**
 * A file to upload. With `path` it is streamed from disk and never held whole in memory; with `data` (virtual
 * workspaces, a mask painted in the Studio) the bytes are sent as they are. `name` is the part's file name and its
 * extension decides the part's MIME type.
 */
export interface UploadSource {
  name: string;
  path?: string;
  data?: Uint8Array;
}

/** What every call may carry besides its request. */
export interface CallOptions {
  /** Aborts the upload or download at once; the call then rejects with a `cancelled` MediaApiError. */
  signal?: AbortSignal;
}

export interface TranscriptionRequest {
  deployment: string;
  model: TranscriptionModel;
  file: UploadSource;
  language?: string;
  prompt?: string;
  response_format?: AudioResponseFormat;
  temperature?: number;
  timestamp_granularities?: TimestampGranularity[];
  /** "auto": the service cuts the audio at pauses (required by gpt-4o-transcribe-diarize over 30 s). */
  chunking_strategy?: 'auto';
  /** Diarize model: up to 4 names, each with one reference clip in `known_speaker_references` (same order). */
  known_speaker_names?: string[];
  /** Data URLs (`data:audio/wav;base64,…`) of 2–10 s of each known speaker. */
  known_speaker_references?: string[];
  /** SSE transcript (`transcript.text.*` events); whisper-1 ignores it. */
  stream?: boolean;
}

/** One speaker turn of a diarized transcript (`diarized_json` segments, `transcript.text.segment` events). */
export interface DiarizedSegment {
  id: string;
  start: number;
  end: number;
  text: string;
  /** `A`, `B`… or a known speaker's name. */
  speaker: string;
}

/** What a transcription reports besides its text: `tokens` for gpt-4o models, `duration` for whisper-1. */
export type TranscriptionUsage =
  | {
      type: 'tokens';
      input_tokens: number;
      output_tokens: number;
      total_tokens: number;
      input_token_details?: { text_tokens?: number; audio_tokens?: number };
    }
  | { type: 'duration'; seconds: number };

export interface TranscriptionCallOptions extends CallOptions {
  /** Each streamed piece of text as it arrives, with the whole text so far. */
  onDelta?: (delta: string, textSoFar: string) => void;
  /** Each diarized segment of a stream, once complete. */
  onSegment?: (segment: DiarizedSegment) => void;
}

export interface TranslationRequest {
  deployment: string;
  file: UploadSource;
  prompt?: string;
  response_format?: AudioResponseFormat;
  temperature?: number;
}

export interface TranscriptSegment {
  id: number;
  seek: number;
  start: number;
  end: number;
  text: string;
  tokens: number[];
  temperature: number;
  avg_logprob: number;
  compression_ratio: number;
  no_speech_prob: number;
}
export interface TranscriptWord {
  word: string;
  start: number;
  end: number;
}

/** A transcript or translation, parsed by the response's content type. */
export type TranscriptResult =
  | { format: 'json'; text: string; usage?: Record<string, unknown>; requestId?: string; streamed?: boolean }
  | {
      format: 'verbose_json';
      text: string;
      task?: 'transcribe' | 'translate';
      language?: string;
      duration?: number;
      segments: TranscriptSegment[];
      words: TranscriptWord[];
      usage?: Record<string, unknown>;
      requestId?: string;
    }
  | {
      format: 'diarized_json';
      text: string;
      duration?: number;
      segments: DiarizedSegment[];
      usage?: Record<string, unknown>;
      requestId?: string;
      /** True when the transcript came over SSE. */
      streamed?: boolean;
    }
  | { format: 'text' | 'srt' | 'vtt'; text: string; requestId?: string };

export interface SpeechRequest {
  deployment: string;
  model?: SpeechModel;
  input: string;
  voice: SpeechVoice;
  response_format?: SpeechFormat;
  speed?: number;
  /** gpt-4o-mini-tts only. */
  instructions?: string;
}
export interface SpeechResult {
  bytes: number;
  contentType: string;
  requestId?: string;
}

/** What generations and edits both take; `background` and the `output_*` options are for gpt-image models. */
interface ImageRequestBase {
  deployment: string;
  model: ImageModel;
  prompt: string;
  n?: number;
  size?: ImageSize;
  quality?: ImageQuality;
  background?: ImageBackground;
  output_format?: ImageOutputFormat;
  output_compression?: number;
  response_format?: ImageResponseFormat;
  user?: string;
  stream?: boolean;
  partial_images?: number;
}

export interface ImageGenerationRequest extends ImageRequestBase {
  style?: ImageStyle;
}

export interface ImageEditRequest extends ImageRequestBase {
  /** One image, or several (sent as `image[]`). */
  images: UploadSource[];
  mask?: UploadSource;
  input_fidelity?: InputFidelity;
}

export interface ContentFilterCategoryResult {
  filtered: boolean;
  severity?: 'safe' | 'low' | 'medium' | 'high';
  detected?: boolean;
}
export type ContentFilterResults = Record<string, ContentFilterCategoryResult | unknown>;

export interface ImageUsage {
  total_tokens?: number;
  input_tokens?: number;
  output_tokens?: number;
  input_tokens_details?: { text_tokens?: number; image_tokens?: number };
}

export interface GeneratedImage {
  b64_json?: string;
  url?: string;
  revised_prompt?: string;
  content_filter_results?: ContentFilterResults;
  prompt_filter_results?: ContentFilterResults;
}

export interface ImagesResult {
  created: number;
  data: GeneratedImage[];
  usage?: ImageUsage;
  /** True when the images came over SSE; false after a plain request (including a streaming fallback). */
  streamed: boolean;
  requestId?: string;
}

/** A partial frame of a streamed image, delivered the moment its SSE event is parsed. */
export interface PartialImage {
  b64_json: string;
  partialImageIndex: number;
  outputFormat?: string;
}

export interface ImageCallOptions extends CallOptions {
  onPartialImage?: (partial: PartialImage) => void;
}

/** Where the client writes its diagnostics: request ids, timings, retries. Never a key. */
export interface Logger {
  trace(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const nullLogger: Logger = { trace() {}, info() {}, warn() {}, error() {} };
