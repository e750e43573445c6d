// The data plane's two listings, which a key alone may read: the models the resource can use with their lifecycles
// (`/openai/models`, documented) and the deployments (`/openai/deployments` on 2023-03-15-preview, undocumented since
// 2023; a 404 means the service no longer serves it and the caller falls back to names typed by hand).
import type { AuthProvider } from '../auth';
import { MediaApiError } from '../errors';
import type { HttpClient } from '../http';
import { normalizeEndpoint } from '../endpoint';
import { isoDate, readBoundedJson } from './read';
import type { DeploymentInfo, ServiceLifecycle } from './types';

export const MODELS_LIST_API = '2024-10-21';
export const LEGACY_DEPLOYMENTS_API = '2023-03-15-preview';
const MAX_LIST_BYTES = 8 * 1024 * 1024;
const MAX_ITEMS = 2000;

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** `whisper-001` → whisper 001, `gpt-4o-transcribe-2025-03-20` → gpt-4o-transcribe 2025-03-20, `dall-e-3-3.0` → dall-e-3 3.0. */
export function splitModelId(id: string): { name: string; version?: string } {
  const m = /^(.+?)-(\d{4}-\d{2}-\d{2}|\d{3}|\d+\.\d+)$/.exec(id);
  return m ? { name: m[1], version: m[2] } : { name: id };
}

async function getList(http: HttpClient, url: string, auth: AuthProvider, signal: AbortSignal | undefined, label: string):
  Promise<Array<Record<string, unknown>>> {
  const res = await http.send({ method: 'GET', url, headers: { accept: 'application/json' }, auth, signal, context: {}, label });
  const body = await readBoundedJson(res, MAX_LIST_BYTES, label);
  const data = body && typeof body === 'object' ? (body as { data?: unknown }).data : undefined;
  if (!Array.isArray(data)) return [];
  return data.slice(0, MAX_ITEMS).filter((d): d is Record<string, unknown> => !!d && typeof d === 'object');
}

/** The models the resource can use, with `lifecycle_status` and `deprecation.inference` (Unix seconds). */
export async function listResourceModels(http: HttpClient, endpoint: string, auth: AuthProvider, signal?: AbortSignal):
  Promise<ServiceLifecycle[]> {
  const url = `${normalizeEndpoint(endpoint)}/openai/models?api-version=${MODELS_LIST_API}`;
  const items = await getList(http, url, auth, signal, 'models list');
  return items.map((m) => {
    const { name, version } = splitModelId(str(m.id));
    const deprecation = m.deprecation && typeof m.deprecation === 'object' ? (m.deprecation as Record<string, unknown>) : {};
    return { name, version, status: str(m.lifecycle_status) || undefined, retires: isoDate(deprecation.inference) };
  }).filter((m) => m.name);
}

/** The resource's deployments with their model's name (no version), or undefined where the listing is gone (404). */
export async function listLegacyDeployments(http: HttpClient, endpoint: string, auth: AuthProvider, signal?: AbortSignal):
  Promise<DeploymentInfo[] | undefined> {
  const url = `${normalizeEndpoint(endpoint)}/openai/deployments?api-version=${LEGACY_DEPLOYMENTS_API}`;
  let items: Array<Record<string, unknown>>;
  try {
    items = await getList(http, url, auth, signal, 'deployments list');
  } catch (err) {
    if (MediaApiError.is(err) && err.status === 404) return undefined;
    throw err;
  }
  return items.map((d) => ({ name: str(d.id), model: str(d.model), state: str(d.status) || undefined }))
    .filter((d) => d.name && d.model);
}
