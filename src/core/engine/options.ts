// Each operation's options as a caller gives them, and how they meet the settings (the catalog decides which apply).
import { apiSurface, requestOptions, type OperationId } from '../catalog';
import { settingValue, type MediaConfiguration } from '../settings';
import type { ImageEditRequest, ImageGenerationRequest, SpeechRequest, TranscriptionRequest, TranslationRequest } from '../types';
import { compact } from './records';

/** Each operation's request minus what the engine fills in (deployment, files, the text). Defaults come from settings. */
export type TranscriptionOptions = Omit<TranscriptionRequest, 'deployment' | 'file'>;
export type TranslationOptions = Omit<TranslationRequest, 'deployment' | 'file'>;
export type SpeechOptions = Omit<SpeechRequest, 'deployment' | 'input'>;
export type ImageOptions = Omit<ImageGenerationRequest, 'deployment' | 'prompt'>;
export type ImageEditOptions = Omit<ImageEditRequest, 'deployment' | 'images' | 'mask' | 'prompt'>;

/** The request's options: the caller's, else the settings' values the model takes (src/core/catalog). */
export function optionsFor(cfg: MediaConfiguration, operation: OperationId, model: string, options: object): Record<string, unknown> {
  const given = compact({ ...options, model: undefined }) as Record<string, unknown>;
  return requestOptions(operation, model, (id) => settingValue(cfg, id), given, apiSurface(cfg.apiVersion));
}
