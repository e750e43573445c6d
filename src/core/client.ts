// AzureOpenAIMediaClient: the five audio and image operations of the Azure OpenAI data plane, plus the download of
// a dall-e-3 result URL. Validation runs before anything is sent; HTTP concerns live in http.ts.
import { pipeline } from 'node:stream/promises';
import type { Dispatcher } from 'undici';
import type { AuthProvider } from './auth';
import { DEFAULT_API_VERSION, normalizeEndpoint, operationUrl } from './endpoint';
import { MediaApiError } from './errors';
import { msg } from './messages';
import { HttpClient, type HttpResponse, type RequestBody } from './http';
import { askedOf, readAll, readImages, readImageStream, readTranscript, readTranscriptStream, type Asked } from './answers';
import { apiSurface, fieldFor, fieldSpecs, OPERATION_SPECS, type ApiSurface, type OperationId } from './catalog';
import { createMultipartBody, formParts, type FieldValue, type MultipartPart } from './multipart';
import { listLegacyDeployments, listResourceModels } from './discovery/dataPlane';
import type { DeploymentInfo, ServiceLifecycle } from './discovery/types';
import {
  nullLogger,
  type CallOptions,
  type ImageCallOptions,
  type ImageEditRequest,
  type ImageGenerationRequest,
  type ImagesResult,
  type Logger,
  type SpeechRequest,
  type SpeechResult,
  type TranscriptionCallOptions,
  type TranscriptionRequest,
  type TranscriptResult,
  type TranslationRequest,
} from './types';
import {
  validateImageEdit,
  validateImageGeneration,
  validateSpeech,
  validateTranscription,
  validateTranslation,
} from './validation';

export type { AuthProvider } from './auth';
export { DEFAULT_SCOPE } from './auth';
export { DEFAULT_API_VERSION, V1_API_VERSION, isV1Route, normalizeEndpoint, operationUrl } from './endpoint';

export interface ClientOptions {
  endpoint: string;
  /** Default '2025-04-01-preview'; 'v1' selects the v1 route (`/openai/v1/…`, the deployment as `model`). */
  apiVersion?: string;
  auth: AuthProvider;
  logger?: Logger;
  /** Retries after the first attempt (408, 429, 5xx, connection errors). Default 2. */
  maxRetries?: number;
  /** Per attempt, from sending to the last byte of the answer. Default 600000 (10 min: image jobs are slow). */
  timeoutMs?: number;
  /** The longest wait between attempts; a longer `Retry-After` is not waited out. Default 60000. */
  maxRetryDelayMs?: number;
  /** Extra headers for API gateways. They never replace the auth header. */
  headers?: Record<string, string>;
  /** An undici dispatcher (a ProxyAgent, for instance). */
  dispatcher?: Dispatcher;
  /** Fields a deployment refused before (`stream`…): left out from the first attempt, so one upload per file. */
  refusals?: FieldRefusals;
}

/** What the caller remembers of a deployment's refusals (per endpoint, deployment and model version; services keep it). */
export interface FieldRefusals {
  refused(deployment: string, field: string): boolean;
  /** Called once a deployment refused `field`; the keeper logs it once. */
  remember(deployment: string, field: string): void;
}

const MAX_DOWNLOAD_BYTES = 64 * 1024 * 1024;

/** Sent only in the streaming attempt of an image request (its fallback drops them). */
const STREAM_FIELDS = ['stream', 'partial_images'];

/**
 * The request's options under their wire names, from the catalog: what validation accepted goes out as it is, an
 * empty text or list is left out (the service's default applies).
 */
export function wireFields(operation: OperationId, req: object, leaveOut: readonly string[] = []): Record<string,
  FieldValue | FieldValue[]> {
  const values = req as Record<string, unknown>;
  const out: Record<string, FieldValue | FieldValue[]> = {};
  for (const field of fieldSpecs(operation)) {
    const value = values[field.key];
    if (value === undefined || value === '' || leaveOut.includes(field.key)) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[field.wire] = value as FieldValue | FieldValue[];
  }
  return out;
}

/** True when a 400 says the deployment (or api-version) does not take `stream` / `partial_images`. */
export function rejectsStreaming(err: unknown): boolean {
  return (
    MediaApiError.is(err) &&
    err.status === 400 &&
    (err.code === 'badRequest' || err.code === 'apiVersion') &&
    (err.field === 'stream' || err.field === 'partial_images' || /\bstream|partial_images/i.test(err.message))
  );
}

export class AzureOpenAIMediaClient {
  private readonly http: HttpClient;
  private readonly apiVersion: string;
  private readonly surface: ApiSurface;
  private readonly logger: Logger;

  constructor(private readonly options: ClientOptions) {
    this.apiVersion = options.apiVersion?.trim() || DEFAULT_API_VERSION;
    this.surface = apiSurface(this.apiVersion);
    this.logger = options.logger ?? nullLogger;
    this.http = new HttpClient({
      logger: this.logger,
      maxRetries: Math.max(0, options.maxRetries ?? 2),
      timeoutMs: Math.max(1, options.timeoutMs ?? 600_000),
      maxRetryDelayMs: Math.max(0, options.maxRetryDelayMs ?? 60_000),
      headers: Object.fromEntries(
        Object.entries(options.headers ?? {})
          .filter(([name]) => !['api-key', 'authorization'].includes(name.toLowerCase()))
          .map(([name, value]) => [name.toLowerCase(), value]),
      ),
      dispatcher: options.dispatcher,
    });
  }

  /** The normalised endpoint (throws a `validation` error naming azureOpenAIMedia.endpoint when it is unusable). */
  get endpoint(): string {
    return normalizeEndpoint(this.options.endpoint);
  }

  async transcribe(req: TranscriptionRequest, opts: TranscriptionCallOptions = {}): Promise<TranscriptResult> {
    await validateTranscription(req, this.surface);
    const file: MultipartPart[] = [{ name: 'file', file: req.file }];
    const fields = { model: this.wireModel(req), ...wireFields('transcription', req, ['stream']) };
    const plain = this.multipart(formParts(fields, file));
    const format = req.response_format ?? 'json';
    // whisper-1 would ignore `stream`: the catalog leaves it out for models that do not stream.
    if (!req.stream || !fieldFor('transcription', req.model, 'stream', this.surface).supported ||
      this.options.refusals?.refused(req.deployment, 'stream')) {
      return readTranscript(await this.post('transcription', req.deployment, plain, opts.signal), format);
    }
    let res: HttpResponse;
    try {
      const streaming = this.multipart(formParts({ ...fields, stream: true }, file));
      res = await this.post('transcription', req.deployment, streaming, opts.signal, { accept: 'text/event-stream' });
    } catch (err) {
      if (!rejectsStreaming(err)) throw err;
      const said = (err as MediaApiError).message.slice(0, 200);
      this.logger.warn(`transcriptions: deployment "${req.deployment}" rejected streaming (${said}); ` +
        'sending the request once more without stream.');
      this.options.refusals?.remember(req.deployment, 'stream');
      return readTranscript(await this.post('transcription', req.deployment, plain, opts.signal), format);
    }
    if (!res.contentType.includes('text/event-stream')) return readTranscript(res, format);
    return readTranscriptStream(res, format, opts, this.logger);
  }

  async translate(req: TranslationRequest, opts: CallOptions = {}): Promise<TranscriptResult> {
    await validateTranslation(req, this.surface);
    const parts = formParts(
      // The deployments route takes no model for translations; v1 needs the deployment there.
      { model: this.surface === 'v1' ? req.deployment : undefined, ...wireFields('translation', req) },
      [{ name: 'file', file: req.file }]);
    const res = await this.post('translation', req.deployment, this.multipart(parts), opts.signal);
    return readTranscript(res, req.response_format ?? 'json');
  }

  async speak(req: SpeechRequest, destination: NodeJS.WritableStream, opts: CallOptions = {}): Promise<SpeechResult> {
    validateSpeech(req, this.surface);
    const body = JSON.stringify({ model: this.wireModel(req), input: req.input, ...wireFields('speech', req) });
    const res = await this.post('speech', req.deployment, this.json(body), opts.signal, {
      accept: 'application/octet-stream',
    });
    if (/^(application\/(problem\+)?json|text\/html)\b/.test(res.contentType)) {
      // A 200 that is not audio (a proxy's page, a broken answer) must not be saved as the audio file.
      await res.body.dump().catch(() => undefined);
      res.done();
      throw new MediaApiError('badResponse', msg('client.notAudio', { contentType: res.contentType }),
        { status: res.status, requestId: res.requestId });
    }
    let bytes = 0;
    try {
      await pipeline(
        res.body,
        async function* count(source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            bytes += chunk.length;
            // 4,096 characters of speech are minutes of audio (~15 MB as WAV): an endless answer must not fill the disk.
            if (bytes > MAX_DOWNLOAD_BYTES) {
              throw new MediaApiError('badResponse', msg('client.answerTooLarge', { size: `${MAX_DOWNLOAD_BYTES / 1048576} MB` }),
                { requestId: res.requestId });
            }
            yield chunk;
          }
        },
        destination,
      );
    } catch (err) {
      throw res.mapError(err);
    } finally {
      res.done();
    }
    this.logger.info(`speech: ${bytes} bytes of ${res.contentType || 'audio'} written`);
    return { bytes, contentType: res.contentType || 'application/octet-stream', requestId: res.requestId };
  }

  async generateImages(req: ImageGenerationRequest, opts: ImageCallOptions = {}): Promise<ImagesResult> {
    validateImageGeneration(req, this.surface);
    const fields = { model: this.wireModel(req), prompt: req.prompt, ...wireFields('imageGeneration', req, STREAM_FIELDS) };
    const plain = this.json(JSON.stringify(fields));
    if (!req.stream) {
      return readImages(await this.post('imageGeneration', req.deployment, plain, opts.signal), askedOf(req));
    }
    const streaming = this.json(JSON.stringify({ ...fields, stream: true, partial_images: req.partial_images }));
    return this.imagesWithFallback('imageGeneration', req.deployment, streaming, plain, 'image_generation', opts, askedOf(req));
  }

  async editImages(req: ImageEditRequest, opts: ImageCallOptions = {}): Promise<ImagesResult> {
    await validateImageEdit(req, this.surface);
    const files: MultipartPart[] = req.images.map((file) => ({ name: req.images.length > 1 ? 'image[]' : 'image', file }));
    if (req.mask) files.push({ name: 'mask', file: req.mask });
    const fields = { model: this.wireModel(req), prompt: req.prompt, ...wireFields('imageEdit', req, STREAM_FIELDS) };
    const plain = this.multipart(formParts(fields, files));
    if (!req.stream) {
      return readImages(await this.post('imageEdit', req.deployment, plain, opts.signal), askedOf(req));
    }
    const streaming = this.multipart(formParts({ ...fields, stream: true, partial_images: req.partial_images }, files));
    return this.imagesWithFallback('imageEdit', req.deployment, streaming, plain, 'image_edit', opts, askedOf(req));
  }

  async downloadImage(url: string, opts: CallOptions = {}): Promise<Uint8Array> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new MediaApiError('validation', msg('client.badUrl'), { field: 'url' });
    }
    const local = ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
    if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && local)) {
      throw new MediaApiError('validation', msg('client.httpsOnly'), { field: 'url' });
    }
    let res: HttpResponse;
    try {
      res = await this.http.send({
        method: 'GET',
        url: parsed.toString(),
        headers: { accept: 'image/*' },
        followRedirects: true,
        signal: opts.signal,
        context: {},
        label: 'image download',
      });
    } catch (err) {
      // dall-e-3 result URLs expire (after 24 hours on Azure); the storage answers 403 or 404 then.
      if (MediaApiError.is(err) && (err.status === 403 || err.status === 404 || err.status === 410)) {
        throw new MediaApiError('badResponse', msg('client.urlExpired', { status: err.status }),
          { status: err.status, requestId: err.requestId, cause: err });
      }
      throw err;
    }
    const bytes = await readAll(res, MAX_DOWNLOAD_BYTES);
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** The resource's deployments and their models where the data plane still lists them (else undefined). */
  listDeployments(signal?: AbortSignal): Promise<DeploymentInfo[] | undefined> {
    return listLegacyDeployments(this.http, this.options.endpoint, this.options.auth, signal);
  }

  /** The models the resource can use, with the service's lifecycles. */
  listModels(signal?: AbortSignal): Promise<ServiceLifecycle[]> {
    return listResourceModels(this.http, this.options.endpoint, this.options.auth, signal);
  }

  // ---- internals ----

  /** The body's `model`: the deployment name on the v1 route (it routes the request), else the model's name. */
  private wireModel(req: { deployment: string; model?: string }): string | undefined {
    return this.surface === 'v1' ? req.deployment : req.model;
  }

  private multipart(parts: MultipartPart[]): () => Promise<RequestBody> {
    return async () => {
      try {
        return await createMultipartBody(parts);
      } catch (err) {
        const part = parts.find((p) => p.file);
        const name = part?.file?.name ?? msg('client.aFile');
        throw new MediaApiError('validation', msg('client.uploadOpen', { name, reason: err instanceof Error ? err.message : String(err) }),
          { field: part?.name.replace('[]', ''), cause: err });
      }
    };
  }

  private json(body: string): () => Promise<RequestBody> {
    return () => Promise.resolve({ body, headers: { 'content-type': 'application/json' } });
  }

  private post(
    operation: OperationId,
    deployment: string,
    body: () => Promise<RequestBody>,
    signal: AbortSignal | undefined,
    headers: Record<string, string> = { accept: 'application/json' },
  ): Promise<HttpResponse> {
    return this.http.send({
      method: 'POST',
      url: operationUrl(this.options.endpoint, deployment, OPERATION_SPECS[operation].path, this.apiVersion),
      headers,
      body,
      auth: this.options.auth,
      signal,
      context: { operation, deployment, apiVersion: this.apiVersion },
      label: OPERATION_SPECS[operation].path.replace(/^.*\//, ''),
    });
  }

  private async imagesWithFallback(
    operation: 'imageGeneration' | 'imageEdit',
    deployment: string,
    streaming: () => Promise<RequestBody>,
    plain: () => Promise<RequestBody>,
    eventPrefix: 'image_generation' | 'image_edit',
    opts: ImageCallOptions,
    asked: Asked,
  ): Promise<ImagesResult> {
    if (this.options.refusals?.refused(deployment, 'stream')) {
      return readImages(await this.post(operation, deployment, plain, opts.signal), asked);
    }
    let res: HttpResponse;
    try {
      res = await this.post(operation, deployment, streaming, opts.signal, { accept: 'text/event-stream' });
    } catch (err) {
      if (!rejectsStreaming(err)) throw err;
      this.options.refusals?.remember(deployment, 'stream');
      this.logger.warn(`${OPERATION_SPECS[operation].path.slice(7)}: deployment "${deployment}" rejected streaming ` +
        `(${(err as MediaApiError).message.slice(0, 200)}); sending the request once more without stream.`);
      return readImages(await this.post(operation, deployment, plain, opts.signal), asked);
    }
    if (!res.contentType.includes('text/event-stream')) return readImages(res, asked);
    return readImageStream(res, eventPrefix, opts, this.logger, asked);
  }

}
