// Discovery: ask the service which resources, deployments and models there are (no vscode; the CLI can use it too).
import { MediaApiError } from '../errors';
import { ArmClient } from './arm';
import { DiscoveryError, type AccountInfo, type Subscription } from './types';

export * from './types';
export { ArmClient, COGNITIVE_API, SUBSCRIPTIONS_API, DEFAULT_ARM_LIMITS, type ArmOptions } from './arm';
export { CLOUDS, isDiscoverableHost, portalLink, resolveCloud, type Cloud, type CloudName, type CloudSettings } from './clouds';
export { LEGACY_DEPLOYMENTS_API, MODELS_LIST_API, listLegacyDeployments, listResourceModels, splitModelId } from './dataPlane';
export { DEPLOYMENT_SETTINGS, candidatesFor, lifecycleOf, proposeMapping, type OperationChoice } from './mapping';
export { isoDate } from './read';

export interface FoundResources {
  subscriptions: Subscription[];
  accounts: AccountInfo[];
  /** What could not be read (a tenant needing its own sign-in, a subscription refusing to list): shown, not fatal. */
  notes: DiscoveryError[];
}

const MAX_SUBSCRIPTIONS = 100;

/**
 * Every OpenAI / AIServices account the sign-in sees: the home tenant's subscriptions, then up to `limits.tenants`
 * other tenants' (each with a token of its own; one the credential cannot get is a note, not a failure). Throttling
 * and a refused sign-in stop the search; no subscription at all is `noSubscriptions`.
 */
export async function findResources(arm: ArmClient, signal?: AbortSignal, maxTenants = 10): Promise<FoundResources> {
  const notes: DiscoveryError[] = [];
  const subscriptions = await arm.listSubscriptions(undefined, signal);
  const seen = new Set(subscriptions.map((s) => s.tenantId));
  let tenants: string[] = [];
  try {
    tenants = (await arm.listTenants(signal)).map((t) => t.tenantId).filter((t) => !seen.has(t)).slice(0, maxTenants);
  } catch (err) {
    if (!(err instanceof DiscoveryError) || err.kind === 'throttled') throw err;
    notes.push(err);
  }
  for (const tenantId of tenants) {
    try {
      const found = await arm.listSubscriptions(tenantId, signal);
      // A credential that cannot switch tenants hands out the home tenant's token: its subscriptions are not this tenant's.
      const own = found.filter((s) => s.tenantId === tenantId);
      if (own.length === 0 && found.length > 0) notes.push(DiscoveryError.of('tenantSignIn', { tenant: tenantId }, { tenantId }));
      subscriptions.push(...own);
    } catch (err) {
      if (MediaApiError.is(err, 'cancelled') || DiscoveryError.isKind(err, 'throttled')) throw err;
      notes.push(DiscoveryError.of('tenantSignIn', { tenant: tenantId }, { tenantId, cause: err }));
    }
  }
  if (subscriptions.length === 0 && notes.length === 0) throw DiscoveryError.of('noSubscriptions');
  const accounts: AccountInfo[] = [];
  for (const sub of subscriptions.slice(0, MAX_SUBSCRIPTIONS)) {
    try {
      accounts.push(...(await arm.listAccounts(sub, signal)));
    } catch (err) {
      if (!(err instanceof DiscoveryError) || err.kind === 'throttled') throw err;
      notes.push(err);
    }
  }
  return { subscriptions, accounts, notes };
}
