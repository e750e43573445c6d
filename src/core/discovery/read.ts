// Bounded reads of a listing's JSON, and the two date forms the sources use.
import { readAll } from '../answers';
import type { HttpResponse } from '../http';
import { DiscoveryError } from './types';

/** Reads at most `limit` bytes of a JSON answer; more, or JSON that does not parse, is a bad answer naming `what`. */
export async function readBoundedJson(res: HttpResponse, limit: number, what: string): Promise<unknown> {
  const bytes = await readAll(res, limit, () => DiscoveryError.of('badAnswer', { what }));
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw DiscoveryError.of('badAnswer', { what }, { cause: err });
  }
}

/** YYYY-MM-DD from an ISO date (ARM) or Unix seconds (the data plane); undefined for anything else. */
export function isoDate(value: unknown): string | undefined {
  let ms: number | undefined;
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) ms = value * 1000;
  else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) ms = Date.parse(value);
  if (ms === undefined || !Number.isFinite(ms)) return undefined;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) || d.getUTCFullYear() > 9999 ? undefined : d.toISOString().slice(0, 10);
}
