// The small checks the Studio's message validator (./validate.ts) is built from: exact key sets (unknown keys,
// `__proto__` and friends are refused), bounded strings, numbers and arrays. Each throws a ProtocolError that says
// where and what. Their words stay English: the page checks the same before it sends (a refusal is the page's bug, not
// something a user typed), and the Studio shows them only inside its own translated "The Studio refused this request".

export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

export type Check<T> = (value: unknown, at: string) => T;
export interface OptionalCheck<T> extends Check<T | undefined> {
  readonly optional: true;
}
type Field = Check<unknown> | OptionalCheck<unknown>;
export type Shape = Record<string, Field>;

export function fail(at: string, what: string): never {
  throw new ProtocolError(`${at}: ${what}`);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

// eslint-disable-next-line no-control-regex -- control characters (but tab and newlines) are what text fields refuse
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function str(max: number, options: { min?: number; pattern?: RegExp; multiline?: boolean } = {}): Check<string> {
  const min = options.min ?? 0;
  return (value, at) => {
    if (typeof value !== 'string') fail(at, 'expected a string');
    if (value.length < min) fail(at, `shorter than ${min}`);
    if (value.length > max) fail(at, `longer than ${max}`);
    if (options.pattern && !options.pattern.test(value)) fail(at, 'has an unexpected form');
    if (!options.multiline && /[\r\n]/.test(value)) fail(at, 'must be one line');
    if (CONTROL.test(value)) fail(at, 'holds control characters');
    return value;
  };
}

export function num(min: number, max: number, integer = false): Check<number> {
  return (value, at) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) fail(at, 'expected a finite number');
    if (integer && !Number.isInteger(value)) fail(at, 'expected an integer');
    if (value < min || value > max) fail(at, `out of range ${min}..${max}`);
    return value;
  };
}

export const bool: Check<boolean> = (value, at) => (typeof value === 'boolean' ? value : fail(at, 'expected true or false'));

export function oneOf<T extends string>(...values: readonly T[]): Check<T> {
  return (value, at) => {
    if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
      fail(at, `expected one of ${values.join(', ')}`);
    }
    return value as T;
  };
}

export function literal<T extends string>(expected: T): Check<T> {
  return (value, at) => (value === expected ? expected : fail(at, `expected "${expected}"`));
}

export function list<T>(item: Check<T>, max: number, min = 0): Check<T[]> {
  return (value, at) => {
    if (!Array.isArray(value)) fail(at, 'expected an array');
    if (value.length > max) fail(at, `more than ${max} items`);
    if (value.length < min) fail(at, `fewer than ${min} items`);
    const out: T[] = [];
    for (let i = 0; i < value.length; i++) out.push(item(value[i], `${at}[${i}]`));
    return out;
  };
}

export function optional<T>(check: Check<T>): OptionalCheck<T> {
  const wrapped = ((value: unknown, at: string) => (value === undefined ? undefined : check(value, at))) as OptionalCheck<T>;
  Object.defineProperty(wrapped, 'optional', { value: true });
  return wrapped;
}

export function object(shape: Shape): Check<Record<string, unknown>> {
  return (value, at) => {
    if (!isPlainObject(value)) fail(at, 'expected an object');
    for (const key of Object.keys(value)) {
      if (!Object.prototype.hasOwnProperty.call(shape, key)) fail(at, `unexpected field "${key.slice(0, 40)}"`);
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(shape)) {
      const check = shape[key];
      const has = Object.prototype.hasOwnProperty.call(value, key);
      if (!has && !(check as Partial<OptionalCheck<unknown>>).optional) fail(at, `missing "${key}"`);
      const result = check(has ? value[key] : undefined, `${at}.${key}`);
      if (result !== undefined) out[key] = result;
    }
    return out;
  };
}
