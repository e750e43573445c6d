// Model capabilities: which options each model accepts. Settings, commands and the Studio offer only what is listed
// here, and validation.ts enforces the same tables before a request is sent.
import type {
  AudioResponseFormat,
  ImageModel,
  ImageQuality,
  ImageResponseFormat,
  ImageSize,
  SpeechFormat,
  SpeechModel,
  SpeechVoice,
  TranscriptionModel,
} from './types';

export const TRANSCRIPTION_MODELS: readonly TranscriptionModel[] = [
  'whisper-1',
  'gpt-4o-transcribe',
  'gpt-4o-mini-transcribe',
  'gpt-4o-mini-transcribe-2025-12-15',
  'gpt-4o-transcribe-diarize',
];
export const SPEECH_MODELS: readonly SpeechModel[] = ['tts-1', 'tts-1-hd', 'gpt-4o-mini-tts'];
export const IMAGE_MODELS: readonly ImageModel[] = ['gpt-image-1', 'gpt-image-1-mini', 'dall-e-3'];

/** Every voice any speech model knows. */
export const SPEECH_VOICES: readonly SpeechVoice[] = [
  'alloy', 'ash', 'ballad', 'coral', 'echo', 'fable', 'onyx', 'nova', 'sage', 'shimmer', 'verse', 'marin', 'cedar',
];
/** The six voices of the Azure spec's `createSpeechRequest`, the only ones tts-1 and tts-1-hd speak. */
const CLASSIC_VOICES: readonly SpeechVoice[] = ['alloy', 'echo', 'fable', 'onyx', 'nova', 'shimmer'];
export const SPEECH_FORMATS: readonly SpeechFormat[] = ['mp3', 'opus', 'aac', 'flac', 'wav', 'pcm'];
export const AUDIO_RESPONSE_FORMATS: readonly AudioResponseFormat[] = ['json', 'text', 'srt', 'verbose_json', 'vtt'];
/** File extensions the transcription and translation endpoints accept. */
export const AUDIO_EXTENSIONS: readonly string[] = ['flac', 'mp3', 'mp4', 'mpeg', 'mpga', 'm4a', 'ogg', 'wav', 'webm'];

/** The service's upload limit for audio (transcriptions and translations). */
export const MAX_AUDIO_BYTES = 25 * 1024 * 1024;
/** Image edit inputs: the Azure spec's limit (MS Learn says 50 MB; the stricter one is enforced). */
export const MAX_EDIT_IMAGE_BYTES = 25 * 1024 * 1024;
export const MAX_EDIT_IMAGES = 16;
export const MAX_MASK_BYTES = 4 * 1024 * 1024;
export const MAX_SPEECH_INPUT = 4096;
export const MAX_SPEECH_INSTRUCTIONS = 4096;
export const MAX_PARTIAL_IMAGES = 3;

const isGptImage = (model: ImageModel): boolean => model === 'gpt-image-1' || model === 'gpt-image-1-mini';

/** Response formats a transcription model can return. */
export function transcriptionFormats(model: TranscriptionModel): readonly AudioResponseFormat[] {
  switch (model) {
    case 'whisper-1':
      return AUDIO_RESPONSE_FORMATS;
    case 'gpt-4o-transcribe-diarize':
      return ['json', 'text', 'diarized_json'];
    default:
      return ['json'];
  }
}
/** Models that label speakers (`diarized_json`, known speakers, `chunking_strategy` required over 30 s). */
export function isDiarizing(model: TranscriptionModel): boolean {
  return transcriptionFormats(model).includes('diarized_json');
}
/** openai-python: "Streaming is not supported for the whisper-1 model and will be ignored." */
export function supportsTranscriptStreaming(model: TranscriptionModel): boolean {
  return model !== 'whisper-1';
}
/** openai-python `known_speaker_names`: "Up to 4 speakers are supported." */
export const MAX_KNOWN_SPEAKERS = 4;
/** openai-python `known_speaker_references`: "Each sample must be between 2 and 10 seconds". */
export const KNOWN_SPEAKER_SECONDS = { min: 2, max: 10 } as const;
/** openai-python `chunking_strategy`: "Required when using gpt-4o-transcribe-diarize for inputs longer than 30 seconds." */
export const DIARIZE_UNCHUNKED_MAX_SECONDS = 30;
/** `timestamp_granularities[]` needs verbose_json, which only whisper-1 returns. */
export function supportsTimestamps(model: TranscriptionModel): boolean {
  return transcriptionFormats(model).includes('verbose_json');
}
/** gpt-4o-transcribe-diarize takes no prompt. */
export function supportsTranscriptionPrompt(model: TranscriptionModel): boolean {
  return model !== 'gpt-4o-transcribe-diarize';
}

export function voicesFor(model: SpeechModel | undefined): readonly SpeechVoice[] {
  return model === 'tts-1' || model === 'tts-1-hd' ? CLASSIC_VOICES : SPEECH_VOICES;
}
/** `instructions` steer gpt-4o-mini-tts only. */
export function supportsInstructions(model: SpeechModel | undefined): boolean {
  return model === 'gpt-4o-mini-tts';
}

export function imageSizes(model: ImageModel): readonly ImageSize[] {
  return isGptImage(model) ? ['auto', '1024x1024', '1024x1536', '1536x1024'] : ['1024x1024', '1792x1024', '1024x1792'];
}
export function imageQualities(model: ImageModel): readonly ImageQuality[] {
  return isGptImage(model) ? ['auto', 'low', 'medium', 'high'] : ['standard', 'hd'];
}
export function maxPromptLength(model: ImageModel): number {
  return isGptImage(model) ? 32000 : 4000;
}
export function maxImages(model: ImageModel): number {
  return isGptImage(model) ? 10 : 1;
}
export function supportsStyle(model: ImageModel): boolean {
  return model === 'dall-e-3';
}
export function supportsBackground(model: ImageModel): boolean {
  return isGptImage(model);
}
/** `output_format` and `output_compression`. */
export function supportsOutputFormat(model: ImageModel): boolean {
  return isGptImage(model);
}
/** gpt-image models always answer with base64; only dall-e-3 can return a URL. */
export function imageResponseFormats(model: ImageModel): readonly ImageResponseFormat[] {
  return isGptImage(model) ? ['b64_json'] : ['url', 'b64_json'];
}
export function supportsStreaming(model: ImageModel): boolean {
  return isGptImage(model);
}
export function supportsInputFidelity(model: ImageModel): boolean {
  return model === 'gpt-image-1';
}
/** DALL-E models do not support the image edit API on Azure. */
export function supportsEdits(model: ImageModel): boolean {
  return isGptImage(model);
}
