// Endpoint normalisation and operation URLs.
import { MediaApiError } from './errors';

export const DEFAULT_API_VERSION = '2025-04-01-preview';

export type OperationPath =
  | 'audio/transcriptions'
  | 'audio/translations'
  | 'audio/speech'
  | 'images/generations'
  | 'images/edits';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function endpointError(message: string): MediaApiError {
  return new MediaApiError('validation', message, { field: 'endpoint', setting: 'endpoint' });
}

/**
 * Trims the endpoint, adds `https://` when no scheme was pasted, drops a trailing '/', a pasted '/openai' suffix
 * (and anything after it, such as a whole operation URL), the query and the fragment. Only https is accepted, except
 * http to localhost / 127.0.0.1 (the local emulator). A path before '/openai' is kept (API gateways).
 */
export function normalizeEndpoint(raw: string): string {
  let text = (raw ?? '').trim();
  if (!text) {
    throw endpointError(
      'No endpoint is set. Set azureOpenAIMedia.endpoint to your resource, e.g. https://my-resource.openai.azure.com.',
    );
  }
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `https://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw endpointError(
      `azureOpenAIMedia.endpoint "${raw.trim()}" is not a URL. Use the form https://my-resource.openai.azure.com.`,
    );
  }
  if (url.username || url.password) {
    throw endpointError('azureOpenAIMedia.endpoint must not contain a user name or password; remove them from the URL.');
  }
  const local = LOCAL_HOSTS.has(url.hostname.toLowerCase());
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    throw endpointError(
      `azureOpenAIMedia.endpoint must use https (http is allowed only for localhost); change "${url.protocol}//" to "https://".`,
    );
  }
  let path = url.pathname.replace(/\/+$/, '');
  const openai = path.search(/\/openai(\/|$)/i);
  if (openai !== -1) path = path.slice(0, openai);
  return `${url.protocol}//${url.host}${path}`;
}

/** `{endpoint}/openai/deployments/{deployment}/{operation}?api-version=…`, the deployment URL-encoded. */
export function operationUrl(endpoint: string, deployment: string, operation: OperationPath, apiVersion: string): string {
  return (
    `${normalizeEndpoint(endpoint)}/openai/deployments/${encodeURIComponent(deployment)}/${operation}` +
    `?api-version=${encodeURIComponent(apiVersion)}`
  );
}
