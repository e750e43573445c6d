// Retry policy: which failures are worth another attempt and how long to wait before it.

/** 408 (request timeout), 429 (rate limited) and every 5xx are transient. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

type HeaderBag = Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string | undefined {
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * How long the service asked us to wait, in ms: `retry-after-ms`, then `x-ms-retry-after-ms`, then `Retry-After`
 * (seconds, or an HTTP date). Undefined when none is present or parseable. Header names must be lower-case.
 */
export function retryAfterFromHeaders(headers: HeaderBag, now: number = Date.now()): number | undefined {
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const raw = header(headers, name)?.trim();
    if (raw) {
      const ms = Number(raw);
      if (Number.isFinite(ms) && ms >= 0) return Math.round(ms);
    }
  }
  const raw = header(headers, 'retry-after')?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.round(Number(raw) * 1000);
  const date = Date.parse(raw);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Capped exponential backoff with jitter: min(0.5 s * 2^attempt, 8 s) less up to 25 %, never above the cap. */
export function backoffDelay(attempt: number, maxDelayMs: number, random: () => number = Math.random): number {
  const base = Math.min(500 * 2 ** attempt, 8000);
  return Math.max(0, Math.min(Math.round(base * (1 - 0.25 * random())), maxDelayMs));
}

export interface RetryDecision {
  retry: boolean;
  delayMs: number;
  /** The wait the service asked for, when it asked. */
  retryAfterMs?: number;
}

/**
 * Decides on another attempt after attempt `attempt` (0-based) failed. A server-requested wait is honoured as it is;
 * one longer than `maxDelayMs` is not waited out (the call fails, carrying `retryAfterMs` for the user).
 */
export function decideRetry(options: {
  attempt: number;
  maxRetries: number;
  maxDelayMs: number;
  headers?: HeaderBag;
  now?: number;
  random?: () => number;
}): RetryDecision {
  const retryAfterMs = options.headers ? retryAfterFromHeaders(options.headers, options.now) : undefined;
  if (options.attempt >= options.maxRetries) return { retry: false, delayMs: 0, retryAfterMs };
  if (retryAfterMs !== undefined) {
    if (retryAfterMs > options.maxDelayMs) return { retry: false, delayMs: 0, retryAfterMs };
    return { retry: true, delayMs: retryAfterMs, retryAfterMs };
  }
  return { retry: true, delayMs: backoffDelay(options.attempt, options.maxDelayMs, options.random) };
}
