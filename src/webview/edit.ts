// The Edit tab: pick (or drop) a workspace image, paint the mask over it (brush, eraser, size, undo, clear), and
// send it with a prompt. The page sends strokes; the host writes the PNG mask at the image's own size.

import * as l10n from '@vscode/l10n';
import { setupDrop } from './audio';
import { button, clear, field, h, icon, select } from './dom';
import { newRequestId, request } from './host';
import { MaskPainter } from './painter';
import { counter, ctx, errorNotice, fileUrl, ImageResults, modelLine, reload, RunBar, UrlSlot } from './shared';
import { memo, persist, state } from './state';
import { fillImageOptions, outputFields, streamFields, userField } from './images';
import type { FileView, ImageView } from './types';

export class EditTab {
  readonly el = h('section', { class: 'tab-panel', id: 'panel-edit', role: 'tabpanel', 'aria-labelledby': 'tab-edit' });
  private readonly fileBox = h('div', { class: 'file-box drop-zone' });
  private readonly painterBox = h('div', { class: 'painter-box' });
  private readonly prompt = h('textarea', { id: 'edit-prompt', rows: 3, placeholder: l10n.t('Describe the change') });
  private readonly optionsBox = h('div', { class: 'options' });
  private readonly errorBox = h('div', { class: 'result' });
  private readonly results: ImageResults;
  private readonly runBar: RunBar;
  private readonly slot = new UrlSlot();
  private readonly count: HTMLDivElement & { update?: () => void };
  private painter: MaskPainter | undefined;
  private file: FileView | undefined;
  private promptBad = true;

  constructor() {
    this.results = new ImageResults({ onEdit: (image) => this.setFile(image) });
    this.results.el.id = 'edit-results';
    this.runBar = new RunBar(l10n.t('Edit Image'), 'wand', (id) => this.message(id), (a) => {
      if (a.type === 'partialImage') this.results.partial(a.index, a.b64, a.mime);
      else if (a.type === 'images') {
        this.results.final(a.images, a.usage, a.streamed, a.mask);
        state.edit.result = { images: a.images.map(({ data: _d, ...rest }) => rest), usage: a.usage, streamed: a.streamed, mask: a.mask };
        persist();
      } else if (a.type === 'error') {
        this.errorBox.append(errorNotice(a.error));
        if (a.error.code !== 'cancelled') this.results.reset();
      }
    }, 'edit-run');
    this.prompt.value = state.edit.prompt;
    this.prompt.addEventListener('input', () => {
      state.edit.prompt = this.prompt.value;
      persist();
    });
    this.count = counter(this.prompt, () => ctx.caps?.imageEdit.maxPrompt ?? 32000, (bad) => {
      this.promptBad = bad;
      this.updateRunnable();
    });
    setupDrop(this.fileBox, 'image', (f) => this.setFile(f));
    this.el.append(
      h('h2', {}, icon('wand'), ' ', l10n.t('Edit')),
      h('p', { class: 'lead' },
        l10n.t('Paint over the part of the image that may change; leave the mask empty to let the whole image change.')),
      this.fileBox,
      this.painterBox,
      field(l10n.t('Prompt'), this.prompt),
      this.count,
      this.optionsBox,
      this.runBar.el,
      this.errorBox,
      this.results.el,
    );
    this.renderFile();
  }

  mount(): void {
    this.prompt.value = state.edit.prompt;
    this.count.update?.();
    this.renderOptions();
    if (state.edit.file && !this.file) reload(state.edit.file, (f) => f && this.setFile(f, false));
    if (state.edit.result && !this.results.el.querySelector('img')) this.results.restore(state.edit.result);
  }

  run(): void {
    this.runBar.run();
  }

  /** Re-attaches to a request that was running when the page was torn down. */
  resume(running: readonly string[]): void {
    this.runBar.resume(running);
  }

  /** Loads an image to edit; a new image starts with an empty mask unless `keepMask`. */
  setFile(file: FileView, fresh = true, maskFile?: string): void {
    const same = this.file?.path === file.path;
    this.file = file;
    state.edit.file = memo(file);
    if (fresh && !same) {
      state.edit.strokes = [];
      state.edit.maskFile = maskFile;
    }
    if (maskFile) state.edit.maskFile = maskFile;
    persist();
    this.renderFile();
    this.updateRunnable();
  }

  setPrompt(prompt: string): void {
    state.edit.prompt = prompt;
    this.prompt.value = prompt;
    this.count.update?.();
  }

  private renderFile(): void {
    clear(this.fileBox);
    clear(this.painterBox);
    const choose = button(this.file ? l10n.t('Choose Another…') : l10n.t('Choose Image…'), () => {
      request({ type: 'pickFile', requestId: newRequestId('pick'), kind: 'image' }, (a) => {
        if (a.type === 'file' && a.file) this.setFile(a.file);
        else if (a.type === 'error') this.fileBox.append(errorNotice(a.error));
      });
    }, { icon: 'folder-opened', id: 'edit-choose' });
    const info = this.file
      ? h('div', { class: 'file-info' }, icon('file-media'), ' ', h('strong', { id: 'edit-file-name' }, this.file.name),
        ` · ${this.file.path}`, this.file.width ? ` · ${this.file.width}×${this.file.height}` : '')
      : h('div', { class: 'hint' }, l10n.t('or drop a PNG or JPEG here from the Explorer (hold Shift while dropping).'));
    this.fileBox.append(h('div', { class: 'row' }, choose, info));
    if (!this.file) return;

    const img = h('img', { alt: l10n.t('Image to edit: {0}', this.file.name), id: 'edit-image', draggable: 'false' });
    const url = fileUrl(this.file, this.slot);
    if (url) img.src = url;
    this.painter = new MaskPainter(img, state.edit.strokes, () => ({ mode: state.edit.tool, size: state.edit.brush }), (strokes) => {
      state.edit.strokes = strokes;
      if (strokes.length) state.edit.maskFile = undefined;
      persist();
      this.renderMaskNote();
    });

    const toolGroup = h('div', { class: 'segmented', role: 'radiogroup', 'aria-label': l10n.t('Tool') });
    for (const [value, label, ic, key] of [['paint', l10n.t('Brush'), 'edit', 'B'],
      ['erase', l10n.t('Eraser'), 'clear-all', 'E']] as const) {
      const id = `mask-tool-${value}`;
      const input = h('input', { type: 'radio', name: 'mask-tool', id, value, checked: state.edit.tool === value });
      input.addEventListener('change', () => {
        state.edit.tool = value;
        persist();
      });
      toolGroup.append(h('label', { for: id, class: 'seg', title: `${label} (${key})` }, input, icon(ic), ' ', label));
    }
    const size = h('input', { type: 'range', id: 'mask-size', min: 4, max: 256, step: 2, value: String(state.edit.brush) });
    const sizeOut = h('output', { for: 'mask-size' }, `${state.edit.brush}px`);
    size.addEventListener('input', () => {
      state.edit.brush = Number(size.value);
      sizeOut.textContent = `${state.edit.brush}px`;
      persist();
    });
    const toolbar = h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': l10n.t('Mask tools'), 'aria-controls': 'mask-canvas' },
      toolGroup,
      h('label', { for: 'mask-size', class: 'inline' }, l10n.t('Size'), ' '), size, sizeOut,
      button(l10n.t('Undo'), () => this.painter?.undo(), { icon: 'discard', id: 'mask-undo', title: l10n.t('Undo (Ctrl+Z)') }),
      button(l10n.t('Clear'), () => this.painter?.clear(), { icon: 'trash', id: 'mask-clear' }),
    );
    this.painterBox.append(toolbar, this.painter.el, h('div', { class: 'hint', id: 'mask-note', role: 'status' }));
    this.painterBox.onkeydown = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) return;
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        this.painter?.undo();
      } else if (e.key === 'b' || e.key === 'e') {
        state.edit.tool = e.key === 'b' ? 'paint' : 'erase';
        (document.getElementById(`mask-tool-${state.edit.tool}`) as HTMLInputElement | null)?.click();
      } else if (e.key === '[' || e.key === ']') {
        state.edit.brush = Math.min(256, Math.max(4, state.edit.brush + (e.key === ']' ? 8 : -8)));
        size.value = String(state.edit.brush);
        sizeOut.textContent = `${state.edit.brush}px`;
        persist();
      }
    };
    this.renderMaskNote();
  }

  private renderMaskNote(): void {
    const note = document.getElementById('mask-note');
    if (!note) return;
    const n = state.edit.strokes.length;
    note.textContent = n
      ? n === 1
        ? l10n.t('1 stroke painted: the painted area becomes transparent in the mask.')
        : l10n.t('{0} strokes painted: the painted area becomes transparent in the mask.', n)
      : state.edit.maskFile
        ? l10n.t('Using the saved mask {0}; paint to replace it.', state.edit.maskFile)
        : l10n.t('No mask: the whole image may change.');
  }

  private renderOptions(): void {
    const caps = ctx.caps?.imageEdit;
    if (!caps) return;
    clear(this.optionsBox);
    if (!caps.supported) {
      this.optionsBox.append(errorNotice({ code: 'user',
        message: l10n.t('{0} cannot edit images; choose a gpt-image model for the edit deployment.', caps.model) }));
    }
    const o = state.edit.options;
    fillImageOptions(o, ctx.defaults?.imageEdit ?? {}, { ...caps, style: false });
    if (!caps.inputFidelity) delete o.input_fidelity;
    this.optionsBox.append(modelLine(caps.deployment, caps.model, 'azureOpenAIMedia.models.imageEdit'));
    const grid = h('div', { class: 'grid' });
    const rerender = (): void => {
      persist();
      this.renderOptions();
    };
    if (caps.maxImages > 1) {
      const n = h('input', { type: 'number', id: 'edit-n', min: 1, max: caps.maxImages, step: 1, value: String(o.n ?? 1) });
      n.addEventListener('input', () => {
        const v = Math.round(Number(n.value));
        o.n = Number.isFinite(v) ? Math.min(caps.maxImages, Math.max(1, v)) : 1;
        persist();
      });
      grid.append(field(l10n.t('Images'), n, `1–${caps.maxImages}`));
    }
    const sizeSel = select(caps.sizes, o.size, (v) => ((o.size = v), persist()));
    sizeSel.id = 'edit-size';
    grid.append(field(l10n.t('Size'), sizeSel));
    const q = select(caps.qualities, o.quality, (v) => ((o.quality = v), persist()));
    q.id = 'edit-quality';
    grid.append(field(l10n.t('Quality'), q));
    if (caps.inputFidelity) {
      const f = select(['low', 'high'] as const, o.input_fidelity ?? 'low', (v) => ((o.input_fidelity = v), persist()));
      f.id = 'edit-fidelity';
      grid.append(field(l10n.t('Input fidelity'), f, l10n.t('High keeps faces and details closer to the original.')));
    }
    grid.append(...outputFields(o, caps, 'edit', rerender));
    if (caps.streaming) grid.append(...streamFields(o, 'edit', rerender));
    this.optionsBox.append(grid, userField(o, 'edit'));
    this.updateRunnable();
  }

  private updateRunnable(): void {
    this.runBar.disabled = this.promptBad || !this.file || !ctx.caps?.imageEdit.supported;
  }

  private message(requestId: string): ReturnType<ConstructorParameters<typeof RunBar>[2]> {
    const caps = ctx.caps?.imageEdit;
    if (!caps || !this.file || !this.prompt.value.trim()) return undefined;
    clear(this.errorBox);
    this.results.reset();
    const options = { ...state.edit.options };
    if (!caps.streaming || !options.stream) {
      delete options.partial_images;
      options.stream = caps.streaming ? false : undefined;
      if (options.stream === undefined) delete options.stream;
    }
    if (!options.user) delete options.user;
    if (!caps.background) delete options.background;
    if (!caps.outputFormat) delete options.output_format;
    if (!caps.outputFormat || options.output_format !== 'jpeg') delete options.output_compression;
    const p = this.painter;
    const strokes = state.edit.strokes;
    const mask = p && strokes.length && p.width && p.height ? { width: p.width, height: p.height, strokes } : undefined;
    return {
      type: 'editImage',
      requestId,
      file: this.file.path,
      prompt: this.prompt.value,
      mask,
      maskFile: mask ? undefined : state.edit.maskFile,
      options,
    };
  }
}

export type { ImageView };
