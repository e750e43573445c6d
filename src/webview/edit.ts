// The Edit tab: pick (or drop) a workspace image, paint the mask over it (brush, eraser, size, undo, clear), add
// further images to send with it (the API's `image[]`), and send them with a prompt and the options the model takes
// (drawn from the catalog, ./form.ts). The page sends strokes; the host writes the PNG mask at the image's own size.

import * as l10n from '@vscode/l10n';
import { CostEstimate } from './cost';
import { setupDrop } from './audio';
import { button, clear, field, formatBytes, h, icon } from './dom';
import { fillValues, formProblems, formValues, renderForm } from './form';
import { newRequestId, request } from './host';
import { MaskPainter } from './painter';
import { defaults, modelLine, operation } from './session';
import { UrlSlot, fileUrl, reload } from './files';
import { errorNotice } from './notices';
import { RunBar, counter } from './runBar';
import { ImageResults } from './imageResults';
import { memo, persist, state } from './state';
import { imageForm } from './images';
import type { FileView, FinalAnswer, ImageView } from './types';

/** How many images one edit takes: the catalog's `image[]` count. */
function maxImages(): number {
  return operation('imageEdit')?.files.find((f) => f.field === 'image')?.maxCount ?? 1;
}

export class EditTab {
  readonly el = h('section', { class: 'tab-panel', id: 'panel-edit', role: 'tabpanel', 'aria-labelledby': 'tab-edit' });
  private readonly fileBox = h('div', { class: 'file-box drop-zone' });
  private readonly painterBox = h('div', { class: 'painter-box' });
  private readonly moreBox = h('div', { class: 'file-box drop-zone', id: 'edit-more' });
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
    this.count = counter(this.prompt, () => operation('imageEdit')?.limits.maxInput ?? 32000, (bad) => {
      this.promptBad = bad;
      this.updateRunnable();
    });
    setupDrop(this.fileBox, 'image', (f) => this.setFile(f));
    setupDrop(this.moreBox, 'image', (f) => this.addImage(f));
    this.el.append(
      h('h2', {}, icon('wand'), ' ', l10n.t('Edit')),
      h('p', { class: 'lead' }, l10n.t(
        'Paint over the part of the image that may change; leave the mask empty to let the whole image change.')),
      this.fileBox,
      this.painterBox,
      this.moreBox,
      field(l10n.t('Prompt'), this.prompt),
      this.count,
      this.optionsBox,
      this.runBar.el,
      this.errorBox,
      this.results.el,
    );
    this.renderFile();
    this.renderMore();
    CostEstimate.beside(this.runBar, this.el, 'edit-estimate', () => {
      const view = operation('imageEdit');
      return view && { operation: 'imageEdit', options: formValues(view, state.edit.options) };
    });
  }

  mount(): void {
    this.prompt.value = state.edit.prompt;
    this.count.update?.();
    this.renderOptions();
    this.renderMore();
    if (state.edit.file && !this.file) reload(state.edit.file, (f) => f && this.setFile(f, false));
    if (state.edit.result && !this.results.el.querySelector('img')) this.results.restore(state.edit.result);
  }

  run(): void {
    this.runBar.run();
  }

  /** Re-attaches to a request that was running when the page was torn down. */
  resume(running: readonly string[], answers: readonly FinalAnswer[]): void {
    this.runBar.resume(running, answers);
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
    state.edit.more = state.edit.more.filter((f) => f.path !== file.path);
    persist();
    this.renderFile();
    this.renderMore();
    this.updateRunnable();
  }

  /** Adds an image sent after the painted one (the API's `image[]`). */
  addImage(file: FileView): void {
    if (state.edit.more.some((f) => f.path === file.path) || this.file?.path === file.path) return;
    if (1 + state.edit.more.length >= maxImages()) {
      this.moreBox.append(errorNotice({ code: 'user', message: l10n.t('One edit takes at most {0} images.', maxImages()) }));
      return;
    }
    state.edit.more.push(memo(file));
    persist();
    this.renderMore();
  }

  /** The further images: names, sizes, a remove button each, and a way to add one. */
  private renderMore(): void {
    clear(this.moreBox);
    const add = button(l10n.t('Add Image…'), () => {
      request({ type: 'pickFile', requestId: newRequestId('pick'), kind: 'image' }, (a) => {
        if (a.type === 'file' && a.file) this.addImage(a.file);
        else if (a.type === 'error') this.moreBox.append(errorNotice(a.error));
      });
    }, { icon: 'add', id: 'edit-add' });
    add.disabled = !this.file;
    const list = h('ul', { class: 'file-list', id: 'edit-more-list', 'aria-label': l10n.t('Further images') });
    state.edit.more.forEach((f, n) => {
      list.append(h('li', {}, icon('file-media'), ' ', h('span', { class: 'file-name' }, f.name), ' · ',
        h('span', { class: 'file-name' }, f.path), ` · ${formatBytes(f.size)} `,
        button(l10n.t('Remove {0}', f.name), () => {
          state.edit.more.splice(n, 1);
          persist();
          this.renderMore();
        }, { icon: 'close', iconOnly: true })));
    });
    this.moreBox.append(
      h('div', { class: 'row' }, add, h('div', { class: 'hint' },
        l10n.t('More images for the model to draw from (up to {0} in all); drop them here. The mask applies to the first.', maxImages()))),
      list,
    );
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
    for (const [value, label, ic, key] of [['paint', l10n.t('Brush'), 'edit', 'B'], ['erase', l10n.t('Eraser'), 'clear-all',
      'E']] as const) {
      const id = `mask-tool-${value}`;
      const input = h('input', { type: 'radio', name: 'mask-tool', id, value, checked: state.edit.tool === value });
      input.addEventListener('change', () => {
        state.edit.tool = value;
        persist();
      });
      toolGroup.append(h('label', { for: id, class: 'seg', title: l10n.t('{0} ({1})', label, key) }, input, icon(ic), ' ', label));
    }
    const size = h('input', { type: 'range', id: 'mask-size', min: 4, max: 256, step: 2, value: String(state.edit.brush) });
    const sizeOut = h('output', { for: 'mask-size' }, l10n.t('{0}px', state.edit.brush));
    size.addEventListener('input', () => {
      state.edit.brush = Number(size.value);
      sizeOut.textContent = l10n.t('{0}px', state.edit.brush);
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
        sizeOut.textContent = l10n.t('{0}px', state.edit.brush);
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
    const view = operation('imageEdit');
    if (!view) return;
    clear(this.optionsBox);
    if (!view.supported) {
      this.optionsBox.append(errorNotice({ code: 'user', message: l10n.t(
        '{0} cannot edit images; choose a gpt-image model for the edit deployment.', view.model.name) }));
    }
    fillValues(view, state.edit.options, defaults()?.imageEdit);
    const form = h('div', { class: 'form' });
    this.optionsBox.append(modelLine('imageEdit'), form);
    renderForm(imageForm('edit', view, state.edit.options, () => this.renderOptions()), form);
    this.updateRunnable();
  }

  private updateRunnable(): void {
    this.runBar.disabled = this.promptBad || !this.file || !operation('imageEdit')?.supported;
    const add = document.getElementById('edit-add') as HTMLButtonElement | null;
    if (add) add.disabled = !this.file;
  }

  private message(requestId: string): ReturnType<ConstructorParameters<typeof RunBar>[2]> {
    const view = operation('imageEdit');
    if (!view || !this.file || !this.prompt.value.trim()) return undefined;
    clear(this.errorBox);
    const problems = formProblems(view, state.edit.options);
    if (problems.length) {
      this.errorBox.append(errorNotice({ code: 'user', message: problems.join(' ') }));
      return undefined;
    }
    this.results.reset();
    const p = this.painter;
    const strokes = state.edit.strokes;
    const mask = p && strokes.length && p.width && p.height ? { width: p.width, height: p.height, strokes } : undefined;
    return {
      type: 'editImage',
      requestId,
      files: [this.file.path, ...state.edit.more.map((f) => f.path)],
      prompt: this.prompt.value,
      mask,
      maskFile: mask ? undefined : state.edit.maskFile,
      options: formValues(view, state.edit.options),
    };
  }
}

export type { ImageView };
