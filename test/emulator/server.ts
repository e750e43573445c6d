// A local emulator of the Azure OpenAI data plane for the five audio and image operations: same routes, auth,
// validation, error shapes and answers as the service, plus faults on demand, a request log, control routes for
// other processes, and an App Service style managed-identity token endpoint.

import { randomBytes, randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { Socket } from 'node:net';
import {
  EmulatorHttpError, apiVersionNotSupported, contentFilterChatStyle, contentFilterImageStyle, deploymentNotFound,
  invalidRequest, invalidType, keyForbidden, keyUnauthorized, modelNeedsNewerApiVersion, noModelName, operationNotSupported,
  resourceNotFound, tokenForbidden, tokenUnauthorized, tooLarge, v1ApiVersionNotAllowed,
} from './errors';
import {
  API_VERSIONS, DEFAULT_DEPLOYMENTS, IMAGE_LIMIT_BYTES, MODELS, OPERATION_NAMES, PATH_OPERATIONS, TRANSCRIPT_STREAMING_FROM,
  V1_API_VERSIONS, apiVersionAtLeast,
} from './models';
import { Mp3Meter } from './formats';
import { HOSTILE_KINDS, writeHostile, type HostileKind } from './hostile';
import { VoiceMeter } from './voices';
import { MultipartError, boundaryOf, parseMultipart, type FileMeter } from './multipart';
import { editImages, generateImages, parseJsonBody, speak, transcribe, type OperationContext, type Reply } from './operations';
import {
  EMULATOR_ACCOUNT, EMULATOR_TENANT, dataPlaneListing, defaultManagementState, managementPlane, patchManagementState,
  type ManagementContext, type ManagementState,
} from './management';

export interface EmulatorOptions {
  port?: number /* 0 = any */;
  apiKey?: string /* default 'emulator-key' */;
  /**
   * Deployment name -> model; merged over the defaults (whisper, gpt-4o-transcribe, tts, gpt-4o-mini-tts, gpt-image-1,
   * gpt-image-1-mini, gpt-image-1.5, gpt-image-2, dall-e-3). The model decides the rules, whatever the name.
   */
  deployments?: Record<string, string>;
  /** The secret the token endpoint expects in X-IDENTITY-HEADER; random by default. */
  identityHeader?: string;
  /**
   * Seconds a transcription or translation answer waits per minute of audio heard, as the service's time grows with
   * the audio's length; 0 (the default) answers at once. `POST /_emulator/pace` changes it; `reset()` restores it.
   */
  secondsPerAudioMinute?: number;
  /**
   * Masked edits shift the colours of a known region outside the mask, as the real models' redrawing does
   * (maskedEdit.ts); default true. `POST /_emulator/drift {"enabled": false}` changes it until the next reset.
   */
  maskDrift?: boolean;
}

export interface RecordedRequest {
  id: number;
  /** When the request arrived (ms since the epoch): retry spacing is read from it. */
  receivedAt: number;
  method: string;
  path: string;
  operation?: 'transcriptions' | 'translations' | 'speech' | 'generations' | 'edits';
  /** `deployments`: `/openai/deployments/{d}/…?api-version=…`; `v1`: `/openai/v1/…`, the deployment in `model`. */
  route?: 'deployments' | 'v1';
  /** From the path, or on the v1 route from the body's `model` (once the body was read). */
  deployment?: string;
  /** The `api-version` query as sent (none on the v1 route, or `preview`). */
  apiVersion?: string;
  auth: 'apiKey' | 'bearer' | 'none';
  contentType?: string;
  fields: Record<string, string[]>;
  files: Array<{ field: string; filename: string; contentType: string; size: number }>;
  json?: unknown;
  headers: Record<string, string> /* api-key and authorization redacted */;
  /** `management`: a Resource Manager request (management.ts); absent: the data plane. */
  plane?: 'management';
  /** 0 while in flight and for a connection the emulator reset on purpose; 499 when the client went away first. */
  status: number;
  errorCode?: string;
  /** The fault that shaped the answer, if any. */
  fault?: FaultKind;
  /** SSE answers: when each event was handed to the socket (epoch ms, sub-ms), for the bench's latency figure. */
  eventTimes?: number[];
  /** Transcriptions and translations: the seconds of audio heard, and how long the pace held the answer (ms). */
  audioSeconds?: number;
  pacedMs?: number;
}

export type FaultKind =
  | 'rate-limit-retry-after-ms'
  | 'rate-limit-x-ms-retry-after-ms'
  | 'rate-limit-retry-after-seconds'
  | 'rate-limit-retry-after-date'
  | 'rate-limit-no-header'
  | 'server-error'
  | 'unavailable'
  | 'reset-mid-upload'
  | 'slow'
  | 'slow-stream'
  | 'truncated-stream'
  | 'malformed-json'
  | 'content-filter'
  | 'content-filter-image'
  | 'unauthorized'
  | 'forbidden'
  | 'reset-mid-download'
  | HostileKind;

export const FAULT_KINDS: readonly FaultKind[] = [
  'rate-limit-retry-after-ms', 'rate-limit-x-ms-retry-after-ms', 'rate-limit-retry-after-seconds',
  'rate-limit-retry-after-date', 'rate-limit-no-header', 'server-error', 'unavailable', 'reset-mid-upload', 'slow',
  'slow-stream', 'truncated-stream', 'malformed-json', 'content-filter', 'content-filter-image', 'unauthorized', 'forbidden',
  'reset-mid-download', ...HOSTILE_KINDS,
];

export interface Fault {
  kind: FaultKind;
  /** How many matching requests it hits; default 1. */
  times?: number;
  /** Only requests of this operation; default any. */
  operation?: RecordedRequest['operation'];
  /**
   * `slow`: how long to hold the answer (default 30 s). `slow-stream`: the time between an SSE answer's events (default
   * 500 ms). Rate limits: the retry delay the headers announce.
   */
  delayMs?: number;
}

/** Data-plane requests being served now, and the most at once since the last reset. */
export interface EmulatorStats {
  inFlight: number;
  maxInFlight: number;
}

export interface Emulator {
  url: string;
  port: number;
  apiKey: string;
  requests: RecordedRequest[];
  stats(): EmulatorStats;
  injectFault(f: Fault): void;
  /** Forgets requests, pending faults and served files, and restores the pace. Issued tokens stay valid. */
  reset(): void;
  /** Transcriptions and translations wait `secondsPerAudioMinute` per minute of audio (0: none). */
  pace(secondsPerAudioMinute: number): void;
  /** App-Service managed-identity endpoint */
  tokenEndpoint: string;
  identityHeader: string;
  /** A bearer token for https://cognitiveservices.azure.com, valid for `ttlSeconds` (default 3600). */
  issueToken(ttlSeconds?: number): string;
  /** A bearer token for Resource Manager (`https://management.azure.com`), in the emulator's tenant. */
  issueManagementToken(ttlSeconds?: number): string;
  /** The management plane's state (management.ts): catalog, roles, throttling, subscriptions; reset restores it. */
  management: ManagementState;
  /** Revokes every token issued in this process (tokens are shared by all emulators, like Entra's). */
  revokeTokens(): void;
  close(): Promise<void>;
}

export const COGNITIVE_SERVICES_RESOURCE = 'https://cognitiveservices.azure.com';
/** The audience Azure's v1 docs give for Entra tokens (`https://ai.azure.com/.default`); taken on the v1 route. */
export const AI_AZURE_RESOURCE = 'https://ai.azure.com';

/**
 * Issued tokens, shared by every emulator in the process: like Entra tokens, one is good for any resource of its
 * audience. This matters because msal-node caches tokens (and its managed-identity source) per process, so a test
 * may hold a token another emulator instance issued. `revokeTokens()` therefore revokes them all.
 */
const tokens = new Map<string, { expiresOn: number; resource: string }>();

/** Resource Manager's public-cloud audience, the one the emulator's management plane takes. */
export const MANAGEMENT_RESOURCE = 'https://management.azure.com';

interface PendingFault extends Fault {
  remaining: number;
}

/** Resolves when a response can take more data, or has closed. */
function drained(res: http.ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

function redactHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    const value = Array.isArray(v) ? v.join(', ') : v;
    if (k === 'api-key' || k === 'x-identity-header') out[k] = '[redacted]';
    else if (k === 'authorization') out[k] = value.replace(/^(\S+)\s.*$/, '$1 [redacted]');
    else out[k] = value;
  }
  return out;
}

/** Reads and discards a request body (bounded), so an early answer reaches a client still uploading. */
function drain(req: http.IncomingMessage, cap = 256 * 1024 * 1024): Promise<void> {
  return new Promise((resolve) => {
    if (req.readableEnded) return resolve();
    let seen = 0;
    req.on('data', (c: Buffer) => {
      seen += c.length;
      if (seen > cap) req.destroy();
    });
    req.on('end', resolve);
    req.on('close', resolve);
    req.on('error', resolve);
  });
}

/** What is measured of an uploaded file as it streams past: MP3 length from its frames, voices from WAV samples. */
function audioMeter(): FileMeter {
  const mp3 = new Mp3Meter();
  const voices = new VoiceMeter();
  return {
    push: (data) => {
      mp3.push(data);
      voices.push(data);
    },
    seconds: () => mp3.seconds(),
    voices: () => voices.voices(),
  };
}

async function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  }
  if (size > limit) throw tooLarge(limit, size);
  return Buffer.concat(chunks);
}

function b64url(value: unknown): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

function rateLimitMessage(operation: string, apiVersion: string | undefined, seconds?: number): string {
  const name = { transcriptions: 'Audio Transcriptions', translations: 'Audio Translations', speech: 'Audio Speech',
    generations: 'Images Generations', edits: 'Images Edits' }[operation] ?? operation;
  return `Requests to the ${name} Operation under Azure OpenAI API version ${apiVersion ?? ''} have exceeded call rate limit of ` +
    `your current OpenAI S0 pricing tier.${seconds === undefined ? '' : ` Please retry after ${seconds} seconds.`} ` +
    'Please go here: https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit.';
}

/** The answer a gateway-level fault gives, or undefined for faults that act elsewhere. */
function gatewayFault(fault: PendingFault, rec: RecordedRequest): EmulatorHttpError | undefined {
  const op = rec.operation ?? '';
  const rateBody = (seconds?: number): unknown => ({ error: { code: '429', message: rateLimitMessage(op, rec.apiVersion, seconds) } });
  const ms = fault.delayMs;
  switch (fault.kind) {
    case 'rate-limit-retry-after-ms': {
      const delay = ms ?? 200;
      return new EmulatorHttpError(429, rateBody(Math.ceil(delay / 1000)), '429', { 'retry-after-ms': String(delay) });
    }
    case 'rate-limit-x-ms-retry-after-ms': {
      const delay = ms ?? 200;
      return new EmulatorHttpError(429, rateBody(Math.ceil(delay / 1000)), '429', { 'x-ms-retry-after-ms': String(delay) });
    }
    case 'rate-limit-retry-after-seconds': {
      const seconds = Math.max(1, Math.round((ms ?? 1000) / 1000));
      return new EmulatorHttpError(429, rateBody(seconds), '429', { 'retry-after': String(seconds) });
    }
    case 'rate-limit-retry-after-date': {
      const at = new Date(Date.now() + (ms ?? 1000));
      return new EmulatorHttpError(429, rateBody(Math.ceil((ms ?? 1000) / 1000)), '429', { 'retry-after': at.toUTCString() });
    }
    case 'rate-limit-no-header':
      return new EmulatorHttpError(429, rateBody(), '429', { 'x-ratelimit-remaining-requests': '0' });
    case 'server-error':
      return new EmulatorHttpError(
        500,
        { error: { code: 'InternalServerError', message: 'The server had an error while processing your request. Sorry about that!' } },
        'InternalServerError',
      );
    case 'unavailable':
      return new EmulatorHttpError(
        503,
        { error: { code: 'ServiceUnavailable',
          message: 'The service is temporarily unable to process your request. Please try again later.' } },
        'ServiceUnavailable',
      );
    case 'unauthorized':
      return rec.auth === 'bearer' ? tokenUnauthorized() : keyUnauthorized();
    case 'forbidden':
      return rec.auth === 'bearer' ? tokenForbidden() : keyForbidden();
    default:
      return undefined;
  }
}

/**
 * The deployment a v1 request names: the body's `model` (a multipart field or a JSON property), or the
 * `x-ms-model-mesh-model-name` header the service's refusal mentions. None: 400 `no_model_name`.
 */
function v1ModelName(
  parsed: { form?: { fields: Record<string, string[]> }; json?: Record<string, unknown> },
  req: http.IncomingMessage,
): string {
  let value: unknown = parsed.form ? parsed.form.fields.model?.[0] : parsed.json?.model;
  if (parsed.form && (parsed.form.fields.model?.length ?? 0) > 1) {
    throw invalidRequest('invalid_value', `'model' was given ${parsed.form.fields.model.length} times; it takes one value.`, 'model');
  }
  if (value === undefined || value === null || value === '') value = req.headers['x-ms-model-mesh-model-name'];
  if (value !== undefined && value !== null && typeof value !== 'string') throw invalidType('model', 'a string');
  if (typeof value !== 'string' || value.trim() === '') throw noModelName();
  return value;
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const apiKey = opts.apiKey ?? 'emulator-key';
  const deployments: Record<string, string> = { ...DEFAULT_DEPLOYMENTS, ...opts.deployments };
  // A deployment is always of a real model; one the emulator does not describe would answer nothing faithfully.
  for (const [name, model] of Object.entries(deployments)) {
    if (!MODELS[model]) throw new Error(`Deployment '${name}': the emulator has no rules for model '${model}' (see models.ts).`);
  }
  const identityHeader = opts.identityHeader ?? randomBytes(16).toString('hex');
  const requests: RecordedRequest[] = [];
  const faults: PendingFault[] = [];
  let maskDrift = opts.maskDrift !== false;
  const files = new Map<string, { bytes: Buffer; contentType: string; expiresAt: number }>();
  const sockets = new Set<Socket>();
  const load: EmulatorStats = { inFlight: 0, maxInFlight: 0 };
  let nextId = 1;
  let baseUrl = '';
  const checkPace = (value: unknown): number => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 600) {
      throw new Error("'secondsPerAudioMinute' must be a number of seconds from 0 to 600.");
    }
    return value;
  };
  const startPace = checkPace(opts.secondsPerAudioMinute ?? 0);
  let secondsPerAudioMinute = startPace;
  const management = defaultManagementState();
  const managementContext: ManagementContext = {
    state: management,
    get baseUrl() {
      return baseUrl;
    },
    deployments,
    token: (bearer) => {
      const t = tokens.get(bearer);
      if (!t || t.expiresOn * 1000 <= Date.now()) return undefined;
      return { resource: t.resource.replace(/\/+$/, ''), tenant: EMULATOR_TENANT };
    },
    keyOf: (account) => (account.name === EMULATOR_ACCOUNT && !account.endpoint ? apiKey : `key-of-${account.name}`),
  };

  const issue = (ttlSeconds: number, resource: string): { token: string; expiresOn: number } => {
    const now = Math.floor(Date.now() / 1000);
    const expiresOn = now + ttlSeconds;
    const token = [
      b64url({ typ: 'JWT', alg: 'RS256', kid: 'emulator' }),
      b64url({ aud: resource, iss: `https://sts.windows.net/${EMULATOR_TENANT}/`, tid: EMULATOR_TENANT, iat: now, nbf: now, exp: expiresOn,
        oid: 'emulator-managed-identity', sub: 'emulator-managed-identity' }),
      randomBytes(32).toString('base64url'),
    ].join('.');
    tokens.set(token, { expiresOn, resource });
    return { token, expiresOn };
  };

  const findFault = (operation: RecordedRequest['operation'], kinds: (k: FaultKind) => boolean): PendingFault | undefined =>
    faults.find((f) => f.remaining > 0 && (f.operation === undefined || f.operation === operation) && kinds(f.kind));
  const consume = (f: PendingFault, rec: RecordedRequest): void => {
    f.remaining--;
    if (f.remaining <= 0) faults.splice(faults.indexOf(f), 1);
    rec.fault = f.kind;
  };

  const injectFault = (f: Fault): void => {
    if (!f || typeof f !== 'object') throw new Error('A fault is an object: {kind, times?, operation?, delayMs?}.');
    if (!FAULT_KINDS.includes(f.kind)) throw new Error(`Unknown fault kind '${String(f.kind)}'.`);
    if (f.times !== undefined && !(Number.isInteger(f.times) && f.times >= 1)) throw new Error(`'times' must be a positive integer.`);
    if (f.operation !== undefined && !Object.values(PATH_OPERATIONS).includes(f.operation)) {
      throw new Error(`Unknown operation '${String(f.operation)}'.`);
    }
    if (f.delayMs !== undefined && !(typeof f.delayMs === 'number' &&
      f.delayMs >= 0)) throw new Error(`'delayMs' must be a number of milliseconds.`);
    faults.push({ ...f, remaining: f.times ?? 1 });
  };

  const commonHeaders = (): Record<string, string> => {
    const id = randomUUID();
    return { 'apim-request-id': id, 'x-request-id': id, 'x-ms-region': 'Emulator', 'x-ratelimit-remaining-requests': '59' };
  };

  const sendJson = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    if (res.headersSent || res.destroyed) return;
    const bytes = Buffer.from(JSON.stringify(body));
    res.writeHead(status, { ...commonHeaders(), ...headers, 'content-type': 'application/json', 'content-length': String(bytes.length) });
    res.end(bytes);
  };

  // ---- data plane

  const authenticate = (req: http.IncomingMessage, rec: RecordedRequest, v1: boolean): void => {
    const key = req.headers['api-key'];
    const authorization = req.headers.authorization;
    if (typeof key === 'string') {
      rec.auth = 'apiKey';
      if (key !== apiKey) throw keyUnauthorized();
      return;
    }
    if (typeof authorization === 'string' && /^bearer\s+/i.test(authorization)) {
      rec.auth = 'bearer';
      const token = tokens.get(authorization.replace(/^bearer\s+/i, '').trim());
      const audience = token?.resource.replace(/\/+$/, '');
      const audienceOk = audience === COGNITIVE_SERVICES_RESOURCE || (v1 && audience === AI_AZURE_RESOURCE);
      if (!token || !audienceOk || token.expiresOn * 1000 <= Date.now()) throw tokenUnauthorized();
      return;
    }
    throw new EmulatorHttpError(
      401,
      { error: { code: '401',
        message: 'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.' } },
      '401',
    );
  };

  const resetMidUpload = (req: http.IncomingMessage): Promise<void> =>
    new Promise((resolve) => {
      const length = Number(req.headers['content-length'] ?? 0);
      const target = Math.max(1, Math.min(64 * 1024, Math.floor(length / 2)));
      let seen = 0;
      const cut = (): void => {
        req.socket.destroy();
        resolve();
      };
      req.on('data', (c: Buffer) => {
        seen += c.length;
        if (seen >= target) cut();
      });
      req.on('end', cut);
      req.on('close', () => resolve());
    });

  const operationContext = (model: string, route: 'deployments' | 'v1', apiVersion: string | undefined): OperationContext => ({
    model,
    family: MODELS[model].family,
    // The v1 route has `stream`; a dated api-version from TRANSCRIPT_STREAMING_FROM on.
    transcriptStreaming: route === 'v1' || (apiVersion !== undefined && apiVersionAtLeast(apiVersion, TRANSCRIPT_STREAMING_FROM)),
    flexibleSizes: MODELS[model].flexibleSizes === true,
    maskDrift,
    publish: (bytes, contentType, extension) => {
      const name = `${randomUUID()}.${extension}`;
      const expiresAt = Date.now() + 24 * 3600 * 1000; // Azure keeps dall-e-3 results for 24 hours
      files.set(name, { bytes, contentType, expiresAt });
      while (files.size > 64) files.delete(files.keys().next().value as string);
      const expiry = new Date(expiresAt).toISOString().replace(/\.\d+Z$/, 'Z');
      return `${baseUrl}/_emulator/files/${name}?se=${encodeURIComponent(expiry)}&sp=r&sig=emulator`;
    },
  });

  const writeReply = async (res: http.ServerResponse, reply: Reply, rec: RecordedRequest, abort: AbortSignal): Promise<void> => {
    const hostile = findFault(rec.operation, (k) => (HOSTILE_KINDS as readonly string[]).includes(k));
    if (hostile) {
      consume(hostile, rec);
      return writeHostile(res, hostile.kind as HostileKind, rec.operation, commonHeaders());
    }
    const outputFault = findFault(rec.operation, (k) => k === 'truncated-stream' || k === 'malformed-json' || k === 'reset-mid-download');
    if (outputFault) consume(outputFault, rec);
    const headers = commonHeaders();
    if (outputFault?.kind === 'malformed-json') {
      const broken = Buffer.from('{"created": 1700000000, "data": [{"b64_json": "iVBORw0KGgo', 'utf8');
      res.writeHead(200, { ...headers, 'content-type': 'application/json', 'content-length': String(broken.length) });
      res.end(broken);
      return;
    }
    if (outputFault?.kind === 'reset-mid-download') {
      // The status and headers and part of the body arrive, then the connection is reset (RST, not a clean close).
      const body = reply.kind === 'body' ? reply.body : reply.kind === 'chunks' ? Buffer.concat([...reply.chunks]) : undefined;
      const events = reply.kind === 'sse' ? [...reply.events].map((ev) =>
        `event: ${ev.event}\ndata: ${JSON.stringify(ev.data())}\n\n`).join('') : '';
      const bytes = body ?? Buffer.from(events);
      const type = reply.kind === 'sse' ? 'text/event-stream; charset=utf-8' : reply.contentType;
      res.writeHead(200, { ...headers, 'content-type': type, 'content-length': String(bytes.length) });
      res.write(bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 3))), () => res.socket?.resetAndDestroy());
      return;
    }
    const truncate = outputFault?.kind === 'truncated-stream';
    if (reply.kind === 'body') {
      res.writeHead(200, { ...headers, 'content-type': reply.contentType, 'content-length': String(reply.body.length) });
      if (truncate) {
        res.write(reply.body.subarray(0, Math.floor(reply.body.length / 2)), () => res.socket?.destroy());
        return;
      }
      res.end(reply.body);
      return;
    }
    if (reply.kind === 'chunks') {
      res.writeHead(200, { ...headers, ...reply.headers, 'content-type': reply.contentType, 'transfer-encoding': 'chunked' });
      if (truncate) {
        // A cut download still delivers the status, the headers and its first chunks, then the connection drops
        // without the chunked terminator. Destroy only once those bytes are flushed, or they would be discarded.
        const cut = (): void => {
          res.socket?.destroy();
        };
        const it = reply.chunks[Symbol.iterator]();
        const first = it.next();
        const second = it.next();
        if (!second.done) {
          res.write(first.value as Buffer);
          res.write(second.value, cut);
        } else if (!first.done) {
          res.write(first.value, cut);
        } else {
          res.flushHeaders();
          setImmediate(cut);
        }
        return;
      }
      for (const chunk of reply.chunks) {
        if (abort.aborted || res.destroyed) return;
        if (!res.write(chunk)) await drained(res);
      }
      res.end();
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache',
      connection: 'keep-alive' });
    res.flushHeaders();
    const events = [...reply.events];
    // Paced for a test that watches the events arrive one by one: the same events, only further apart.
    const pace = findFault(rec.operation, (k) => k === 'slow-stream');
    if (pace) consume(pace, rec);
    const gapMs = pace ? pace.delayMs ?? 500 : reply.gapMs;
    for (const [i, ev] of events.entries()) {
      if (i > 0) await sleep(gapMs, abort);
      if (abort.aborted || res.destroyed) return;
      const frame = `event: ${ev.event}\ndata: ${JSON.stringify(ev.data())}\n\n`;
      if (truncate && (i === 1 || events.length === 1)) {
        res.write(frame.slice(0, Math.floor(frame.length / 2)), () => res.socket?.destroy());
        return;
      }
      (rec.eventTimes ??= []).push(performance.timeOrigin + performance.now());
      if (!res.write(frame)) await drained(res);
    }
    res.end();
  };

  const dataPlane = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL, rec: RecordedRequest,
    abort: AbortSignal): Promise<void> => {
    const ops = 'audio/transcriptions|audio/translations|audio/speech|images/generations|images/edits';
    const m = new RegExp(`^/openai/deployments/([^/]+)/(${ops})/?$`).exec(url.pathname);
    const v1Match = new RegExp(`^/openai/v1/(${ops})/?$`).exec(url.pathname);
    if (m) {
      rec.route = 'deployments';
      try {
        rec.deployment = decodeURIComponent(m[1]);
      } catch {
        rec.deployment = m[1]; // a malformed escape: no deployment has that name
      }
      rec.operation = PATH_OPERATIONS[m[2]];
    } else if (v1Match) {
      rec.route = 'v1';
      rec.operation = PATH_OPERATIONS[v1Match[1]];
    }
    const apiVersion = url.searchParams.get('api-version') ?? undefined;
    rec.apiVersion = apiVersion;
    const early = async (err: EmulatorHttpError): Promise<never> => {
      await drain(req);
      throw err;
    };
    try {
      authenticate(req, rec, rec.route === 'v1');
    } catch (err) {
      return early(err as EmulatorHttpError);
    }
    if ((!m && !v1Match) || req.method !== 'POST') return early(resourceNotFound());
    const operation = rec.operation!;
    let model: string | undefined;
    const pickGateway = (): PendingFault | undefined => {
      const fault = findFault(operation, (k) => k === 'reset-mid-upload' || k === 'slow' || gatewayFaultKinds.has(k));
      if (fault) consume(fault, rec);
      return fault;
    };
    let gateway: PendingFault | undefined;
    if (m) {
      if (!apiVersion) return early(resourceNotFound());
      const versionOps = API_VERSIONS[apiVersion];
      if (!versionOps) return early(apiVersionNotSupported());
      model = deployments[rec.deployment!];
      if (!model) return early(deploymentNotFound());
      if (!versionOps.includes(operation)) return early(resourceNotFound());
      const info = MODELS[model];
      if (!info || !info.operations.includes(operation)) return early(operationNotSupported(OPERATION_NAMES[operation], model));
      if (!apiVersionAtLeast(apiVersion, info.minApiVersion)) return early(modelNeedsNewerApiVersion(model, info.minApiVersion));
      gateway = pickGateway();
    } else {
      // The v1 route: no dated api-version (`preview` opts into preview features); every operation; the deployment
      // is only known once the body is read, so only an upload reset can hit before that.
      if (apiVersion !== undefined && !V1_API_VERSIONS.includes(apiVersion)) return early(v1ApiVersionNotAllowed());
      const reset = findFault(operation, (k) => k === 'reset-mid-upload');
      if (reset) {
        consume(reset, rec);
        gateway = reset;
      }
    }
    if (gateway?.kind === 'reset-mid-upload') {
      await resetMidUpload(req);
      rec.status = 0;
      rec.errorCode = 'ECONNRESET';
      return;
    }

    // Read and parse the body (always to its end), then let the gateway faults answer.
    const contentType = req.headers['content-type'];
    const multipartOp = operation === 'transcriptions' || operation === 'translations' || operation === 'edits';
    let parsed: { form?: Awaited<ReturnType<typeof parseMultipart>>; json?: Record<string, unknown> } = {};
    let bodyError: Error | undefined;
    try {
      if (multipartOp) {
        const boundary = boundaryOf(contentType);
        if (!boundary) {
          await drain(req);
          throw invalidRequest(
            'invalid_content_type',
            `Invalid Content-Type header (${contentType ?? 'none'}), expected multipart/form-data. (HINT: If you're using curl, you can ` +
              `pass -H 'Content-Type: multipart/form-data')`,
          );
        }
        const form = await parseMultipart(req, boundary, {
          meter: () => audioMeter(),
          // An edit's images are kept whole: a masked edit's answer is drawn from them.
          headLimit: operation === 'edits' ? IMAGE_LIMIT_BYTES : undefined,
          onBodyBytes: (total) => {
            if (total > 256 * 1024 * 1024) throw new MultipartError('The request body is far too large.');
          },
        });
        parsed = { form };
        rec.fields = form.fields;
        rec.files = form.files.map((f) => ({ field: f.field, filename: f.filename, contentType: f.contentType, size: f.size }));
      } else {
        if (!/^application\/json\s*(;|$)/i.test(contentType ?? '')) {
          await drain(req);
          throw invalidRequest('invalid_content_type',
            `Invalid Content-Type header (${contentType ?? 'none'}), expected application/json.`);
        }
        const json = parseJsonBody(await readBody(req, 1024 * 1024));
        parsed = { json };
        rec.json = json;
      }
    } catch (err) {
      bodyError = err instanceof MultipartError ? invalidRequest('invalid_request_error', `Could not parse multipart form: ${err.message}`)
        : err instanceof Error ? err : new Error(String(err));
    }

    if (v1Match) {
      // Routing by `model`: the body must be readable and name a deployment of this resource.
      if (bodyError) throw bodyError;
      const name = v1ModelName(parsed, req);
      rec.deployment = name;
      model = deployments[name];
      if (!model) throw deploymentNotFound();
      const info = MODELS[model];
      if (!info || !info.operations.includes(operation)) throw operationNotSupported(OPERATION_NAMES[operation], model);
      gateway = pickGateway();
    }

    if (gateway) {
      const answer = gatewayFault(gateway, rec);
      if (answer) throw answer;
      if (gateway.kind === 'slow') await sleep(gateway.delayMs ?? 30000, abort);
      if (abort.aborted) return;
    }
    if (bodyError) throw bodyError;

    const ctx = operationContext(model!, rec.route ?? 'deployments', apiVersion);
    let reply: Reply;
    switch (operation) {
      case 'transcriptions':
        reply = transcribe(ctx, parsed.form!, false);
        break;
      case 'translations':
        reply = transcribe(ctx, parsed.form!, true);
        break;
      case 'speech':
        reply = speak(ctx, parsed.json!);
        break;
      case 'generations':
        reply = generateImages(ctx, parsed.json!);
        break;
      case 'edits':
        reply = editImages(ctx, parsed.form!);
        break;
    }
    if (reply.audioSeconds !== undefined) {
      rec.audioSeconds = reply.audioSeconds;
      // The service's time grows with the audio's length: a part of 13 minutes takes far longer than one of 2.
      const hold = Math.round((reply.audioSeconds / 60) * secondsPerAudioMinute * 1000);
      if (hold > 0) {
        rec.pacedMs = hold;
        await sleep(hold, abort);
        if (abort.aborted) return;
      }
    }
    const filter = findFault(operation, (k) => k === 'content-filter' || k === 'content-filter-image');
    if (filter) {
      consume(filter, rec);
      throw filter.kind === 'content-filter' ? contentFilterChatStyle('prompt') : contentFilterImageStyle();
    }
    await writeReply(res, reply, rec, abort);
  };

  /**
   * Resource Manager (`/subscriptions…`, `/tenants`) and the data plane's GET listings (`/openai/models`, the legacy
   * `/openai/deployments`): their answer, or undefined for the data plane's operations.
   */
  const listingAnswer = async (req: http.IncomingMessage, url: URL, rec: RecordedRequest): Promise<unknown> => {
    const path = url.pathname.replace(/\/+$/, '');
    if (path === '/tenants' || path === '/subscriptions' || path.startsWith('/subscriptions/')) {
      rec.plane = 'management';
      rec.auth = typeof req.headers.authorization === 'string' ? 'bearer' : typeof req.headers['api-key'] === 'string' ? 'apiKey' : 'none';
      await drain(req);
      return managementPlane(managementContext, req, url);
    }
    if (req.method === 'GET' && (path === '/openai/models' || path === '/openai/deployments')) {
      const apiVersion = url.searchParams.get('api-version') ?? undefined;
      rec.apiVersion = apiVersion;
      await drain(req);
      authenticate(req, rec, false);
      return dataPlaneListing(managementContext, path, apiVersion);
    }
    return undefined;
  };

  const gatewayFaultKinds = new Set<FaultKind>([
    'rate-limit-retry-after-ms', 'rate-limit-x-ms-retry-after-ms', 'rate-limit-retry-after-seconds',
    'rate-limit-retry-after-date', 'rate-limit-no-header', 'server-error', 'unavailable', 'unauthorized', 'forbidden',
  ]);

  // ---- control routes

  const tokenRoute = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> => {
    await drain(req);
    if (req.headers['x-identity-header'] !== identityHeader) {
      return sendJson(res, 401, { error: 'unauthorized', error_description: 'The X-IDENTITY-HEADER header is missing or wrong.' });
    }
    if (url.searchParams.get('api-version') !== '2019-08-01') {
      return sendJson(res, 400, { error: 'invalid_request', error_description: "Use api-version '2019-08-01'." });
    }
    const resource = url.searchParams.get('resource');
    if (!resource) return sendJson(res, 400, { error: 'invalid_request',
      error_description: "The 'resource' query parameter is required." });
    const plain = resource.replace(/\/\.default$/, '').replace(/\/+$/, '');
    const { token, expiresOn } = issue(3600, plain);
    // A user-assigned identity is named by client_id (or mi_res_id / principal_id); the system identity by nothing.
    const clientId = url.searchParams.get('client_id') ?? 'emulator-system-assigned-identity';
    sendJson(res, 200, { access_token: token, expires_on: String(expiresOn), resource: plain, token_type: 'Bearer', client_id: clientId });
  };

  const control = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> => {
    const route = `${req.method} ${url.pathname.replace(/\/+$/, '')}`;
    if (route === 'GET /_emulator/token') return tokenRoute(req, res, url);
    if (route === 'GET /_emulator/requests') {
      await drain(req);
      return sendJson(res, 200, requests);
    }
    if (route === 'GET /_emulator/stats') {
      await drain(req);
      return sendJson(res, 200, { ...load });
    }
    if (route === 'GET /_emulator' || route === 'GET /_emulator/health') {
      await drain(req);
      return sendJson(res, 200, { ok: true, deployments, tokenEndpoint: `${baseUrl}/_emulator/token` });
    }
    if (route === 'POST /_emulator/faults') {
      let fault: Fault;
      try {
        fault = JSON.parse((await readBody(req, 64 * 1024)).toString('utf8')) as Fault;
        injectFault(fault);
      } catch (err) {
        return sendJson(res, 400, { error: { code: 'invalid_fault', message: (err as Error).message } });
      }
      return sendJson(res, 200, { ok: true, pending: faults.length });
    }
    if (route === 'POST /_emulator/pace') {
      try {
        const body = JSON.parse((await readBody(req, 64 * 1024)).toString('utf8')) as { secondsPerAudioMinute?: unknown };
        secondsPerAudioMinute = checkPace(body.secondsPerAudioMinute);
      } catch (err) {
        return sendJson(res, 400, { error: { code: 'invalid_pace', message: (err as Error).message } });
      }
      return sendJson(res, 200, { ok: true, secondsPerAudioMinute });
    }
    if (route === 'POST /_emulator/drift') {
      let body: { enabled?: unknown };
      try {
        body = JSON.parse((await readBody(req, 1024)).toString('utf8')) as { enabled?: unknown };
      } catch (err) {
        return sendJson(res, 400, { error: { code: 'invalid_drift', message: (err as Error).message } });
      }
      if (typeof body.enabled !== 'boolean') {
        return sendJson(res, 400, { error: { code: 'invalid_drift', message: 'Send {"enabled": true|false}.' } });
      }
      maskDrift = body.enabled;
      return sendJson(res, 200, { ok: true, maskDrift });
    }
    if (route === 'DELETE /_emulator/faults') {
      await drain(req);
      faults.length = 0;
      return sendJson(res, 200, { ok: true });
    }
    if (route === 'POST /_emulator/reset') {
      await drain(req);
      reset();
      return sendJson(res, 200, { ok: true });
    }
    if (route === 'POST /_emulator/tokens') {
      await drain(req);
      const ttl = Number(url.searchParams.get('ttl') ?? 3600);
      const resource = url.searchParams.get('resource') === 'management' ? MANAGEMENT_RESOURCE : COGNITIVE_SERVICES_RESOURCE;
      const { token, expiresOn } = issue(Number.isFinite(ttl) ? ttl : 3600, resource);
      return sendJson(res, 200, { access_token: token, expires_on: expiresOn });
    }
    if (route === 'GET /_emulator/management') {
      await drain(req);
      return sendJson(res, 200, management);
    }
    if (route === 'POST /_emulator/management') {
      try {
        patchManagementState(management, JSON.parse((await readBody(req, 256 * 1024)).toString('utf8')) as Partial<ManagementState>);
      } catch (err) {
        return sendJson(res, 400, { error: { code: 'invalid_patch', message: (err as Error).message } });
      }
      return sendJson(res, 200, { ok: true });
    }
    if (route === 'POST /_emulator/tokens/revoke') {
      await drain(req);
      tokens.clear();
      return sendJson(res, 200, { ok: true });
    }
    if (route === 'POST /_emulator/files/expire') {
      await drain(req);
      for (const entry of files.values()) entry.expiresAt = 0;
      return sendJson(res, 200, { ok: true, expired: files.size });
    }
    const file = /^GET \/_emulator\/files\/([\w.-]+)$/.exec(route);
    if (file) {
      // Answered like Azure Blob Storage behind a SAS URL: XML errors, 404 unknown, 403 once the SAS has expired.
      await drain(req);
      const entry = files.get(file[1]);
      const storageError = (status: number, code: string, message: string): void => {
        const xml = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}\n` +
          `RequestId:${randomUUID()}\nTime:${new Date().toISOString()}</Message></Error>`;
        res.writeHead(status, { 'content-type': 'application/xml', 'x-ms-error-code': code,
          'content-length': String(Buffer.byteLength(xml)) });
        res.end(xml);
      };
      if (!entry) return storageError(404, 'BlobNotFound', 'The specified blob does not exist.');
      if (entry.expiresAt <= Date.now()) {
        return storageError(403, 'AuthenticationFailed',
          'Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the ' +
            'signature.');
      }
      res.writeHead(200, { 'content-type': entry.contentType, 'content-length': String(entry.bytes.length),
        'x-ms-blob-type': 'BlockBlob' });
      res.end(entry.bytes);
      return;
    }
    await drain(req);
    sendJson(res, 404, { error: { code: '404', message: 'Resource not found' } });
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://emulator');
    if (url.pathname === '/_emulator' || url.pathname.startsWith('/_emulator/')) return control(req, res, url);
    const rec: RecordedRequest = {
      id: nextId++,
      receivedAt: Date.now(),
      method: req.method ?? 'GET',
      path: url.pathname,
      auth: 'none',
      contentType: req.headers['content-type'],
      fields: {},
      files: [],
      headers: redactHeaders(req.headers),
      status: 0,
    };
    requests.push(rec);
    load.inFlight++;
    load.maxInFlight = Math.max(load.maxInFlight, load.inFlight);
    const aborter = new AbortController();
    res.on('close', () => {
      load.inFlight--;
      if (!res.writableFinished) aborter.abort();
    });
    try {
      const listing = await listingAnswer(req, url, rec);
      if (listing !== undefined) sendJson(res, 200, listing);
      else await dataPlane(req, res, url, rec, aborter.signal);
      if (res.headersSent) rec.status = res.statusCode;
      else if (aborter.signal.aborted && rec.errorCode !== 'ECONNRESET') {
        rec.status = 499;
        rec.errorCode = 'ClientClosedRequest';
      }
    } catch (err) {
      if (aborter.signal.aborted || (req.destroyed && !req.complete)) {
        // The client went away (cancelled upload or download): nothing to answer; nginx's 499 in the log.
        rec.status = 499;
        rec.errorCode = 'ClientClosedRequest';
        return;
      }
      if (err instanceof EmulatorHttpError) {
        rec.status = err.status;
        rec.errorCode = err.errorCode;
        sendJson(res, err.status, err.body, err.headers);
      } else {
        rec.status = 500;
        rec.errorCode = 'InternalServerError';
        sendJson(res, 500, { error: { code: 'InternalServerError', message: `Emulator failure: ${(err as Error).message}` } });
      }
    }
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { code: 'InternalServerError', message: String(err) } });
      else res.destroy();
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  // Long uploads and slow answers must not be cut by Node's own timeouts.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  baseUrl = `http://127.0.0.1:${port}`;

  const reset = (): void => {
    requests.length = 0;
    faults.length = 0;
    files.clear();
    load.maxInFlight = load.inFlight;
    secondsPerAudioMinute = startPace;
    maskDrift = opts.maskDrift !== false;
    Object.assign(management, defaultManagementState());
  };

  return {
    url: baseUrl,
    port,
    apiKey,
    requests,
    stats: () => ({ ...load }),
    injectFault,
    reset,
    pace: (value) => {
      secondsPerAudioMinute = checkPace(value);
    },
    tokenEndpoint: `${baseUrl}/_emulator/token`,
    identityHeader,
    issueToken: (ttlSeconds = 3600) => issue(ttlSeconds, COGNITIVE_SERVICES_RESOURCE).token,
    issueManagementToken: (ttlSeconds = 3600) => issue(ttlSeconds, MANAGEMENT_RESOURCE).token,
    management,
    revokeTokens: () => tokens.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
