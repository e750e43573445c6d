// The Speech tab: text with a live count (and, past the service's per-request limit, the number of parts the text will
// be spoken in), and the options the model takes drawn from the catalog (./form.ts); the result plays in the panel and
// can be saved elsewhere.

import * as l10n from '@vscode/l10n';
import { speechPartCount } from '../core/long/textSplit';
import { CostEstimate } from './cost';
import { button, clear, field, formatBytes, h, icon } from './dom';
import { fillValues, formProblems, formValues, renderForm } from './form';
import { newRequestId, post, request } from './host';
import { capabilities, defaults, modelLine, operation } from './session';
import { UrlSlot, fileUrl, reload } from './files';
import { errorNotice } from './notices';
import { RunBar } from './runBar';
import { memo, persist, state } from './state';
import type { FileView, FinalAnswer, SpeechFormat } from './types';

const formatLabels = (): Record<string, string> => ({
  mp3: l10n.t('MP3'),
  opus: l10n.t('Opus'),
  aac: l10n.t('AAC (not playable in the panel)'),
  flac: l10n.t('FLAC'),
  wav: l10n.t('WAV'),
  pcm: l10n.t('PCM (raw 24 kHz, played as WAV)'),
});

export class SpeechTab {
  readonly el = h('section', { class: 'tab-panel', id: 'panel-speech', role: 'tabpanel', 'aria-labelledby': 'tab-speech' });
  private readonly text = h('textarea', { id: 'speech-text', rows: 7, placeholder: l10n.t('Type or paste the text to speak') });
  private readonly optionsBox = h('div', { class: 'options' });
  private readonly formBox = h('div', { class: 'form' });
  private readonly resultBox = h('div', { class: 'result', id: 'speech-result' });
  private readonly slot = new UrlSlot();
  private readonly runBar: RunBar;
  private readonly count: HTMLDivElement & { update?: () => void };
  private tooLong = true;

  constructor() {
    this.runBar = new RunBar(l10n.t('Speak'), 'unmute', (id) => this.message(id), (a) => {
      clear(this.resultBox);
      if (a.type === 'speech') {
        state.speech.result = { output: memo(a.output), format: a.format, playable: a.playable };
        persist();
        this.showResult(a.output, a.format, a.playable);
      } else if (a.type === 'error') {
        this.resultBox.append(errorNotice(a.error));
      }
    }, 'speech-run');
    this.text.value = state.speech.text;
    this.text.addEventListener('input', () => {
      state.speech.text = this.text.value;
      persist();
    });
    this.text.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) this.runBar.run();
    });
    this.count = partsCounter(this.text, () => operation('speech')?.limits.maxInput, (empty) => {
      this.tooLong = empty;
      this.runBar.disabled = empty || !capabilities();
    });
    this.el.append(
      h('h2', {}, icon('unmute'), ' ', l10n.t('Speech')),
      field(l10n.t('Text'), this.text),
      this.count,
      this.optionsBox,
      this.runBar.el,
      this.resultBox,
    );
    CostEstimate.beside(this.runBar, this.el, 'speech-estimate', () => {
      const view = operation('speech');
      const text = state.speech.text;
      return view && text.trim() ? { operation: 'speech', characters: [...text].length, options: formValues(view, state.speech.options) }
        : undefined;
    });
  }

  mount(): void {
    this.text.value = state.speech.text;
    this.count.update?.();
    this.renderOptions();
    const r = state.speech.result;
    if (r && !this.resultBox.firstChild) reload(r.output, (f) => f && this.showResult(f, r.format, r.playable));
  }

  setText(text: string): void {
    this.text.value = text;
    state.speech.text = text;
    this.count.update?.();
  }

  run(): void {
    this.runBar.run();
  }

  /** Re-attaches to a request that was running when the page was torn down. */
  resume(running: readonly string[], answers: readonly FinalAnswer[]): void {
    this.runBar.resume(running, answers);
  }

  private renderOptions(): void {
    const view = operation('speech');
    if (!view) return;
    clear(this.optionsBox);
    fillValues(view, state.speech.options, defaults()?.speech);
    this.optionsBox.append(modelLine('speech'), this.formBox);
    renderForm({
      prefix: 'speech',
      view,
      values: state.speech.options,
      changed: (redraw) => {
        persist();
        if (redraw) this.renderOptions();
      },
      valueLabels: { response_format: formatLabels() },
      note: (key, values) =>
        key === 'response_format' && values.response_format === 'aac'
          ? l10n.t('VS Code’s webviews cannot play AAC: the file is saved, open it with a player of your system.')
          : undefined,
    }, this.formBox);
    this.runBar.disabled = this.tooLong;
  }

  private message(requestId: string): ReturnType<ConstructorParameters<typeof RunBar>[2]> {
    const view = operation('speech');
    const text = this.text.value;
    if (!view || !text.trim()) return undefined;
    clear(this.resultBox);
    const problems = formProblems(view, state.speech.options);
    if (problems.length) {
      this.resultBox.append(errorNotice({ code: 'user', message: problems.join(' ') }));
      return undefined;
    }
    return { type: 'speak', requestId, text, options: formValues(view, state.speech.options) };
  }

  private showResult(file: FileView, format: SpeechFormat, playable: boolean): void {
    clear(this.resultBox);
    const head = h('div', { class: 'result-head' }, h('h3', {}, l10n.t('Speech')), h('span', { class: 'hint' }, l10n.t('Saved as {0}',
      file.path) + ` · ${formatBytes(file.size)}`));
    this.resultBox.append(head);
    if (playable) {
      const audio = h('audio', { controls: true, preload: 'auto', id: 'speech-audio' });
      const url = fileUrl(file, this.slot);
      if (url) audio.src = url;
      audio.addEventListener('error', () => this.resultBox.append(h('div', { class: 'notice info' }, icon('info'), ' ', l10n.t(
        'This audio could not be played in the panel; open the file instead.'))));
      this.resultBox.append(audio);
    } else {
      this.resultBox.append(h('div', { class: 'notice info', role: 'note', id: 'speech-not-playable' }, icon('info'), ' ',
        l10n.t('VS Code’s webviews cannot play {0}. The file was saved; open or reveal it to play it with another program, or choose MP3, Opus, FLAC or WAV to listen here.', format.toUpperCase())));
    }
    this.resultBox.append(h('div', { class: 'actions' },
      button(l10n.t('Open'), () => post({ type: 'openFile', path: file.path }), { icon: 'go-to-file' }),
      button(l10n.t('Reveal in Explorer'), () => post({ type: 'revealFile', path: file.path }), { icon: 'folder-opened' }),
      button(l10n.t('Save As…'), () => request({ type: 'saveCopy', requestId: newRequestId('save'), path: file.path }, () => undefined), {
        icon: 'save-as' }),
    ));
  }
}

/**
 * A live character count; past the service's per-request limit it also says how many parts the text will be spoken
 * in (split at sentence ends, as the extension will split it). `empty` is called with whether there is nothing to say.
 */
function partsCounter(textarea: HTMLTextAreaElement, max: () => number | undefined, empty: (isEmpty: boolean) => void): HTMLDivElement {
  const el = h('div', { class: 'counter', id: 'speech-count', 'aria-live': 'polite' });
  const update = (): void => {
    const n = [...textarea.value].length; // characters as the service counts them (code points)
    const limit = max();
    const parts = limit && n > limit ? speechPartCount(textarea.value, limit) : 1;
    el.textContent =
      parts > 1
        ? l10n.t('{0} characters · spoken in {1} parts of at most {2}', n.toLocaleString(), parts, limit!.toLocaleString())
        : limit
          ? `${n.toLocaleString()} / ${limit.toLocaleString()}`
          : n.toLocaleString();
    empty(textarea.value.trim().length === 0);
  };
  textarea.addEventListener('input', update);
  update();
  return Object.assign(el, { update });
}
