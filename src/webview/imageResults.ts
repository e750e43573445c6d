// The images of a generation or an edit, partial frames streaming into the first slot.
import * as l10n from '@vscode/l10n';
import { b64ToBytes, button, clear, h, icon } from './dom';
import { newRequestId, post, request } from './host';
import type { ImageUsageView, ImageView } from './types';
import type { ImagesMemo } from './state';
import { fileUrl, reload, UrlSlot } from './files';
import { protectedAreaBlock } from './protectedArea';

/**
 * The images of a generation or an edit: partial frames stream into the first slot and are replaced by the final
 * image in place; under each final image its revised prompt and actions.
 */
export class ImageResults {
  readonly el: HTMLDivElement;
  private readonly grid: HTMLDivElement;
  private readonly meta: HTMLDivElement;
  private slots: UrlSlot[] = [];
  /** The heat maps' URLs (protectedArea.ts), apart from `slots`, which follow the images' order. */
  private overlays: UrlSlot[] = [];

  constructor(private readonly actions: { onEdit?: (image: ImageView) => void }) {
    this.grid = h('div', { class: 'image-grid', 'aria-live': 'polite' });
    this.meta = h('div', { class: 'image-meta' });
    this.el = h('div', { class: 'image-results' }, this.grid, this.meta);
  }

  reset(): void {
    for (const s of [...this.slots, ...this.overlays]) s.release();
    this.slots = [];
    this.overlays = [];
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
    const keep = [...this.slots, ...this.overlays];
    this.slots = [];
    this.overlays = [];
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
    const frame = h('div', { class: 'image-frame' }, img);
    const overlay = new UrlSlot();
    this.overlays.push(overlay);
    const protectedArea = protectedAreaBlock(image, frame, overlay);
    if (protectedArea) caption.append(protectedArea);
    return h('figure', { class: 'image-slot' }, frame, caption);
  }
}
