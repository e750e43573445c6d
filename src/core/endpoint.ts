// Endpoint normalisation and operation URLs.
import { MediaApiError } from './errors';
import { msg, type Message } from './messages';
import type { OperationPath } from './catalog/operationSpecs';

export const DEFAULT_API_VERSION = '2025-04-01-preview';

/**
 * The apiVersion setting that selects Azure's v1 API: `{endpoint}/openai/v1/{operation}`, no `api-version` query
 * (the v1 path refuses dated ones), and the deployment named by the body's `model` field.
 */
export const V1_API_VERSION = 'v1';

/** True when the apiVersion setting selects the v1 route (case and spaces ignored). */
export function isV1Route(apiVersion: string | undefined): boolean {
  return (apiVersion ?? '').trim().toLowerCase() === V1_API_VERSION;
}

/** An operation's route, from the catalog's table of operations. */
export type { OperationPath } from './catalog/operationSpecs';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function endpointError(text: Message): MediaApiError {
  return new MediaApiError('validation', text, { field: 'endpoint', setting: 'endpoint' });
}

/**
 * Trims the endpoint, adds `https://` when no scheme was pasted, drops a trailing '/', a pasted '/openai' suffix
 * (and anything after it, such as a whole operation URL), the query and the fragment. Only https is accepted, except
 * http to localhost / 127.0.0.1 (the local emulator). A path before '/openai' is kept (API gateways).
 */
export function normalizeEndpoint(raw: string): string {
  let text = (raw ?? '').trim();
  if (!text) {
    throw endpointError(msg('endpoint.missing'));
  }
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `https://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw endpointError(msg('endpoint.notUrl', { value: raw.trim() }));
  }
  if (url.username || url.password) {
    throw endpointError(msg('endpoint.credentials'));
  }
  const local = LOCAL_HOSTS.has(url.hostname.toLowerCase());
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    throw endpointError(msg('endpoint.https', { protocol: url.protocol }));
  }
  let path = url.pathname.replace(/\/+$/, '');
  const openai = path.search(/\/openai(\/|$)/i);
  if (openai !== -1) path = path.slice(0, openai);
  return `${url.protocol}//${url.host}${path}`;
}

/**
 * `{endpoint}/openai/deployments/{deployment}/{operation}?api-version=…`, the deployment URL-encoded; with `v1`,
 * `{endpoint}/openai/v1/{operation}` (the deployment then travels as the body's `model`).
 */
export function operationUrl(endpoint: string, deployment: string, operation: OperationPath, apiVersion: string): string {
  if (isV1Route(apiVersion)) return `${normalizeEndpoint(endpoint)}/openai/v1/${operation}`;
  return (
    `${normalizeEndpoint(endpoint)}/openai/deployments/${encodeURIComponent(deployment)}/${operation}` +
    `?api-version=${encodeURIComponent(apiVersion)}`
  );
}
