// What the page may offer, from the configured deployments' models and the catalog (src/core/catalog): the page shows
// only the options a model takes, so it never builds a request the service would reject for the model.

import {
  accepts,
  apiSurface,
  AUDIO_EXTENSIONS,
  describeOperation,
  EDIT_IMAGE_EXTENSIONS,
  type EffectiveField,
  type OperationView,
} from '../core/catalog';
import type { AudioResponseFormat, ImageQuality, SpeechFormat, SpeechVoice } from '../core/types';
import type { MediaConfiguration } from '../services/configuration';
import type { ImageCapabilities, StudioCapabilities, StudioDefaults } from './protocol';

export const IMAGE_EXTENSIONS: string[] = [...EDIT_IMAGE_EXTENSIONS];

/** Speech formats a webview's <audio> can play: Chromium in VS Code has no AAC decoder; raw PCM is wrapped as WAV. */
export const PLAYABLE_SPEECH: Record<SpeechFormat, boolean> = { mp3: true, opus: true, flac: true, wav: true, pcm: true, aac: false };

const field = (view: OperationView, key: string): EffectiveField | undefined => view.fields.find((f) => f.key === key);
const takes = (view: OperationView, key: string): boolean => field(view, key)?.supported ?? false;
const valuesOf = <T extends string>(view: OperationView, key: string): T[] => (takes(view, key) ? (field(view, key)!.values as T[]) : []);

function image(deployment: string, view: OperationView): ImageCapabilities {
  return {
    deployment,
    model: view.model.name,
    maxPrompt: view.limits.maxInput ?? 32_000,
    sizes: valuesOf(view, 'size'),
    qualities: valuesOf<ImageQuality>(view, 'quality'),
    maxImages: field(view, 'n')!.max ?? 1,
    style: takes(view, 'style'),
    background: takes(view, 'background'),
    outputFormat: takes(view, 'output_format'),
    streaming: takes(view, 'stream'),
  };
}

export function capabilitiesFor(cfg: MediaConfiguration): StudioCapabilities {
  const surface = apiSurface(cfg.apiVersion);
  const operations = {
    transcription: describeOperation('transcription', cfg.models.transcription, surface),
    // Translations run on whisper, the one model that translates.
    translation: describeOperation('translation', 'whisper', surface),
    speech: describeOperation('speech', cfg.models.speech, surface),
    imageGeneration: describeOperation('imageGeneration', cfg.models.image, surface),
    imageEdit: describeOperation('imageEdit', cfg.models.imageEdit, surface),
  };
  const { transcription, translation, speech, imageEdit } = operations;
  return {
    transcription: {
      deployment: cfg.deployments.transcription,
      model: cfg.models.transcription,
      formats: valuesOf<AudioResponseFormat>(transcription, 'response_format'),
      granularities: takes(transcription, 'timestamp_granularities'),
    },
    translation: { deployment: cfg.deployments.translation, formats: valuesOf<AudioResponseFormat>(translation, 'response_format') },
    speech: {
      deployment: cfg.deployments.speech,
      model: cfg.models.speech,
      voices: valuesOf<SpeechVoice>(speech, 'voice'),
      formats: valuesOf<SpeechFormat>(speech, 'response_format'),
      maxInput: speech.limits.maxInput ?? 4096,
      instructions: takes(speech, 'instructions'),
      speed: { min: field(speech, 'speed')!.min!, max: field(speech, 'speed')!.max! },
    },
    image: image(cfg.deployments.image, operations.imageGeneration),
    imageEdit: {
      ...image(cfg.deployments.imageEdit, imageEdit),
      supported: imageEdit.supported,
      inputFidelity: takes(imageEdit, 'input_fidelity'),
    },
    audioExtensions: [...AUDIO_EXTENSIONS],
    imageExtensions: IMAGE_EXTENSIONS,
    outputFolder: cfg.outputFolder,
    endpointConfigured: cfg.endpoint.trim().length > 0,
    operations,
  };
}

/** The forms' first values, from the per-operation settings, limited to what the model accepts. */
export function defaultsFor(cfg: MediaConfiguration): StudioDefaults {
  const caps = capabilitiesFor(cfg);
  const within = <T>(value: T, allowed: readonly T[]): T | undefined => (allowed.includes(value) ? value : undefined);
  return {
    transcription: {
      response_format: within(cfg.transcription.responseFormat, caps.transcription.formats) ?? caps.transcription.formats[0],
      language: cfg.transcription.language || undefined,
      prompt: cfg.transcription.prompt || undefined,
      temperature: cfg.transcription.temperature,
      timestamp_granularities: caps.transcription.granularities ? [...cfg.transcription.timestampGranularities] : undefined,
    },
    translation: {
      response_format: cfg.translation.responseFormat,
      prompt: cfg.translation.prompt || undefined,
      temperature: cfg.translation.temperature,
    },
    speech: {
      voice: within(cfg.speech.voice, caps.speech.voices) ?? caps.speech.voices[0],
      response_format: cfg.speech.format,
      speed: cfg.speech.speed,
      instructions: caps.speech.instructions ? cfg.speech.instructions || undefined : undefined,
    },
    image: {
      n: Math.min(cfg.image.count, caps.image.maxImages),
      size: accepts(field(caps.operations.imageGeneration, 'size')!, cfg.image.size) ? cfg.image.size : undefined,
      quality: within(cfg.image.quality, caps.image.qualities),
      style: caps.image.style ? cfg.image.style : undefined,
      background: caps.image.background ? cfg.image.background : undefined,
      output_format: caps.image.outputFormat ? cfg.image.outputFormat : undefined,
      stream: caps.image.streaming ? cfg.image.stream : undefined,
      partial_images: caps.image.streaming ? cfg.image.partialImages : undefined,
    },
    imageEdit: {
      n: Math.min(cfg.imageEdit.count, caps.imageEdit.maxImages),
      size: accepts(field(caps.operations.imageEdit, 'size')!, cfg.imageEdit.size) ? cfg.imageEdit.size : undefined,
      quality: within(cfg.imageEdit.quality, caps.imageEdit.qualities),
      input_fidelity: caps.imageEdit.inputFidelity ? cfg.imageEdit.inputFidelity : undefined,
      stream: caps.imageEdit.streaming ? cfg.image.stream : undefined,
      partial_images: caps.imageEdit.streaming ? cfg.image.partialImages : undefined,
    },
  };
}

/** Raw 16-bit little-endian mono PCM at 24 kHz (what the speech API returns for `pcm`) wrapped in a WAV header. */
export function pcmToWav(pcm: Uint8Array, sampleRate = 24000): Uint8Array {
  const out = new Uint8Array(44 + pcm.length);
  const v = new DataView(out.buffer);
  const ascii = (offset: number, text: string): void => {
    for (let i = 0; i < text.length; i++) out[offset + i] = text.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  v.setUint32(4, 36 + pcm.length, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true); // PCM
  v.setUint16(22, 1, true); // mono
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, sampleRate * 2, true);
  v.setUint16(32, 2, true);
  v.setUint16(34, 16, true);
  ascii(36, 'data');
  v.setUint32(40, pcm.length, true);
  out.set(pcm, 44);
  return out;
}
