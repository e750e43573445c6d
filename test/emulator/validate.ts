// Field checks shared by the operations, each failing with the service's error shape.

import { invalidType, invalidValue, missingParameter, unknownParameter, invalidRequest } from './errors';
import type { ParsedFile, ParsedForm } from './multipart';

/** Multipart text fields, read one rule at a time. */
export class FormFields {
  constructor(private readonly form: ParsedForm) {}

  /** Rejects any field or file whose name the operation does not define. */
  allowOnly(textNames: string[], fileNames: string[]): void {
    for (const name of Object.keys(this.form.fields)) {
      if (fileNames.includes(name)) throw invalidValue(name, `'${name}' must be a file upload, not a text field.`);
      if (!textNames.includes(name)) throw unknownParameter(name);
    }
    for (const f of this.form.files) {
      if (textNames.includes(f.field)) throw invalidValue(f.field, `'${f.field}' must be a text field, not a file.`);
      if (!fileNames.includes(f.field)) throw unknownParameter(f.field);
    }
  }

  /** A single-valued text field (undefined when absent). */
  text(name: string): string | undefined {
    const values = this.form.fields[name];
    if (!values) return undefined;
    if (values.length > 1) throw invalidValue(name, `'${name}' was given ${values.length} times; it takes one value.`);
    return values[0];
  }

  list(name: string): string[] {
    return this.form.fields[name] ?? [];
  }

  required(name: string): string {
    const v = this.text(name);
    if (v === undefined || v.trim() === '') throw missingParameter(name);
    return v;
  }

  number(name: string, min: number, max: number): number | undefined {
    const raw = this.text(name);
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n)) throw invalidType(name, 'a number');
    if (n < min || n > max) throw invalidValue(name, `'${name}' must be between ${min} and ${max}; got ${raw}.`);
    return n;
  }

  integer(name: string, min: number, max: number): number | undefined {
    const raw = this.text(name);
    if (raw === undefined) return undefined;
    if (!/^-?\d+$/.test(raw.trim())) throw invalidType(name, 'an integer');
    const n = Number(raw);
    if (n < min || n > max) throw invalidValue(name, `'${name}' must be between ${min} and ${max}; got ${raw}.`);
    return n;
  }

  boolean(name: string): boolean | undefined {
    const raw = this.text(name);
    if (raw === undefined) return undefined;
    if (raw === 'true' || raw === 'True' || raw === '1') return true;
    if (raw === 'false' || raw === 'False' || raw === '0') return false;
    throw invalidType(name, 'a boolean');
  }

  oneOf(name: string, allowed: string[]): string | undefined {
    const v = this.text(name);
    if (v === undefined) return undefined;
    return checkEnum(name, v, allowed);
  }

  files(...names: string[]): ParsedFile[] {
    return this.form.files.filter((f) => names.includes(f.field));
  }
}

export function checkEnum(name: string, value: string, allowed: string[]): string {
  if (!allowed.includes(value)) {
    throw invalidValue(name, `Invalid value for '${name}': '${value}'. Supported values are: ${allowed.map((a) => `'${a}'`).join(', ')}.`);
  }
  return value;
}

/** JSON body fields, read one rule at a time. */
export class JsonFields {
  constructor(readonly body: Record<string, unknown>) {}

  allowOnly(names: string[]): void {
    for (const name of Object.keys(this.body)) if (!names.includes(name)) throw unknownParameter(name);
  }

  has(name: string): boolean {
    return this.body[name] !== undefined && this.body[name] !== null;
  }

  string(name: string): string | undefined {
    const v = this.body[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw invalidType(name, 'a string');
    return v;
  }

  required(name: string): string {
    const v = this.string(name);
    if (v === undefined) throw missingParameter(name);
    return v;
  }

  number(name: string, min: number, max: number): number | undefined {
    const v = this.body[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw invalidType(name, 'a number');
    if (v < min || v > max) throw invalidValue(name, `'${name}' must be between ${min} and ${max}; got ${v}.`);
    return v;
  }

  integer(name: string, min: number, max: number): number | undefined {
    const v = this.number(name, -Infinity, Infinity);
    if (v === undefined) return undefined;
    if (!Number.isInteger(v)) throw invalidType(name, 'an integer');
    if (v < min || v > max) throw invalidValue(name, `'${name}' must be between ${min} and ${max}; got ${v}.`);
    return v;
  }

  boolean(name: string): boolean | undefined {
    const v = this.body[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') throw invalidType(name, 'a boolean');
    return v;
  }

  oneOf(name: string, allowed: string[]): string | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    return checkEnum(name, v, allowed);
  }
}

export function unsupportedFor(param: string, model: string, detail = ''): never {
  throw invalidRequest('unsupported_parameter', `'${param}' is not supported with the model ${model}.${detail ? ` ${detail}` : ''}`, param);
}
