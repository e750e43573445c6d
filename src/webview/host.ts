// The page's side of the protocol: the one `acquireVsCodeApi()` handle, typed posting, request ids, and the
// per-request handlers that the host's answers are routed to.

import type { HostToWebview, WebviewToHost } from '../studio/protocol';

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

/** Answers to one request; `end` is called once with the final message (result, error or done). */
export type Answer = Exclude<HostToWebview, { type: 'init' | 'config' | 'history' }>;
type Handler = (message: Answer) => void;
const handlers = new Map<string, Handler>();

/** Sends a request and routes every answer carrying its id to `onAnswer` until a final one arrives. */
export function request<M extends WebviewToHost & { requestId: string }>(message: M, onAnswer: Handler): string {
  handlers.set(message.requestId, onAnswer);
  post(message);
  return message.requestId;
}

/** Routes answers to a request sent by an earlier page (the id came back from the saved state). */
export function listen(requestId: string, onAnswer: Handler): void {
  handlers.set(requestId, onAnswer);
}

const FINAL = new Set(['file', 'transcript', 'speech', 'images', 'preview', 'done', 'error']);

export function routeAnswer(message: Answer): boolean {
  const id = 'requestId' in message ? message.requestId : undefined;
  if (!id) return false;
  const handler = handlers.get(id);
  if (!handler) return false;
  if (FINAL.has(message.type)) handlers.delete(id);
  handler(message);
  return true;
}

export function forget(requestId: string): void {
  handlers.delete(requestId);
}
