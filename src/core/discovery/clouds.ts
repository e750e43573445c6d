// The Azure clouds: where Resource Manager, the sign-in authority, the data plane's token audience and the portal are
// in each. Nothing else in the extension names a management host.

export type CloudName = 'AzureCloud' | 'AzureUSGovernment' | 'AzureChinaCloud' | 'custom';

export interface Cloud {
  name: CloudName;
  /** Resource Manager's origin, no trailing slash. */
  managementEndpoint: string;
  /** The scope of a Resource Manager token. */
  managementScope: string;
  authorityHost: string;
  /** The scope of a data-plane (Azure OpenAI) token. */
  dataPlaneScope: string;
  portal: string;
}

// Azure/azure-sdk-for-rust `azure_core/src/constants.rs`, Azure.AI.OpenAI `AzureOpenAIAudience` (DISCOVERY.md §6).
export const CLOUDS: Record<Exclude<CloudName, 'custom'>, Cloud> = {
  AzureCloud: {
    name: 'AzureCloud',
    managementEndpoint: 'https://management.azure.com',
    managementScope: 'https://management.azure.com/.default',
    authorityHost: 'https://login.microsoftonline.com',
    dataPlaneScope: 'https://cognitiveservices.azure.com/.default',
    portal: 'https://portal.azure.com',
  },
  AzureUSGovernment: {
    name: 'AzureUSGovernment',
    managementEndpoint: 'https://management.usgovcloudapi.net',
    managementScope: 'https://management.usgovcloudapi.net/.default',
    authorityHost: 'https://login.microsoftonline.us',
    dataPlaneScope: 'https://cognitiveservices.azure.us/.default',
    portal: 'https://portal.azure.us',
  },
  AzureChinaCloud: {
    name: 'AzureChinaCloud',
    managementEndpoint: 'https://management.chinacloudapi.cn',
    managementScope: 'https://management.chinacloudapi.cn/.default',
    authorityHost: 'https://login.chinacloudapi.cn',
    dataPlaneScope: 'https://cognitiveservices.azure.cn/.default',
    portal: 'https://portal.azure.cn',
  },
};

/** VS Code's `microsoft-sovereign-cloud.environment` values. */
const SOVEREIGN: Record<string, CloudName> = { ChinaCloud: 'AzureChinaCloud', USGovernment: 'AzureUSGovernment', custom: 'custom' };

export interface CloudSettings {
  /** `azureOpenAIMedia.cloud`: `auto` follows VS Code's `microsoft-sovereign-cloud.environment`. */
  cloud: string;
  /** `azureOpenAIMedia.management.endpoint`: Resource Manager's address where it is not the cloud's own. */
  managementEndpoint: string;
  /** `microsoft-sovereign-cloud.environment`. */
  sovereignEnvironment?: string;
  /** `microsoft-sovereign-cloud.customEnvironment` (`resourceManagerEndpointUrl`, `activeDirectoryEndpointUrl`, `portalUrl`). */
  sovereignCustom?: Record<string, unknown>;
}

function origin(value: string): string | undefined {
  try {
    const url = new URL(value.trim());
    const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) return undefined;
    if (url.username || url.password) return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

/**
 * The cloud the settings name, or undefined when it cannot be known (a custom cloud without a Resource Manager
 * address, or an address that is not https): then discovery is skipped and the caller says why.
 */
export function resolveCloud(s: CloudSettings): Cloud | undefined {
  let name: CloudName = 'AzureCloud';
  if (s.cloud === 'AzureCloud' || s.cloud === 'AzureUSGovernment' || s.cloud === 'AzureChinaCloud' || s.cloud === 'custom') name = s.cloud;
  else if (s.sovereignEnvironment && SOVEREIGN[s.sovereignEnvironment]) name = SOVEREIGN[s.sovereignEnvironment];
  const str = (v: unknown): string => (typeof v === 'string' ? v : '');
  if (name === 'custom') {
    const custom = s.sovereignCustom ?? {};
    const management = origin(s.managementEndpoint || str(custom.resourceManagerEndpointUrl));
    if (!management) return undefined;
    return {
      name,
      managementEndpoint: management,
      managementScope: `${management}/.default`,
      authorityHost: origin(str(custom.activeDirectoryEndpointUrl)) ?? CLOUDS.AzureCloud.authorityHost,
      dataPlaneScope: CLOUDS.AzureCloud.dataPlaneScope,
      portal: origin(str(custom.portalUrl)) ?? management,
    };
  }
  const cloud = CLOUDS[name];
  if (!s.managementEndpoint.trim()) return cloud;
  // Another address for the same cloud's Resource Manager (a private link, a test): the cloud's token audience.
  const management = origin(s.managementEndpoint);
  return management ? { ...cloud, managementEndpoint: management } : undefined;
}

const OPENAI_HOST_SUFFIXES = [
  '.openai.azure.com', '.cognitiveservices.azure.com', '.services.ai.azure.com',
  '.openai.azure.us', '.cognitiveservices.azure.us', '.openai.azure.cn', '.cognitiveservices.azure.cn',
];

/**
 * True for an Azure OpenAI resource's own host (or loopback, the local emulator): only there do the data plane's
 * listings describe the resource. Behind an API gateway (`*.azure-api.net`, a custom host) discovery is skipped.
 */
export function isDiscoverableHost(endpoint: string): boolean {
  try {
    const url = new URL(endpoint);
    if (['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) return true;
    return url.protocol === 'https:' && OPENAI_HOST_SUFFIXES.some((s) => url.hostname.toLowerCase().endsWith(s));
  } catch {
    return false;
  }
}

/** The portal page of a resource (its ARM id). */
export function portalLink(cloud: Cloud, resourceId: string): string {
  return `${cloud.portal}/#@/resource${resourceId}/overview`;
}
