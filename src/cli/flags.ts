// Every option of an operation as a flag, from the catalog (src/core/catalog), as the settings and the Studio's forms
// are: a field added there is a flag here, with its help text, without code in this file.
import { Option, InvalidArgumentError, type Command } from 'commander';
import { fieldSpecs, type FieldSpec, type OperationId } from '../core/catalog';

/** `response_format` → `--response-format`. */
export function flagName(field: Pick<FieldSpec, 'key'>): string {
  return field.key.replace(/_/g, '-');
}

/** The fields a user sets (the host sets the others: the images' response_format, known speakers' data, streams). */
export function userFields(operation: OperationId): FieldSpec[] {
  return fieldSpecs(operation).filter((f) => !f.hostOnly);
}

/** Adds a flag per field of `operation`; `reserved` are the tool's own flags, which a field may not shadow. */
export function addCatalogFlags(command: Command, operation: OperationId, reserved: ReadonlySet<string>): void {
  for (const field of userFields(operation)) {
    const name = flagName(field);
    // A programming error (a catalog field named like one of the tool's flags), found by the tests.
    if (reserved.has(name)) throw new Error(`The catalog field ${field.key} of ${operation} clashes with the flag --${name}.`);
    const option = new Option(`--${name} <${valueName(field)}>`, helpText(field));
    if (field.kind === 'enum') option.choices([...(field.values ?? [])]);
    option.argParser((raw: string) => parseValue(field, raw));
    command.addOption(option);
  }
}

/** The options given on the command line, keyed as the request's fields (commander camel-cases flag names). */
export function catalogOptions(operation: OperationId, opts: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of userFields(operation)) {
    const value = opts[camel(flagName(field))];
    if (value !== undefined) out[field.key] = value;
  }
  return out;
}

function camel(flag: string): string {
  return flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

function valueName(field: FieldSpec): string {
  switch (field.kind) {
    case 'list': return 'a,b';
    case 'number': case 'integer': return 'n';
    case 'boolean': return 'true|false';
    case 'size': return 'WxH|auto';
    default: return field.kind === 'enum' ? 'value' : 'text';
  }
}

function helpText(field: FieldSpec): string {
  const parts = [field.description.replace(/\s+$/, '')];
  if (field.kind === 'list' && field.values) parts.push(`(any of: ${field.values.join(', ')})`);
  if ((field.kind === 'number' || field.kind === 'integer') && field.min !== undefined && field.max !== undefined) {
    parts.push(`(${field.min}–${field.max})`);
  }
  if (field.setting) parts.push(`[setting azureOpenAIMedia.${field.setting}]`);
  return parts.join(' ');
}

/** The flag's text as the field's type; a value the model does not take is left to validation, which says why. */
function parseValue(field: FieldSpec, raw: string): unknown {
  switch (field.kind) {
    case 'number':
    case 'integer': {
      const value = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(value) || (field.kind === 'integer' && !Number.isInteger(value))) {
        throw new InvalidArgumentError(`${field.kind === 'integer' ? 'a whole number' : 'a number'} is expected.`);
      }
      return value;
    }
    case 'boolean':
      if (raw !== 'true' && raw !== 'false') throw new InvalidArgumentError('true or false is expected.');
      return raw === 'true';
    case 'list':
      return raw.split(',').map((v) => v.trim()).filter(Boolean);
    default:
      return raw;
  }
}
