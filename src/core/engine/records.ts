// What a run leaves behind: one record per output, as the extension's history keeps it and the command line prints it.
import { randomUUID } from 'node:crypto';
import type { UploadSource } from '../types';

export type Operation = 'transcription' | 'translation' | 'speech' | 'image' | 'imageEdit';

import type { ProtectedAreaRecord } from './protectedArea';

/** One output the extension wrote, as the history keeps it. */
export interface OutputRecord {
  id: string;
  operation: Operation;
  /** Workspace-relative path (a URI string when the file is outside the workspace). */
  output: string;
  createdAt: number;
  /** What was sent, minus file bytes (files appear by name). */
  params: Record<string, unknown>;
  /** The input file, workspace-relative. */
  source?: string;
  /** The workspace folder the output belongs to, by name (in a window of several folders). */
  folder?: string;
  mask?: string;
  prompt?: string;
  revisedPrompt?: string;
  /** What the run cost, from the answer's `usage` and the price table (core/cost.ts); absent without usage. */
  cost?: { usd: number; basis: string };
  /** The estimate before the run (this output's share), kept for runs whose answer carried no usage. */
  estimate?: { usd: number; basis: string };
  /** Subtitles written beside a transcript by speaker. */
  extraOutputs?: string[];
  /** A masked edit: how much of the protected area changed, and the composite that restores it once written. */
  protectedArea?: ProtectedAreaRecord;
  /** The service's request ids of the run (several for a long recording or text sent in parts). */
  requestIds?: string[];
}

export function outputRecord(
  operation: Operation, output: string, params: Record<string, unknown>, extra: Partial<OutputRecord>,
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
