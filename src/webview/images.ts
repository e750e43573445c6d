// The Images tab: a prompt with a live limit for the model, every generation option the model takes (and no other),
// partial frames streaming into place, then the final images with their revised prompt and usage.

import * as l10n from '@vscode/l10n';
import { CostEstimate } from './cost';
import { clear, field, h, icon } from './dom';
import { fillValues, formProblems, formValues, renderForm, type FormSpec } from './form';
import { capabilities, defaults, modelLine, operation } from './session';
import { errorNotice } from './notices';
import { RunBar, counter } from './runBar';
import { ImageResults } from './imageResults';
import { persist, state } from './state';
import type { FinalAnswer, ImageView, OperationView, OptionValues } from './types';

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
    this.count = counter(this.prompt, () => operation('imageGeneration')?.limits.maxInput ?? 32000, (bad) => (this.runBar.disabled = bad
      || !capabilities()));
    this.el.append(h('h2', {}, icon('sparkle'), ' ', l10n.t('Images')), field(l10n.t('Prompt'), this.prompt), this.count, this.optionsBox,
      this.runBar.el, this.errorBox, this.results.el);
    CostEstimate.beside(this.runBar, this.el, 'image-estimate', () => {
      const view = operation('imageGeneration');
      return view && { operation: 'imageGeneration', options: formValues(view, state.images.options) };
    });
  }

  mount(): void {
    this.prompt.value = state.images.prompt;
    this.renderOptions();
    this.count.update?.();
    if (state.images.result && !this.results.el.querySelector('img')) this.results.restore(state.images.result);
  }

  setPrompt(prompt: string, options: OptionValues): void {
    state.images.prompt = prompt;
    state.images.options = { ...options };
    this.mount();
  }

  run(): void {
    this.runBar.run();
  }

  /** Re-attaches to a request that was running when the page was torn down. */
  resume(running: readonly string[], answers: readonly FinalAnswer[]): void {
    this.runBar.resume(running, answers);
  }

  private renderOptions(): void {
    const view = operation('imageGeneration');
    if (!view) return;
    clear(this.optionsBox);
    fillValues(view, state.images.options, defaults()?.imageGeneration);
    const form = h('div', { class: 'form' });
    this.optionsBox.append(modelLine('imageGeneration'), form);
    renderForm(imageForm('image', view, state.images.options, () => this.renderOptions()), form);
  }

  private message(requestId: string): ReturnType<ConstructorParameters<typeof RunBar>[2]> {
    const view = operation('imageGeneration');
    const prompt = this.prompt.value;
    if (!view || !prompt.trim() || [...prompt].length > (view.limits.maxInput ?? 32000)) return undefined;
    clear(this.errorBox);
    const problems = formProblems(view, state.images.options);
    if (problems.length) {
      this.errorBox.append(errorNotice({ code: 'user', message: problems.join(' ') }));
      return undefined;
    }
    this.results.reset();
    return { type: 'generateImage', requestId, prompt, options: formValues(view, state.images.options) };
  }
}

/** The form of a generation or an edit, with the one rule between image fields: a transparent background needs PNG. */
export function imageForm(prefix: string, view: OperationView, values: OptionValues, redraw: () => void): FormSpec {
  return {
    prefix,
    view,
    values,
    changed: (again) => {
      if (values.background === 'transparent' && values.output_format !== undefined) values.output_format = 'png';
      persist();
      if (again) redraw();
    },
    offered: (key, v) => (key === 'output_format' && v.background === 'transparent' ? ['png'] : undefined),
    note: (key, v) => (key === 'background' && v.background === 'transparent' ? l10n.t('Transparent needs PNG.') : undefined),
  };
}
