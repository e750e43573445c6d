// Configure's two routes to a working setup, asked of the service rather than the user:
// - "Sign in to Azure": Resource Manager lists the resources the account sees, the deployments of the one picked and
//   the model each runs; the sign-in for the calls is Entra ID (proposed) or the resource's key (listKeys);
// - an endpoint with a key (or Entra ID): the data plane lists the deployments where it still does.
// Either way each operation gets the deployment whose model fits (the user is asked only where several fit or none
// does), and nothing is written, to settings or to secret storage, until the user confirms the whole plan.
import * as vscode from 'vscode';
import type { AuthProvider } from '../core/auth';
import { deploymentSetting, modelSetting, OPERATIONS, resolveModel, type OperationId } from '../core/catalog';
import { AzureOpenAIMediaClient } from '../core/client';
import {
  ArmClient, DiscoveryError, findResources, isDiscoverableHost, portalLink, proposeMapping, resolveCloud,
  type AccountInfo, type Cloud, type DeploymentInfo, type FoundResources,
} from '../core/discovery';
import { normalizeEndpoint } from '../core/endpoint';
import { MediaApiError } from '../core/errors';
import { msg } from '../core/messages';
import { DEFAULT_SCOPE, VSCodeEntraCredential, type AuthService } from './auth';
import type { AuthenticationMode, ConfigurationService, MediaConfiguration } from './configuration';
import type { DeploymentDirectory } from './deploymentDirectory';
import { errorText, localize } from './errorText';
import type { Log } from './log';
import { createDispatcher, readProxySettings } from './proxy';
import { originOf, type SecretStore } from './secrets';
import { UserError } from './userError';

/** What a failure offers as the next step (the command turns it into a button). */
export type NextStep = 'key' | 'retry' | 'portal' | 'tenant';

/** A failure of the setup the user can act on: its sentence (localised) and the next step. Nothing was written. */
export class SetupError extends UserError {
  constructor(message: string, readonly next?: NextStep, setting?: string, readonly detail?: { url?: string; tenant?: string }) {
    super(message, setting);
    this.name = 'SetupError';
  }
}

/** What the user confirms: the endpoint, the deployment of each operation (undefined: none here) and where they came from. */
export interface SetupPlan {
  endpoint: string;
  /** Set on the sign-in route: the resource Resource Manager named. */
  account?: AccountInfo;
  cloud?: Cloud;
  /** A directory the user signed in to on purpose (written to entra.tenantId on confirming). */
  tenant?: string;
  deployments: DeploymentInfo[];
  mapping: Map<OperationId, DeploymentInfo | undefined>;
  /** The key typed on the key route, kept in memory until the user confirms. */
  key?: string;
}

/** The prompts the setup needs; the command gives quick picks and dialogs, a test or the walkthrough its answers. */
export interface SetupUi {
  progress<T>(title: string, task: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** A resource, a directory to sign in to, or undefined when cancelled. */
  pickAccount(found: FoundResources): Promise<AccountInfo | { tenant: string } | undefined>;
  /** The deployment for an operation among several; null: none of them; undefined: cancelled. */
  pickDeployment(operation: OperationId, candidates: DeploymentInfo[]): Promise<DeploymentInfo | null | undefined>;
  /** The one confirmation: the whole plan and how to sign in (`modes`, the proposed first); undefined: cancelled. */
  confirm(plan: SetupPlan, modes: AuthenticationMode[]): Promise<AuthenticationMode | undefined>;
  /** Keys cannot be had (`why`): sign in with Entra ID instead? */
  useEntraInstead(why: string): Promise<boolean>;
}

/** The cloud the settings name (`azureOpenAIMedia.cloud`, `management.endpoint`, else VS Code's sovereign cloud settings). */
export function cloudOf(cfg: MediaConfiguration): Cloud | undefined {
  // VS Code's settings count only as the user set them: no workspace may point a Resource Manager token elsewhere.
  const sovereign = vscode.workspace.getConfiguration('microsoft-sovereign-cloud');
  const environment = sovereign.inspect<unknown>('environment')?.globalValue;
  const custom = sovereign.inspect<unknown>('customEnvironment')?.globalValue;
  return resolveCloud({
    cloud: cfg.cloud,
    managementEndpoint: cfg.management.endpoint,
    sovereignEnvironment: typeof environment === 'string' ? environment : undefined,
    sovereignCustom: custom && typeof custom === 'object' ? (custom as Record<string, unknown>) : undefined,
  });
}

/** A discovery failure as the setup shows it, with the step that helps next. */
export function setupErrorOf(err: unknown, account?: AccountInfo, cloud?: Cloud): unknown {
  if (!(err instanceof DiscoveryError)) return err;
  const text = localize(err.text);
  switch (err.kind) {
    case 'throttled':
      return new SetupError(text, 'retry');
    case 'emptyResource':
      return new SetupError(text, 'portal', undefined, { url: account && cloud ? portalLink(cloud, account.id) : undefined });
    case 'tenantSignIn':
      return new SetupError(text, 'tenant', undefined, { tenant: err.details.tenantId });
    case 'badAnswer':
    case 'failed':
      return new SetupError(text, 'retry');
    default: // noSubscriptions, noResources, forbidden, unauthorized: the key route needs none of that
      return new SetupError(text, 'key');
  }
}

export class AzureSetup implements vscode.Disposable {
  private background: { key: string; arm: ArmClient; close: () => void } | undefined;

  constructor(
    private readonly config: ConfigurationService,
    private readonly auth: AuthService,
    private readonly secrets: SecretStore,
    private readonly directory: DeploymentDirectory,
    private readonly log: Log,
  ) {}

  /** Sign in to Azure, pick a resource, map its deployments: the plan to confirm, or undefined when cancelled. */
  async signInPlan(ui: SetupUi, tenant?: string): Promise<SetupPlan | undefined> {
    const cfg = this.config.value;
    const cloud = cloudOf(cfg);
    if (!cloud) throw new SetupError(localize(msg('discovery.noCloud')), undefined, 'management.endpoint');
    return this.withArm(cloud, tenant, async (arm) => {
      let found: FoundResources;
      try {
        found = await ui.progress(vscode.l10n.t('Looking for your Azure OpenAI resources…'), (signal) => findResources(arm, signal));
      } catch (err) {
        throw setupErrorOf(err);
      }
      for (const note of found.notes) this.log.info(`Sign in to Azure: ${note.message}`);
      if (!found.accounts.length && !found.notes.some((n) => n.kind === 'tenantSignIn')) {
        const text = found.notes.length ? localize(found.notes[0].text)
          : localize(msg('discovery.noResources', { count: found.subscriptions.length }));
        throw new SetupError(text, 'key');
      }
      const picked = await ui.pickAccount(found);
      if (!picked) return undefined;
      if (!('id' in picked)) return { tenant: picked.tenant } as const;
      const account = picked;
      let deployments: DeploymentInfo[];
      try {
        deployments = await ui.progress(vscode.l10n.t('Reading the deployments of {0}…', account.name),
          (signal) => arm.listDeployments(account, signal));
        if (!deployments.length) throw DiscoveryError.of('emptyResource', { account: account.name });
      } catch (err) {
        throw setupErrorOf(err, account, cloud);
      }
      this.log.info(`Sign in to Azure: ${account.name} (${account.location}) runs ` +
        `${deployments.map((d) => `${d.name} → ${d.model} ${d.version ?? ''}`.trim()).join(', ')}.`);
      // The directory is written to entra.tenantId only when the resource is in it (a credential that cannot switch
      // directories hands out the home one's token and lists the home subscriptions again).
      const own = tenant && account.subscription.tenantId === tenant ? tenant : undefined;
      return this.mapping(ui, { endpoint: account.endpoint, account, cloud, tenant: own, deployments, mapping: new Map() });
    }).then((plan) => (plan && 'tenant' in plan && !('endpoint' in plan) ? this.signInPlan(ui, plan.tenant) : plan));
  }

  /**
   * The key route (or Entra ID with a typed endpoint): the data plane's deployments list. Undefined `deployments`
   * means the resource does not list them (404) or sits behind a gateway: the caller asks for the names.
   */
  async dataPlaneDeployments(ui: SetupUi, endpoint: string, auth: AuthProvider): Promise<DeploymentInfo[] | undefined> {
    const origin = originOf(endpoint);
    if (!isDiscoverableHost(origin)) {
      const why = localize(msg('discovery.gateway', { host: new URL(origin).host }));
      this.log.info(why);
      void vscode.window.showInformationMessage(why);
      return undefined;
    }
    const { dispatcher } = createDispatcher(endpoint, readProxySettings());
    const client = new AzureOpenAIMediaClient({ endpoint, apiVersion: this.config.value.apiVersion, auth, logger: this.log, headers: {},
      dispatcher });
    try {
      const listed = await ui.progress(vscode.l10n.t('Reading the deployments of {0}…', origin),
        (signal) => client.listDeployments(signal));
      if (!listed) this.log.info(`${origin} does not list its deployments (404): their names are typed.`);
      if (listed && !listed.length) throw new SetupError(localize(msg('discovery.emptyResource', { account: new URL(origin).host })));
      return listed;
    } catch (err) {
      if (err instanceof SetupError || MediaApiError.is(err, 'cancelled')) throw err;
      // A refused key says so here, before anything is saved.
      if (MediaApiError.is(err) && (err.status === 401 || err.status === 403)) throw err;
      this.log.info(`Could not list the deployments of ${origin}: ${errorText(err)}; their names are typed.`);
      return undefined;
    } finally {
      void dispatcher?.close().catch(() => undefined);
    }
  }

  /** Each operation's deployment by the model it runs; asks only where several fit, or where none does but some model is unknown. */
  async mapping(ui: SetupUi, plan: SetupPlan): Promise<SetupPlan | undefined> {
    for (const proposal of proposeMapping(plan.deployments)) {
      let chosen: DeploymentInfo | null | undefined = proposal.choice;
      if (!chosen) {
        // None fits: a model the catalog does not know yet may (the user knows).
        const candidates = proposal.candidates.length ? proposal.candidates
          : plan.deployments.filter((d) => !resolveModel(d.model).family);
        chosen = candidates.length ? await ui.pickDeployment(proposal.operation, candidates) : null;
        if (chosen === undefined) return undefined;
      }
      plan.mapping.set(proposal.operation, chosen ?? undefined);
    }
    return plan;
  }

  /**
   * The confirmation, then the writes: the key (listKeys or typed) to secret storage, the endpoint, the sign-in, each
   * deployment and its model (a dated name when the catalog knows the version). Returns false when cancelled.
   */
  async confirmAndSave(ui: SetupUi, plan: SetupPlan, modes: AuthenticationMode[]): Promise<boolean> {
    let mode = await ui.confirm(plan, modes);
    if (!mode) return false;
    const endpoint = normalizeEndpoint(plan.endpoint);
    const origin = originOf(endpoint);
    let key = mode === 'apiKey' ? plan.key : undefined;
    if (mode === 'apiKey' && plan.account && plan.cloud) {
      const account = plan.account;
      try {
        key = await this.withArm(plan.cloud, plan.tenant, (arm) =>
          ui.progress(vscode.l10n.t('Fetching the key of {0}…', account.name), (signal) => arm.listKeys(account, signal)));
      } catch (err) {
        if (!DiscoveryError.isKind(err, 'forbidden') && !DiscoveryError.isKind(err, 'localAuthDisabled')) throw setupErrorOf(err);
        this.log.warn(`Sign in to Azure: no key for ${account.name}: ${err.message}`);
        if (!(await ui.useEntraInstead(localize(err.text)))) return false;
        mode = 'entraId';
        key = undefined;
      }
    }
    const scope = plan.cloud?.dataPlaneScope ?? (this.config.value.entra.scope || DEFAULT_SCOPE);
    if (mode === 'entraId' && !(await this.auth.confirmTokenOrigin(origin, scope))) return false;

    if (key) await this.secrets.store('apiKey', origin, key);
    await this.config.update('endpoint', endpoint);
    await this.config.update('authentication', mode);
    if (mode === 'entraId' && plan.cloud) {
      // The data plane's token comes from the same cloud (and directory) as the resource.
      await this.config.update('entra.scope', scope === DEFAULT_SCOPE ? undefined : scope);
      const authority = new URL(plan.cloud.authorityHost).host;
      await this.config.update('entra.authorityHost', authority === 'login.microsoftonline.com' ? undefined : authority);
    }
    if (plan.tenant) await this.config.update('entra.tenantId', plan.tenant);
    for (const operation of OPERATIONS) {
      if (!plan.mapping.has(operation)) continue;
      const chosen = plan.mapping.get(operation);
      await this.config.update(deploymentSetting(operation), chosen?.name ?? '');
      const setting = modelSetting(operation);
      if (setting && chosen) await this.config.update(setting, modelName(chosen));
    }
    if (plan.account) {
      // What each deployment runs, with versions and capacity, and the account: the region's catalog is read for it.
      await this.directory.record(endpoint, plan.deployments,
        { id: plan.account.id, location: plan.account.location, tenantId: plan.account.subscription.tenantId });
    }
    const saved = [...plan.mapping].map(([op, d]) => `${op} → ${d?.name ?? '-'}`).join(', ');
    this.log.info(`Configure: saved ${origin} (${mode}) with ${saved}.`);
    return true;
  }

  /**
   * Resource Manager for background reads (DeploymentDirectory's region catalog of a resource Configure recorded):
   * the silent sign-in only, never a prompt. One client per cloud, directory and proxy.
   */
  managementClient(): Promise<ArmClient | undefined> {
    const cfg = this.config.value;
    const cloud = cloudOf(cfg);
    if (!cloud) return Promise.resolve(undefined);
    const key = JSON.stringify([cloud, cfg.entra.tenantId, readProxySettings()]);
    if (this.background?.key !== key) {
      this.background?.close();
      this.background = { key, ...this.armFor(cloud, undefined, false) };
    }
    return Promise.resolve(this.background.arm);
  }

  dispose(): void {
    this.background?.close();
    this.background = undefined;
  }

  /** An ArmClient over the cloud's Resource Manager with a management token (VS Code's Microsoft account, else @azure/identity). */
  private async withArm<T>(cloud: Cloud, tenant: string | undefined, act: (arm: ArmClient) => Promise<T>): Promise<T> {
    const { arm, close } = this.armFor(cloud, tenant, true);
    try {
      return await act(arm);
    } finally {
      close();
    }
  }

  private armFor(cloud: Cloud, tenant: string | undefined, interactive: boolean): { arm: ArmClient; close: () => void } {
    const cfg = this.config.value;
    const credential = new VSCodeEntraCredential({ tenantId: tenant ?? cfg.entra.tenantId, scope: cloud.managementScope,
      authorityHost: cloud.authorityHost, trustedOrigins: [] }, this.log, undefined, interactive);
    const { dispatcher } = createDispatcher(cloud.managementEndpoint, readProxySettings());
    // The bound on throttling: two waits of at most 10 s each (Retry-After), under the cancellable progress.
    const arm = new ArmClient({ cloud, credential, logger: this.log, dispatcher, maxRetries: 2, maxRetryDelayMs: 10_000 });
    return { arm, close: () => void dispatcher?.close().catch(() => undefined) };
  }
}

/** The models.* value for a deployment: `name-YYYY-MM-DD` when the catalog knows that dated version, else the name. */
export function modelName(d: DeploymentInfo): string {
  if (d.version && /^\d{4}-\d{2}-\d{2}$/.test(d.version)) {
    const dated = `${d.model}-${d.version}`;
    if (resolveModel(dated).version === d.version) return dated;
  }
  return d.model;
}
