// The catalog: operations, their options and the models, as data, plus the few functions that read it. No `vscode`
// and no Node import: the Studio page compiles this too. Everything returned is plain JSON.
import { isV1Route } from '../endpoint';
import { msg, type Message } from '../messages';
import { FAMILY_PATTERNS, MODELS } from './models';
import { OPERATION_FIELDS, OPERATION_FILES, OPERATIONS } from './operations';
import type {
  ApiSurface,
  FieldRule,
  FieldSpec,
  FieldValue,
  FileSpec,
  Lifecycle,
  ModelFamily,
  OperationId,
  OperationLimits,
  OperationProfile,
  SizeRule,
} from './types';

export * from './types';
export { AUDIO_EXTENSIONS, EDIT_IMAGE_EXTENSIONS, OPERATION_FIELDS, OPERATION_FILES, OPERATIONS } from './operations';
export { GPT_IMAGE_2_SIZE_RULE, MODELS } from './models';
export { deploymentSetting, modelSetting, OPERATION_SPECS, settingId, SETTINGS_SECTION, type OperationSpec } from './operationSpecs';

/** `apiVersion: 'v1'` selects the v1 route; any dated version the deployments route. The one place this is decided. */
export function apiSurface(apiVersion: string | undefined): ApiSurface {
  return isV1Route(apiVersion) ? 'v1' : 'dated';
}

// ---- models ----

/** A model name as configured, resolved to what the catalog knows about it. */
export interface ResolvedModel {
  /** The name as given. */
  name: string;
  /** The catalog's name, when the model is known. */
  known?: string;
  /** The dated version a dated name picks (`gpt-image-2-2026-04-21`), else the newest. */
  version?: string;
  /** From the catalog, or guessed from the name; absent: nothing is known and only the API's limits apply. */
  family?: ModelFamily;
  operations: Partial<Record<OperationId, OperationProfile>>;
  lifecycle?: Lifecycle;
}

/** The API's own limits, for a name that shows nothing: every field, the longest inputs any model takes. */
const ANY_MODEL: Partial<Record<OperationId, OperationProfile>> = Object.fromEntries(
  OPERATIONS.map((op) => {
    const fields = Object.fromEntries(OPERATION_FIELDS[op].map((f) => [f.key, true]));
    const limits: OperationLimits | undefined =
      op === 'speech' ? { maxInput: 4096 } : op === 'imageGeneration' || op === 'imageEdit' ? { maxInput: 32_000 } : undefined;
    return [op, { fields, limits }];
  }),
);

const DATED = /^(.*)-(\d{4}-\d{2}-\d{2})$/;

export function resolveModel(name: string): ResolvedModel {
  const given = name.trim();
  const lower = given.toLowerCase();
  const dated = DATED.exec(lower);
  for (const candidate of dated ? [lower, dated[1]] : [lower]) {
    const spec = MODELS.find((m) => m.name === candidate || m.aliases?.includes(candidate));
    if (!spec) continue;
    const version = candidate === lower ? spec.versions[spec.versions.length - 1] : spec.versions.find((v) => v.version === dated![2]);
    if (!version) continue; // a date the catalog does not know: treat the name by its family below
    const { family, operations } = spec;
    return { name: given, known: spec.name, version: version.version, family, operations, lifecycle: version.lifecycle };
  }
  const family = FAMILY_PATTERNS.find((f) => f.pattern.test(lower));
  if (family) return { name: given, family: family.family, operations: family.operations };
  return { name: given, operations: ANY_MODEL };
}

/** Known models that serve an operation, newest-lived first; `current` leaves out those Azure has retired by `today`. */
export function modelsFor(operation: OperationId, options: { current?: boolean; today?: Date } = {}): string[] {
  const today = isoDay(options.today ?? new Date());
  return MODELS.filter((m) => m.operations[operation])
    .filter((m) => !options.current || !isRetired(m.versions[m.versions.length - 1].lifecycle, today))
    .map((m) => m.name);
}

// ---- fields ----

/** A field as one model takes it on one API surface: what a form shows and what validation enforces. */
export interface EffectiveField {
  key: string;
  wire: string;
  kind: FieldSpec['kind'];
  label: string;
  description: string;
  setting?: string;
  /** The extension's default, moved into what the model takes. */
  default?: FieldValue;
  /** `enum`/`list`: the values the model takes; `size`: suggestions (any size within `sizeRule` is taken). */
  values?: string[];
  min?: number;
  max?: number;
  pattern?: string;
  multiline?: boolean;
  sizeRule?: SizeRule;
  /** `size` only: `values` are suggestions and any well-formed size goes to the service, which decides. */
  anySize?: boolean;
  requires?: { key: string; values: (string | boolean)[] };
  hostOnly?: boolean;
  advanced?: boolean;
  apiDefault?: FieldValue;
  /** False: the model (or the surface) does not take it; `reason` says why. */
  supported: boolean;
  reason?: Message;
}

export function fieldSpecs(operation: OperationId): readonly FieldSpec[] {
  return OPERATION_FIELDS[operation];
}

/** Every field of an operation as `model` takes it on `surface`. */
export function effectiveFields(operation: OperationId, model: string | ResolvedModel, surface: ApiSurface = 'dated'): EffectiveField[] {
  const resolved = typeof model === 'string' ? resolveModel(model) : model;
  const profile = resolved.operations[operation];
  return fieldSpecs(operation).map((spec) => effective(operation, spec, profile?.fields[spec.key], resolved, surface, !!profile));
}

function effective(
  operation: OperationId,
  spec: FieldSpec, rule: FieldRule | undefined, model: ResolvedModel, surface: ApiSurface, serves: boolean): EffectiveField {
  const narrowed = rule === true || rule === undefined ? {} : rule;
  const values = narrowed.values ?? spec.values;
  const field: EffectiveField = {
    key: spec.key,
    wire: spec.wire,
    kind: spec.kind,
    label: spec.label,
    description: spec.description,
    supported: true,
  };
  if (spec.setting) field.setting = spec.setting;
  // enum and list values keep the operation's order (the order forms list them); a model only leaves some out.
  if (values) {
    const listed = (spec.kind === 'enum' || spec.kind === 'list') && spec.values;
    field.values = listed ? spec.values.filter((v) => values.includes(v)) : [...values];
  }
  const min = narrowed.min ?? spec.min;
  const max = narrowed.max ?? spec.max;
  if (min !== undefined) field.min = min;
  if (max !== undefined) field.max = max;
  if (spec.pattern) field.pattern = spec.pattern;
  if (spec.multiline) field.multiline = true;
  if (narrowed.sizeRule) field.sizeRule = narrowed.sizeRule;
  if (spec.kind === 'size' && !narrowed.values && !narrowed.sizeRule) field.anySize = true;
  if (spec.requires) field.requires = { key: spec.requires.key, values: [...spec.requires.values] };
  if (spec.hostOnly) field.hostOnly = true;
  if (spec.advanced) field.advanced = true;
  if (spec.apiDefault !== undefined) field.apiDefault = spec.apiDefault;
  const fallback = defaultWithin(spec.default, field);
  if (fallback !== undefined) field.default = fallback;
  if (!serves) {
    field.supported = false;
    field.reason = msg('catalog.notServed', { model: model.name });
  } else if (rule === undefined) {
    field.supported = false;
    const takers = MODELS.filter((m) => m.operations[operation]?.fields[spec.key]).map((m) => m.name);
    field.reason = takers.length
      ? msg('catalog.noOptionTakers', { model: model.name, wire: spec.wire, models: takers.join(', ') })
      : msg('catalog.noOption', { model: model.name, wire: spec.wire });
  } else if (spec.surfaces && !spec.surfaces.includes(surface)) {
    field.supported = false;
    field.reason = msg('catalog.needsV1', { wire: spec.wire }); // the one surface a field is limited to is v1
  }
  return field;
}

function defaultWithin(value: FieldValue | undefined, field: EffectiveField): FieldValue | undefined {
  if (value === undefined) return undefined;
  if (field.kind === 'enum' && field.values && !field.values.includes(value as string)) return field.values[0];
  if (field.kind === 'size' && typeof value === 'string' && checkSize(value, field) !== undefined) return field.values?.[0];
  if (typeof value === 'number') {
    if (field.min !== undefined && value < field.min) return field.min;
    if (field.max !== undefined && value > field.max) return field.max;
  }
  if (Array.isArray(value)) return (value as readonly string[]).filter((v) => field.values?.includes(v) ?? true);
  return value;
}

/** Whether `size` suits a size field: `undefined` when it does, else a sentence saying which rule it breaks. */
export function checkSize(size: string, field: Pick<EffectiveField, 'values' | 'sizeRule' | 'anySize'>): Message | undefined {
  const rule = field.sizeRule;
  const open = !!field.anySize;
  if (size === 'auto') {
    if (rule) return rule.auto ? undefined : msg('size.noAuto');
    return open || !field.values || field.values.includes('auto') ? undefined : msg('size.oneOf', { values: field.values.join(', ') });
  }
  const match = /^(\d{1,5})x(\d{1,5})$/.exec(size);
  if (!match) return msg('size.form');
  if (!rule) {
    return open || !field.values || field.values.includes(size) ? undefined : msg('size.oneOf', { values: field.values.join(', ') });
  }
  const [w, h] = [Number(match[1]), Number(match[2])];
  const long = Math.max(w, h);
  const short = Math.min(w, h);
  const m = rule.multipleOf;
  if (w % m !== 0 || h % m !== 0) {
    const near = (x: number) => Math.max(m, Math.round(x / m) * m);
    return msg('size.multiple', { multiple: m, suggestion: `${near(w)}x${near(h)}` });
  }
  if (long > rule.maxEdge) return msg('size.maxEdge', { max: rule.maxEdge });
  if (short === 0 || long / short > rule.maxRatio) return msg('size.ratio', { ratio: rule.maxRatio });
  const pixels = w * h;
  if (pixels < rule.minPixels || pixels > rule.maxPixels) {
    return msg('size.pixels', { size: `${w}x${h}`, pixels: fmt(pixels), min: fmt(rule.minPixels), max: fmt(rule.maxPixels) });
  }
  return undefined;
}

const fmt = (n: number) => n.toLocaleString('en-US');

// ---- one operation, as a form needs it ----

export interface OperationView {
  operation: OperationId;
  model: { name: string; known?: string; version?: string; family?: ModelFamily; lifecycle?: Lifecycle };
  surface: ApiSurface;
  /** False: the model does not serve this operation (dall-e-3 cannot edit). */
  supported: boolean;
  fields: EffectiveField[];
  limits: OperationLimits;
  files: FileSpec[];
}

/** Everything a form for `operation` with `model` needs, as plain JSON. */
export function describeOperation(operation: OperationId, model: string, surface: ApiSurface = 'dated'): OperationView {
  const resolved = resolveModel(model);
  const profile = resolved.operations[operation];
  const view: OperationView = {
    operation,
    model: { name: resolved.name },
    surface,
    supported: !!profile,
    fields: effectiveFields(operation, resolved, surface),
    limits: { ...(profile?.limits ?? {}) },
    files: (OPERATION_FILES[operation] ?? []).map((f) => ({ ...f, extensions: [...f.extensions] })),
  };
  if (resolved.known) view.model.known = resolved.known;
  if (resolved.version) view.model.version = resolved.version;
  if (resolved.family) view.model.family = resolved.family;
  if (resolved.lifecycle) view.model.lifecycle = resolved.lifecycle;
  return view;
}

// ---- lifecycle ----

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
function isRetired(lifecycle: Lifecycle, today: string): boolean {
  return !!lifecycle.retires && lifecycle.retires <= today;
}

export interface LifecycleNotice {
  model: string;
  status: 'retired' | 'retiring';
  retires: string;
  replacement?: string;
  /** One sentence for a tooltip or the log (english() for the log, the boundary's words for a user). */
  message: Message;
}

/** A notice when `model` is retired on Azure (on `date`, else the table's) or retires within `days` of `today`; nothing otherwise. */
export function lifecycleNotice(model: string, today: Date = new Date(), days = 30, date?: string): LifecycleNotice | undefined {
  const resolved = resolveModel(model);
  // `date`: the service's own (services/discoveryStore.ts); the table's otherwise.
  const retires = date ?? resolved.lifecycle?.retires;
  if (!retires) return undefined;
  const day = isoDay(today);
  const horizon = isoDay(new Date(today.getTime() + days * 86_400_000));
  if (retires > horizon) return undefined;
  const status = retires <= day ? 'retired' : 'retiring';
  const replacement = resolved.lifecycle?.replacement;
  const message = replacement
    ? msg(status === 'retired' ? 'lifecycle.retired' : 'lifecycle.retiring', { model, date: retires, replacement })
    : msg(status === 'retired' ? 'lifecycle.retiredNoSuccessor' : 'lifecycle.retiringNoSuccessor', { model, date: retires });
  const notice: LifecycleNotice = { model, status, retires, message };
  if (replacement) notice.replacement = replacement;
  return notice;
}

/** One field of an operation as `model` takes it. */
export function fieldFor(
  operation: OperationId,
  model: string | ResolvedModel,
  key: string,
  surface: ApiSurface = 'dated',
): EffectiveField {
  const field = effectiveFields(operation, model, surface).find((f) => f.key === key);
  // A programming error (callers name fields of the catalog), never a user's: stays English.
  if (!field) throw new Error(`The catalog has no field ${key} for ${operation}.`);
  return field;
}

/** Whether `value` is one `field` takes (values, range, pattern, size rule); for quick picks and settings' defaults. */
export function accepts(field: EffectiveField, value: unknown): boolean {
  if (!field.supported || value === undefined) return false;
  switch (field.kind) {
    case 'enum':
      return typeof value === 'string' && (field.values ?? []).includes(value);
    case 'list':
      if (!field.values) {
        // A list of free text (known speaker names): at most `max` entries.
        return Array.isArray(value) && value.every((v) => typeof v === 'string') && (field.max === undefined || value.length <= field.max);
      }
      return Array.isArray(value) && (value as unknown[]).every((v) => typeof v === 'string' && field.values!.includes(v));
    case 'number':
    case 'integer':
      return typeof value === 'number' && Number.isFinite(value) && (field.kind === 'number' || Number.isInteger(value)) &&
        (field.min === undefined || value >= field.min) && (field.max === undefined || value <= field.max);
    case 'boolean':
      return typeof value === 'boolean';
    case 'size':
      return typeof value === 'string' && checkSize(value, field) === undefined;
    case 'string':
      return typeof value === 'string' && (field.max === undefined || Array.from(value).length <= field.max) &&
        (!field.pattern || value === '' || new RegExp(field.pattern).test(value));
  }
}

/**
 * A request's options: the caller's where given, else the settings' values the model takes (a value it does not take,
 * or the service's own default, is left out so the service decides). `setting` reads a setting by its id.
 */
export function requestOptions(
  operation: OperationId,
  model: string,
  setting: (id: string) => unknown,
  given: Record<string, unknown> = {},
  surface: ApiSurface = 'dated',
): Record<string, unknown> {
  const fields = effectiveFields(operation, model, surface);
  const out: Record<string, unknown> = {};
  const fromSettings = new Set<string>();
  for (const field of fields) {
    if (given[field.key] !== undefined) {
      if (given[field.key] !== '') out[field.key] = given[field.key]; // '' from a caller: not set (detect the language)
      continue;
    }
    if (!field.setting || field.hostOnly) continue;
    const value = setting(field.setting);
    if (!accepts(field, value) || value === '' || (Array.isArray(value) && !value.length) || value === field.apiDefault) continue;
    out[field.key] = value;
    fromSettings.add(field.key);
  }
  // A setting whose companion the caller changed (timestamps once the format is not verbose_json) is dropped.
  for (const field of fields) {
    if (fromSettings.has(field.key) && field.requires && !field.requires.values.includes(out[field.requires.key] as string | boolean)) {
      delete out[field.key];
    }
  }
  return out;
}

/** The largest upload `field` of `operation` takes, in bytes. */
export function uploadLimit(operation: OperationId, field: string): number {
  const spec = OPERATION_FILES[operation]?.find((f) => f.field === field);
  if (!spec) throw new Error(`The catalog has no upload ${field} for ${operation}.`); // a programming error, as in fieldFor
  return spec.maxBytes;
}
