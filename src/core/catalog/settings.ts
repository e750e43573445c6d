// The settings the catalog owns, at run time: their schemas (type, default, values, bounds) and defaults, which the
// extension reads at activation. The build-time side (package.json, package.nls.json and README.md written from
// these) is ./manifest.ts.
import { OPERATION_FIELDS, OPERATIONS } from './operations';
import { deploymentSetting, modelSetting, OPERATION_SPECS, type ModelSettingKey, type SettingKey } from './operationSpecs';
import { MODELS } from './models';
import type { FieldSpec, FieldValue, OperationId, ValueOfField } from './types';

const bySettingKey = <T>(value: (op: OperationId) => T | undefined): Record<SettingKey, T> =>
  Object.fromEntries(OPERATIONS.flatMap((op) => {
    const v = value(op);
    return v === undefined ? [] : [[OPERATION_SPECS[op].settingKey, v]];
  })) as Record<SettingKey, T>;

/** The models a fresh install proposes (`models.*`), from the catalog's table of operations. */
export const DEFAULT_MODELS = bySettingKey((op) => OPERATION_SPECS[op].defaultModel) as Record<ModelSettingKey, string>;
/** The deployment names proposed with them (`deployments.*`). */
export const DEFAULT_DEPLOYMENTS = bySettingKey((op) => OPERATION_SPECS[op].defaultDeployment);

type AnyField = (typeof OPERATION_FIELDS)[OperationId][number];
/** The settings of one section (`speech` → `{ voice, format, speed, instructions }`), typed from the catalog. */
export type SettingsSection<S extends string> = {
  [F in AnyField as F extends { setting: `${S}.${infer K}` } ? K : never]: ValueOfField<F>;
};

/** The defaults of one section's settings, from the catalog. */
export function sectionDefaults<S extends string>(section: S): SettingsSection<S> {
  const out: Record<string, unknown> = {};
  for (const [id, schema] of Object.entries(catalogSettings())) {
    if (!id.startsWith(`${section}.`)) continue;
    out[id.slice(section.length + 1)] = Array.isArray(schema.default) ? [...(schema.default as unknown[])] : schema.default;
  }
  return out as SettingsSection<S>;
}

/** The keys of a setting's schema the catalog owns; the rest (description, order, scope) stays hand-written. */
export const OWNED_KEYS = [
  'type', 'default', 'enum', 'minimum', 'maximum', 'maxLength', 'pattern', 'patternErrorMessage', 'items', 'uniqueItems', 'examples',
] as const;

export interface SettingSchema {
  type: 'string' | 'number' | 'integer' | 'boolean' | 'array';
  default: FieldValue;
  enum?: string[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  pattern?: string;
  patternErrorMessage?: string;
  items?: { type: 'string'; enum: string[] };
  uniqueItems?: boolean;
  examples?: string[];
}

const SIZE_PATTERN = '^(auto|[1-9][0-9]{1,4}x[1-9][0-9]{1,4})$';

function schemaOf(field: FieldSpec): SettingSchema {
  const values = field.values ? [...field.values] : undefined;
  switch (field.kind) {
    case 'enum':
      return { type: 'string', default: field.default!, enum: values };
    case 'list':
      return { type: 'array', default: field.default ?? [], items: { type: 'string', enum: values! }, uniqueItems: true };
    case 'number':
    case 'integer':
      return { type: field.kind, default: field.default!, minimum: field.min, maximum: field.max };
    case 'boolean':
      return { type: 'boolean', default: field.default! };
    case 'size':
      return {
        type: 'string',
        default: field.default!,
        pattern: SIZE_PATTERN,
        patternErrorMessage: 'auto, or WIDTHxHEIGHT such as 1024x1024',
        examples: values,
      };
    case 'string': {
      const schema: SettingSchema = { type: 'string', default: field.default ?? '' };
      if (field.max !== undefined) schema.maxLength = field.max;
      // Empty means "not set" for every text option, so the setting's pattern allows it.
      if (field.pattern) schema.pattern = `^(${field.pattern.replace(/^\^|\$$/g, '')})?$`;
      return schema;
    }
  }
}

const strip = (schema: SettingSchema): SettingSchema =>
  Object.fromEntries(Object.entries(schema).filter(([, v]) => v !== undefined)) as unknown as SettingSchema;

/** Every setting the catalog owns, by its id without the `azureOpenAIMedia.` prefix. */
export function catalogSettings(): Record<string, SettingSchema> {
  const out: Record<string, SettingSchema> = {};
  for (const operation of OPERATIONS) {
    const spec = OPERATION_SPECS[operation];
    const setting = modelSetting(operation);
    if (setting) out[setting] = { type: 'string', default: spec.defaultModel ?? '', examples: modelNames(operation) };
  }
  for (const operation of OPERATIONS) {
    out[deploymentSetting(operation)] = { type: 'string', default: OPERATION_SPECS[operation].defaultDeployment };
  }
  for (const operation of OPERATIONS) {
    for (const field of OPERATION_FIELDS[operation] as readonly FieldSpec[]) {
      if (field.setting && !out[field.setting]) out[field.setting] = strip(schemaOf(field));
    }
  }
  return out;
}

/** A known model's names for suggestions: its Azure name and other names (`whisper-1`). */
function modelNames(operation: OperationId): string[] {
  return MODELS.filter((m) => m.operations[operation]).flatMap((m) => [m.name, ...(m.aliases ?? [])]);
}
