// Which hosts may receive what: the origin a secret is bound to, Azure's own hosts (where an Entra token may go
// without asking), `http.noProxy` matching, and proxy URLs fit for a log. Pure functions, no `vscode` import.
import { normalizeEndpoint } from './endpoint';

/**
 * The hosts Microsoft runs for Azure OpenAI, in every cloud. Not API Management (`*.azure-api.net`: anyone can create
 * one and log its headers) and not loopback (any local process can listen there): those are asked about.
 */
const AZURE_HOST_SUFFIXES = [
  '.openai.azure.com',
  '.cognitiveservices.azure.com',
  '.services.ai.azure.com',
  '.openai.azure.us',
  '.cognitiveservices.azure.us',
  '.openai.azure.cn',
  '.cognitiveservices.azure.cn',
];

/**
 * The origin (`https://host[:port]`) of an endpoint setting, normalised the way the client normalises it; '' when it
 * is not a usable endpoint. Secrets are stored per origin, so a key saved for one is never read for another.
 */
export function originOf(endpoint: string): string {
  try {
    return new URL(normalizeEndpoint(endpoint)).origin;
  } catch {
    return '';
  }
}

/** True for Azure OpenAI's own hosts over https: the only ones an Entra token goes to without the user's consent. */
export function isWellKnownTokenOrigin(origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  const host = url.hostname.toLowerCase();
  return url.protocol === 'https:' && AZURE_HOST_SUFFIXES.some((suffix) => host.endsWith(suffix));
}

/** How a consent to send a token is stored: per origin and scope, so a later change of either asks again. */
export function tokenConsentKey(origin: string, scope: string): string {
  return `${origin} ${scope.trim()}`;
}

/** `http.noProxy` entries: host names, `*.suffix` or `.suffix` patterns, `*` for all. */
export function matchesNoProxy(endpoint: string, patterns: readonly string[]): boolean {
  let host: string;
  try {
    host = new URL(endpoint).hostname.toLowerCase();
  } catch {
    return false;
  }
  return patterns.some((raw) => {
    const pattern = raw.trim().toLowerCase();
    if (!pattern) return false;
    if (pattern === '*') return true;
    const suffix = pattern.replace(/^\*/, '');
    return suffix.startsWith('.') ? host.endsWith(suffix) || host === suffix.slice(1) : host === pattern;
  });
}

/** A proxy URL without its user and password, for the log. */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    url.username = '';
    url.password = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    return '(unparseable proxy URL)';
  }
}
