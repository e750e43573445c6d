// The Studio panel's host side: its lifecycle (one webview panel, revived after a reload by src/extension.ts's serializer) and its
// messaging. Each message from the page is checked (./validate.ts) against the same catalog descriptions the page drew
// its forms from, then handed to its tab's handler (./handlers/); a request's handler returns the answer paired with
// it, which this file delivers, or keeps for the `init` of the next page when no page is there to take it.

import * as vscode from 'vscode';
import { STUDIO_VIEW_TYPE } from '../shared/commandIds';
import { capabilitiesFor, defaultsFor, fieldsOf } from './capabilities';
import { errorView } from './errors';
import { audioHandlers } from './handlers/audio';
import type { NoticeHandlers, RequestHandler, RequestHandlers, StudioContext, StudioServices } from './handlers/context';
import { costRequests, costTotal } from './handlers/cost';
import { editRequests } from './handlers/edit';
import { fileNotices, fileRequests } from './handlers/files';
import { historyItems, historyRequests } from './handlers/history';
import { imageRequests } from './handlers/images';
import { speechRequests } from './handlers/speech';
import { resourceRoots, studioHtml, webviewOptions } from './page';
import {
  isFinalAnswer, type FinalAnswer, type HostToWebview, type RequestType, type StudioRequest, type WebviewToHost,
} from '../shared/protocol';
import { messageValidator, parseWebviewMessage } from './validate';

export type { StudioServices } from './handlers/context';
export { escapeHtml, studioHtml } from './page';

/** Answers kept for a page that is not there, at most. */
const KEPT_ANSWERS = 20;

export class StudioPanel implements vscode.Disposable {
  private static current: StudioPanel | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  private readonly running = new Map<string, AbortController>();
  private ready = false;
  /** Closed: the panel's webview throws "Webview is disposed" on any use, so nothing touches it any more. */
  private disposed = false;
  /** Pages that said ready (StudioContext.pageCount). */
  private pages = 0;
  /** Final answers that found no page (it was hidden, so VS Code dropped them, or it was reloading), by request id. */
  private readonly undelivered = new Map<string, FinalAnswer>();
  private lastEditor: vscode.TextEditor | undefined = vscode.window.activeTextEditor;
  private roots: vscode.Uri[] = [];
  private readonly requests: RequestHandlers;
  private readonly notices: NoticeHandlers;
  private readonly ctx: StudioContext;
  /** Checks messages against the fields of the models configured now; rebuilt when the settings change. */
  private validate: (raw: unknown) => WebviewToHost;

  /** Opens the Studio, or brings the open one to the front. */
  static createOrShow(extensionUri: vscode.Uri, services: StudioServices): StudioPanel {
    const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.One;
    if (StudioPanel.current) {
      StudioPanel.current.panel.reveal(column);
      return StudioPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(
      STUDIO_VIEW_TYPE,
      studioTitle(undefined),
      column,
      webviewOptions(extensionUri, services),
    );
    StudioPanel.current = new StudioPanel(panel, extensionUri, services);
    return StudioPanel.current;
  }

  /** Takes over a panel VS Code restored after a reload. */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, services: StudioServices): StudioPanel {
    StudioPanel.current?.dispose();
    panel.webview.options = webviewOptions(extensionUri, services);
    StudioPanel.current = new StudioPanel(panel, extensionUri, services);
    return StudioPanel.current;
  }

  /** The open Studio, if any (tests and commands). */
  static get instance(): StudioPanel | undefined {
    return StudioPanel.current;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly services: StudioServices,
  ) {
    this.roots = resourceRoots(extensionUri, services);
    this.validate = messageValidator(fieldsOf(capabilitiesFor(services.config.value)));
    const audio = audioHandlers();
    this.requests = { ...fileRequests, ...audio.requests, ...speechRequests, ...imageRequests, ...editRequests, ...historyRequests,
      ...costRequests };
    this.notices = {
      ...fileNotices,
      ...audio.notices,
      openSettings: async (m) => {
        await vscode.commands.executeCommand('workbench.action.openSettings', m.query.startsWith('azureOpenAIMedia') ? m.query
          : 'azureOpenAIMedia');
      },
    };
    this.ctx = {
      services,
      webview: panel.webview,
      get viewColumn() {
        return panel.viewColumn;
      },
      roots: () => this.roots,
      lastEditor: () => this.lastEditor,
      post: (message) => this.post(message),
      pageCount: () => this.pages,
    };
    panel.iconPath = {
      light: vscode.Uri.joinPath(extensionUri, 'media', 'studio-light.svg'),
      dark: vscode.Uri.joinPath(extensionUri, 'media', 'studio-dark.svg'),
    };
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState(() => {
        // A hidden webview without retainContextWhenHidden is torn down: hold answers until it says ready again.
        if (!panel.visible) this.ready = false;
      }),
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.onMessage(raw)),
      services.history.onDidChange(() => void this.sendHistory()),
      services.config.onDidChange(() => void this.onConfigChanged()),
      services.places.onDidChooseFolder(() => void this.showFolder()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        void this.showFolder();
        void this.onConfigChanged();
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor) this.lastEditor = editor;
      }),
    );
    this.render();
    void this.showFolder();
  }

  /** The title names the folder the Studio's outputs go to when the window has several. */
  private async showFolder(): Promise<void> {
    const several = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
    const title = studioTitle(several ? await this.services.places.windowFolder() : undefined);
    if (!this.disposed) this.panel.title = title;
  }

  /** Pages that said ready so far (the integration tests wait for the first). */
  get pageCount(): number {
    return this.pages;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (StudioPanel.current === this) StudioPanel.current = undefined;
    for (const controller of this.running.values()) controller.abort();
    this.running.clear();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }

  private render(): void {
    this.ready = false;
    this.panel.webview.html = studioHtml(this.panel.webview, this.extensionUri);
  }

  private async onConfigChanged(): Promise<void> {
    // The forms of the models the deployments run (services/mediaService.ts `settings`), as a run sends them.
    const cfg = await this.services.media.settings();
    if (this.disposed) return;
    const capabilities = capabilitiesFor(cfg);
    this.validate = messageValidator(fieldsOf(capabilities));
    const roots = resourceRoots(this.extensionUri, this.services);
    if (roots.map(String).join('\n') !== this.roots.map(String).join('\n')) {
      // A new output folder: the page must be allowed to load from it. Setting the options reloads the page, which
      // restores itself from its saved state.
      this.roots = roots;
      this.panel.webview.options = webviewOptions(this.extensionUri, this.services);
      this.render();
      return;
    }
    this.post({ type: 'config', capabilities, defaults: defaultsFor(cfg, capabilities) });
  }

  private post(message: HostToWebview): void {
    // Closed while an answer or the history was being prepared: there is no page left to tell.
    if (this.disposed) return;
    if (!this.ready && message.type !== 'init') {
      if (isFinalAnswer(message)) this.keep(message);
      return;
    }
    void this.panel.webview.postMessage(message).then((delivered) => {
      if (delivered) return;
      if (isFinalAnswer(message)) this.keep(message);
      else if (message.type === 'init') for (const answer of message.answers) this.keep(answer);
    });
  }

  private keep(answer: FinalAnswer & { requestId?: string }): void {
    if (!answer.requestId) return;
    this.undelivered.set(answer.requestId, answer);
    while (this.undelivered.size > KEPT_ANSWERS) this.undelivered.delete(this.undelivered.keys().next().value as string);
  }

  /** The page (new, reloaded or shown again) is ready: everything it needs, with the answers it missed, in one message. */
  private async init(): Promise<void> {
    const cfg = await this.services.media.settings();
    const capabilities = capabilitiesFor(cfg);
    this.validate = messageValidator(fieldsOf(capabilities));
    const history = await historyItems(this.ctx);
    const answers = [...this.undelivered.values()];
    this.undelivered.clear();
    this.post({
      type: 'init',
      capabilities,
      defaults: defaultsFor(cfg, capabilities),
      history,
      costTotal: costTotal(history),
      running: [...this.running.keys()],
      answers,
      l10n: vscode.l10n.bundle,
    });
    this.ready = true;
    this.pages++;
  }

  // Messages from the page: nothing is acted on before the validator accepted it.
  private async onMessage(raw: unknown): Promise<void> {
    const parsed = parseWebviewMessage(raw, this.validate);
    if (!parsed.ok) {
      this.services.log.warn(`Studio: refused a message from the page (${parsed.error}).`);
      // A request the page waits on is told; its own id is all that is taken from a refused message.
      if (parsed.requestId) {
        this.post({ type: 'error', requestId: parsed.requestId, error: { code: 'user', message: vscode.l10n.t(
          'The Studio refused this request: {0}', parsed.error) } });
      }
      return;
    }
    const m = parsed.message;
    try {
      if (m.type === 'ready') return await this.init();
      if (m.type === 'cancel') return this.running.get(m.requestId)?.abort();
      if ('requestId' in m) return await this.request(m);
      await (this.notices[m.type] as (m: WebviewToHost, ctx: StudioContext) => Promise<void>)(m, this.ctx);
    } catch (err) {
      this.reportError('requestId' in m ? m.requestId : undefined, err);
    }
  }

  /** Runs a request with its own AbortController (the page's Cancel) and delivers its answer or its failure. */
  private async request(m: StudioRequest): Promise<void> {
    this.running.get(m.requestId)?.abort();
    const controller = new AbortController();
    this.running.set(m.requestId, controller);
    try {
      const handler = this.requests[m.type] as RequestHandler<RequestType>;
      this.post(await handler(m, this.ctx, controller.signal));
    } catch (err) {
      this.reportError(m.requestId, err);
    } finally {
      if (this.running.get(m.requestId) === controller) this.running.delete(m.requestId);
    }
  }

  private reportError(requestId: string | undefined, err: unknown): void {
    const view = errorView(err);
    if (view.code !== 'cancelled') {
      this.services.log.error(
        `Studio: ${view.code}: ${err instanceof Error ? err.message : String(err)}${view.requestId ? ` (request ${view.requestId})` : ''}`,
      );
    }
    this.post({ type: 'error', requestId, error: view });
  }

  private async sendHistory(): Promise<void> {
    if (!this.ready) return;
    const items = await historyItems(this.ctx);
    this.post({ type: 'history', items, costTotal: costTotal(items) });
  }
}

/** "Azure OpenAI Studio", and in a window of several folders the one its outputs go to (or that it will ask). */
function studioTitle(folder: vscode.WorkspaceFolder | undefined): string {
  if (folder) return vscode.l10n.t('Azure OpenAI Studio: {0}', folder.name);
  return (vscode.workspace.workspaceFolders?.length ?? 0) > 1
    ? vscode.l10n.t('Azure OpenAI Studio: asks for a folder') : vscode.l10n.t('Azure OpenAI Studio');
}
