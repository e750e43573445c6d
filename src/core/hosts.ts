// Which hosts may receive what: the origin a secret is bound to, Azure's own hosts (where an Entra token may go
// without asking), `http.noProxy` matching, and proxy URLs fit for a log. Pure functions, no `vscode` import.
import { normalizeEndpoint } from './endpoint';

/** Azure's own data-plane and API-gateway domains, in every cloud. */
const AZURE_HOST_SUFFIXES = [
  '.openai.azure.com',
  '.cognitiveservices.azure.com',
  '.services.ai.azure.com',
  '.azure-api.net',
  '.openai.azure.us',
  '.cognitiveservices.azure.us',
  '.azure-api.us',
  '.openai.azure.cn',
  '.cognitiveservices.azure.cn',
  '.azure-api.cn',
];
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

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

/** True for Azure's own hosts over https, and for loopback (the local emulator). */
export function isWellKnownTokenOrigin(origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (LOOPBACK_HOSTS.has(url.hostname)) return true;
  const host = url.hostname.toLowerCase();
  return url.protocol === 'https:' && AZURE_HOST_SUFFIXES.some((suffix) => host.endsWith(suffix));
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
