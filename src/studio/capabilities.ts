// What the page may offer, from the configured deployments' models and the catalog (src/core/catalog): the page draws
// each form from these descriptions and shows only the options a model takes, so it never builds a request the
// service would reject for the model; the host checks each message against the same descriptions (./validate.ts).

import { accepts, apiSurface, AUDIO_EXTENSIONS, deploymentSetting, describeOperation, EDIT_IMAGE_EXTENSIONS, modelSetting,
  OPERATIONS, settingId, type OperationId } from '../core/catalog';
import type { SpeechFormat } from '../core/types';
import type { MediaConfiguration } from '../services/configuration';
import { deploymentOf, modelOf } from '../core/settings';
import { isDiarizing } from '../core/speakers';
import type { OptionValues, StudioCapabilities, StudioDefaults } from '../shared/protocol';
import type { OperationFields } from './validate';

/** Speech formats a webview's <audio> can play: Chromium in VS Code has no AAC decoder; raw PCM is wrapped as WAV. */
export const PLAYABLE_SPEECH: Record<SpeechFormat, boolean> = { mp3: true, opus: true, flac: true, wav: true, pcm: true, aac: false };

export function capabilitiesFor(cfg: MediaConfiguration): StudioCapabilities {
  const surface = apiSurface(cfg.apiVersion);
  const ops = (f: (op: OperationId) => unknown) => Object.fromEntries(OPERATIONS.map((op) => [op, f(op)]));
  return {
    operations: ops((op) => describeOperation(op, modelOf(cfg, op), surface)) as StudioCapabilities['operations'],
    deployments: ops((op) => deploymentOf(cfg, op)) as StudioCapabilities['deployments'],
    // The setting to open for an operation's model: its models.* setting, or the deployment's with a fixed model.
    settings: ops((op) => settingId(modelSetting(op) ?? deploymentSetting(op))) as StudioCapabilities['settings'],
    audioExtensions: [...AUDIO_EXTENSIONS],
    imageExtensions: [...EDIT_IMAGE_EXTENSIONS],
    outputFolder: cfg.outputFolder,
    endpointConfigured: cfg.endpoint.trim().length > 0,
  };
}

/** The fields the host checks the page's messages against: the same the forms were drawn from. */
export function fieldsOf(caps: StudioCapabilities): OperationFields {
  return Object.fromEntries(OPERATIONS.map((op) => [op, caps.operations[op].fields])) as unknown as OperationFields;
}

/** The forms' first values: each field's setting where the model takes its value, else the catalog's default. */
export function defaultsFor(cfg: MediaConfiguration, caps: StudioCapabilities = capabilitiesFor(cfg)): StudioDefaults {
  const out = {} as StudioDefaults;
  for (const op of OPERATIONS) {
    const values: OptionValues = {};
    for (const field of caps.operations[op].fields) {
      if (!field.supported || field.hostOnly) continue;
      const set = field.setting ? setting(cfg, field.setting) : undefined;
      const value = set !== undefined && accepts(field, set) ? set : field.default;
      if (value !== undefined) values[field.key] = value as OptionValues[string];
    }
    // As the command does: a diarizing model's transcript is by speaker unless the setting asks for another format.
    if (op === 'transcription' && isDiarizing(cfg.models.transcription) && values.response_format === 'text') {
      values.response_format = 'diarized_json';
    }
    out[op] = values;
  }
  return out;
}

/** A setting by its id without the section (`speech.speed`); configuration.ts's `settingValue`, which imports vscode. */
function setting(cfg: MediaConfiguration, id: string): unknown {
  let value: unknown = cfg;
  for (const part of id.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  return value;
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
