// What a run leaves behind: one record per output, as the extension's history keeps it and the command line prints it.
import { randomUUID } from 'node:crypto';
import type { OperationId } from '../catalog/types';
import type { UploadSource } from '../types';
import type { OutputRecord } from './historyFile';

export function outputRecord(
  operation: OperationId, output: string, params: Record<string, unknown>, extra: Partial<OutputRecord>,
): OutputRecord {
  return compact({ id: randomUUID(), operation, output, createdAt: Date.now(), params, ...extra });
}

/** What was sent, with files replaced by their names. */
export function paramsOf(request: object): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(request)) {
    if (key === 'file' || key === 'mask') params[key] = (value as UploadSource).name;
    else if (key === 'known_speaker_references') continue; // audio as data URLs: the names say enough
    else if (key === 'images') params[key] = (value as UploadSource[]).map((s) => s.name);
    else params[key] = value;
  }
  return params;
}

/** A run's cost split evenly over the images it made (one history entry each). */
export function shareOf(cost: { usd: number; basis: string } | undefined, n: number): { usd: number; basis: string } | undefined {
  if (!cost || n <= 1) return cost;
  return { usd: cost.usd / n, basis: `1/${n} of ${cost.basis}` };
}

/** Drops keys whose value is undefined, so requests and records carry only what was set. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
