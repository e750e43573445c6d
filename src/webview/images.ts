// The Images tab: a prompt with a live limit for the model, every generation option the model takes (and no other),
// partial frames streaming into place, then the final images with their revised prompt and usage.

import * as l10n from '@vscode/l10n';
import { clear, field, h, icon, select } from './dom';
import { counter, ctx, errorNotice, ImageResults, modelLine, RunBar } from './shared';
import { persist, state } from './state';
import type { ImageOptions, ImageView } from './types';

export class ImagesTab {
  readonly el = h('section', { class: 'tab-panel', id: 'panel-images', role: 'tabpanel', 'aria-labelledby': 'tab-images' });
  private readonly prompt = h('textarea', { id: 'image-prompt', rows: 4, placeholder: l10n.t('Describe the image') });
  private readonly optionsBox = h('div', { class: 'options' });
  private readonly errorBox = h('div', { class: 'result' });
  private readonly results: ImageResults;
  private readonly runBar: RunBar;
  private readonly count: HTMLDivElement & { update?: () => void };

  constructor(onEdit: (image: ImageView) => void) {
    this.results = new ImageResults({ onEdit });
    this.results.el.id = 'image-results';
    this.runBar = new RunBar(l10n.t('Generate'), 'sparkle', (id) => this.message(id), (a) => {
      if (a.type === 'partialImage') {
        this.results.partial(a.index, a.b64, a.mime);
      } else if (a.type === 'images') {
        this.results.final(a.images, a.usage, a.streamed);
        state.images.result = { images: a.images.map(({ data: _d, ...rest }) => rest), usage: a.usage, streamed: a.streamed };
        persist();
      } else if (a.type === 'error') {
        this.errorBox.append(errorNotice(a.error));
        if (a.error.code !== 'cancelled') this.results.reset();
      }
    }, 'image-run');
    this.prompt.value = state.images.prompt;
    this.prompt.addEventListener('input', () => {
      state.images.prompt = this.prompt.value;
      persist();
    });
    this.prompt.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) this.runBar.run();
    });
    this.count = counter(this.prompt, () => ctx.caps?.image.maxPrompt ?? 32000, (bad) => (this.runBar.disabled = bad || !ctx.caps));
    this.el.append(h('h2', {}, icon('sparkle'), ' ', l10n.t('Images')), field(l10n.t('Prompt'), this.prompt), this.count, this.optionsBox,
      this.runBar.el, this.errorBox, this.results.el);
  }

  mount(): void {
    this.prompt.value = state.images.prompt;
    this.renderOptions();
    this.count.update?.();
    if (state.images.result && !this.results.el.querySelector('img')) this.results.restore(state.images.result);
  }

  setPrompt(prompt: string, options: ImageOptions): void {
    state.images.prompt = prompt;
    state.images.options = { ...options };
    this.mount();
  }

  run(): void {
    this.runBar.run();
  }

  /** Re-attaches to a request that was running when the page was torn down. */
  resume(running: readonly string[]): void {
    this.runBar.resume(running);
  }

  private renderOptions(): void {
    const caps = ctx.caps?.image;
    if (!caps) return;
    clear(this.optionsBox);
    const o = state.images.options;
    fillImageOptions(o, ctx.defaults?.image ?? {}, caps);
    this.optionsBox.append(modelLine(caps.deployment, caps.model, 'azureOpenAIMedia.models.image'));
    const grid = h('div', { class: 'grid' });
    const rerender = (): void => {
      persist();
      this.renderOptions();
    };
    if (caps.maxImages > 1) {
      const n = h('input', { type: 'number', id: 'image-n', min: 1, max: caps.maxImages, step: 1, value: String(o.n ?? 1) });
      n.addEventListener('input', () => {
        const v = Math.round(Number(n.value));
        o.n = Number.isFinite(v) ? Math.min(caps.maxImages, Math.max(1, v)) : 1;
        persist();
      });
      grid.append(field(l10n.t('Images'), n, `1–${caps.maxImages}`));
    }
    grid.append(field(l10n.t('Size'), withId(select(caps.sizes, o.size, (v) => ((o.size = v), persist())), 'image-size')));
    grid.append(field(l10n.t('Quality'), withId(select(caps.qualities, o.quality, (v) => ((o.quality = v), persist())), 'image-quality')));
    if (caps.style) grid.append(field(l10n.t('Style'),
      withId(select(['vivid', 'natural'] as const, o.style, (v) => ((o.style = v), persist())), 'image-style')));
    grid.append(...outputFields(o, caps, 'image', rerender));
    if (caps.streaming) grid.append(...streamFields(o, 'image', rerender));
    this.optionsBox.append(grid);
    this.optionsBox.append(userField(o, 'image'));
  }

  private message(requestId: string): ReturnType<ConstructorParameters<typeof RunBar>[2]> {
    const caps = ctx.caps?.image;
    const prompt = this.prompt.value;
    if (!caps || !prompt.trim() || [...prompt].length > caps.maxPrompt) return undefined;
    clear(this.errorBox);
    this.results.reset();
    return { type: 'generateImage', requestId, prompt, options: imageMessageOptions(state.images.options, caps) };
  }
}

/** Fills unset options from the defaults and drops what the model does not take. */
export function fillImageOptions(o: ImageOptions, d: ImageOptions,
  caps: { sizes: string[]; qualities: string[]; style: boolean; background: boolean; outputFormat: boolean; streaming: boolean;
  maxImages: number }): void {
  const target = o as Record<string, unknown>;
  for (const [k, v] of Object.entries(d)) if (target[k] === undefined && v !== undefined) target[k] = v;
  if (o.size && !caps.sizes.includes(o.size)) o.size = caps.sizes[0];
  if (!o.size) o.size = caps.sizes[0];
  if (o.quality && !caps.qualities.includes(o.quality)) o.quality = caps.qualities[0] as ImageOptions['quality'];
  if (!o.quality) o.quality = caps.qualities[0] as ImageOptions['quality'];
  if (!caps.style) delete o.style;
  if (!caps.background) delete o.background;
  if (!caps.outputFormat) {
    delete o.output_format;
    delete o.output_compression;
  }
  if (!caps.streaming) {
    delete o.stream;
    delete o.partial_images;
  }
  if (o.n !== undefined) o.n = Math.min(caps.maxImages, Math.max(1, o.n));
}

/** What is sent: only options the model takes, and only where they mean something. */
export function imageMessageOptions(o: ImageOptions,
  caps: { style: boolean; background: boolean; outputFormat: boolean; streaming: boolean }): ImageOptions {
  const out: ImageOptions = { ...o };
  if (!caps.style) delete out.style;
  if (!caps.background) delete out.background;
  if (!caps.outputFormat || out.output_format !== 'jpeg') delete out.output_compression;
  if (!caps.outputFormat) delete out.output_format;
  if (!caps.streaming || !out.stream) {
    delete out.partial_images;
    out.stream = caps.streaming ? false : undefined;
    if (out.stream === undefined) delete out.stream;
  }
  if (!out.user) delete out.user;
  return out;
}

/** Background, output format and JPEG compression, where the model takes them. */
export function outputFields(
  o: Pick<ImageOptions, 'background' | 'output_format' | 'output_compression'>,
  caps: { background: boolean; outputFormat: boolean },
  prefix: string,
  rerender: () => void,
): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (caps.background) {
    out.push(field(l10n.t('Background'), withId(select(['auto', 'opaque', 'transparent'] as const, o.background, (v) => {
      o.background = v;
      if (v === 'transparent') o.output_format = 'png';
      rerender();
    }), `${prefix}-background`), o.background === 'transparent' ? l10n.t('Transparent needs PNG.') : undefined));
  }
  if (caps.outputFormat) {
    const formats = o.background === 'transparent' ? (['png'] as const) : (['png', 'jpeg'] as const);
    out.push(field(l10n.t('Output format'), withId(select(formats, o.output_format, (v) => ((o.output_format = v), rerender())),
      `${prefix}-format`)));
    if (o.output_format === 'jpeg') {
      const c = h('input', { type: 'number', id: `${prefix}-compression`, min: 0, max: 100, step: 1,
        value: String(o.output_compression ?? 100) });
      c.addEventListener('input', () => {
        const v = Math.round(Number(c.value));
        o.output_compression = Number.isFinite(v) ? Math.min(100, Math.max(0, v)) : undefined;
        persist();
      });
      out.push(field(l10n.t('JPEG compression'), c, '0–100'));
    }
  }
  return out;
}

export function streamFields(o: { stream?: boolean; partial_images?: number }, prefix: string, rerender: () => void): HTMLElement[] {
  const id = `${prefix}-stream`;
  const cb = h('input', { type: 'checkbox', id, checked: o.stream ?? true });
  cb.addEventListener('change', () => {
    o.stream = cb.checked;
    rerender();
  });
  const fields: HTMLElement[] = [h('div', { class: 'field' }, h('span', { class: 'label' }, l10n.t('Streaming')),
    h('label', { for: id, class: 'check' }, cb, l10n.t(' Show partial images')))];
  if (o.stream ?? true) {
    const p = h('input', { type: 'number', id: `${prefix}-partials`, min: 0, max: 3, step: 1, value: String(o.partial_images ?? 2) });
    p.addEventListener('input', () => {
      const v = Math.round(Number(p.value));
      o.partial_images = Number.isFinite(v) ? Math.min(3, Math.max(0, v)) : 2;
      persist();
    });
    fields.push(field(l10n.t('Partial images'), p, '0–3'));
  }
  return fields;
}

export function userField(o: { user?: string }, prefix: string): HTMLElement {
  const u = h('input', { type: 'text', id: `${prefix}-user`, value: o.user ?? '', maxlength: 256,
    placeholder: l10n.t('optional end-user id for abuse monitoring') });
  u.addEventListener('input', () => {
    o.user = u.value.trim() || undefined;
    persist();
  });
  return h('details', { class: 'advanced' }, h('summary', {}, l10n.t('Advanced')), field(l10n.t('User'), u));
}

function withId<T extends HTMLElement>(el: T, id: string): T {
  el.id = id;
  return el;
}
