// Azure Resource Manager, read-only but for listKeys: tenants, subscriptions, Cognitive Services accounts, their
// deployments, the region's model catalog. Tokens for Resource Manager go only to the cloud's management origin:
// a nextLink anywhere else is refused. Every list is bounded (pages, items, bytes).
import type { TokenCredential } from '@azure/core-auth';
import type { Dispatcher } from 'undici';
import { MediaApiError } from '../errors';
import { HttpClient, type HttpResponse } from '../http';
import { reasonOf } from '../messages';
import { nullLogger, type Logger } from '../types';
import type { Cloud } from './clouds';
import { isoDate, readBoundedJson } from './read';
import {
  DiscoveryError, ROLE_FOR_ACTION, type AccountInfo, type DeploymentInfo, type ServiceLifecycle, type Subscription, type Tenant,
} from './types';

export const SUBSCRIPTIONS_API = '2022-12-01';
export const COGNITIVE_API = '2024-10-01';
const RP = 'providers/Microsoft.CognitiveServices';

export interface ArmLimits {
  /** Pages followed per list. */
  pages: number;
  /** Items kept per list. */
  items: number;
  /** Bytes read per answer. */
  bytes: number;
  /** Tenants asked for subscriptions at once (azureauth's default is 10 too). */
  tenants: number;
}

export const DEFAULT_ARM_LIMITS: ArmLimits = { pages: 20, items: 2000, bytes: 8 * 1024 * 1024, tenants: 10 };

export interface ArmOptions {
  cloud: Cloud;
  credential: TokenCredential;
  logger?: Logger;
  dispatcher?: Dispatcher;
  maxRetries?: number;
  maxRetryDelayMs?: number;
  timeoutMs?: number;
  limits?: Partial<ArmLimits>;
}

/** The one place Resource Manager's answers become typed discovery errors. */
export function armError(err: unknown, scope: string): unknown {
  if (!MediaApiError.is(err)) return err;
  if (err.code === 'cancelled' || err.code === 'network' || err.code === 'timeout') return err;
  const service = err.serviceCode ?? '';
  const details = { status: err.status, serviceCode: service, retryAfterMs: err.retryAfterMs, cause: err };
  if (err.status === 429) {
    return DiscoveryError.of('throttled', { seconds: Math.max(1, Math.ceil((err.retryAfterMs ?? 1000) / 1000)) }, details);
  }
  if (err.status === 401 && service === 'InvalidAuthenticationTokenTenant') {
    const tenant = /associated with this subscription[^']*'https:\/\/[^/]+\/([^/']+)/.exec(err.serviceMessage ?? '')?.[1] ?? '';
    return DiscoveryError.of('tenantSignIn', { tenant }, { ...details, tenantId: tenant });
  }
  if (err.status === 401) return DiscoveryError.of('unauthorized', { code: service || '401' }, details);
  if (err.status === 403) {
    const action = /perform action '([^']+)'/.exec(err.serviceMessage ?? '')?.[1] ?? '';
    const role = ROLE_FOR_ACTION[action] ?? 'Reader';
    return DiscoveryError.of('forbidden', { action: action || 'read', scope, role }, details);
  }
  if (err.status === 400 && /disableLocalAuth/i.test(err.serviceMessage ?? '')) {
    return DiscoveryError.of('localAuthDisabled', { account: scope.replace(/^.*\//, '') }, details);
  }
  return DiscoveryError.of('failed', { reason: reasonOf(err) }, details);
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}
function obj(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export class ArmClient {
  private readonly http: HttpClient;
  private readonly limits: ArmLimits;
  private readonly origin: string;

  constructor(private readonly options: ArmOptions) {
    this.origin = new URL(options.cloud.managementEndpoint).origin;
    this.limits = { ...DEFAULT_ARM_LIMITS, ...options.limits };
    this.http = new HttpClient({
      logger: options.logger ?? nullLogger,
      maxRetries: Math.max(0, options.maxRetries ?? 2),
      timeoutMs: options.timeoutMs ?? 30_000,
      maxRetryDelayMs: options.maxRetryDelayMs ?? 10_000,
      headers: {},
      dispatcher: options.dispatcher,
    });
  }

  get cloud(): Cloud {
    return this.options.cloud;
  }

  async listTenants(signal?: AbortSignal): Promise<Tenant[]> {
    const items = await this.list(`/tenants?api-version=${SUBSCRIPTIONS_API}`, undefined, signal, '/tenants');
    return items.map((t) => ({ tenantId: str(t.tenantId), displayName: str(t.displayName) || str(t.defaultDomain) }))
      .filter((t) => t.tenantId);
  }

  async listSubscriptions(tenantId: string | undefined, signal?: AbortSignal): Promise<Subscription[]> {
    const items = await this.list(`/subscriptions?api-version=${SUBSCRIPTIONS_API}`, tenantId, signal, '/subscriptions');
    return items
      .filter((s) => str(s.state) === '' || str(s.state) === 'Enabled')
      .map((s) => ({ subscriptionId: str(s.subscriptionId), displayName: str(s.displayName),
        tenantId: str(s.tenantId) || (tenantId ?? '') }))
      .filter((s) => s.subscriptionId);
  }

  /** The subscription's accounts of kind OpenAI or AIServices (others cannot serve these operations). */
  async listAccounts(sub: Subscription, signal?: AbortSignal): Promise<AccountInfo[]> {
    const scope = `/subscriptions/${encodeURIComponent(sub.subscriptionId)}`;
    const items = await this.list(`${scope}/${RP}/accounts?api-version=${COGNITIVE_API}`, sub.tenantId, signal, scope);
    const out: AccountInfo[] = [];
    for (const a of items) {
      const kind = str(a.kind);
      if (kind !== 'OpenAI' && kind !== 'AIServices') continue;
      const props = obj(a.properties);
      const endpoint = kind === 'AIServices' ? str(obj(props.endpoints)['OpenAI Language Model Instance API']) || str(props.endpoint)
        : str(props.endpoint);
      if (!str(a.id) || !endpoint) continue;
      out.push({ id: str(a.id), name: str(a.name), kind, location: str(a.location), endpoint, subscription: sub,
        disableLocalAuth: props.disableLocalAuth === true });
    }
    return out;
  }

  async listDeployments(account: AccountInfo, signal?: AbortSignal): Promise<DeploymentInfo[]> {
    const items = await this.list(`${account.id}/deployments?api-version=${COGNITIVE_API}`, account.subscription.tenantId, signal,
      account.id);
    return items.map((d) => {
      const props = obj(d.properties);
      const model = obj(props.model);
      const sku = obj(d.sku);
      return { name: str(d.name), model: str(model.name), version: str(model.version) || undefined, skuName: str(sku.name) || undefined,
        capacity: typeof sku.capacity === 'number' ? sku.capacity : undefined, state: str(props.provisioningState) || undefined };
    }).filter((d) => d.name && d.model);
  }

  /** The region's catalog: each model version's lifecycle (`deprecation.inference`, else a SKU's `deprecationDate`). */
  async listLocationModels(sub: Subscription, location: string, signal?: AbortSignal): Promise<ServiceLifecycle[]> {
    const scope = `/subscriptions/${encodeURIComponent(sub.subscriptionId)}`;
    const items = await this.list(`${scope}/${RP}/locations/${encodeURIComponent(location)}/models?api-version=${COGNITIVE_API}`,
      sub.tenantId, signal, scope);
    return items.map((entry) => {
      const m = obj(entry.model);
      const skuDates = (Array.isArray(m.skus) ? m.skus : []).map((s) => isoDate(obj(s).deprecationDate)).filter((d): d is string => !!d);
      const retires = isoDate(obj(m.deprecation).inference) ?? skuDates.sort()[0];
      return { name: str(m.name), version: str(m.version) || undefined, status: str(m.lifecycleStatus) || undefined, retires };
    }).filter((m) => m.name);
  }

  /** key1 of the account (listKeys needs Cognitive Services User or Contributor). */
  async listKeys(account: AccountInfo, signal?: AbortSignal): Promise<string> {
    if (account.disableLocalAuth) throw DiscoveryError.of('localAuthDisabled', { account: account.name });
    const res = await this.send('POST', `${this.origin}${account.id}/listKeys?api-version=${COGNITIVE_API}`, account.subscription.tenantId,
      signal, account.id);
    const body = obj(await readBoundedJson(res, 64 * 1024, 'listKeys'));
    const key = str(body.key1) || str(body.key2);
    if (!key) throw DiscoveryError.of('badAnswer', { what: 'listKeys' });
    return key;
  }

  private credentialFor(tenantId: string | undefined): TokenCredential {
    const { credential } = this.options;
    if (!tenantId) return credential;
    return { getToken: (scopes, opts) => credential.getToken(scopes, { ...opts, tenantId }) };
  }

  private async send(method: 'GET' | 'POST', url: string, tenantId: string | undefined, signal: AbortSignal | undefined,
    scope: string): Promise<HttpResponse> {
    try {
      return await this.http.send({
        method,
        url,
        headers: { accept: 'application/json', ...(method === 'POST' ? { 'content-length': '0' } : {}) },
        auth: { type: 'entraId', credential: this.credentialFor(tenantId), scope: this.options.cloud.managementScope },
        signal,
        context: {},
        label: 'management',
      });
    } catch (err) {
      throw armError(err, scope);
    }
  }

  /** A list's `value` items across its nextLink pages, bounded; a nextLink to another origin is refused. */
  private async list(path: string, tenantId: string | undefined, signal: AbortSignal | undefined, scope: string):
    Promise<Array<Record<string, unknown>>> {
    const items: Array<Record<string, unknown>> = [];
    let url: string | undefined = `${this.origin}${path}`;
    for (let page = 0; url && page < this.limits.pages && items.length < this.limits.items; page++) {
      const res = await this.send('GET', url, tenantId, signal, scope);
      const body = obj(await readBoundedJson(res, this.limits.bytes, scope));
      if (!Array.isArray(body.value)) throw DiscoveryError.of('badAnswer', { what: scope });
      for (const v of body.value.slice(0, this.limits.items - items.length)) items.push(obj(v));
      const next = str(body.nextLink);
      url = undefined;
      if (next) {
        let parsed: URL;
        try {
          parsed = new URL(next);
        } catch {
          throw DiscoveryError.of('badAnswer', { what: 'nextLink' });
        }
        // The token must never follow a link to another host.
        if (parsed.origin !== this.origin) throw DiscoveryError.of('badAnswer', { what: 'nextLink' });
        url = parsed.toString();
      }
    }
    if (url) this.options.logger?.warn(`management: ${scope} has more than ${items.length} items; the rest is not read.`);
    return items;
  }
}
