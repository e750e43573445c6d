// What every tab shares: the host's capabilities and defaults, how a file is shown, the run/cancel bar, error and
// content-filter notices, and the image results grid that partial frames stream into.

import * as l10n from '@vscode/l10n';
import { categoryWords } from './l10n';
import { b64ToBytes, button, clear, h, icon, objectUrl } from './dom';
import { ask, forget, listen, newRequestId, post, request, type Answer } from './host';
import { isFinalAnswer } from '../shared/protocol';
import type { ErrorView, FileView, FinalAnswer, ImageUsageView, ImageView, OperationId, OperationView, StudioCapabilities, StudioDefaults,
  StudioRequest } from './types';
import { persist, state, type FileMemo, type ImagesMemo } from './state';

export const ctx: { caps?: StudioCapabilities; defaults?: StudioDefaults } = {};

/** An operation as the configured model takes it (its form is drawn from this). */
export function operation(op: OperationId): OperationView | undefined {
  return ctx.caps?.operations[op];
}

/** Object URLs made for a slot are revoked when the slot shows something else. */
export class UrlSlot {
  private url: string | undefined;
  set(bytes: Uint8Array, mime: string): string {
    this.release();
    this.url = objectUrl(bytes, mime);
    return this.url;
  }
  release(): void {
    if (this.url) URL.revokeObjectURL(this.url);
    this.url = undefined;
  }
}

/** The URL to show a file with: its webview URI, or a blob: URL made from the bytes the host sent. */
export function fileUrl(file: FileView, slot: UrlSlot): string | undefined {
  if (file.src) {
    slot.release();
    return file.src;
  }
  if (file.data) return slot.set(b64ToBytes(file.data), file.mime);
  return undefined;
}

/** Asks the host for a remembered file again (its bytes are not kept in the state). */
export function reload(memo: FileMemo, onFile: (file: FileView | undefined) => void): void {
  if (memo.src) {
    onFile(memo);
    return;
  }
  void ask({ type: 'loadPreview', requestId: newRequestId('preview'), path: memo.path }).then((a) => onFile(a.type === 'preview' ? a.file
    : undefined));
}

export function errorNotice(error: ErrorView): HTMLElement {
  if (error.code === 'cancelled') return h('div', { class: 'notice info', role: 'status' }, icon('circle-slash'), ' ',
    l10n.t('Cancelled.'));
  const box = h('div', { class: 'notice error', role: 'alert' });
  if (error.code === 'contentFilter') {
    box.append(h('div', { class: 'notice-title' }, icon('shield'), ' ', l10n.t('Refused by the content filter')));
    box.append(h('div', {}, error.message));
    if (error.categories?.length) {
      const list = h('ul', { class: 'chips', 'aria-label': l10n.t('Categories that tripped') });
      for (const c of error.categories) list.append(h('li', { class: 'chip danger' }, categoryWords(c)));
      box.append(h('div', { class: 'categories' }, l10n.t('Tripped:'), ' ', list));
    }
  } else {
    box.append(h('div', { class: 'notice-title' }, icon('error'), ' ', error.message));
  }
  if (error.serviceMessage) box.append(h('div', { class: 'hint service-said' }, l10n.t('The service said: {0}', error.serviceMessage)));
  const meta: string[] = [];
  if (error.code && error.code !== 'user' && error.code !== 'contentFilter') meta.push(l10n.t('code {0}', error.code));
  if (error.field) meta.push(l10n.t('field {0}', error.field));
  if (error.requestId) meta.push(l10n.t('request {0}', error.requestId));
  if (meta.length) box.append(h('div', { class: 'hint' }, meta.join(' · ')));
  const setting = error.setting;
  if (setting) {
    box.append(h('div', { class: 'actions' }, button(l10n.t('Open Settings'), () => post({ type: 'openSettings', query: setting }),
      { icon: 'settings-gear' })));
  }
  return box;
}

/**
 * The Run / Cancel bar with a progress line. `start` builds the message (or returns undefined after showing why
 * not); every answer to it goes to `onAnswer`.
 */
export class RunBar {
  readonly el: HTMLDivElement;
  private readonly runButton: HTMLButtonElement;
  private readonly cancelButton: HTMLButtonElement;
  private readonly status: HTMLDivElement;
  private current: string | undefined;

  constructor(
    label: string,
    runIcon: string,
    private readonly start: (requestId: string) => StudioRequest | undefined,
    private readonly onAnswer: (answer: Answer) => void,
    id: string,
  ) {
    this.runButton = button(label, () => this.run(), { icon: runIcon, primary: true, id });
    this.cancelButton = button(l10n.t('Cancel'), () => this.cancel(), { icon: 'stop-circle', id: `${id}-cancel` });
    this.cancelButton.hidden = true;
    this.status = h('div', { class: 'status', role: 'status', 'aria-live': 'polite' });
    this.el = h('div', { class: 'run-bar' }, this.runButton, this.cancelButton, this.status);
  }

  set disabled(value: boolean) {
    this.runButton.disabled = value;
  }

  get busy(): boolean {
    return this.current !== undefined;
  }

  run(): void {
    if (this.current || this.runButton.disabled) return;
    const requestId = newRequestId(this.runButton.id || 'run');
    const message = this.start(requestId);
    if (!message) return;
    this.track(requestId);
    request(message, (answer) => this.answer(answer));
  }

  /**
   * After a reload: takes the answer the host kept for this bar's request, or waits again for one still running; a
   * request that is neither ended while no page was there and its answer is gone (the host keeps only the last few).
   */
  resume(running: readonly string[], answers: readonly FinalAnswer[]): void {
    const id = state.pending[this.runButton.id];
    if (!id || this.current) return;
    const kept = answers.find((a) => a.requestId === id);
    this.track(id);
    if (kept) return this.answer(kept);
    if (running.includes(id)) return listen(id, (answer) => this.answer(answer));
    this.current = undefined;
    delete state.pending[this.runButton.id];
    persist();
    this.setBusy(false, l10n.t('The panel was reloaded; see History for the result.'));
  }

  private track(requestId: string): void {
    this.current = requestId;
    state.pending[this.runButton.id] = requestId;
    persist(true);
    this.setBusy(true, '');
  }

  private answer(answer: Answer): void {
    if (answer.type === 'progress') {
      this.status.textContent = answer.message;
      return;
    }
    const final = isFinalAnswer(answer);
    if (final) {
      this.current = undefined;
      delete state.pending[this.runButton.id];
      this.setBusy(false, answer.type === 'error' ? '' : answer.type === 'done' ? answer.message ?? '' : l10n.t('Done.'));
    }
    this.onAnswer(answer);
    if (final) persist(true);
  }

  cancel(): void {
    if (!this.current) return;
    post({ type: 'cancel', requestId: this.current });
    this.status.textContent = l10n.t('Cancelling…');
  }

  /** Forgets a request when the page is torn down. */
  dispose(): void {
    if (this.current) forget(this.current);
  }

  private setBusy(busy: boolean, text: string): void {
    this.runButton.hidden = busy;
    this.cancelButton.hidden = !busy;
    this.status.textContent = busy ? l10n.t('Working…') : text;
    this.status.classList.toggle('busy', busy);
    if (busy) this.status.prepend(h('span', { class: 'codicon codicon-loading codicon-modifier-spin', 'aria-hidden': 'true' }), ' ');
    else if (document.activeElement === this.cancelButton || document.activeElement === document.body) this.runButton.focus();
  }
}

/** A live "n / max" count for a text box; `over` is called with whether the text is too long. */
export function counter(textarea: HTMLTextAreaElement, max: () => number, over: (tooLong: boolean) => void): HTMLDivElement {
  const el = h('div', { class: 'counter', 'aria-live': 'polite' });
  const update = (): void => {
    // Characters as the service counts them (code points), not UTF-16 units.
    const n = [...textarea.value].length;
    const limit = max();
    el.textContent = `${n.toLocaleString()} / ${limit.toLocaleString()}`;
    el.classList.toggle('over', n > limit);
    textarea.setAttribute('aria-invalid', String(n > limit));
    over(n > limit || n === 0);
  };
  textarea.addEventListener('input', update);
  update();
  return Object.assign(el, { update });
}

/**
 * The images of a generation or an edit: partial frames stream into the first slot and are replaced by the final
 * image in place; under each final image its revised prompt and actions.
 */
export class ImageResults {
  readonly el: HTMLDivElement;
  private readonly grid: HTMLDivElement;
  private readonly meta: HTMLDivElement;
  private slots: UrlSlot[] = [];

  constructor(private readonly actions: { onEdit?: (image: ImageView) => void }) {
    this.grid = h('div', { class: 'image-grid', 'aria-live': 'polite' });
    this.meta = h('div', { class: 'image-meta' });
    this.el = h('div', { class: 'image-results' }, this.grid, this.meta);
  }

  reset(): void {
    for (const s of this.slots) s.release();
    this.slots = [];
    clear(this.grid);
    clear(this.meta);
  }

  partial(index: number, b64: string, mime: string): void {
    if (!this.slots.length) {
      clear(this.grid);
      this.slots.push(new UrlSlot());
      this.grid.append(h('figure', { class: 'image-slot' }, h('img', { alt: l10n.t('Partial image'), 'data-state': 'partial' }),
        h('figcaption', { class: 'badge' })));
    }
    const figure = this.grid.firstElementChild as HTMLElement;
    const img = figure.querySelector('img') as HTMLImageElement;
    img.src = this.slots[0].set(b64ToBytes(b64), mime);
    img.dataset.state = 'partial';
    img.dataset.partialIndex = String(index);
    img.alt = l10n.t('Partial image {0}', index + 1);
    (figure.querySelector('figcaption') as HTMLElement).textContent = l10n.t('Partial {0}…', index + 1);
  }

  final(images: ImageView[], usage: ImageUsageView | undefined, streamed: boolean, mask?: string): void {
    const keep = this.slots;
    this.slots = [];
    clear(this.grid);
    images.forEach((image, n) => {
      const slot = new UrlSlot();
      this.slots.push(slot);
      this.grid.append(this.figure(image, slot, n));
    });
    for (const s of keep) s.release();
    clear(this.meta);
    const lines: Node[] = [];
    if (usage?.total_tokens !== undefined) {
      const parts = [l10n.t('{0} tokens', usage.total_tokens)];
      if (usage.input_tokens !== undefined) parts.push(l10n.t('input {0}', usage.input_tokens));
      if (usage.output_tokens !== undefined) parts.push(l10n.t('output {0}', usage.output_tokens));
      const details = usage.input_tokens_details;
      if (details?.text_tokens !== undefined || details?.image_tokens !== undefined) {
        parts.push(l10n.t('(text {0}, image {1})', details?.text_tokens ?? 0, details?.image_tokens ?? 0));
      }
      lines.push(h('div', { class: 'usage' }, icon('pulse'), ' ', l10n.t('Usage: {0}', parts.join(', '))));
    }
    lines.push(h('div', { class: 'hint' }, streamed ? l10n.t('Streamed.') : l10n.t('Not streamed.'),
      mask ? ' ' + l10n.t('Mask saved as {0}.', mask) : ''));
    this.meta.append(...lines);
  }

  restore(memo: ImagesMemo): void {
    this.reset();
    const images: ImageView[] = memo.images.map((i) => ({ ...i }));
    this.final(images, memo.usage, memo.streamed, memo.mask);
    images.forEach((image, n) => {
      if (image.src) return;
      reload(image, (file) => {
        const img = this.grid.children[n]?.querySelector('img');
        if (img && file) img.src = fileUrl(file, this.slots[n]) ?? '';
      });
    });
  }

  private figure(image: ImageView, slot: UrlSlot, n: number): HTMLElement {
    const img = h('img', { alt: image.revisedPrompt ?? image.name, 'data-state': 'final', 'data-index': n });
    const url = fileUrl(image, slot);
    if (url) img.src = url;
    const caption = h('figcaption', {});
    caption.append(h('div', { class: 'file-name' }, icon('file-media'), ' ', image.name,
      image.width ? ` · ${image.width}×${image.height}` : ''));
    if (image.revisedPrompt) caption.append(h('div', { class: 'revised' }, h('strong', {}, l10n.t('Revised prompt:'), ' '),
      image.revisedPrompt));
    const actions = h(
      'div',
      { class: 'actions' },
      button(l10n.t('Open'), () => post({ type: 'openFile', path: image.path }), { icon: 'go-to-file' }),
      button(l10n.t('Reveal in Explorer'), () => post({ type: 'revealFile', path: image.path }), { icon: 'folder-opened', iconOnly: true }),
      button(l10n.t('Save As…'), () => request({ type: 'saveCopy', requestId: newRequestId('save'), path: image.path }, () => undefined),
        { icon: 'save-as', iconOnly: true }),
    );
    if (this.actions.onEdit) actions.append(button(l10n.t('Edit'), () => this.actions.onEdit?.(image), { icon: 'edit' }));
    caption.append(actions);
    return h('figure', { class: 'image-slot' }, img, caption);
  }
}

/** The deployment and model behind an operation, with a link to the settings that choose them. */
export function modelLine(op: OperationId, showModel = true): HTMLElement {
  const deployment = ctx.caps?.deployments[op] ?? '';
  const model = showModel ? ctx.caps?.operations[op].model.name : undefined;
  const setting = ctx.caps?.settings[op] ?? 'azureOpenAIMedia';
  return h(
    'div',
    { class: 'model-line' },
    icon('server'),
    ' ', l10n.t('Deployment'), ' ',
    h('code', {}, deployment),
    model ? ` · ${l10n.t('model')} ` : '',
    model ? h('code', {}, model) : '',
    ' ',
    h('a', { href: '#', role: 'button', onclick: (e: Event) => { e.preventDefault(); post({ type: 'openSettings', query: setting }); } },
      l10n.t('Change…')),
  );
}
