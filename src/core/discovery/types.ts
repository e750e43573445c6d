// What discovery finds, as plain data (the tree view, Configure and the CLI read the same shapes).
import { WordedError, msg, type Message, type MessageArg } from '../messages';

export interface Tenant {
  tenantId: string;
  displayName: string;
}

export interface Subscription {
  subscriptionId: string;
  displayName: string;
  tenantId: string;
}

/** A Cognitive Services account of kind OpenAI or AIServices. */
export interface AccountInfo {
  /** The ARM id `/subscriptions/…/resourceGroups/…/providers/Microsoft.CognitiveServices/accounts/NAME`. */
  id: string;
  name: string;
  kind: string;
  location: string;
  /** The Azure OpenAI endpoint (an AIServices account's `endpoints["OpenAI Language Model Instance API"]`). */
  endpoint: string;
  subscription: Subscription;
  /** Keys are disabled on the resource: only Entra ID signs in. */
  disableLocalAuth: boolean;
}

export interface DeploymentInfo {
  name: string;
  /** Azure's model name (`whisper`, `gpt-4o-mini-transcribe`). */
  model: string;
  /** Absent when the source does not say (the data plane's legacy list). */
  version?: string;
  skuName?: string;
  capacity?: number;
  state?: string;
}

/** A model's lifecycle as the service states it. */
export interface ServiceLifecycle {
  name: string;
  version?: string;
  /** ARM's `lifecycleStatus` (`GenerallyAvailable`, `Deprecating`…) or the data plane's (`generally-available`…). */
  status?: string;
  /** `deprecation.inference` (or the SKU's `deprecationDate`), as YYYY-MM-DD. */
  retires?: string;
}

/** Where a lifecycle came from and when it was read. */
export interface LifecycleSource {
  source: 'region' | 'dataPlane' | 'table';
  /** ISO time of the read; the table's: its checked date. */
  readAt: string;
  location?: string;
}

export type DiscoveryErrorKind =
  | 'noSubscriptions'
  | 'noResources'
  | 'forbidden'
  | 'tenantSignIn'
  | 'localAuthDisabled'
  | 'throttled'
  | 'unauthorized'
  | 'emptyResource'
  | 'badAnswer'
  | 'failed';

/** A discovery failure a user can act on: its kind for callers, its sentence a message (worded at the boundary). */
export class DiscoveryError extends WordedError {
  constructor(
    readonly kind: DiscoveryErrorKind,
    text: Message,
    readonly details: { status?: number; serviceCode?: string; retryAfterMs?: number; tenantId?: string; cause?: unknown } = {},
  ) {
    super(text, { cause: details.cause });
    this.name = 'DiscoveryError';
  }

  static of(kind: DiscoveryErrorKind, args: Record<string, MessageArg> = {}, details: DiscoveryError['details'] = {}): DiscoveryError {
    return new DiscoveryError(kind, msg(`discovery.${kind}`, args), details);
  }

  static isKind(value: unknown, kind: DiscoveryErrorKind): value is DiscoveryError {
    return value instanceof DiscoveryError && value.kind === kind;
  }
}

/** The built-in role each refused action needs (Learn, "Azure built-in roles for AI + machine learning"). */
export const ROLE_FOR_ACTION: Record<string, string> = {
  'Microsoft.CognitiveServices/accounts/read': 'Reader',
  'Microsoft.CognitiveServices/accounts/deployments/read': 'Cognitive Services OpenAI User',
  'Microsoft.CognitiveServices/locations/models/read': 'Reader',
  'Microsoft.CognitiveServices/accounts/listKeys/action': 'Cognitive Services User',
};
