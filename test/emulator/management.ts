// The Azure Resource Manager side of the emulator (subscriptions, Cognitive Services accounts with nextLink paging,
// their deployments, the region's model catalog with lifecycles, listKeys) and the data plane's two listings
// (`GET /openai/models`, the legacy `GET /openai/deployments`), in the shapes of Azure/azure-rest-api-specs' examples
// (ListAccountsBySubscription.json, ListDeployments.json, ListLocationModels.json, ListKeys.json, get_models.json,
// get_deployments.json). The catalog, the roles, throttling and the empty cases are state a test can change.

import type * as http from 'node:http';
import { EmulatorHttpError } from './errors';

/** The emulator's own resource: its data plane is this emulator, its deployments are the emulator's. */
export const EMULATOR_SUBSCRIPTION = '00000000-0000-0000-0000-0000000000a1';
export const EMULATOR_TENANT = '00000000-0000-0000-0000-000000000000';
export const EMULATOR_ACCOUNT = 'emulator-openai';
export const EMULATOR_RESOURCE_GROUP = 'media-rg';
export const EMULATOR_LOCATION = 'eastus';
/** A subscription in another tenant: a token of the emulator's tenant is refused there (InvalidAuthenticationTokenTenant). */
export const OTHER_TENANT = '11111111-1111-1111-1111-111111111111';

/** ARM's audiences for Resource Manager tokens (the two names of the public cloud's). */
export const MANAGEMENT_RESOURCES = ['https://management.azure.com', 'https://management.core.windows.net'];

/** The Azure model name and version behind each of the emulator's data-plane model names. */
export const ARM_MODELS: Record<string, { name: string; version: string }> = {
  'whisper-1': { name: 'whisper', version: '001' },
  whisper: { name: 'whisper', version: '001' },
  'gpt-4o-transcribe': { name: 'gpt-4o-transcribe', version: '2025-03-20' },
  'gpt-4o-mini-transcribe': { name: 'gpt-4o-mini-transcribe', version: '2025-03-20' },
  'gpt-4o-mini-transcribe-2025-12-15': { name: 'gpt-4o-mini-transcribe', version: '2025-12-15' },
  'gpt-4o-transcribe-diarize': { name: 'gpt-4o-transcribe-diarize', version: '2025-10-15' },
  'tts-1': { name: 'tts', version: '001' },
  'tts-1-hd': { name: 'tts-hd', version: '001' },
  'gpt-4o-mini-tts': { name: 'gpt-4o-mini-tts', version: '2025-12-15' },
  'dall-e-3': { name: 'dall-e-3', version: '3.0' },
  'gpt-image-1': { name: 'gpt-image-1', version: '2025-04-15' },
  'gpt-image-1-mini': { name: 'gpt-image-1-mini', version: '2025-10-06' },
  'gpt-image-1.5': { name: 'gpt-image-1.5', version: '2025-12-16' },
  'gpt-image-2': { name: 'gpt-image-2', version: '2026-04-21' },
  'gpt-image-2-2026-04-21': { name: 'gpt-image-2', version: '2026-04-21' },
};

/** One model of the region's catalog; `retires` is `deprecation.inference` (ISO, or absent). */
export interface CatalogModel {
  name: string;
  version: string;
  lifecycleStatus: 'Preview' | 'GenerallyAvailable' | 'Stable' | 'Deprecating' | 'Deprecated' | 'Legacy';
  retires?: string;
}

export const DEFAULT_CATALOG: CatalogModel[] = [
  { name: 'whisper', version: '001', lifecycleStatus: 'GenerallyAvailable', retires: '2026-12-15T00:00:00Z' },
  { name: 'gpt-4o-transcribe', version: '2025-03-20', lifecycleStatus: 'GenerallyAvailable', retires: '2026-10-15T00:00:00Z' },
  { name: 'gpt-4o-mini-transcribe', version: '2025-12-15', lifecycleStatus: 'GenerallyAvailable', retires: '2027-06-15T00:00:00Z' },
  { name: 'gpt-4o-transcribe-diarize', version: '2025-10-15', lifecycleStatus: 'Preview', retires: '2026-10-15T00:00:00Z' },
  { name: 'tts', version: '001', lifecycleStatus: 'GenerallyAvailable', retires: '2026-12-15T00:00:00Z' },
  { name: 'tts-hd', version: '001', lifecycleStatus: 'GenerallyAvailable', retires: '2026-12-15T00:00:00Z' },
  { name: 'gpt-4o-mini-tts', version: '2025-12-15', lifecycleStatus: 'GenerallyAvailable', retires: '2026-12-15T00:00:00Z' },
  { name: 'dall-e-3', version: '3.0', lifecycleStatus: 'Deprecated', retires: '2026-03-04T00:00:00Z' },
  { name: 'gpt-image-1', version: '2025-04-15', lifecycleStatus: 'Preview', retires: '2026-10-23T00:00:00Z' },
  { name: 'gpt-image-1-mini', version: '2025-10-06', lifecycleStatus: 'GenerallyAvailable', retires: '2027-04-07T00:00:00Z' },
  { name: 'gpt-image-1.5', version: '2025-12-16', lifecycleStatus: 'GenerallyAvailable', retires: '2026-12-16T00:00:00Z' },
  { name: 'gpt-image-2', version: '2026-04-21', lifecycleStatus: 'GenerallyAvailable', retires: '2027-04-21T00:00:00Z' },
];

export interface ManagedAccount {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  kind: string;
  location: string;
  /** Absent: the emulator's own resource (its URL, its deployments). */
  endpoint?: string;
  disableLocalAuth?: boolean;
  /** name -> emulator model; absent: the emulator's deployments. */
  deployments?: Record<string, string>;
}

/** What a test may change (`POST /_emulator/management` merges it; reset restores the defaults). */
export interface ManagementState {
  tenants: Array<{ tenantId: string; displayName: string }>;
  subscriptions: Array<{ subscriptionId: string; displayName: string; tenantId: string }>;
  accounts: ManagedAccount[];
  /** The region catalog every location serves (and the data plane's models list). */
  catalog: CatalogModel[];
  /** Actions the signed-in identity lacks: 403 AuthorizationFailed. */
  deny: Array<'accounts' | 'deployments' | 'models' | 'listKeys'>;
  /** The next N management requests get 429 with Retry-After: 1. */
  throttle: number;
  /** Accounts per page of the accounts list (then a nextLink). */
  pageSize: number;
  /** false: the legacy data-plane deployments list answers 404 on every api-version (the day the service drops it). */
  legacyDeploymentList: boolean;
  /** The data plane's listings that answer 503 (the resource cannot be asked): `models`, `deployments`. */
  unavailable: Array<'models' | 'deployments'>;
}

export function defaultManagementState(): ManagementState {
  return {
    tenants: [{ tenantId: EMULATOR_TENANT, displayName: 'Emulator' }, { tenantId: OTHER_TENANT, displayName: 'Partner' }],
    subscriptions: [
      { subscriptionId: EMULATOR_SUBSCRIPTION, displayName: 'Media Emulator', tenantId: EMULATOR_TENANT },
      { subscriptionId: '00000000-0000-0000-0000-0000000000b2', displayName: 'Partner Lab', tenantId: OTHER_TENANT },
    ],
    accounts: [
      { subscriptionId: EMULATOR_SUBSCRIPTION, resourceGroup: 'vision-rg', name: 'faces', kind: 'Face', location: 'westus',
        endpoint: 'https://westus.api.cognitive.microsoft.com/face/v1.0' },
      { subscriptionId: EMULATOR_SUBSCRIPTION, resourceGroup: 'lab-rg', name: 'studio-ai', kind: 'AIServices', location: 'swedencentral',
        endpoint: 'https://studio-ai.openai.azure.com/', deployments: { 'gpt-image-2': 'gpt-image-2' } },
      { subscriptionId: EMULATOR_SUBSCRIPTION, resourceGroup: EMULATOR_RESOURCE_GROUP, name: EMULATOR_ACCOUNT, kind: 'OpenAI',
        location: EMULATOR_LOCATION },
      { subscriptionId: '00000000-0000-0000-0000-0000000000b2', resourceGroup: 'partner-rg', name: 'partner-openai', kind: 'OpenAI',
        location: 'westeurope', endpoint: 'https://partner-openai.openai.azure.com/' },
    ],
    catalog: DEFAULT_CATALOG.map((m) => ({ ...m })),
    deny: [],
    throttle: 0,
    pageSize: 2,
    legacyDeploymentList: true,
    unavailable: [],
  };
}

/** Checks a state patch from a test: wrong shapes are refused, not half-applied. */
export function patchManagementState(state: ManagementState, patch: Partial<ManagementState>): void {
  if (!patch || typeof patch !== 'object') throw new Error('A management patch is an object.');
  if (patch.catalog !== undefined && (!Array.isArray(patch.catalog) || patch.catalog.some((m) => typeof m?.name !== 'string'))) {
    throw new Error("'catalog' is a list of {name, version, lifecycleStatus, retires?}.");
  }
  if (patch.deny !== undefined && !Array.isArray(patch.deny)) throw new Error("'deny' is a list of actions.");
  if (patch.unavailable !== undefined && !(Array.isArray(patch.unavailable) &&
    patch.unavailable.every((u) => u === 'models' || u === 'deployments'))) {
    throw new Error("'unavailable' is a list of 'models' and 'deployments'.");
  }
  if (patch.throttle !== undefined && !(Number.isInteger(patch.throttle) && patch.throttle >= 0)) throw new Error("'throttle' is a count.");
  if (patch.pageSize !== undefined && !(Number.isInteger(patch.pageSize) && patch.pageSize >= 1)) throw new Error("'pageSize' is >= 1.");
  Object.assign(state, patch);
}

const armError = (status: number, code: string, message: string, headers: Record<string, string> = {}): EmulatorHttpError =>
  new EmulatorHttpError(status, { error: { code, message } }, code, headers);

const SUBSCRIPTION_VERSIONS = ['2016-06-01', '2020-01-01', '2021-01-01', '2022-12-01'];
const COGNITIVE_VERSIONS = ['2023-05-01', '2024-04-01-preview', '2024-10-01', '2025-06-01'];
const RP = 'providers/Microsoft.CognitiveServices';

export interface ManagementContext {
  state: ManagementState;
  baseUrl: string;
  /** The emulator's deployments (name -> model). */
  deployments: Record<string, string>;
  /** The token's audience and issuer tenant, or undefined when the emulator did not issue it (or it expired). */
  token(bearer: string): { resource: string; tenant: string } | undefined;
  /** An account's key1 (the emulator's own: its API key). */
  keyOf(account: ManagedAccount): string;
}

function accountId(a: ManagedAccount): string {
  return `/subscriptions/${a.subscriptionId}/resourceGroups/${a.resourceGroup}/${RP}/accounts/${a.name}`;
}

function accountJson(a: ManagedAccount, baseUrl: string): unknown {
  const endpoint = a.endpoint ?? `${baseUrl}/`;
  const properties: Record<string, unknown> = { provisioningState: 'Succeeded', disableLocalAuth: a.disableLocalAuth === true };
  if (a.kind === 'AIServices') {
    // An AIServices account's own endpoint is its cognitiveservices host; the OpenAI one is in `endpoints`.
    properties.endpoint = `https://${a.name}.cognitiveservices.azure.com/`;
    properties.endpoints = { 'OpenAI Language Model Instance API': endpoint, 'Content Safety': properties.endpoint };
  } else {
    properties.endpoint = endpoint;
  }
  return { id: accountId(a), name: a.name, type: 'Microsoft.CognitiveServices/accounts', location: a.location, sku: { name: 'S0' },
    kind: a.kind, etag: '"0000e4b0-0000-0000-0000-000000000000"', properties };
}

/**
 * Answers a Resource Manager request (`/subscriptions…`), or returns false when the path is not one. Auth: a bearer
 * token the emulator issued for Resource Manager's audience, in the subscription's tenant; anything else is refused
 * in ARM's words.
 */
export function managementPlane(ctx: ManagementContext, req: http.IncomingMessage, url: URL): unknown {
  const path = url.pathname.replace(/\/+$/, '');
  const { state } = ctx;
  const auth = req.headers.authorization;
  const bearer = typeof auth === 'string' && /^bearer\s+/i.test(auth) ? auth.replace(/^bearer\s+/i, '').trim() : '';
  if (!bearer) throw armError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.");
  const token = ctx.token(bearer);
  if (!token) throw armError(401, 'InvalidAuthenticationToken', 'The access token is invalid.');
  if (!MANAGEMENT_RESOURCES.includes(token.resource)) {
    throw armError(401, 'InvalidAuthenticationTokenAudience',
      `The access token has been obtained for wrong audience or resource '${token.resource}'. It should exactly match with one of ` +
        `the allowed audiences '${MANAGEMENT_RESOURCES.map((r) => `${r}/`).join("','")}'.`);
  }
  if (state.throttle > 0) {
    state.throttle--;
    throw armError(429, 'SubscriptionRequestsThrottled',
      'Number of read requests for subscription exceeded the limit of 12000 for time interval 01:00:00. Please try again after 1 ' +
        'seconds.', { 'retry-after': '1' });
  }
  const apiVersion = url.searchParams.get('api-version');
  const versions = path === '/subscriptions' || path === '/tenants' ? SUBSCRIPTION_VERSIONS : COGNITIVE_VERSIONS;
  if (!apiVersion) {
    throw armError(400, 'MissingApiVersionParameter', "The api-version query parameter (?api-version=) is required for all requests.");
  }
  if (!versions.includes(apiVersion)) {
    throw armError(400, 'InvalidApiVersionParameter',
      `The api-version '${apiVersion}' is invalid. The supported versions are '${versions.join(',')}'.`);
  }
  if (path === '/tenants' && req.method === 'GET') {
    const value = state.tenants.map((t) => ({ id: `/tenants/${t.tenantId}`, tenantId: t.tenantId, displayName: t.displayName,
      tenantCategory: 'Home', defaultDomain: `${t.displayName.toLowerCase().replace(/\W+/g, '')}.onmicrosoft.com` }));
    return { count: { type: 'Total', value: value.length }, value };
  }
  if (path === '/subscriptions' && req.method === 'GET') {
    // Only the token's tenant's subscriptions, as ARM lists them.
    const value = state.subscriptions.filter((s) => s.tenantId === token.tenant).map((s) => ({
      id: `/subscriptions/${s.subscriptionId}`, authorizationSource: 'RoleBased', subscriptionId: s.subscriptionId,
      tenantId: s.tenantId, displayName: s.displayName, state: 'Enabled',
      subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'PayAsYouGo_2014-09-01', spendingLimit: 'Off' },
    }));
    return { count: { type: 'Total', value: value.length }, value };
  }
  const sub = /^\/subscriptions\/([^/]+)(\/.*)?$/.exec(path);
  if (!sub) throw armError(404, 'NotFound', 'The requested resource was not found.');
  const subscription = state.subscriptions.find((s) => s.subscriptionId === sub[1]);
  if (!subscription) {
    throw armError(404, 'SubscriptionNotFound', `The subscription '${sub[1]}' could not be found.`);
  }
  if (subscription.tenantId !== token.tenant) {
    throw armError(401, 'InvalidAuthenticationTokenTenant',
      `The access token is from the wrong issuer 'https://sts.windows.net/${token.tenant}/'. It must match the tenant ` +
        `'https://sts.windows.net/${subscription.tenantId}/' associated with this subscription. Please use the authority (URL) ` +
        `'https://login.windows.net/${subscription.tenantId}' to get the token. Note, if the subscription is transferred to another ` +
        'tenant there is no impact to the services, but information about new tenant could take time to propagate (up to an hour).');
  }
  const rest = sub[2] ?? '';
  const denied = (action: ManagementState['deny'][number], operation: string, scope: string): void => {
    if (!state.deny.includes(action)) return;
    throw armError(403, 'AuthorizationFailed',
      "The client 'emulator-managed-identity' with object id 'emulator-managed-identity' does not have authorization to perform " +
        `action '${operation}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your ` +
        'credentials.');
  };

  if (rest === `/${RP}/accounts` && req.method === 'GET') {
    denied('accounts', 'Microsoft.CognitiveServices/accounts/read', `/subscriptions/${sub[1]}`);
    const all = state.accounts.filter((a) => a.subscriptionId === sub[1]);
    const skip = Number(url.searchParams.get('$skiptoken') ?? 0);
    const start = Number.isInteger(skip) && skip >= 0 ? skip : 0;
    const page = all.slice(start, start + state.pageSize);
    const body: Record<string, unknown> = { value: page.map((a) => accountJson(a, ctx.baseUrl)) };
    if (start + state.pageSize < all.length) {
      const next = start + state.pageSize;
      body.nextLink = `${ctx.baseUrl}/subscriptions/${sub[1]}/${RP}/accounts?api-version=${apiVersion}&$skiptoken=${next}`;
    }
    return body;
  }
  const models = new RegExp(`^/${RP}/locations/([^/]+)/models$`).exec(rest);
  if (models && req.method === 'GET') {
    denied('models', 'Microsoft.CognitiveServices/locations/models/read', `/subscriptions/${sub[1]}`);
    return { value: state.catalog.map((m) => locationModel(m)) };
  }
  const acct = new RegExp(`^/resourceGroups/([^/]+)/${RP}/accounts/([^/]+)(/deployments|/listKeys)$`, 'i').exec(rest);
  const account = acct && state.accounts.find((a) => a.subscriptionId === sub[1] &&
    a.resourceGroup.toLowerCase() === acct[1].toLowerCase() && a.name.toLowerCase() === acct[2].toLowerCase());
  if (!acct || !account) {
    throw armError(404, 'ResourceNotFound', `The Resource '${rest.replace(/^\/resourceGroups\/[^/]+\//, '')}' was not found.`);
  }
  const scope = accountId(account);
  if (acct[3].toLowerCase() === '/deployments' && req.method === 'GET') {
    denied('deployments', 'Microsoft.CognitiveServices/accounts/deployments/read', scope);
    const deployments = account.deployments ?? ctx.deployments;
    return {
      value: Object.entries(deployments).map(([name, model]) => {
        const arm = ARM_MODELS[model] ?? { name: model, version: '1' };
        return { id: `${scope}/deployments/${name}`, name, type: 'Microsoft.CognitiveServices/accounts/deployments',
          sku: { name: 'Standard', capacity: 10 },
          properties: { model: { format: 'OpenAI', name: arm.name, version: arm.version }, provisioningState: 'Succeeded',
            versionUpgradeOption: 'NoAutoUpgrade' } };
      }),
    };
  }
  if (acct[3].toLowerCase() === '/listkeys' && req.method === 'POST') {
    denied('listKeys', 'Microsoft.CognitiveServices/accounts/listKeys/action', scope);
    if (account.disableLocalAuth) throw armError(400, 'BadRequest', 'Failed to list key. disableLocalAuth is set to be true');
    return { key1: ctx.keyOf(account), key2: `${ctx.keyOf(account)}-2` };
  }
  throw armError(405, 'MethodNotAllowed', `The requested resource does not support http method '${req.method}'.`);
}

function locationModel(m: CatalogModel): unknown {
  const model: Record<string, unknown> = {
    format: 'OpenAI', name: m.name, version: m.version, maxCapacity: 100,
    capabilities: m.name.startsWith('gpt-image') || m.name === 'dall-e-3' ? { imageGenerations: 'true' } : { audio: 'true' },
    lifecycleStatus: m.lifecycleStatus,
    systemData: { createdBy: 'Microsoft', createdAt: '2025-01-01T00:00:00Z', lastModifiedBy: 'Microsoft',
      lastModifiedAt: '2025-01-01T00:00:00Z' },
    skus: [{ name: 'Standard', usageName: `OpenAI.Standard.${m.name}`, capacity: { maximum: 100, minimum: 1, step: 1, default: 10 },
      ...(m.retires ? { deprecationDate: m.retires } : {}) }],
  };
  if (m.retires) model.deprecation = { inference: m.retires };
  return { kind: 'OpenAI', skuName: 'S0', model };
}

/** The data plane's `lifecycle_status` for ARM's `lifecycleStatus` (`GenerallyAvailable` -> `generally-available`). */
function dataPlaneStatus(status: CatalogModel['lifecycleStatus']): string {
  return status.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
}

/**
 * `GET /openai/models?api-version=…` (get_models.json): the models the resource can use, lifecycles in Unix
 * seconds; and the legacy `GET /openai/deployments?api-version=…` (get_deployments.json), served only on the
 * api-versions that had it (2023-03-15-preview and older; later ones answer 404, as the service does).
 */
export function dataPlaneListing(ctx: ManagementContext, path: string, apiVersion: string | undefined): unknown {
  if (ctx.state.unavailable.includes(path === '/openai/models' ? 'models' : 'deployments')) {
    throw new EmulatorHttpError(503, { error: { code: 'ServiceUnavailable', message: 'The service is temporarily unavailable.' } },
      'ServiceUnavailable');
  }
  if (path === '/openai/models') {
    if (!apiVersion) throw new EmulatorHttpError(404, { error: { code: '404', message: 'Resource not found' } }, '404');
    const created = 1_735_689_600; // 2025-01-01
    return {
      object: 'list',
      data: ctx.state.catalog.map((m) => ({
        id: `${m.name}-${m.version}`, object: 'model', status: 'succeeded', created_at: created,
        capabilities: { fine_tune: false, inference: true, completion: false, chat_completion: false, embeddings: false },
        lifecycle_status: dataPlaneStatus(m.lifecycleStatus),
        deprecation: m.retires ? { inference: Math.floor(Date.parse(m.retires) / 1000) } : {},
      })),
    };
  }
  if (!apiVersion || !LEGACY_DEPLOYMENT_LIST_VERSIONS.includes(apiVersion) || !ctx.state.legacyDeploymentList) {
    throw new EmulatorHttpError(404, { error: { code: '404', message: 'Resource not found' } }, '404');
  }
  return {
    object: 'list',
    data: Object.entries(ctx.deployments).map(([name, model]) => ({
      id: name, model: ARM_MODELS[model]?.name ?? model, owner: 'organization-owner', status: 'succeeded',
      scale_settings: { scale_type: 'standard' }, created_at: 1_735_689_600, updated_at: 1_735_689_600, object: 'deployment',
    })),
  };
}

export const LEGACY_DEPLOYMENT_LIST_VERSIONS = ['2022-03-01-preview', '2022-06-01-preview', '2022-12-01', '2023-03-15-preview'];
