// The page's side of the protocol: the one `acquireVsCodeApi()` handle, typed posting, request ids, and the
// per-request handlers that the host's answers are routed to.

import { isFinalAnswer, type AnswerTo, type RequestMessage, type RequestType, type StudioRequest,
  type WebviewToHost } from '../shared/protocol';

interface VsCodeApi<S> {
  postMessage(message: WebviewToHost): void;
  getState(): S | undefined;
  setState(state: S): void;
}
declare function acquireVsCodeApi<S>(): VsCodeApi<S>;

const api = acquireVsCodeApi<unknown>();

export function post(message: WebviewToHost): void {
  api.postMessage(message);
}

export function loadState<S>(): S | undefined {
  return api.getState() as S | undefined;
}

let saveTimer: number | undefined;
/**
 * Saves the UI state within 100 ms, however fast the changes come (a throttle, not a debounce that typing could
 * postpone forever): a hidden panel's page is torn down at once, and what was not saved is gone. `now` saves at once.
 */
export function saveState<S>(state: S, now = false): void {
  if (now) {
    if (saveTimer !== undefined) clearTimeout(saveTimer);
    saveTimer = undefined;
    api.setState(state);
    return;
  }
  if (saveTimer !== undefined) return;
  saveTimer = window.setTimeout(() => {
    saveTimer = undefined;
    api.setState(state);
  }, 100);
}

let counter = 0;
export function newRequestId(prefix: string): string {
  counter += 1;
  const random = Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, '0')).join('');
  return `${prefix}-${counter}-${random}`;
}

export type Answer = RequestMessage;
type Handler = (message: RequestMessage) => void;
const handlers = new Map<string, Handler>();

/**
 * Sends a request and routes every message carrying its id (progress, partial images, then its answer) to
 * `onMessage`; the answer's type is the one the protocol pairs with the request (or an error).
 */
export function request<T extends RequestType>(message: Extract<StudioRequest, { type: T }>, onMessage: (m: RequestMessage<T>)
  => void): string {
  handlers.set(message.requestId, onMessage as Handler);
  post(message);
  return message.requestId;
}

/** Sends a request and awaits its answer. */
export function ask<T extends RequestType>(message: Extract<StudioRequest, { type: T }>): Promise<AnswerTo<T>> {
  return new Promise((resolve) => {
    request(message, (m) => {
      if (isFinalAnswer(m)) resolve(m);
    });
  });
}

/** Routes answers to a request sent by an earlier page (the id came back from the saved state). */
export function listen(requestId: string, onMessage: Handler): void {
  handlers.set(requestId, onMessage);
}

/** Hands a message to the request it answers; false when no request of this page waits for it. */
export function routeAnswer(message: RequestMessage): boolean {
  const id = message.requestId;
  if (!id) return false;
  const handler = handlers.get(id);
  if (!handler) return false;
  if (isFinalAnswer(message)) handlers.delete(id);
  handler(message);
  return true;
}

export function forget(requestId: string): void {
  handlers.delete(requestId);
}
