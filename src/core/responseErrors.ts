// Turns an error response (or an `error` SSE event) into a typed MediaApiError whose message says what to change.
// Both content-filter wire shapes are read: the spec's `inner_error.content_filter_results` and the service's
// `innererror.content_filter_result`, plus the image API's `code: "contentFilter"`.
import { MediaApiError, type MediaErrorCode, type SettingHint } from './errors';
import { categoryArg, msg, type Message } from './messages';
import { DEFAULT_API_VERSION, isV1Route } from './endpoint';
import { deploymentSetting, settingId } from './catalog/operationSpecs';
import type { OperationId } from './catalog/types';

interface WireInner {
  code?: unknown;
  content_filter_result?: unknown;
  content_filter_results?: unknown;
  revised_prompt?: unknown;
}
interface WireError {
  code?: unknown;
  message?: unknown;
  param?: unknown;
  type?: unknown;
  innererror?: WireInner;
  inner_error?: WireInner;
  content_filter_results?: unknown;
  content_filter_result?: unknown;
}

export interface ErrorContext {
  operation?: OperationId;
  deployment?: string;
  apiVersion?: string;
  authKind?: 'apiKey' | 'bearer';
  requestId?: string;
  retryAfterMs?: number;
}

const CONTENT_FILTER_CODES = new Set(['content_filter', 'contentfilter', 'moderation_blocked', 'responsibleaipolicyviolation']);

/** Reads `{error:{…}}` (or a bare error object) out of a body; undefined when it is not JSON. */
export function parseWireError(body: unknown): WireError | undefined {
  let value: unknown = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  if (!value || typeof value !== 'object') return undefined;
  const outer = value as { error?: unknown };
  const inner = outer.error && typeof outer.error === 'object' ? outer.error : value;
  return inner;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : undefined);

/** Categories whose result says `filtered: true` (or `detected: true` for jailbreak-like checks that filtered). */
export function trippedCategories(results: unknown): string[] {
  if (!results || typeof results !== 'object') return [];
  const out: string[] = [];
  for (const [name, value] of Object.entries(results as Record<string, unknown>)) {
    if (value && typeof value === 'object' && (value as { filtered?: unknown }).filtered === true) out.push(name);
  }
  return out;
}

function filterResults(err: WireError): unknown {
  const inner = err.innererror ?? err.inner_error;
  return (
    inner?.content_filter_result ?? inner?.content_filter_results ?? err.content_filter_result ?? err.content_filter_results
  );
}

export function isContentFilter(err: WireError): boolean {
  const code = str(err.code)?.toLowerCase();
  const innerCode = str((err.innererror ?? err.inner_error)?.code)?.toLowerCase();
  return (code !== undefined && CONTENT_FILTER_CODES.has(code)) || innerCode === 'responsibleaipolicyviolation';
}

function clip(text: string, max = 300): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}

/** Builds the typed error for a non-2xx response. `body` is the response text (possibly empty or not JSON). */
export function errorFromResponse(status: number, body: string, ctx: ErrorContext = {}): MediaApiError {
  const wire = parseWireError(body);
  const serviceCode = wire ? str(wire.code) : undefined;
  const serviceMessage = wire ? str(wire.message) : body ? clip(body) : undefined;
  const base = {
    status,
    requestId: ctx.requestId,
    serviceCode,
    retryAfterMs: ctx.retryAfterMs,
    serviceMessage: serviceMessage ? clip(serviceMessage) : undefined,
  };
  const make = (code: MediaErrorCode, text: Message, extra: { setting?: SettingHint; categories?: string[]; field?: string } = {}) =>
    new MediaApiError(code, text, { ...base, ...extra });

  if (wire && isContentFilter(wire)) return contentFilterError(wire, base);
  const deployment = ctx.deployment ? `"${ctx.deployment}"` : msg('response.theDeployment');
  const setting = settingId(ctx.operation ? deploymentSetting(ctx.operation) : 'deployments');
  const param = wire ? str(wire.param) : undefined;
  // "API version not supported", "enabled only for api versions … and later"; a complaint about one parameter
  // (`'stream' is not supported …`) is about that parameter even when it mentions the api-version.
  const apiVersionProblem =
    !param && /api[- _]?versions?\b/i.test(`${serviceCode ?? ''} ${serviceMessage ?? ''}`) && status !== 429 && status < 500;

  if (status === 401) {
    return ctx.authKind === 'bearer'
      ? make('auth', msg('response.entraRefused'), { setting: 'entraId' })
      : make('auth', msg('response.keyRefused'), { setting: 'apiKey' });
  }
  if (status === 403) {
    return ctx.authKind === 'bearer'
      ? make('forbidden', msg('response.entraForbidden'), { setting: 'entraId' })
      : make('forbidden', msg('response.keyForbidden'), { setting: 'apiKey' });
  }
  if (apiVersionProblem) {
    return make('apiVersion', msg('response.apiVersion', { version: ctx.apiVersion ?? '', default: DEFAULT_API_VERSION }),
      { setting: 'apiVersion' });
  }
  if (status === 404) {
    if (serviceCode === 'DeploymentNotFound' || /deployment/i.test(serviceMessage ?? '')) {
      return make('deploymentNotFound', msg('response.deploymentNotFound', { deployment, setting }), { setting: 'deployment' });
    }
    // A gateway (or a deployment) without the v1 API answers a bare 404 there.
    if (isV1Route(ctx.apiVersion)) {
      return make('deploymentNotFound', msg('response.v1NotFound', { default: DEFAULT_API_VERSION }), { setting: 'apiVersion' });
    }
    return make('deploymentNotFound', msg('response.notFound', { setting }), { setting: 'endpoint' });
  }
  if (status === 413) return make('tooLarge', msg('response.tooLarge'));
  if (status === 429) {
    return make('rateLimited', ctx.retryAfterMs !== undefined
      ? msg('response.rateLimitedWait', { deployment, seconds: Math.ceil(ctx.retryAfterMs / 1000) })
      : msg('response.rateLimited', { deployment }));
  }
  if (status === 408) return make('timeout', msg('response.timeout'));
  if (status >= 500) return make('server', msg('response.server', { status }));
  if (status >= 300 && status < 400) return make('badResponse', msg('response.redirect', { status }), { setting: 'endpoint' });
  if (serviceCode === 'OperationNotSupported') {
    return make('badRequest', msg('response.unsupportedOperation', { deployment, setting }), { setting: 'deployment' });
  }
  return make('badRequest', param ? msg('response.rejectedAt', { status, param }) : msg('response.rejected', { status }), { field: param });
}

function contentFilterError(
  wire: WireError,
  base: { status: number; requestId?: string; serviceCode?: string; serviceMessage?: string },
): MediaApiError {
  const categories = trippedCategories(filterResults(wire));
  const serviceMessage = str(wire.message) ?? '';
  const output = /generated image|output/i.test(serviceMessage);
  const what = msg(output ? 'response.filterOutput' : 'response.filterInput');
  return new MediaApiError(
    'contentFilter',
    categories.length > 0 ? msg('response.contentFilterCategories', { what, categories: categories.map(categoryArg) })
      : msg('response.contentFilter', { what }),
    { ...base, categories },
  );
}
