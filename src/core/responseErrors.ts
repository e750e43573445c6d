// Turns an error response (or an `error` SSE event) into a typed MediaApiError whose message says what to change.
// Both content-filter wire shapes are read: the spec's `inner_error.content_filter_results` and the service's
// `innererror.content_filter_result`, plus the image API's `code: "contentFilter"`.
import { MediaApiError, type MediaErrorCode, type SettingHint } from './errors';
import { DEFAULT_API_VERSION, isV1Route, type OperationPath } from './endpoint';

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
  operation?: OperationPath;
  deployment?: string;
  apiVersion?: string;
  authKind?: 'apiKey' | 'bearer';
  requestId?: string;
  retryAfterMs?: number;
}

const CONTENT_FILTER_CODES = new Set(['content_filter', 'contentfilter', 'moderation_blocked', 'responsibleaipolicyviolation']);

const DEPLOYMENT_SETTING: Record<OperationPath, string> = {
  'audio/transcriptions': 'azureOpenAIMedia.deployments.transcription',
  'audio/translations': 'azureOpenAIMedia.deployments.translation',
  'audio/speech': 'azureOpenAIMedia.deployments.speech',
  'images/generations': 'azureOpenAIMedia.deployments.image',
  'images/edits': 'azureOpenAIMedia.deployments.imageEdit',
};

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
  const make = (code: MediaErrorCode, message: string, extra: { setting?: SettingHint; categories?: string[]; field?: string } = {}) =>
    new MediaApiError(code, message, { ...base, ...extra });

  if (wire && isContentFilter(wire)) return contentFilterError(wire, base);
  const deployment = ctx.deployment ? `"${ctx.deployment}"` : 'the deployment';
  const deploymentSetting = ctx.operation ? DEPLOYMENT_SETTING[ctx.operation] : 'azureOpenAIMedia.deployments';
  const param = wire ? str(wire.param) : undefined;
  // "API version not supported", "enabled only for api versions … and later"; a complaint about one parameter
  // (`'stream' is not supported …`) is about that parameter even when it mentions the api-version.
  const apiVersionProblem =
    !param && /api[- _]?versions?\b/i.test(`${serviceCode ?? ''} ${serviceMessage ?? ''}`) && status !== 429 && status < 500;

  if (status === 401) {
    return ctx.authKind === 'bearer'
      ? make('auth', `The Microsoft Entra ID token was refused (401). Sign in again with an account of the resource's tenant ` +
        `(azureOpenAIMedia.entra.tenantId), or switch azureOpenAIMedia.authentication to apiKey.`, { setting: 'entraId' })
      : make('auth', `The API key was refused (401). Set the key of this resource (Keys and Endpoint in the Azure portal), or check ` +
        `azureOpenAIMedia.endpoint.`, { setting: 'apiKey' });
  }
  if (status === 403) {
    return ctx.authKind === 'bearer'
      ? make('forbidden', `Access denied (403): the signed-in identity needs the "Cognitive Services OpenAI User" role on the resource, ` +
        `or sign in with azureOpenAIMedia.entra.tenantId set to its tenant.`, { setting: 'entraId' })
      : make('forbidden', `Access denied (403) for this API key: the resource may block key access or your network; check the key and ` +
        `the resource's networking.`, { setting: 'apiKey' });
  }
  if (apiVersionProblem) {
    return make('apiVersion',
      `The api-version "${ctx.apiVersion ?? ''}" is not supported by this resource. Change azureOpenAIMedia.apiVersion (default ` +
        `2025-04-01-preview).`, { setting: 'apiVersion' });
  }
  if (status === 404) {
    if (serviceCode === 'DeploymentNotFound' || /deployment/i.test(serviceMessage ?? '')) {
      return make('deploymentNotFound',
        `The deployment ${deployment} does not exist on this resource. Set ${deploymentSetting} to one of your deployment names (Azure ` +
          `AI Foundry → Deployments).`, { setting: 'deployment' });
    }
    if (isV1Route(ctx.apiVersion)) {
      // A gateway (or a deployment) without the v1 API answers a bare 404 there.
      const back = `set azureOpenAIMedia.apiVersion back to ${DEFAULT_API_VERSION} if this resource or gateway has no v1 API`;
      const message = `Nothing was found at this address on the v1 route (404). Check azureOpenAIMedia.endpoint, or ${back}.`;
      return make('deploymentNotFound', `${message}`, { setting: 'apiVersion' });
    }
    return make('deploymentNotFound', `Nothing was found at this address (404). Check azureOpenAIMedia.endpoint and ${deploymentSetting}.`,
      { setting: 'endpoint' });
  }
  if (status === 413) {
    return make('tooLarge',
      `The upload is too large for the service (413). Audio must be under 25 MB and images under 25 MB: compress or split the file.`);
  }
  if (status === 429) {
    const wait = ctx.retryAfterMs !== undefined ? ` Try again in ${Math.ceil(ctx.retryAfterMs / 1000)} s,`
      : ' Wait a minute and try again,';
    return make('rateLimited', `Rate limited (429) on ${deployment}.${wait} or raise the deployment's quota.`);
  }
  if (status === 408) return make('timeout', `The service timed out (408). Try again.`);
  if (status >= 500) return make('server', `Azure OpenAI failed (${status}). Try again later.`);
  if (status >= 300 && status < 400) {
    return make('badResponse',
      `The endpoint answered with a redirect (${status}), which is not followed while credentials are attached. Set ` +
        `azureOpenAIMedia.endpoint to the final address.`, { setting: 'endpoint' });
  }
  if (serviceCode === 'OperationNotSupported') {
    return make('badRequest',
      `The model behind ${deployment} cannot do this operation. Set ${deploymentSetting} to a deployment of a model that can.`,
      { setting: 'deployment' });
  }
  return make('badRequest', `The service rejected the request (${status})${param ? ` at "${param}"` : ''}.`, { field: param });
}

function contentFilterError(
  wire: WireError,
  base: { status: number; requestId?: string; serviceCode?: string; serviceMessage?: string },
): MediaApiError {
  const categories = trippedCategories(filterResults(wire));
  const serviceMessage = str(wire.message) ?? '';
  const output = /generated image|output/i.test(serviceMessage);
  const what = output ? 'the generated output' : 'the prompt or input';
  const named = categories.length > 0 ? ` (${categories.join(', ')})` : '';
  return new MediaApiError(
    'contentFilter',
    `Azure OpenAI's content filter blocked ${what}${named}. Rephrase the ` +
      `request${categories.length > 0 ? ' to avoid those categories' : ''}.`,
    { ...base, categories },
  );
}
