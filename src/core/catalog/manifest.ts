// The parts of package.json, package.nls.json and README.md that the catalog owns, computed from it at build time:
// scripts/gen-manifest.js writes them; test/unit/catalogManifest.test.ts fails when the files disagree. The extension
// never loads this module (its settings' defaults are ./settings.ts).
import { modelsFor, OPERATION_FIELDS, OPERATIONS, resolveModel, effectiveFields } from './index';
import { MODELS } from './models';
import { modelSetting, OPERATION_SPECS, settingId } from './operationSpecs';
import { catalogSettings, OWNED_KEYS } from './settings';
import type { FieldSpec, OperationId } from './types';

/** The `models.*` settings' descriptions (package.nls.json), listing the known models and their retirement. */
export function modelSettingDescriptions(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const operation of OPERATIONS) {
    const setting = modelSetting(operation);
    if (!setting) continue;
    const known = MODELS.filter((m) => m.operations[operation]).map((m) => {
      const retires = m.versions[m.versions.length - 1].lifecycle.retires;
      const other = m.aliases?.length ? ` (or ${m.aliases.map((a) => `\`${a}\``).join(', ')})` : '';
      return `\`${m.name}\`${other}${retires ? ` (retires ${retires})` : ''}`;
    });
    out[`config.${setting}`] =
      `The model behind the ${OPERATION_SPECS[operation].noun} deployment: it decides which options are offered and checked. ` +
      `Known models, with Azure's retirement date: ${known.join(', ')}. Any other name is accepted: ` +
      `${OPERATION_SPECS[operation].familyHint}, any other with only the API's own limits, and the service's answer decides.`;
  }
  return out;
}

/** What one model does for an operation, in a few words: the fields that differ between models. */
function notes(operation: OperationId, name: string): string {
  const fields = effectiveFields(operation, name);
  const byKey = Object.fromEntries(fields.map((f) => [f.key, f]));
  const parts: string[] = [];
  const take = (key: string) => byKey[key]?.supported;
  const values = (key: string) => byKey[key].values!.join('/');
  if (operation === 'transcription' || operation === 'translation') parts.push(`formats ${values('response_format')}`);
  if (take('timestamp_granularities')) parts.push('timestamps');
  if (operation === 'transcription' && !take('prompt')) parts.push('no prompt');
  if (operation === 'speech') {
    parts.push(`${byKey.voice.values!.length} voices`, take('instructions') ? 'instructions' : 'no instructions');
  }
  if (operation === 'imageGeneration' || operation === 'imageEdit') {
    const size = byKey.size;
    const rule = size.sizeRule;
    parts.push(rule
      ? `any size: edges multiples of ${rule.multipleOf}, longest ${rule.maxEdge}, ratio ≤ ${rule.maxRatio}:1, ` +
        `${rule.minPixels.toLocaleString('en-US')}–${rule.maxPixels.toLocaleString('en-US')} pixels`
      : `sizes ${size.values!.join(', ')}`);
    parts.push(`quality ${values('quality')}`, `n ≤ ${byKey.n.max}`);
    if (take('background')) {
      parts.push(byKey.background.values!.includes('transparent') ? 'transparent background' : 'no transparent background');
    }
    if (take('style')) parts.push('style');
    if (take('input_fidelity')) parts.push('input fidelity');
    if (take('stream')) parts.push('streaming');
  }
  return parts.join('; ');
}

/** README's table of models per operation (between the `models-table` markers). */
export function readmeModelsTable(): string {
  const rows = ['| Operation | Model | Retires on Azure | What it takes |', '|---|---|---|---|'];
  for (const operation of OPERATIONS) {
    for (const name of modelsFor(operation)) {
      const date = resolveModel(name).lifecycle?.retires ?? '—';
      rows.push(`| ${OPERATION_SPECS[operation].title} | \`${name}\` | ${date} | ${notes(operation, name)} |`);
    }
  }
  return rows.join('\n');
}

// ---- package.json, package.nls.json and README.md, rewritten from the catalog ----

interface ConfigGroup {
  id: string;
  title: string;
  properties: Record<string, Record<string, unknown>>;
}
export interface Manifest {
  contributes: { configuration: ConfigGroup[] };
  [key: string]: unknown;
}

/** The group a new setting joins, by its section. */
const GROUPS: Record<string, string> = {
  models: 'deployments',
  deployments: 'deployments',
  transcription: 'audio',
  translation: 'audio',
  speech: 'speech',
  image: 'images',
  imageEdit: 'images',
};
/** The order of a setting's keys in package.json. */
const KEY_ORDER = [
  'type', 'default', 'markdownDescription', 'enum', 'enumDescriptions', 'minimum', 'maximum', 'maxLength', 'pattern',
  'patternErrorMessage', 'items', 'uniqueItems', 'examples', 'additionalProperties', 'order', 'scope',
];

function ordered(property: Record<string, unknown>): Record<string, unknown> {
  const keys = [...KEY_ORDER.filter((k) => k in property), ...Object.keys(property).filter((k) => !KEY_ORDER.includes(k))];
  return Object.fromEntries(keys.map((k) => [k, property[k]]));
}

/** The field behind a setting, for a new setting's description. */
function fieldOfSetting(id: string): FieldSpec | undefined {
  for (const operation of OPERATIONS) {
    const field = (OPERATION_FIELDS[operation] as readonly FieldSpec[]).find((f) => f.setting === id);
    if (field) return field;
  }
  return undefined;
}

/**
 * package.json and package.nls.json with the catalog's settings written in: the owned keys of each setting replaced,
 * a setting the manifest lacks added to its group, the `models.*` descriptions rewritten. Pure: returns new objects.
 */
export function applyToManifest(manifest: Manifest, nls: Record<string, string>): { manifest: Manifest; nls: Record<string, string> } {
  const out = JSON.parse(JSON.stringify(manifest)) as Manifest;
  const strings = { ...nls, ...modelSettingDescriptions() };
  const groups = out.contributes.configuration;
  for (const [key, schema] of Object.entries(catalogSettings())) {
    const id = settingId(key);
    let group = groups.find((g) => id in g.properties);
    if (!group) {
      group = groups.find((g) => g.id === GROUPS[key.split('.')[0]]);
      if (!group) throw new Error(`No configuration group takes ${id}; add it to package.json by hand.`);
      const order = Math.max(0, ...Object.values(group.properties).map((p) => Number(p.order) || 0)) + 1;
      group.properties[id] = { markdownDescription: `%config.${key}%`, order };
    }
    const description = `config.${key}`;
    if (!(description in strings)) strings[description] = fieldOfSetting(key)?.description ?? key;
    const property = Object.fromEntries(
      Object.entries(group.properties[id]).filter(([k]) => !(OWNED_KEYS as readonly string[]).includes(k)),
    );
    if (Array.isArray(property.enumDescriptions) && property.enumDescriptions.length !== (schema.enum?.length ?? 0)) {
      throw new Error(`${id}: enumDescriptions has ${property.enumDescriptions.length} entries for ${schema.enum?.length ?? 0} values.`);
    }
    group.properties[id] = ordered({ ...property, ...schema });
  }
  return { manifest: out, nls: strings };
}


function resolveText(value: unknown, nls: Record<string, string>): string {
  return typeof value === 'string' ? value.replace(/^%(.+)%$/, (m, key: string) => nls[key] ?? m) : '';
}

/** README's `## Settings` tables, from package.json: one table per group, its values listed for closed choices. */
export function readmeSettings(manifest: Manifest, nls: Record<string, string>): string {
  const parts: string[] = [];
  for (const group of manifest.contributes.configuration) {
    parts.push(`**${resolveText(group.title, nls).replace(/^Azure OpenAI Media: /, '')}**`, '');
    parts.push('| Setting | Default | What it does |', '|---|---|---|');
    const entries = Object.entries(group.properties).sort(([, a], [, b]) => (Number(a.order) || 0) - (Number(b.order) || 0));
    for (const [id, p] of entries) {
      let text = resolveText(p.markdownDescription ?? p.description, nls);
      if (Array.isArray(p.enum)) text += ` One of: ${p.enum.map((v) => `\`${String(v)}\``).join(', ')}.`;
      parts.push(`| \`${id}\` | \`${JSON.stringify(p.default)}\` | ${text.replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`);
    }
    parts.push('');
  }
  return parts.join('\n');
}

const MODELS_START = '<!-- models-table:start (scripts/gen-manifest.js writes this table from src/core/catalog) -->';
const MODELS_END = '<!-- models-table:end -->';
const SETTINGS_START = '<!-- settings:start (scripts/gen-manifest.js writes these tables from package.json) -->';
const SETTINGS_END = '<!-- settings:end -->';

function between(text: string, start: string, end: string, body: string, indent = ''): string {
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`README.md lacks the markers ${start} … ${end}.`);
  const lines = body.split('\n').map((l) => (l ? indent + l : l)).join('\n');
  // From the line after the start marker to the line of the end marker (which keeps its own indentation).
  return `${text.slice(0, text.indexOf('\n', a) + 1)}${lines}\n${text.slice(text.lastIndexOf('\n', b) + 1)}`;
}

/** README.md with its models table and settings tables rewritten. */
export function applyToReadme(readme: string, manifest: Manifest, nls: Record<string, string>): string {
  const models = between(readme, MODELS_START, MODELS_END, readmeModelsTable(), '   ');
  return between(models, SETTINGS_START, SETTINGS_END, `\n${readmeSettings(manifest, nls)}`);
}
