// One HTTP exchange with retries, a per-attempt timeout, cancellation and auth, over undici.
// Retries happen only before a successful response is handed over: once a 2xx body has begun, nothing is retried.
import type { Readable } from 'node:stream';
import { request, type Dispatcher } from 'undici';
import { applyAuth, scrubSecrets, type AppliedAuth, type AuthProvider } from './auth';
import { MediaApiError } from './errors';
import { msg } from './messages';
import { errorFromResponse, type ErrorContext } from './responseErrors';
import { decideRetry, isRetryableStatus } from './retry';
import type { Logger } from './types';

export interface RequestBody {
  /** An async iterable is pulled one chunk at a time, the next only once the socket has drained the last. */
  body: string | Buffer | Readable | AsyncIterable<Uint8Array>;
  headers: Record<string, string>;
  destroy?(error?: Error): void;
}

export interface HttpCall {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  /** Called for every attempt, so a body streamed from disk is re-opened for a retry. */
  body?: () => Promise<RequestBody>;
  /** Undefined: no credentials are sent (and then redirects may be followed). */
  auth?: AuthProvider;
  followRedirects?: boolean;
  signal?: AbortSignal;
  context: ErrorContext;
  /** Short name for the log, e.g. "transcriptions". */
  label: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  contentType: string;
  requestId?: string;
  body: Dispatcher.ResponseData['body'];
  /** Classifies an error thrown while the body is read (cancelled / timeout / cut off), secrets scrubbed. */
  mapError(err: unknown): MediaApiError;
  /** Releases the attempt's timer and listeners; called when the body has been consumed. */
  done(): void;
}

export interface HttpSettings {
  logger: Logger;
  maxRetries: number;
  timeoutMs: number;
  maxRetryDelayMs: number;
  headers: Record<string, string>;
  dispatcher?: Dispatcher;
  /** For tests: the random source of the backoff jitter. */
  random?: () => number;
}

const MAX_ERROR_BODY = 64 * 1024;
const NON_RETRYABLE_NETWORK = new Set(['ENOTFOUND', 'EAI_AGAIN', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID']);

function flatHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export function requestIdOf(headers: Record<string, string>): string | undefined {
  return headers['apim-request-id'] || headers['x-request-id'] || headers['x-ms-request-id'] || undefined;
}

function errorCode(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function describe(err: unknown): string {
  const code = errorCode(err);
  const text = err instanceof Error ? err.message : String(err);
  return code && !text.includes(code) ? `${text} (${code})` : text;
}

async function readText(body: Dispatcher.ResponseData['body'], limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    if (size < limit) chunks.push(buf.subarray(0, limit - size));
    size += buf.length;
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new MediaApiError('cancelled', msg('cancelled.request')));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new MediaApiError('cancelled', msg('cancelled.request')));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export class HttpClient {
  constructor(private readonly settings: HttpSettings) {}

  async send(call: HttpCall): Promise<HttpResponse> {
    const { logger, maxRetries, maxRetryDelayMs } = this.settings;
    const secrets = new Set<string>();
    const scrub = (text: string) => scrubSecrets(text, secrets);
    const log = {
      trace: (m: string) => logger.trace(scrub(m)),
      info: (m: string) => logger.info(scrub(m)),
      warn: (m: string) => logger.warn(scrub(m)),
    };
    // Operation URLs carry only the api-version; a download URL's query is a SAS signature and is not logged.
    const targetOf = (where: URL): string =>
      `${call.method} ${call.auth ? `${where.pathname}${where.search}` : `${where.host}${where.pathname}`}`;
    let attempt = 0;
    let refreshed = false;
    let redirects = 0;
    let url = call.url;
    for (;;) {
      if (call.signal?.aborted) throw new MediaApiError('cancelled', msg('cancelled.request'));
      let auth: AppliedAuth | undefined;
      if (call.auth) {
        auth = await applyAuth(call.auth, call.signal, refreshed);
        secrets.add(auth.secret);
      }
      const context: ErrorContext = { ...call.context, authKind: auth?.kind };
      const outcome = await this.attempt({ ...call, url }, auth, context, scrub, log, targetOf(new URL(url)), attempt);
      if (outcome.kind === 'response') return outcome.response;
      const { error, headers } = outcome;
      // Redirects are followed only for credential-free calls (a dall-e-3 result URL), over https or to localhost.
      const location = headers?.location;
      if (error.status && error.status >= 300 && error.status < 400 && location && call.followRedirects && !call.auth) {
        const next = new URL(location, url);
        const local = ['localhost', '127.0.0.1', '[::1]'].includes(next.hostname);
        if (redirects < 5 && (next.protocol === 'https:' || (next.protocol === 'http:' && local))) {
          redirects++;
          url = next.toString();
          log.trace(`${call.label}: following a redirect to ${next.host}`);
          continue;
        }
      }
      // A refused token is fetched again once, without counting as a retry.
      if (error.status === 401 && auth?.kind === 'bearer' && !refreshed) {
        refreshed = true;
        log.warn(`${call.label}: the Entra ID token was refused (401); fetching a new token and trying once more.`);
        continue;
      }
      const retryable = outcome.retryable;
      if (!retryable) throw error;
      const decision = decideRetry({ attempt, maxRetries, maxDelayMs: maxRetryDelayMs, headers, random: this.settings.random });
      if (!decision.retry) {
        if (decision.retryAfterMs !== undefined && decision.retryAfterMs > maxRetryDelayMs && attempt < maxRetries) {
          log.warn(`${call.label}: the service asked to wait ${decision.retryAfterMs} ms, longer than the ${maxRetryDelayMs} ms cap; not ` +
            `retrying.`);
        }
        throw error;
      }
      attempt++;
      log.warn(`${call.label}: ${error.status ?? error.code} (${error.message.slice(0, 120)}); retry ${attempt} of ${maxRetries} in ` +
        `${decision.delayMs} ms${decision.retryAfterMs !== undefined ? ' as the service asked' : ''}.`);
      await sleep(decision.delayMs, call.signal);
    }
  }

  private async attempt(
    call: HttpCall,
    auth: AppliedAuth | undefined,
    context: ErrorContext,
    scrub: (text: string) => string,
    log: { trace(m: string): void; info(m: string): void; warn(m: string): void },
    target: string,
    attempt: number,
  ): Promise<
    | { kind: 'response'; response: HttpResponse }
    | { kind: 'error'; error: MediaApiError; retryable: boolean; headers?: Record<string, string> }
  > {
    const { timeoutMs } = this.settings;
    const controller = new AbortController();
    let timedOut = false;
    const onAbort = () => controller.abort(call.signal?.reason);
    call.signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error('timeout'));
    }, timeoutMs);
    let body: RequestBody | undefined;
    let finished = false;
    const done = () => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      call.signal?.removeEventListener('abort', onAbort);
      body?.destroy?.();
    };
    const mapError = (err: unknown, phase: 'request' | 'response'): MediaApiError => {
      if (call.signal?.aborted) return new MediaApiError('cancelled', msg('cancelled.request'), { cause: err });
      if (timedOut) {
        return new MediaApiError('timeout',
          msg('http.timeout', { seconds: Math.round(timeoutMs / 1000) }),
          { requestId: context.requestId, cause: err });
      }
      if (MediaApiError.is(err)) return err;
      return phase === 'request'
        ? new MediaApiError('network',
          msg('http.unreachable', { host: new URL(call.url).host, reason: scrub(describe(err)) }),
          { cause: err })
        : new MediaApiError('network', msg('http.cutOff', { reason: scrub(describe(err)) }),
          { requestId: context.requestId, cause: err });
    };
    const started = Date.now();
    try {
      body = call.body ? await call.body() : undefined;
      const headers: Record<string, string> = {
        'user-agent': 'azure-openai-media-vscode/0.1',
        // Configured headers (an API gateway's subscription key among them) go only where the credentials go:
        // never to the storage host of a result URL.
        ...(call.auth ? this.settings.headers : {}),
        ...call.headers,
        ...body?.headers,
        ...auth?.headers,
      };
      const credential = auth ? `, ${auth.kind === 'apiKey' ? 'api-key' : 'Entra ID token'}` : '';
      log.trace(`${call.label}: ${target} (attempt ${attempt + 1}${credential})`);
      const response = await request(call.url, {
        method: call.method,
        headers,
        // undici takes async iterables (and pulls them with backpressure) though its types do not say so.
        body: body?.body as string | Buffer | Readable | undefined,
        signal: controller.signal,
        dispatcher: this.settings.dispatcher,
        maxRedirections: 0,
        headersTimeout: timeoutMs + 1000,
        bodyTimeout: timeoutMs + 1000,
      });
      const responseHeaders = flatHeaders(response.headers);
      const requestId = requestIdOf(responseHeaders);
      const ms = Date.now() - started;
      if (response.statusCode >= 200 && response.statusCode < 300) {
        log.info(`${call.label}: ${response.statusCode} in ${ms} ms${requestId ? ` (request id ${requestId})` : ''}`);
        const ctx = { ...context, requestId };
        response.body.once('end', done);
        response.body.once('close', done);
        response.body.once('error', done);
        return {
          kind: 'response',
          response: {
            status: response.statusCode,
            headers: responseHeaders,
            contentType: (responseHeaders['content-type'] ?? '').toLowerCase(),
            requestId,
            body: response.body,
            mapError: (err) => {
              const mapped = mapError(err, 'response');
              return mapped.requestId || !ctx.requestId ? mapped
                : new MediaApiError(mapped.code, mapped.summary, { ...mapped, requestId: ctx.requestId, cause: err });
            },
            done,
          },
        };
      }
      const text = await readText(response.body, MAX_ERROR_BODY);
      done();
      const decision = decideRetry({ attempt: 0, maxRetries: 1, maxDelayMs: Number.MAX_SAFE_INTEGER, headers: responseHeaders });
      const error = errorFromResponse(response.statusCode, scrub(text), { ...context, requestId, retryAfterMs: decision.retryAfterMs });
      log.warn(`${call.label}: ${response.statusCode}${error.serviceCode ? ` ${error.serviceCode}` : ''} in ${ms} ` +
        `ms${requestId ? ` (request id ${requestId})` : ''}`);
      return { kind: 'error', error, retryable: isRetryableStatus(response.statusCode), headers: responseHeaders };
    } catch (err) {
      done();
      const error = mapError(err, 'request');
      if (error.code === 'cancelled') log.info(`${call.label}: cancelled`);
      else log.warn(`${call.label}: ${error.message}`);
      const retryable =
        error.code === 'timeout' || (error.code === 'network' && !NON_RETRYABLE_NETWORK.has(errorCode(err) ?? ''));
      return { kind: 'error', error, retryable };
    }
  }
}
