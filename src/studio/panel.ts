// The Studio panel's host side: one webview panel, restored after a reload by a serializer, speaking the typed
// protocol of ./protocol.ts with the page (src/webview/). Every request goes through the same MediaService and
// HistoryStore as the commands; the panel holds no client of its own.

import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { STUDIO_VIEW_TYPE } from '../commands/commandIds';
import { MediaApiError } from '../core/errors';
import { mimeTypeForName, readImageSize } from '../core/media';
import { uploadLimit } from '../core/catalog';
import { maskName } from '../core/naming';
import { settingId, type ConfigurationService } from '../services/configuration';
import type { HistoryStore } from '../services/history';
import type { Log } from '../services/log';
import type { MediaService, OutputRecord, PaintedMask } from '../services/mediaService';
import { workspaceRelative, type WorkspaceOutput } from '../services/output';
import { settingOfHint, UserError } from '../services/userError';
import type { ImagesResult, PartialImage, TranscriptResult, TranslationResponseFormat } from '../core/types';
import { capabilitiesFor, defaultsFor, IMAGE_EXTENSIONS, pcmToWav, PLAYABLE_SPEECH } from './capabilities';
import { paintsAnything, rasterizeMask, encodeMaskPng, maskCost, MASK_ROW_BUDGET } from './mask';
import { resolveRef } from './paths';
import {
  parseWebviewMessage,
  type ErrorView,
  type FileKind,
  type FileView,
  type HistoryItem,
  type HostToWebview,
  type ImageView,
  type OutputKind,
  type WebviewToHost,
} from './protocol';
import { renderTranscript, saveFormats, toView, TRANSCRIPT_EXTENSIONS } from './transcript';

/** What the Studio needs from the extension; extension.ts passes the instances it composed. */
export interface StudioServices {
  media: MediaService;
  history: HistoryStore;
  config: ConfigurationService;
  output: WorkspaceOutput;
  log: Log;
}

const AUDIO_FILE_EXTENSIONS = new Set(['flac', 'mp3', 'mp4', 'mpeg', 'mpga', 'm4a', 'ogg', 'wav', 'webm', 'opus', 'aac', 'pcm']);
const IMAGE_FILE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'webp', 'gif']);
const KEPT_TRANSCRIPTS = 20;

export class StudioPanel implements vscode.Disposable {
  private static current: StudioPanel | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  private readonly running = new Map<string, AbortController>();
  private readonly transcripts = new Map<string, { result: TranscriptResult; output: vscode.Uri }>();
  private ready = false;
  /**
   * Final answers that found no page (it was hidden, so VS Code dropped it, or it was reloading), by request id. The
   * page remembers its running request ids in its state and takes these when it says `ready` again.
   */
  private readonly undelivered = new Map<string, HostToWebview>();
  private lastEditor: vscode.TextEditor | undefined = vscode.window.activeTextEditor;
  private roots: vscode.Uri[] = [];

  /** Opens the Studio, or brings the open one to the front. */
  static createOrShow(extensionUri: vscode.Uri, services: StudioServices): StudioPanel {
    const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.One;
    if (StudioPanel.current) {
      StudioPanel.current.panel.reveal(column);
      return StudioPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(
      STUDIO_VIEW_TYPE,
      vscode.l10n.t('Azure OpenAI Studio'),
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
      services.config.onDidChange(() => this.onConfigChanged()),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor) this.lastEditor = editor;
      }),
    );
    this.render();
  }

  dispose(): void {
    if (StudioPanel.current === this) StudioPanel.current = undefined;
    for (const controller of this.running.values()) controller.abort();
    this.running.clear();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }

  // -------------------------------------------------------------------------------------------------------------
  // Rendering

  private render(): void {
    this.ready = false;
    this.panel.webview.html = studioHtml(this.panel.webview, this.extensionUri);
  }

  private onConfigChanged(): void {
    const roots = resourceRoots(this.extensionUri, this.services);
    if (roots.map(String).join('\n') !== this.roots.map(String).join('\n')) {
      // A new output folder: the page must be allowed to load from it. Setting the options reloads the page, which
      // restores itself from its saved state.
      this.roots = roots;
      this.panel.webview.options = webviewOptions(this.extensionUri, this.services);
      this.render();
      return;
    }
    const cfg = this.services.config.value;
    this.post({ type: 'config', capabilities: capabilitiesFor(cfg), defaults: defaultsFor(cfg) });
  }

  private post(message: HostToWebview): void {
    if (!this.ready && message.type !== 'init') {
      if (isFinal(message)) {
        this.undelivered.set(message.requestId, message);
        while (this.undelivered.size > 20) this.undelivered.delete(this.undelivered.keys().next().value as string);
      }
      return;
    }
    void this.panel.webview.postMessage(message).then((delivered) => {
      if (!delivered && isFinal(message)) this.undelivered.set(message.requestId, message);
    });
  }

  // -------------------------------------------------------------------------------------------------------------
  // Messages from the page: nothing is acted on before parseWebviewMessage accepted it.

  private async onMessage(raw: unknown): Promise<void> {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.services.log.warn(`Studio: refused a message from the page (${parsed.error}).`);
      return;
    }
    const message = parsed.message;
    try {
      await this.handle(message);
    } catch (err) {
      const requestId = 'requestId' in message ? message.requestId : undefined;
      this.reportError(requestId, err);
    }
  }

  private async handle(m: WebviewToHost): Promise<void> {
    switch (m.type) {
      case 'ready': {
        // `init` goes first; answers produced meanwhile wait in `undelivered` and follow it.
        const cfg = this.services.config.value;
        const history = await this.historyItems();
        this.post({
          type: 'init',
          capabilities: capabilitiesFor(cfg),
          defaults: defaultsFor(cfg),
          history,
          running: [...this.running.keys()],
          l10n: vscode.l10n.bundle,
        });
        this.ready = true;
        for (const [id, message] of this.undelivered) {
          this.undelivered.delete(id);
          this.post(message);
        }
        return;
      }
      case 'pickFile':
        return this.pickFile(m.requestId, m.kind);
      case 'resolveFile': {
        const uri = this.resolve(m.ref);
        this.checkKind(uri, m.kind);
        this.post({ type: 'file', requestId: m.requestId, file: await this.fileView(uri, m.kind, true) });
        return;
      }
      case 'transcribe':
        return this.run(m.requestId, (signal) => this.transcribe(m, signal));
      case 'speak':
        return this.run(m.requestId, (signal) => this.speak(m, signal));
      case 'generateImage':
        return this.run(m.requestId, async (signal) => {
          this.post({ type: 'progress', requestId: m.requestId, message: vscode.l10n.t('Generating…') });
          const { outputs, result } = await this.services.media.generateImages(m.prompt, m.options, {
            signal,
            onPartialImage: this.partialImagePoster(m.requestId),
          });
          await this.postImages(m.requestId, 'image', outputs, result);
        });
      case 'editImage':
        return this.run(m.requestId, (signal) => this.editImage(m, signal));
      case 'cancel':
        this.running.get(m.requestId)?.abort();
        return;
      case 'copyText':
        await vscode.env.clipboard.writeText(m.text);
        vscode.window.setStatusBarMessage(vscode.l10n.t('Copied to the clipboard.'), 3000);
        return;
      case 'insertText':
        return this.insertText(m.text);
      case 'saveTranscript':
        return this.saveTranscript(m.requestId, m.resultId, m.format);
      case 'saveCopy':
        return this.saveCopy(m.requestId, this.resolve(m.path));
      case 'openFile':
        await vscode.commands.executeCommand('vscode.open', this.resolve(m.path), {
          viewColumn: this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One,
          preview: false,
        });
        return;
      case 'revealFile':
        await vscode.commands.executeCommand('revealInExplorer', this.resolve(m.path));
        return;
      case 'loadPreview': {
        // Only media: the page never needs the bytes of a workspace's text files (keys, configuration…).
        const uri = this.resolve(m.path);
        const kind = kindOf(uri);
        if (kind === 'text') throw new UserError(vscode.l10n.t('Only images and audio can be previewed in the Studio.'));
        this.post({ type: 'preview', requestId: m.requestId, file: await this.fileView(uri, kind, true) });
        return;
      }
      case 'deleteRecord':
        return this.deleteRecord(m.requestId, m.id, m.deleteFile);
      case 'openSettings':
        await vscode.commands.executeCommand(
          'workbench.action.openSettings',
          m.query.startsWith('azureOpenAIMedia') ? m.query : 'azureOpenAIMedia',
        );
        return;
    }
  }

  /** Runs a request with its own AbortController (the page's Cancel) and reports its failure to the page. */
  private async run(requestId: string, work: (signal: AbortSignal) => Promise<void>): Promise<void> {
    this.running.get(requestId)?.abort();
    const controller = new AbortController();
    this.running.set(requestId, controller);
    try {
      await work(controller.signal);
    } catch (err) {
      this.reportError(requestId, err);
    } finally {
      if (this.running.get(requestId) === controller) this.running.delete(requestId);
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

  // -------------------------------------------------------------------------------------------------------------
  // Operations

  private async transcribe(m: Extract<WebviewToHost, { type: 'transcribe' }>, signal: AbortSignal): Promise<void> {
    const audio = this.resolve(m.file);
    this.checkKind(audio, 'audio');
    this.post({
      type: 'progress',
      requestId: m.requestId,
      message: m.task === 'translate' ? vscode.l10n.t('Translating…') : vscode.l10n.t('Transcribing…'),
    });
    const onProgress = (message: string) => this.post({ type: 'progress', requestId: m.requestId, message });
    const { result, output } =
      m.task === 'translate'
        ? await this.services.media.translate(
            audio,
            // A format translations do not have (diarized_json) is refused by validation with a clear message.
            { prompt: m.options.prompt, response_format: m.options.response_format as TranslationResponseFormat | undefined,
              temperature: m.options.temperature },
            { signal, onProgress },
          )
        : await this.services.media.transcribe(audio, m.options, { signal, onProgress });
    const resultId = randomBytes(8).toString('hex');
    this.transcripts.set(resultId, { result, output });
    while (this.transcripts.size > KEPT_TRANSCRIPTS) this.transcripts.delete(this.transcripts.keys().next().value as string);
    this.post({
      type: 'transcript',
      requestId: m.requestId,
      resultId,
      task: m.task,
      result: toView(result),
      output: workspaceRelative(output),
      saveFormats: saveFormats(result),
    });
  }

  private async speak(m: Extract<WebviewToHost, { type: 'speak' }>, signal: AbortSignal): Promise<void> {
    this.post({ type: 'progress', requestId: m.requestId, message: vscode.l10n.t('Synthesising speech…') });
    const onProgress = (message: string) => this.post({ type: 'progress', requestId: m.requestId, message });
    const { output, format } = await this.services.media.speak(m.text, m.options, { signal, onProgress });
    let view = await this.fileView(output, 'audio', false);
    if (format === 'pcm') {
      // Raw PCM has no header a player can read: hand the page the same samples as WAV (the file stays as asked).
      const pcm = await vscode.workspace.fs.readFile(output);
      view = { ...view, src: undefined, data: Buffer.from(pcmToWav(pcm)).toString('base64'), mime: 'audio/wav' };
    }
    this.post({ type: 'speech', requestId: m.requestId, output: view, format, playable: PLAYABLE_SPEECH[format] });
  }

  private async editImage(m: Extract<WebviewToHost, { type: 'editImage' }>, signal: AbortSignal): Promise<void> {
    const image = this.resolve(m.file);
    this.checkKind(image, 'image');
    let mask: vscode.Uri | PaintedMask | undefined;
    if (m.mask && m.mask.strokes.length) {
      const bytes = await vscode.workspace.fs.readFile(image);
      const size = readImageSize(bytes);
      if (!size) throw new UserError(vscode.l10n.t('Only PNG and JPEG images can be edited.'));
      if (size.width !== m.mask.width || size.height !== m.mask.height) {
        throw new UserError(
          vscode.l10n.t('The mask was painted at {0}×{1} but the image is {2}×{3}; reopen the image and paint again.',
            m.mask.width, m.mask.height, size.width, size.height),
        );
      }
      if (maskCost(m.mask.strokes, m.mask.height) > MASK_ROW_BUDGET) throw new UserError(vscode.l10n.t('The mask has too many strokes.'));
      const coverage = rasterizeMask(m.mask.width, m.mask.height, m.mask.strokes);
      if (paintsAnything(coverage)) {
        const png = encodeMaskPng(m.mask.width, m.mask.height, coverage);
        if (png.length > uploadLimit('imageEdit', 'mask')) throw new UserError(vscode.l10n.t('The mask is larger than 4 MB.'));
        // Sent from memory; the file is written beside the image only when the edit succeeds (nothing is left behind
        // by a failed or cancelled edit).
        mask = { name: maskName(basename(image)), data: png };
      }
    } else if (m.maskFile) {
      mask = this.resolve(m.maskFile);
      this.checkKind(mask, 'image');
    }
    this.post({ type: 'progress', requestId: m.requestId, message: vscode.l10n.t('Editing…') });
    const { outputs, result, mask: maskFile } = await this.services.media.editImage(image, mask, m.prompt, m.options, {
      signal,
      onPartialImage: this.partialImagePoster(m.requestId),
    });
    await this.postImages(m.requestId, 'imageEdit', outputs, result, maskFile);
  }

  /** Shows each partial image of a streamed generation or edit in the page as it arrives. */
  private partialImagePoster(requestId: string): (p: PartialImage) => void {
    return (p) => this.post({
      type: 'partialImage',
      requestId,
      index: p.partialImageIndex,
      b64: p.b64_json,
      mime: p.outputFormat === 'jpeg' ? 'image/jpeg' : p.outputFormat === 'webp' ? 'image/webp' : 'image/png',
    });
  }

  private async postImages(
    requestId: string,
    operation: 'image' | 'imageEdit',
    outputs: vscode.Uri[],
    result: ImagesResult,
    mask?: vscode.Uri,
  ): Promise<void> {
    const images: ImageView[] = [];
    for (let i = 0; i < outputs.length; i++) {
      images.push({ ...(await this.fileView(outputs[i], 'image', true)), revisedPrompt: result.data[i]?.revised_prompt });
    }
    this.post({
      type: 'images',
      requestId,
      operation,
      images,
      usage: result.usage,
      streamed: result.streamed,
      mask: mask ? workspaceRelative(mask) : undefined,
    });
  }

  private async insertText(text: string): Promise<void> {
    const editor =
      this.lastEditor && vscode.window.visibleTextEditors.includes(this.lastEditor)
        ? this.lastEditor
        : vscode.window.visibleTextEditors[0];
    if (!editor) throw new UserError(vscode.l10n.t('Open a text editor to insert the transcript into.'));
    await editor.edit((edit) => {
      for (const selection of editor.selections) edit.replace(selection, text);
    });
    await vscode.window.showTextDocument(editor.document, editor.viewColumn);
  }

  private async saveTranscript(requestId: string, resultId: string, format: keyof typeof TRANSCRIPT_EXTENSIONS): Promise<void> {
    const kept = this.transcripts.get(resultId);
    if (!kept) throw new UserError(vscode.l10n.t('That transcript is no longer held; run it again to save it.'));
    const body = renderTranscript(kept.result, format);
    const ext = TRANSCRIPT_EXTENSIONS[format];
    const stem = basename(kept.output).replace(/\.[^.]+$/, '');
    const target = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(kept.output, '..', `${stem}${format === 'verbose_json' ? '.verbose' : ''}.${ext}`),
      filters: { [format]: [ext] },
      saveLabel: vscode.l10n.t('Save Transcript'),
    });
    if (!target) return this.post({ type: 'done', requestId });
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(body));
    this.post({ type: 'done', requestId, message: vscode.l10n.t('Saved {0}.', workspaceRelative(target)) });
  }

  private async saveCopy(requestId: string, source: vscode.Uri): Promise<void> {
    const target = await vscode.window.showSaveDialog({ defaultUri: source, saveLabel: vscode.l10n.t('Save Copy') });
    if (!target) return this.post({ type: 'done', requestId });
    if (target.toString() !== source.toString()) await vscode.workspace.fs.copy(source, target, { overwrite: true });
    this.post({ type: 'done', requestId, message: vscode.l10n.t('Saved {0}.', workspaceRelative(target)) });
  }

  private async deleteRecord(requestId: string, id: string, deleteFile: boolean): Promise<void> {
    const record = this.services.history.get(id);
    if (!record) return this.post({ type: 'done', requestId });
    if (deleteFile) {
      const yes = vscode.l10n.t('Delete');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('Delete {0}?', record.output),
        { modal: true, detail: vscode.l10n.t('The file goes to the trash where the file system has one, and leaves the history.') },
        yes,
      );
      if (answer !== yes) return this.post({ type: 'done', requestId });
    }
    await this.services.history.remove(id, deleteFile);
    this.post({ type: 'done', requestId });
  }

  private async pickFile(requestId: string, kind: FileKind): Promise<void> {
    const exts = kind === 'audio' ? capabilitiesFor(this.services.config.value).audioExtensions : IMAGE_EXTENSIONS;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      canSelectFolders: false,
      defaultUri: folder,
      openLabel: kind === 'audio' ? vscode.l10n.t('Choose Audio') : vscode.l10n.t('Choose Image'),
      filters: { [kind === 'audio' ? vscode.l10n.t('Audio') : vscode.l10n.t('Images')]: exts },
    });
    if (!picked?.length) return this.post({ type: 'file', requestId });
    const uri = this.resolve(picked[0].toString());
    this.checkKind(uri, kind);
    this.post({ type: 'file', requestId, file: await this.fileView(uri, kind, true) });
  }

  // -------------------------------------------------------------------------------------------------------------
  // Files

  /** A workspace file from a page reference; a UserError for anything outside the workspace folders. */
  private resolve(ref: string): vscode.Uri {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const resolved = resolveRef(ref, folders.map((f) => f.uri.toString()));
    if (!resolved) throw new UserError(vscode.l10n.t('The Studio only works with files inside the open workspace.'));
    return vscode.Uri.joinPath(folders[resolved.folder].uri, ...resolved.segments);
  }

  private checkKind(uri: vscode.Uri, kind: FileKind): void {
    const ext = extensionOf(uri);
    const ok = kind === 'audio' ? AUDIO_FILE_EXTENSIONS.has(ext) : IMAGE_FILE_EXTENSIONS.has(ext);
    if (!ok) {
      throw new UserError(
        kind === 'audio'
          ? vscode.l10n.t('{0} is not an audio file the service accepts.', basename(uri))
          : vscode.l10n.t('{0} is not a PNG or JPEG image.', basename(uri)),
      );
    }
  }

  /**
   * How the page shows a file: a webview URI when it lies under a resource root (the output folder), otherwise its
   * bytes (capped), so the page never needs a wider `localResourceRoots`.
   */
  private async fileView(uri: vscode.Uri, kind: FileKind, withDimensions: boolean): Promise<FileView> {
    const stat = await vscode.workspace.fs.stat(uri);
    const name = basename(uri);
    const view: FileView = { path: workspaceRelative(uri), name, kind, mime: mimeTypeForName(name), size: stat.size };
    const cap = kind === 'audio' ? uploadLimit('transcription', 'file') : uploadLimit('imageEdit', 'image');
    const underRoot = this.roots.some((root) => uri.toString().startsWith(root.toString() + '/'));
    let bytes: Uint8Array | undefined;
    if (!underRoot || (kind === 'image' && withDimensions)) {
      if (stat.size > cap) {
        // A long recording is still transcribed (in parts); the page just cannot preview it.
        if (!underRoot && kind === 'image') throw new UserError(vscode.l10n.t('{0} is too large to show in the Studio.', name));
      } else {
        bytes = await vscode.workspace.fs.readFile(uri);
      }
    }
    if (kind === 'image' && bytes) {
      const size = readImageSize(bytes);
      if (size) {
        view.width = size.width;
        view.height = size.height;
      }
    }
    if (underRoot) view.src = this.panel.webview.asWebviewUri(uri).toString();
    else if (bytes) view.data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
    return view;
  }

  private async historyItems(): Promise<HistoryItem[]> {
    const records = this.services.history.list();
    return Promise.all(records.map((r) => this.historyItem(r)));
  }

  private async historyItem(record: OutputRecord): Promise<HistoryItem> {
    const uri = this.services.history.uriOf(record);
    let exists = false;
    if (uri) {
      try {
        await vscode.workspace.fs.stat(uri);
        exists = true;
      } catch {
        exists = false;
      }
    }
    const kind = uri ? kindOf(uri) : 'text';
    const underRoot = !!uri && this.roots.some((root) => uri.toString().startsWith(root.toString() + '/'));
    return {
      id: record.id,
      operation: record.operation,
      output: record.output,
      name: record.output.slice(record.output.lastIndexOf('/') + 1),
      kind,
      createdAt: record.createdAt,
      params: record.params,
      source: record.source,
      mask: record.mask,
      prompt: record.prompt,
      revisedPrompt: record.revisedPrompt,
      src: uri && underRoot && exists && kind !== 'text' ? this.panel.webview.asWebviewUri(uri).toString() : undefined,
      exists,
    };
  }

  private async sendHistory(): Promise<void> {
    if (!this.ready) return;
    this.post({ type: 'history', items: await this.historyItems() });
  }
}

/** Restores the Studio after a window reload; VS Code calls it with the page's saved state. */
// ---------------------------------------------------------------------------------------------------------------

function resourceRoots(extensionUri: vscode.Uri, services: StudioServices): vscode.Uri[] {
  const roots = [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')];
  try {
    roots.push(services.output.folder(services.config.value.outputFolder));
  } catch {
    // no workspace folder or an output folder setting that leaves it: the page gets bytes instead
  }
  return roots;
}

function webviewOptions(extensionUri: vscode.Uri, services: StudioServices): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: resourceRoots(extensionUri, services), enableFindWidget: true };
}

/** The page shell: a strict CSP with a fresh nonce on every render, and only our built assets. */
export function studioHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(18).toString('base64');
  const asset = (name: string): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', name)).toString();
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} blob:`,
    `media-src ${webview.cspSource} blob:`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(asset('studio.css'))}">
<title>${escapeHtml(vscode.l10n.t('Azure OpenAI Studio'))}</title>
</head>
<body>
<div id="app" role="application" aria-busy="true"></div>
<script nonce="${escapeHtml(nonce)}" src="${escapeHtml(asset('studio.js'))}"></script>
</body>
</html>`;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** Errors an API key or a sign-in fixes: the settings that choose how to authenticate. */
const AUTH_CODES = new Set(['auth', 'forbidden']);

function errorView(err: unknown): ErrorView {
  if (MediaApiError.is(err)) {
    const setting = settingOfHint(err.setting) ?? (AUTH_CODES.has(err.code) ? 'azureOpenAIMedia' : undefined);
    return {
      message: err.summary,
      code: err.code,
      serviceMessage: err.serviceMessage,
      setting,
      categories: err.categories,
      field: err.field,
      requestId: err.requestId,
    };
  }
  if (UserError.is(err)) return { message: err.message, code: 'user', setting: err.setting ? settingId(err.setting) : undefined };
  if (err instanceof vscode.FileSystemError) return { message: err.message, code: 'file' };
  if (err instanceof RangeError) return { message: err.message, code: 'user' };
  return { message: err instanceof Error ? err.message : String(err), code: 'unknown' };
}

const FINAL_TYPES = new Set<HostToWebview['type']>(['transcript', 'speech', 'images', 'error', 'done', 'file', 'preview']);

/** A request's last answer (the page's pending handler ends with it). */
function isFinal(message: HostToWebview): message is Extract<HostToWebview, { requestId?: string }> & { requestId: string } {
  return FINAL_TYPES.has(message.type) && typeof (message as { requestId?: unknown }).requestId === 'string';
}

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

function extensionOf(uri: vscode.Uri): string {
  const name = basename(uri);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

function kindOf(uri: vscode.Uri): OutputKind {
  const ext = extensionOf(uri);
  if (IMAGE_FILE_EXTENSIONS.has(ext)) return 'image';
  if (AUDIO_FILE_EXTENSIONS.has(ext)) return 'audio';
  return 'text';
}
