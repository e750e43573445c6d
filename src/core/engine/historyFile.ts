// The history's record and its file: what one output leaves behind, and how the file is read (hostile input: any
// field of the wrong shape is dropped, a record missing what it needs is dropped whole) and written. Files of an
// earlier version are read once under the old names and rewritten under the new ones. Type-only for the page
// (shared/protocol.ts derives its history item from OutputRecord), so nothing here imports Node.
import { OPERATION_SPECS } from '../catalog/operationSpecs';
import type { OperationId } from '../catalog/types';

/** A masked edit: how much of the protected area changed, and the composite that restores it once written. */
export interface ProtectedAreaRecord {
  /** Share of the protected pixels that changed, 0–1. */
  share: number;
  /** Mean change over the protected pixels, 0–1 of full scale. */
  meanChange: number;
  /** The composite, as the host names files (workspace-relative), once written. */
  kept?: string;
}

/** One output the extension wrote, as the history keeps it. */
export interface OutputRecord {
  id: string;
  operation: OperationId;
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
  protectedArea?: ProtectedAreaRecord;
  /** The service's request ids of the run (several for a long recording or text sent in parts). */
  requestIds?: string[];
}

/** Version 2 names operations by their catalog id; version 1 called image generation `image`. */
export const HISTORY_VERSION = 2;

/** Operation names of earlier versions, by the id they became. */
const RENAMED: Readonly<Record<string, OperationId>> = { image: 'imageGeneration' };

/** What a read found: the records, and whether the file must be rewritten (older, or holding what was dropped). */
export interface HistoryRead {
  records: OutputRecord[];
  /** The file is not as this version writes it: an earlier version, a renamed operation, a dropped record or field. */
  stale: boolean;
  /** Records dropped whole (not an object, an unknown operation, no id, output, time or parameters). */
  dropped: number;
}

/** The history file's records; throws a SyntaxError when the text is not JSON. */
export function readHistory(text: string): HistoryRead {
  const parsed: unknown = JSON.parse(text);
  const file = isObject(parsed) ? parsed : {};
  const raw = Array.isArray(file.records) ? file.records : [];
  const records = raw.map(recordOf).filter((r): r is OutputRecord => r !== undefined);
  const stale = file.version !== HISTORY_VERSION || !Array.isArray(file.records) || records.length !== raw.length
    || records.some((r, i) => canonical(r) !== canonical(raw[i]));
  return { records, stale, dropped: raw.length - records.length };
}

/** The file's text as this version writes it. */
export function historyText(records: readonly OutputRecord[]): string {
  return `${JSON.stringify({ version: HISTORY_VERSION, records }, null, 2)}\n`;
}

/** JSON with every object's keys sorted: the same record written in another key order is the same. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (isObject(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) =>
    (a < b ? -1 : a > b ? 1 : 0))) : v));
}

/** A record as this version keeps it, or undefined when it lacks what every record needs. */
function recordOf(value: unknown): OutputRecord | undefined {
  if (!isObject(value)) return undefined;
  const name = typeof value.operation === 'string' ? value.operation : undefined;
  const operation = name !== undefined && Object.hasOwn(RENAMED, name) ? RENAMED[name] : name;
  if (!operation || !Object.hasOwn(OPERATION_SPECS, operation)) return undefined;
  if (typeof value.id !== 'string' || !value.id || typeof value.output !== 'string' || !value.output) return undefined;
  if (typeof value.createdAt !== 'number' || !Number.isFinite(value.createdAt) || !isObject(value.params)) return undefined;
  const record: OutputRecord = { id: value.id, operation: operation as OperationId, output: value.output, createdAt: value.createdAt,
    params: value.params };
  for (const key of ['source', 'folder', 'mask', 'prompt', 'revisedPrompt'] as const) {
    if (typeof value[key] === 'string') record[key] = value[key];
  }
  for (const key of ['cost', 'estimate'] as const) {
    const cost = value[key];
    if (isObject(cost) && isNumber(cost.usd) && typeof cost.basis === 'string') record[key] = { usd: cost.usd, basis: cost.basis };
  }
  for (const key of ['extraOutputs', 'requestIds'] as const) {
    const list = value[key];
    if (Array.isArray(list) && list.every((x) => typeof x === 'string')) record[key] = list;
  }
  const area = value.protectedArea;
  if (isObject(area) && isNumber(area.share) && isNumber(area.meanChange)) {
    const kept = typeof area.kept === 'string' ? { kept: area.kept } : {};
    record.protectedArea = { share: area.share, meanChange: area.meanChange, ...kept };
  }
  return record;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
