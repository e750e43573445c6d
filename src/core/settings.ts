// The extension's settings as plain data: their shape, their defaults and how raw values become them. The extension
// reads them from VS Code (services/configuration.ts); the command line from a settings file and the environment.
import { OPERATIONS } from './catalog/operations';
import { OPERATION_SPECS, type ModelSettingKey, type SettingKey } from './catalog/operationSpecs';
import { DEFAULT_DEPLOYMENTS, DEFAULT_MODELS, sectionDefaults, type SettingsSection } from './catalog/settings';
import type { OperationId } from './catalog/types';
import { AUDIO_CONCURRENCY, MAX_AUDIO_CONCURRENCY, type PartOrder } from './long/order';

export type AuthenticationMode = 'apiKey' | 'entraId';

/**
 * The extension's settings, typed. This shape mirrors `contributes.configuration` in package.json one to one
 * (test/integration/manifest.test.ts checks that every leaf here is contributed and the other way round).
 */
/** imageEdit.keepProtectedArea (core/engine/protectedArea.ts). */
export type KeepProtectedSetting = 'off' | 'ask' | 'always';
const KEEP_PROTECTED_VALUES: readonly string[] = ['off', 'ask', 'always'];

/** Each operation's options section (`speech.*`, `image.*`, …), typed from the catalog's fields. */
type OptionSections = { [K in SettingKey]: SettingsSection<K> };

export interface MediaConfiguration extends Omit<OptionSections, 'transcription' | 'imageEdit'> {
  endpoint: string;
  apiVersion: string;
  authentication: AuthenticationMode;
  outputFolder: string;
  /** One per operation, keyed by its settings key (core/catalog/operationSpecs.ts). */
  deployments: Record<SettingKey, string>;
  /** Any model name: the catalog (src/core/catalog) knows some, and treats others by their family. */
  models: Record<ModelSettingKey, string>;
  // The option sections come from the catalog (OptionSections): a setting added there is a typed key here. These two
  // have settings of the extension's own besides.
  transcription: SettingsSection<'transcription'> & {
    askForOptions: boolean;
    /** Show the transcript as it arrives (models that stream). */
    stream: boolean;
    /** With a transcript by speaker, also these subtitles with the speaker in each cue. */
    subtitles: Array<'srt' | 'vtt'>;
    /** Speaker name -> workspace-relative audio file (2–10 s), for a diarizing model. */
    knownSpeakers: Record<string, string>;
    /** A long recording's parts for a model that takes a prompt: part 1 then the rest at once, or one after another. */
    partOrder: PartOrder;
    /** Parts in flight at once after part 1 (1–16). */
    partsAtOnce: number;
  };
  imageEdit: SettingsSection<'imageEdit'> & {
    /** After a masked edit: write the composite that restores the protected area never, on request, or always. */
    keepProtectedArea: KeepProtectedSetting;
  };
  /** `trustedOrigins`: origins the user lets an Entra token reach without asking (application scope: user settings only). */
  entra: { tenantId: string; scope: string; authorityHost: string; trustedOrigins: string[] };
  /** The Azure cloud Configure's sign-in searches (core/discovery/clouds.ts `resolveCloud`); `auto` follows VS Code's. */
  cloud: string;
  /** Resource Manager's address where it is not the cloud's own (application scope: user settings only). */
  management: { endpoint: string };
  requestHeaders: Record<string, string>;
  gatewayKeyHeader: string;
  /** `confirmAbove`: USD; 0 = never ask. `prices`: merged over core/catalog/prices.ts by core/cost.ts mergePrices. */
  cost: { confirmAbove: number; prices: Record<string, unknown> };
}

/** Every operation's options section, from the catalog (`make` reads one by its key). */
function optionSections(make: (key: SettingKey) => object): OptionSections {
  return Object.fromEntries(OPERATIONS.map((op) => {
    const key = OPERATION_SPECS[op].settingKey;
    return [key, make(key)];
  })) as OptionSections;
}

/** Every setting's default, the same values package.json declares (the catalog's, for the settings it owns). */
export const DEFAULTS: MediaConfiguration = {
  ...optionSections((key) => sectionDefaults(key)),
  endpoint: '',
  apiVersion: '2025-04-01-preview',
  authentication: 'apiKey',
  outputFolder: 'media',
  deployments: { ...DEFAULT_DEPLOYMENTS },
  models: { ...DEFAULT_MODELS },
  transcription: { ...sectionDefaults('transcription'), askForOptions: true, stream: true, subtitles: [], knownSpeakers: {},
    partOrder: 'twoRounds', partsAtOnce: AUDIO_CONCURRENCY },
  imageEdit: { ...sectionDefaults('imageEdit'), keepProtectedArea: 'ask' },
  entra: { tenantId: '', scope: 'https://cognitiveservices.azure.com/.default', authorityHost: '', trustedOrigins: [] },
  cloud: 'auto',
  management: { endpoint: '' },
  requestHeaders: {},
  gatewayKeyHeader: '',
  cost: { confirmAbove: 0, prices: {} },
};

type Leaf = string | number | boolean | unknown[] | Record<string, string>;

/** Settings whose value is itself an object (one setting, not a section). */
const OBJECT_SETTINGS = new Set(['requestHeaders', 'knownSpeakers', 'prices']);

/** Dotted keys of every setting (`deployments.speech`, …), derived from DEFAULTS so they cannot drift from it. */
export function settingKeys(): string[] {
  const keys: string[] = [];
  const walk = (prefix: string, value: Record<string, unknown>): void => {
    for (const [k, v] of Object.entries(value)) {
      const key = prefix ? `${prefix}.${k}` : k;
      if (!OBJECT_SETTINGS.has(k) && v !== null && typeof v === 'object' && !Array.isArray(v)) {
        walk(key, v as Record<string, unknown>);
      } else {
        keys.push(key);
      }
    }
  };
  walk('', DEFAULTS as unknown as Record<string, unknown>);
  return keys;
}

/**
 * The settings from a getter of raw values by dotted key (`speech.voice`); a value that is missing or of the wrong
 * type falls back to its default.
 */
export function configurationFrom(get: (key: string) => unknown): MediaConfiguration {
  const read = <T extends Leaf>(key: string, fallback: T): T => {
    const value = get(key);
    if (value === undefined || value === null) return fallback;
    if (Array.isArray(fallback)) return (Array.isArray(value) ? value : fallback) as T;
    if (typeof fallback === 'object') return (typeof value === 'object' && !Array.isArray(value) ? value : fallback) as T;
    return (typeof value === typeof fallback ? value : fallback) as T;
  };
  const section = <T extends object>(name: string, defaults: T): T => {
    const out: Record<string, Leaf> = {};
    for (const [k, v] of Object.entries(defaults)) out[k] = read(`${name}.${k}`, v as Leaf);
    return out as T;
  };
  return {
    ...optionSections((key) => section(key, DEFAULTS[key])),
    endpoint: read('endpoint', DEFAULTS.endpoint).trim(),
    apiVersion: read('apiVersion', DEFAULTS.apiVersion).trim() || DEFAULTS.apiVersion,
    authentication: read('authentication', DEFAULTS.authentication) === 'entraId' ? 'entraId' : 'apiKey',
    outputFolder: read('outputFolder', DEFAULTS.outputFolder),
    deployments: section('deployments', DEFAULTS.deployments),
    models: section('models', DEFAULTS.models),
    transcription: (() => {
      const t = section('transcription', DEFAULTS.transcription);
      return {
        ...t,
        subtitles: t.subtitles.filter((f): f is 'srt' | 'vtt' => f === 'srt' || f === 'vtt'),
        knownSpeakers: stringRecord(t.knownSpeakers),
        partOrder: t.partOrder === 'chain' ? 'chain' as const : 'twoRounds' as const,
        partsAtOnce: Number.isInteger(t.partsAtOnce) ? Math.min(MAX_AUDIO_CONCURRENCY, Math.max(1, t.partsAtOnce)) : AUDIO_CONCURRENCY,
      };
    })(),
    imageEdit: (() => {
      const e = section('imageEdit', DEFAULTS.imageEdit);
      return { ...e, keepProtectedArea: KEEP_PROTECTED_VALUES.includes(e.keepProtectedArea) ? e.keepProtectedArea : 'ask' };
    })(),
    entra: section('entra', DEFAULTS.entra),
    cloud: read('cloud', DEFAULTS.cloud).trim() || DEFAULTS.cloud,
    management: { endpoint: read('management.endpoint', DEFAULTS.management.endpoint).trim() },
    requestHeaders: stringRecord(read('requestHeaders', DEFAULTS.requestHeaders)),
    gatewayKeyHeader: read('gatewayKeyHeader', DEFAULTS.gatewayKeyHeader).trim(),
    cost: (() => {
      const c = section('cost', DEFAULTS.cost);
      return { confirmAbove: Math.max(0, c.confirmAbove), prices: c.prices };
    })(),
  };
}

function stringRecord(value: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** A setting's value by its id without the section (`speech.speed`), for the catalog's generic readers. */
export function settingValue(cfg: MediaConfiguration, id: string): unknown {
  let value: unknown = cfg;
  for (const part of id.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  return value;
}

type OperationSettings = Pick<MediaConfiguration, 'deployments' | 'models'>;

/** The deployment configured for an operation ('' when none is). */
export function deploymentOf(cfg: OperationSettings, operation: OperationId): string {
  return cfg.deployments[OPERATION_SPECS[operation].settingKey];
}

/** The model behind an operation's deployment: its fixed model, or the `models.*` setting. */
export function modelOf(cfg: OperationSettings, operation: OperationId): string {
  const spec: { settingKey: string; fixedModel?: string } = OPERATION_SPECS[operation];
  return spec.fixedModel ?? cfg.models[spec.settingKey as ModelSettingKey];
}
