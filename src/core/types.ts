// The public shapes of the Azure OpenAI image and audio client. No `vscode` import anywhere under src/core.

import type { OPERATION_FIELDS } from './catalog/operations';
import type { OperationId, ValueOfField } from './catalog/types';

// The requests' options are typed from the catalog (src/core/catalog/operations.ts): a field added there is a
// property of its request here, with its values as a type. Model names are open strings: any deployment may serve
// a model the catalog does not know.
type FieldOf<Op extends OperationId> = (typeof OPERATION_FIELDS)[Op][number];
/** Every option of an operation, optional, typed by its catalog entry. */
export type OptionsOf<Op extends OperationId> = { [F in FieldOf<Op> as F['key']]?: ValueOfField<F> };
type ValueAt<Op extends OperationId, K extends string> = ValueOfField<Extract<FieldOf<Op>, { key: K }>>;

export type AudioResponseFormat = ValueAt<'transcription', 'response_format'>;
/** Translations answer every transcript format but the diarize model's `diarized_json`. */
export type TranslationResponseFormat = ValueAt<'translation', 'response_format'>;
export type TimestampGranularity = ValueAt<'transcription', 'timestamp_granularities'>[number];
export type SpeechVoice = ValueAt<'speech', 'voice'>;
export type SpeechFormat = ValueAt<'speech', 'response_format'>;
/** `auto` or `WIDTHxHEIGHT`; which sizes a model takes is the catalog's business. */
export type ImageSize = string;
export type ImageQuality = ValueAt<'imageGeneration', 'quality'>;
export type ImageStyle = ValueAt<'imageGeneration', 'style'>;
export type ImageBackground = ValueAt<'imageGeneration', 'background'>;
export type ImageOutputFormat = ValueAt<'imageGeneration', 'output_format'>;
export type ImageResponseFormat = ValueAt<'imageGeneration', 'response_format'>;
export type InputFidelity = ValueAt<'imageEdit', 'input_fidelity'>;

/**
 * A file to upload. With `path` it is streamed from disk and never held whole in memory; with `data` (virtual
 * workspaces, a mask painted in the Studio) the bytes are sent as they are. `name` is the part's file name and its
 * extension decides the part's MIME type.
 */
export interface UploadSource {
  name: string;
  path?: string;
  data?: Uint8Array;
  /** With `path`: only bytes [start, end) of the file are sent (a part of a long recording). */
  range?: { start: number; end: number };
  /** With `range`: bytes sent before the range (a part's own WAV header). */
  header?: Uint8Array;
}

/** What every call may carry besides its request. */
export interface CallOptions {
  /** Aborts the upload or download at once; the call then rejects with a `cancelled` MediaApiError. */
  signal?: AbortSignal;
}

export type TranscriptionRequest = OptionsOf<'transcription'> & {
  deployment: string;
  /** The model behind the deployment: a name from the catalog, or any other. */
  model: string;
  file: UploadSource;
};

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

export type TranslationRequest = OptionsOf<'translation'> & {
  deployment: string;
  file: UploadSource;
};

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

export type SpeechRequest = OptionsOf<'speech'> & {
  deployment: string;
  model?: string;
  input: string;
  voice: SpeechVoice;
};
export interface SpeechResult {
  bytes: number;
  contentType: string;
  requestId?: string;
}

export type ImageGenerationRequest = OptionsOf<'imageGeneration'> & {
  deployment: string;
  model: string;
  prompt: string;
};

export type ImageEditRequest = OptionsOf<'imageEdit'> & {
  deployment: string;
  model: string;
  prompt: string;
  /** One image, or several (sent as `image[]`). */
  images: UploadSource[];
  mask?: UploadSource;
};

export interface ContentFilterCategoryResult {
  filtered: boolean;
  severity?: 'safe' | 'low' | 'medium' | 'high';
  detected?: boolean;
}
/** Per category as the service sends them: each has `filtered`; some carry more (a citation, blocklist details). */
export type ContentFilterResults = Record<string, ContentFilterCategoryResult>;

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
