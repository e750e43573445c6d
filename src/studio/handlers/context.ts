// What every tab's handler gets from the panel, and the shape of a handler: a request's handler returns the answer
// its type is paired with in ./protocol.ts `Answers` (the panel posts it), so a handler cannot answer the wrong type.

import type * as vscode from 'vscode';
import type { ConfigurationService } from '../../services/configuration';
import type { Destinations } from '../../services/destination';
import type { HistoryStore } from '../../services/history';
import type { Log } from '../../services/log';
import type { MediaService } from '../../services/mediaService';
import type { WorkspaceOutput } from '../../services/output';
import type { Answers, HostToWebview, RequestType, StudioNotice, StudioRequest } from '../../shared/protocol';

/** What the Studio needs from the extension; extension.ts passes the instances it composed. */
export interface StudioServices {
  media: MediaService;
  history: HistoryStore;
  config: ConfigurationService;
  output: WorkspaceOutput;
  /** Where outputs go: the Studio's folder in a window of several is asked once (and shown in the title). */
  places: Destinations;
  log: Log;
}

export interface StudioContext {
  readonly services: StudioServices;
  readonly webview: vscode.Webview;
  /** The panel's column, to open files beside it. */
  readonly viewColumn: vscode.ViewColumn | undefined;
  /** Folders the page may load from by webview URI; other files go to it as bytes. */
  roots(): readonly vscode.Uri[];
  /** The text editor the user was in last, for "Insert at Cursor". */
  lastEditor(): vscode.TextEditor | undefined;
  /** Progress and partial images on the way to an answer. */
  post(message: HostToWebview): void;
  /** How many pages have said ready so far: a new one has missed the notes posted before it (only answers are kept). */
  pageCount(): number;
}

export type RequestOf<T extends RequestType> = Extract<StudioRequest, { type: T }>;
export type RequestHandler<T extends RequestType> = (m: RequestOf<T>, ctx: StudioContext, signal: AbortSignal) => Promise<Answers[T]>;
export type RequestHandlers = { [T in RequestType]: RequestHandler<T> };

export type NoticeType = Exclude<StudioNotice['type'], 'ready' | 'cancel'>;
export type NoticeHandlers = { [T in NoticeType]: (m: Extract<StudioNotice, { type: T }>, ctx: StudioContext) => Promise<void> };
