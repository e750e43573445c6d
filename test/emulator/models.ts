// What each model behind a deployment accepts, and which api-versions know which operation. The emulator's own
// table (kept apart from src/core/models.ts on purpose: it describes the service, the client describes itself).

export type Operation = 'transcriptions' | 'translations' | 'speech' | 'generations' | 'edits';

export const DEFAULT_DEPLOYMENTS: Record<string, string> = {
  whisper: 'whisper-1',
  'gpt-4o-transcribe': 'gpt-4o-transcribe',
  'gpt-4o-transcribe-diarize': 'gpt-4o-transcribe-diarize',
  tts: 'tts-1',
  'gpt-4o-mini-tts': 'gpt-4o-mini-tts',
  'gpt-image-1': 'gpt-image-1',
  'gpt-image-1-mini': 'gpt-image-1-mini',
  'gpt-image-1.5': 'gpt-image-1.5',
  'gpt-image-2': 'gpt-image-2',
  'dall-e-3': 'dall-e-3',
};

/** Azure's own names for the operations in OperationNotSupported messages. */
export const OPERATION_NAMES: Record<Operation, string> = {
  transcriptions: 'audioTranscription',
  translations: 'audioTranslation',
  speech: 'audioSpeech',
  generations: 'imageGeneration',
  edits: 'imageEdit',
};

export const PATH_OPERATIONS: Record<string, Operation> = {
  'audio/transcriptions': 'transcriptions',
  'audio/translations': 'translations',
  'audio/speech': 'speech',
  'images/generations': 'generations',
  'images/edits': 'edits',
};

export type ModelFamily = 'whisper' | 'gpt4o-transcribe' | 'tts' | 'gpt4o-tts' | 'dall-e-3' | 'gpt-image';

export interface ModelInfo {
  family: ModelFamily;
  operations: Operation[];
  /** The first dated api-version that serves this model (the v1 route serves every model). */
  minApiVersion: string;
  /** gpt-image-2's sizes: `auto` or any WxH within `GPT_IMAGE_2_SIZE_RULES`, and no transparent background. */
  flexibleSizes?: boolean;
}

export const MODELS: Record<string, ModelInfo> = {
  'whisper-1': { family: 'whisper', operations: ['transcriptions', 'translations'], minApiVersion: '2023-09-01-preview' },
  whisper: { family: 'whisper', operations: ['transcriptions', 'translations'], minApiVersion: '2023-09-01-preview' },
  'gpt-4o-transcribe': { family: 'gpt4o-transcribe', operations: ['transcriptions'], minApiVersion: '2025-03-01-preview' },
  'gpt-4o-mini-transcribe': { family: 'gpt4o-transcribe', operations: ['transcriptions'], minApiVersion: '2025-03-01-preview' },
  'gpt-4o-mini-transcribe-2025-12-15': { family: 'gpt4o-transcribe', operations: ['transcriptions'], minApiVersion: '2025-03-01-preview' },
  'gpt-4o-transcribe-diarize': { family: 'gpt4o-transcribe', operations: ['transcriptions'], minApiVersion: '2025-03-01-preview' },
  'tts-1': { family: 'tts', operations: ['speech'], minApiVersion: '2024-02-15-preview' },
  'tts-1-hd': { family: 'tts', operations: ['speech'], minApiVersion: '2024-02-15-preview' },
  'gpt-4o-mini-tts': { family: 'gpt4o-tts', operations: ['speech'], minApiVersion: '2025-03-01-preview' },
  'dall-e-3': { family: 'dall-e-3', operations: ['generations'], minApiVersion: '2023-12-01-preview' },
  'gpt-image-1': { family: 'gpt-image', operations: ['generations', 'edits'], minApiVersion: '2025-04-01-preview' },
  'gpt-image-1-mini': { family: 'gpt-image', operations: ['generations', 'edits'], minApiVersion: '2025-04-01-preview' },
  'gpt-image-1.5': { family: 'gpt-image', operations: ['generations', 'edits'], minApiVersion: '2025-04-01-preview' },
  'gpt-image-2': { family: 'gpt-image', operations: ['generations', 'edits'], minApiVersion: '2025-04-01-preview', flexibleSizes: true },
  'gpt-image-2-2026-04-21': {
    family: 'gpt-image', operations: ['generations', 'edits'], minApiVersion: '2025-04-01-preview', flexibleSizes: true,
  },
};

const AUDIO: Operation[] = ['transcriptions', 'translations'];
const ALL_BUT_EDITS: Operation[] = ['transcriptions', 'translations', 'speech', 'generations'];

/** Dated api-versions the data plane accepts, with the operations of this emulator each one serves. */
export const API_VERSIONS: Record<string, Operation[]> = {
  '2023-09-01-preview': AUDIO,
  '2023-10-01-preview': AUDIO,
  '2023-12-01-preview': [...AUDIO, 'generations'],
  '2024-02-01': [...AUDIO, 'generations'],
  '2024-02-15-preview': ALL_BUT_EDITS,
  '2024-03-01-preview': ALL_BUT_EDITS,
  '2024-04-01-preview': ALL_BUT_EDITS,
  '2024-05-01-preview': ALL_BUT_EDITS,
  '2024-06-01': [...AUDIO, 'generations'],
  '2024-07-01-preview': ALL_BUT_EDITS,
  '2024-08-01-preview': ALL_BUT_EDITS,
  '2024-09-01-preview': ALL_BUT_EDITS,
  '2024-10-01-preview': ALL_BUT_EDITS,
  '2024-10-21': [...AUDIO, 'generations'],
  '2024-12-01-preview': ALL_BUT_EDITS,
  '2025-01-01-preview': ALL_BUT_EDITS,
  '2025-02-01-preview': ALL_BUT_EDITS,
  '2025-03-01-preview': ALL_BUT_EDITS,
  '2025-04-01-preview': [...ALL_BUT_EDITS, 'edits'],
};

/**
 * The first api-version whose transcriptions know `stream` (SSE `transcript.text.*`). Azure's 2025-04-01-preview spec
 * lists no `stream` on transcriptions, but the spec is thinner than the service; streaming arrived with the gpt-4o
 * transcribe models (2025-03-01-preview here), so the emulator takes it from there and refuses it before as an unknown
 * parameter. An inference recorded in docs/SPEAKERS-STREAMING-COST.md; the client falls back to a plain request when
 * a service refuses it.
 */
export const TRANSCRIPT_STREAMING_FROM = '2025-03-01-preview';

/** On the v1 route (`/openai/v1/…`) the only api-version query the service takes: it opts into preview features. */
export const V1_API_VERSIONS = ['preview'];

/** Compares dated api-versions by their date (a GA and a preview of the same day count as equal). */
export function apiVersionAtLeast(version: string, min: string): boolean {
  return version.slice(0, 10) >= min.slice(0, 10);
}

export const TRANSCRIPTION_FORMATS: Record<'whisper' | 'gpt4o-transcribe', string[]> = {
  whisper: ['json', 'text', 'srt', 'verbose_json', 'vtt'],
  'gpt4o-transcribe': ['json', 'text'],
};
/** openai-python: "For gpt-4o-transcribe-diarize, the supported formats are json, text, and diarized_json". */
export const DIARIZE_FORMATS = ['json', 'text', 'diarized_json'];

export const AUDIO_EXTENSIONS = ['flac', 'mp3', 'mp4', 'mpeg', 'mpga', 'm4a', 'ogg', 'oga', 'wav', 'webm'];
export const AUDIO_LIMIT_BYTES = 25 * 1024 * 1024;
export const IMAGE_LIMIT_BYTES = 50 * 1024 * 1024;
export const MASK_LIMIT_BYTES = 4 * 1024 * 1024;
export const MAX_EDIT_IMAGES = 16;

export const TTS_VOICES = ['alloy', 'echo', 'fable', 'onyx', 'nova', 'shimmer'];
export const GPT_TTS_VOICES = [...TTS_VOICES, 'ash', 'ballad', 'coral', 'sage', 'verse', 'marin', 'cedar'];
export const SPEECH_FORMATS = ['mp3', 'opus', 'aac', 'flac', 'wav', 'pcm'];
export const SPEECH_CONTENT_TYPES: Record<string, string> = {
  mp3: 'audio/mpeg',
  opus: 'audio/ogg',
  aac: 'audio/aac',
  flac: 'audio/flac',
  wav: 'audio/wav',
  pcm: 'audio/pcm',
};

export const DALLE3_SIZES = ['1024x1024', '1792x1024', '1024x1792'];
export const GPT_IMAGE_SIZES = ['auto', '1024x1024', '1024x1536', '1536x1024'];
export const DALLE3_QUALITIES = ['standard', 'hd'];
export const GPT_IMAGE_QUALITIES = ['auto', 'low', 'medium', 'high'];

/**
 * gpt-image-2's size rule (openai-python `image_generate_params.py`, SERVICE-2026.md): both edges multiples of 16,
 * the longest edge at most 3840, the aspect ratio at most 3:1, and 655,360 to 8,294,400 pixels in all.
 */
export const GPT_IMAGE_2_SIZE_RULES = { edgeMultiple: 16, maxEdge: 3840, maxAspect: 3, minPixels: 655_360, maxPixels: 8_294_400 };
