// What discovery learned of each resource, kept in the extension's storage (globalState, never settings, so a
// repository cannot plant it): its deployments and what each runs, the Resource Manager account behind it, and the
// lifecycles the service gave (the region's catalog or the data plane's models list), each with when it was read.
// Loaded at activation (the status bar reads it): no client, no network here; services/deploymentDirectory.ts reads
// the service and writes through this store.
import * as vscode from 'vscode';
import { lifecycleNotice, resolveModel, type LifecycleNotice } from '../core/catalog';
import { lifecycleOf } from '../core/discovery/mapping';
import type { DeploymentInfo, LifecycleSource, ServiceLifecycle } from '../core/discovery/types';
import { msg, type Message } from '../core/messages';
import { originOf } from './secrets';

const DIRECTORY_KEY = 'azureOpenAIMedia.discovery.deployments';
const LIFECYCLES_KEY = 'azureOpenAIMedia.discovery.lifecycles';
export const DAY_MS = 86_400_000;
/** Endpoints kept at most; the oldest go first. */
const MAX_ENTRIES = 100;
/** The day the catalog's table was checked against Azure's retirement schedule (core/catalog/models.ts). */
export const TABLE_CHECKED = '2026-07-07';

/** The Resource Manager account behind an endpoint (Configure records it after a sign-in). */
export interface ArmAccountRef {
  id: string;
  location: string;
  tenantId?: string;
}

export interface DirectoryEntry {
  readAt: number;
  /** null: the data plane does not list deployments (404); Configure may still have recorded them. */
  deployments: DeploymentInfo[] | null;
  source: 'dataPlane' | 'management';
  account?: ArmAccountRef;
}

export interface LifecycleEntry {
  readAt: number;
  source: 'region' | 'dataPlane';
  location?: string;
  models: ServiceLifecycle[];
}

/** One deployment's model and its lifecycle, and where that came from. */
export interface ModelLifecycle {
  model: string;
  version?: string;
  status?: string;
  retires?: string;
  from: LifecycleSource;
  /** `from` in words (a message, worded at the boundary). */
  fromText: Message;
}

/** A lifecycle notice with where its date came from (`sourced`: the notice and its source in one sentence). */
export type SourcedNotice = LifecycleNotice & { from: LifecycleSource; sourced: Message };

export class DiscoveryStore implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Fires when deployments or lifecycles change (a read, a refresh, Configure's record). */
  readonly onDidChange = this.emitter.event;

  constructor(private readonly state: vscode.Memento) {}

  directory(endpoint: string): DirectoryEntry | undefined {
    const origin = originOf(endpoint);
    return origin ? this.state.get<Record<string, DirectoryEntry>>(DIRECTORY_KEY, {})[origin] : undefined;
  }

  lifecycles(endpoint: string): LifecycleEntry | undefined {
    const origin = originOf(endpoint);
    return origin ? this.state.get<Record<string, LifecycleEntry>>(LIFECYCLES_KEY, {})[origin] : undefined;
  }

  async putDirectory(endpoint: string, entry: DirectoryEntry): Promise<void> {
    await this.put(DIRECTORY_KEY, endpoint, entry);
  }

  async putLifecycles(endpoint: string, entry: LifecycleEntry): Promise<void> {
    await this.put(LIFECYCLES_KEY, endpoint, entry);
  }

  async forgetLifecycles(endpoint: string): Promise<void> {
    const origin = originOf(endpoint);
    const all = { ...this.state.get<Record<string, LifecycleEntry>>(LIFECYCLES_KEY, {}) };
    if (!origin || !(origin in all)) return;
    delete all[origin];
    await this.state.update(LIFECYCLES_KEY, all);
    this.emitter.fire();
  }

  /** The deployment's model (what the resource says it runs) and version, else the setting's model. */
  runs(endpoint: string, deployment: string, configured: string): { model: string; version?: string; listed: boolean } {
    const listed = this.directory(endpoint)?.deployments?.find((d) => d.name === deployment);
    if (listed) return { model: listed.model, version: listed.version, listed: true };
    return { model: configured, listed: false };
  }

  /**
   * The lifecycle of `model` (at `version` when known) as the service last stated it for this endpoint; the
   * catalog's table when the service was not asked, could not be, or does not list the model.
   */
  lifecycleOf(endpoint: string, model: string, version?: string): ModelLifecycle {
    const entry = this.lifecycles(endpoint);
    const found = entry && lifecycleOf(model, version, entry.models);
    if (entry && found) {
      const readAt = new Date(entry.readAt).toISOString();
      const date = `${readAt.slice(0, 10)} ${readAt.slice(11, 16)} UTC`;
      const fromText = entry.source === 'region'
        ? msg('lifecycle.fromRegion', { location: entry.location ?? '', date })
        : msg('lifecycle.fromDataPlane', { date });
      return { model, version: found.version ?? version, status: found.status, retires: found.retires,
        from: { source: entry.source, readAt, location: entry.location }, fromText };
    }
    const table = resolveModel(model);
    return { model, version: version ?? table.version, retires: table.lifecycle?.retires,
      from: { source: 'table', readAt: TABLE_CHECKED },
      fromText: msg(entry ? 'lifecycle.fromTableUnlisted' : 'lifecycle.fromTable', { date: TABLE_CHECKED }) };
  }

  /** A notice when the model a deployment runs is retired or retires within `days`, saying where the date came from. */
  notice(endpoint: string, deployment: string, configured: string, today = new Date(), days = 30): SourcedNotice | undefined {
    const { model, version } = this.runs(endpoint, deployment, configured);
    const life = this.lifecycleOf(endpoint, model, version);
    const notice = life.retires ? lifecycleNotice(model, today, days, life.retires) : undefined;
    if (!notice) return undefined;
    return { ...notice, from: life.from, sourced: msg('lifecycle.sourced', { notice: notice.message, source: life.fromText }) };
  }

  dispose(): void {
    this.emitter.dispose();
  }

  private async put<T>(key: string, endpoint: string, entry: T): Promise<void> {
    const origin = originOf(endpoint);
    if (!origin) return;
    const all = { ...this.state.get<Record<string, T>>(key, {}) };
    delete all[origin]; // the newest goes last, so the bound drops the oldest
    all[origin] = entry;
    await this.state.update(key, bounded(all));
    this.emitter.fire();
  }
}

export function bounded<T>(record: Record<string, T>): Record<string, T> {
  const keys = Object.keys(record);
  return keys.length <= MAX_ENTRIES ? record : Object.fromEntries(keys.slice(-MAX_ENTRIES).map((k) => [k, record[k]]));
}
