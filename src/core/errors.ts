// Typed errors: callers branch on `code` through the guards below, never on message text.
import { english, type Message, type MessageArg, type MessageId } from './messages';

export type MediaErrorCode =
  | 'validation' // rejected before anything was sent
  | 'auth' // 401: the key or the token is wrong
  | 'forbidden' // 403: the identity lacks a role on the resource
  | 'deploymentNotFound' // 404 DeploymentNotFound
  | 'apiVersion' // the api-version is not supported
  | 'contentFilter' // refused by Azure's content filter
  | 'tooLarge' // 413
  | 'rateLimited' // 429 after the retries ran out
  | 'badRequest' // any other 400
  | 'server' // 5xx after the retries ran out
  | 'network' // connection refused or reset, DNS failure
  | 'timeout' // the per-request timeout elapsed
  | 'cancelled' // the caller aborted
  | 'badResponse'; // the service answered with something unparseable

/** Which setting a user should change to fix the error, when one is to blame. */
export type SettingHint = 'endpoint' | 'apiVersion' | 'deployment' | 'apiKey' | 'entraId' | 'workspaceTrust';

const BRAND = Symbol.for('azure-openai-media.MediaApiError');

export class MediaApiError extends Error {
  readonly code: MediaErrorCode;
  readonly status?: number;
  /** `apim-request-id` or `x-request-id`, for the log and for Azure support. */
  readonly requestId?: string;
  /** The service's own error code (`DeploymentNotFound`, `content_filter`, …). */
  readonly serviceCode?: string;
  readonly setting?: SettingHint;
  /** Content-filter categories that tripped (`hate`, `violence`, `jailbreak`, …). */
  readonly categories?: string[];
  /** The request field at fault, for validation errors. */
  readonly field?: string;
  /** For 429: how long the service asked us to wait, in milliseconds. */
  readonly retryAfterMs?: number;
  /** The service's own words (its `error.message`, or the start of a body that was not JSON), apart from ours. */
  readonly serviceMessage?: string;
  /** Our own sentence: what went wrong and what to change, without the service's words (`message` has both). */
  readonly summary: string;
  /** Which part of a long recording or text failed ("Part 2 of 5 (00:24:00–00:48:00)"), in English. */
  readonly part?: string;
  /** The same as a message, for the boundary to put into the display language. */
  readonly partText?: Message;
  /** The id of our sentence (`summary`) and its arguments, for the boundary to put into the display language. */
  readonly messageId?: MessageId;
  readonly args?: Readonly<Record<string, MessageArg>>;

  /**
   * `message` is our own sentence; with `serviceMessage` the full `message` becomes
   * "<ours> The service said: <theirs>", while `summary` and `serviceMessage` keep the two apart for whoever shows
   * them (callers read these fields, never split the text).
   */
  constructor(
    code: MediaErrorCode,
    text: string | Message,
    details: {
      status?: number;
      requestId?: string;
      serviceCode?: string;
      setting?: SettingHint;
      categories?: string[];
      field?: string;
      retryAfterMs?: number;
      serviceMessage?: string;
      part?: string | Message;
      cause?: unknown;
    } = {},
  ) {
    const message = typeof text === 'string' ? text : english(text);
    const full = details.serviceMessage ? `${message} The service said: ${details.serviceMessage}` : message;
    super(full, details.cause === undefined ? undefined : { cause: details.cause });
    this.summary = message;
    this.serviceMessage = details.serviceMessage;
    this.name = 'MediaApiError';
    this.code = code;
    this.status = details.status;
    this.requestId = details.requestId;
    this.serviceCode = details.serviceCode;
    this.setting = details.setting;
    this.categories = details.categories;
    this.field = details.field;
    this.retryAfterMs = details.retryAfterMs;
    if (details.part !== undefined) {
      this.part = typeof details.part === 'string' ? details.part : english(details.part);
      if (typeof details.part !== 'string') this.partText = details.part;
    }
    if (typeof text !== 'string') {
      this.messageId = text.id;
      this.args = text.args;
    }
  }

  /** Our sentence as a message, when it was made from one (errors built from a plain string have none). */
  get text(): Message | undefined {
    return this.messageId ? { id: this.messageId, args: this.args ?? {} } : undefined;
  }

  /** Marks every instance, so that `is` holds across bundles (dist/extension.js and dist/media.js each have a copy). */
  readonly [BRAND] = true;

  static is(value: unknown, code?: MediaErrorCode): value is MediaApiError {
    return (
      typeof value === 'object' && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true &&
      (code === undefined || (value as MediaApiError).code === code)
    );
  }
}

export function isCancelled(value: unknown): boolean {
  return MediaApiError.is(value, 'cancelled');
}

export function validationError(field: string, text: Message): MediaApiError {
  return new MediaApiError('validation', text, { field });
}
