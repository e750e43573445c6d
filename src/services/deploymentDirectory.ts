// What each deployment really runs (the data plane's listing, or what Configure read from Resource Manager), the
// lifecycles of the models the resource can use (the region's catalog or the data plane's models list), and the
// fields deployments refused, all kept in the extension's storage (never in settings, so a repository cannot plant
// them; services/discoveryStore.ts). Discovery fills in a models.* setting left at its default and checks one the
// user set; it never overrides it.
import * as vscode from 'vscode';
import type { AzureOpenAIMediaClient, FieldRefusals } from '../core/client';
import { isDiscoverableHost, type ArmClient, type DeploymentInfo } from '../core/discovery';
import { resolveModel } from '../core/catalog';
import { DEPLOYMENT_SETTINGS } from '../core/discovery/mapping';
import { msg } from '../core/messages';
import { localize } from './errorText';
import type { ConfigurationService, MediaConfiguration } from './configuration';
import type { Log } from './log';
import { originOf } from './secrets';
import { bounded, DAY_MS, type ArmAccountRef, type DiscoveryStore, type LifecycleEntry } from './discoveryStore';

const REFUSALS_KEY = 'azureOpenAIMedia.discovery.refusals';

/** A Resource Manager client for the signed-in account, when there is a sign-in to the management plane. */
export type ManagementClient = () => Promise<ArmClient | undefined>;

export class DeploymentDirectory {
  private readonly pending = new Map<string, Promise<DeploymentInfo[] | undefined>>();
  private readonly pendingLifecycles = new Map<string, Promise<LifecycleEntry | undefined>>();
  /** Notices and log lines already given this session. */
  private readonly told = new Set<string>();

  constructor(
    private readonly state: vscode.Memento,
    readonly store: DiscoveryStore,
    private readonly log: Log,
    /** Resource Manager, when signed in to it (Configure by sign-in sets it): the region's catalog then. */
    public management?: ManagementClient,
  ) {}

  /** The deployments of the endpoint's resource, read at most once a day (or now with `refresh`); undefined when unknown. */
  async deployments(endpoint: string, client: AzureOpenAIMediaClient, refresh = false): Promise<DeploymentInfo[] | undefined> {
    const origin = originOf(endpoint);
    if (!origin) return undefined;
    if (!isDiscoverableHost(origin)) {
      this.once(`gateway ${origin}`, () => this.log.info(`Discovery skipped for ${origin}: not an Azure OpenAI host (an API gateway?).`));
      return undefined;
    }
    const cached = this.store.directory(origin);
    if (!refresh && cached && Date.now() - cached.readAt < DAY_MS) return cached.deployments ?? undefined;
    let read = this.pending.get(origin);
    if (!read) {
      read = this.read(origin, client).finally(() => this.pending.delete(origin));
      this.pending.set(origin, read);
    }
    return read;
  }

  /** Records deployments read elsewhere (Resource Manager, with versions and capacity) and the account they are of. */
  async record(endpoint: string, deployments: DeploymentInfo[], account?: ArmAccountRef): Promise<void> {
    await this.store.putDirectory(endpoint, { readAt: Date.now(), deployments, source: 'management',
      account: account ?? this.store.directory(endpoint)?.account });
  }

  /**
   * The lifecycles of the models the resource can use, read at most once a day (or now with `refresh`): the region's
   * catalog when signed in to Resource Manager and the account is known, else the data plane's models list. When
   * neither can be read, the catalog's table applies (and the notice says so).
   */
  async lifecycles(endpoint: string, client: AzureOpenAIMediaClient, refresh = false): Promise<LifecycleEntry | undefined> {
    const origin = originOf(endpoint);
    if (!origin || !isDiscoverableHost(origin)) return undefined;
    const cached = this.store.lifecycles(origin);
    if (!refresh && cached && Date.now() - cached.readAt < DAY_MS) return cached;
    let read = this.pendingLifecycles.get(origin);
    if (!read) {
      read = this.readLifecycles(origin, client).finally(() => this.pendingLifecycles.delete(origin));
      this.pendingLifecycles.set(origin, read);
    }
    return read;
  }

  /** Reads the deployments and the lifecycles again (the view's Refresh). */
  async refresh(endpoint: string, client: AzureOpenAIMediaClient): Promise<void> {
    await Promise.all([this.deployments(endpoint, client, true), this.lifecycles(endpoint, client, true)]);
  }

  /**
   * The settings with each models.* left at its default replaced by what its deployment runs. A model the user set
   * that differs from what the deployment runs is kept; one notice offers to use the deployment's.
   */
  async apply(cfg: MediaConfiguration, config: ConfigurationService, client: AzureOpenAIMediaClient): Promise<MediaConfiguration> {
    const [deployments] = await Promise.all([this.deployments(cfg.endpoint, client), this.lifecycles(cfg.endpoint, client)]);
    if (!deployments?.length) return cfg;
    const models = { ...cfg.models };
    for (const { deployment, model } of DEPLOYMENT_SETTINGS) {
      if (!model) continue;
      const key = model as keyof MediaConfiguration['models'];
      const name = cfg.deployments[deployment as keyof MediaConfiguration['deployments']];
      const runs = deployments.find((d) => d.name === name);
      if (!runs) continue;
      if (config.source(`models.${key}`) === 'default') {
        if (models[key] !== runs.model) {
          this.once(`fill ${name} ${runs.model}`, () => this.log.info(`Deployment "${name}" runs ${runs.model} (the resource's ` +
            `deployments list); azureOpenAIMedia.models.${key} is not set, so ${runs.model}'s options apply.`));
        }
        models[key] = runs.model;
      } else if (!sameModel(models[key], runs.model)) {
        this.offer(config, key, name, models[key], runs.model);
      }
    }
    return { ...cfg, models };
  }

  /** The refusals of one endpoint, keyed by deployment and the model version it runs (when known). */
  refusals(endpoint: string): FieldRefusals {
    const origin = originOf(endpoint);
    const keyOf = (deployment: string): string => {
      const version = this.store.directory(origin)?.deployments?.find((d) => d.name === deployment)?.version ?? '';
      return `${origin}|${deployment}|${version}`;
    };
    return {
      refused: (deployment, field) => (this.state.get<Record<string, string[]>>(REFUSALS_KEY, {})[keyOf(deployment)] ?? []).includes(field),
      remember: (deployment, field) => {
        const all = { ...this.state.get<Record<string, string[]>>(REFUSALS_KEY, {}) };
        const key = keyOf(deployment);
        if (all[key]?.includes(field)) return;
        all[key] = [...(all[key] ?? []), field];
        void this.state.update(REFUSALS_KEY, bounded(all));
        this.log.info(localize(msg('discovery.refusedField', { deployment, field })));
      },
    };
  }

  private async read(origin: string, client: AzureOpenAIMediaClient): Promise<DeploymentInfo[] | undefined> {
    try {
      const listed = await client.listDeployments();
      const previous = this.store.directory(origin);
      // The data plane's list has no versions: keep what Resource Manager said of the same deployment and model.
      const merged = listed?.map((d) => {
        const known = previous?.deployments?.find((p) => p.name === d.name && p.model === d.model);
        return known ? { ...known, ...d, version: known.version } : d;
      });
      await this.store.putDirectory(origin, { readAt: Date.now(), deployments: merged ?? previous?.deployments ?? null,
        source: merged ? 'dataPlane' : previous?.source ?? 'dataPlane', account: previous?.account });
      this.log.info(merged ? `Deployments of ${origin}: ${merged.map((d) => `${d.name} → ${d.model}`).join(', ') || 'none'}.`
        : `${origin} no longer lists its deployments (404); the models.* settings apply as set.`);
      return merged ?? previous?.deployments ?? undefined;
    } catch (err) {
      // Discovery never stands in the way of a request: the settings apply as they are.
      this.log.info(`Could not list the deployments of ${origin}: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }

  private async readLifecycles(origin: string, client: AzureOpenAIMediaClient): Promise<LifecycleEntry | undefined> {
    const account = this.store.directory(origin)?.account;
    try {
      const arm = account && this.management ? await this.management() : undefined;
      const entry: LifecycleEntry = arm && account
        ? { readAt: Date.now(), source: 'region', location: account.location,
          models: await arm.listLocationModels({ subscriptionId: account.id.split('/')[2] ?? '', displayName: '',
            tenantId: account.tenantId ?? '' }, account.location) }
        : { readAt: Date.now(), source: 'dataPlane', models: await client.listModels() };
      await this.store.putLifecycles(origin, entry);
      this.log.info(`Model lifecycles of ${origin}: ${entry.models.length} models from ${entry.source === 'region'
        ? `Azure's catalog for ${entry.location}` : 'the resource\'s models list'}.`);
      return entry;
    } catch (err) {
      // The notices fall back to the catalog's table and say so (an old read would pass a date Azure may have moved).
      this.log.info(`Could not read the model lifecycles of ${origin}: ${err instanceof Error ? err.message : String(err)}`);
      await this.store.forgetLifecycles(origin);
      return undefined;
    }
  }

  private offer(config: ConfigurationService, key: string, deployment: string, configured: string, runs: string): void {
    this.once(`offer ${deployment} ${configured} ${runs}`, () => {
      const setting = `azureOpenAIMedia.models.${key}`;
      this.log.warn(`Deployment "${deployment}" runs ${runs}, but ${setting} says ${configured}; the setting is kept.`);
      const use = vscode.l10n.t('Use {0}', runs);
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Deployment {0} runs {1}, but {2} says {3}.', deployment, runs, setting, configured), use,
      ).then(async (choice) => {
        // A choice writes the user's settings; an untrusted workspace's discovery writes nothing.
        if (choice === use && vscode.workspace.isTrusted) await config.update(`models.${key}`, runs);
      });
    });
  }

  private once(key: string, act: () => void): void {
    if (this.told.has(key)) return;
    this.told.add(key);
    act();
  }
}

function sameModel(a: string, b: string): boolean {
  const ka = resolveModel(a).known ?? a.toLowerCase();
  const kb = resolveModel(b).known ?? b.toLowerCase();
  return ka === kb;
}
