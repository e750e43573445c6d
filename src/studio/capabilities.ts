// What the page may offer, from the configured deployments' models and src/core/models.ts: the page shows only the
// options a model takes, so it never builds a request the service would reject for the model.

import {
  AUDIO_EXTENSIONS,
  AUDIO_RESPONSE_FORMATS,
  imageQualities,
  imageSizes,
  maxImages,
  maxPromptLength,
  MAX_SPEECH_INPUT,
  SPEECH_FORMATS,
  supportsBackground,
  supportsEdits,
  supportsInputFidelity,
  supportsInstructions,
  supportsOutputFormat,
  supportsStreaming,
  supportsStyle,
  supportsTimestamps,
  transcriptionFormats,
  voicesFor,
} from '../core/models';
import type { ImageModel, SpeechFormat } from '../core/types';
import type { MediaConfiguration } from '../services/configuration';
import type { ImageCapabilities, StudioCapabilities, StudioDefaults } from './protocol';

export const IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg'];

/** Speech formats a webview's <audio> can play: Chromium in VS Code has no AAC decoder; raw PCM is wrapped as WAV. */
export const PLAYABLE_SPEECH: Record<SpeechFormat, boolean> = { mp3: true, opus: true, flac: true, wav: true, pcm: true, aac: false };

function image(deployment: string, model: ImageModel): ImageCapabilities {
  return {
    deployment,
    model,
    maxPrompt: maxPromptLength(model),
    sizes: [...imageSizes(model)],
    qualities: [...imageQualities(model)],
    maxImages: maxImages(model),
    style: supportsStyle(model),
    background: supportsBackground(model),
    outputFormat: supportsOutputFormat(model),
    streaming: supportsStreaming(model),
  };
}

export function capabilitiesFor(cfg: MediaConfiguration): StudioCapabilities {
  const t = cfg.models.transcription;
  const s = cfg.models.speech;
  return {
    transcription: {
      deployment: cfg.deployments.transcription,
      model: t,
      formats: [...transcriptionFormats(t)],
      granularities: supportsTimestamps(t),
    },
    // Translations run on whisper, which returns every format.
    translation: { deployment: cfg.deployments.translation, formats: [...AUDIO_RESPONSE_FORMATS] },
    speech: {
      deployment: cfg.deployments.speech,
      model: s,
      voices: [...voicesFor(s)],
      formats: [...SPEECH_FORMATS],
      maxInput: MAX_SPEECH_INPUT,
      instructions: supportsInstructions(s),
      speed: { min: 0.25, max: 4 },
    },
    image: image(cfg.deployments.image, cfg.models.image),
    imageEdit: {
      ...image(cfg.deployments.imageEdit, cfg.models.imageEdit),
      supported: supportsEdits(cfg.models.imageEdit),
      inputFidelity: supportsInputFidelity(cfg.models.imageEdit),
    },
    audioExtensions: [...AUDIO_EXTENSIONS],
    imageExtensions: IMAGE_EXTENSIONS,
    outputFolder: cfg.outputFolder,
    endpointConfigured: cfg.endpoint.trim().length > 0,
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
      size: within(cfg.image.size, caps.image.sizes),
      quality: within(cfg.image.quality, caps.image.qualities),
      style: caps.image.style ? cfg.image.style : undefined,
      background: caps.image.background ? cfg.image.background : undefined,
      output_format: caps.image.outputFormat ? cfg.image.outputFormat : undefined,
      stream: caps.image.streaming ? cfg.image.stream : undefined,
      partial_images: caps.image.streaming ? cfg.image.partialImages : undefined,
    },
    imageEdit: {
      n: Math.min(cfg.imageEdit.count, caps.imageEdit.maxImages),
      size: within(cfg.imageEdit.size, caps.imageEdit.sizes),
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
