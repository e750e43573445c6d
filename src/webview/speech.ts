// The Speech tab: text with a live count (and, past the service's per-request limit, the number of parts the text will
// be spoken in), voice, format, speed (and instructions where the model takes them); the result plays in the panel and
// can be saved elsewhere.

import * as l10n from '@vscode/l10n';
import { speechPartCount } from '../core/long/textSplit';
import { button, clear, field, formatBytes, h, icon, select } from './dom';
import { newRequestId, post, request } from './host';
import { ctx, errorNotice, fileUrl, modelLine, reload, RunBar, UrlSlot } from './shared';
import { memo, persist, state } from './state';
import type { FileView, SpeechFormat } from './types';

const formatLabels = (): Record<SpeechFormat, string> => ({
  mp3: 'MP3',
  opus: 'Opus',
  aac: l10n.t('AAC (not playable in the panel)'),
  flac: 'FLAC',
  wav: 'WAV',
  pcm: l10n.t('PCM (raw 24 kHz, played as WAV)'),
});

export class SpeechTab {
  readonly el = h('section', { class: 'tab-panel', id: 'panel-speech', role: 'tabpanel', 'aria-labelledby': 'tab-speech' });
  private readonly text = h('textarea', { id: 'speech-text', rows: 7, placeholder: l10n.t('Type or paste the text to speak') });
  private readonly optionsBox = h('div', { class: 'options' });
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
    this.count = partsCounter(this.text, () => ctx.caps?.speech.maxInput, (empty) => {
      this.tooLong = empty;
      this.runBar.disabled = empty || !ctx.caps;
    });
    this.el.append(
      h('h2', {}, icon('unmute'), ' ', l10n.t('Speech')),
      field(l10n.t('Text'), this.text),
      this.count,
      this.optionsBox,
      this.runBar.el,
      this.resultBox,
    );
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
  resume(running: readonly string[]): void {
    this.runBar.resume(running);
  }

  private renderOptions(): void {
    const caps = ctx.caps;
    if (!caps) return;
    clear(this.optionsBox);
    const o = state.speech.options;
    const d = ctx.defaults?.speech ?? {};
    if (!o.voice || !caps.speech.voices.includes(o.voice)) o.voice = d.voice ?? caps.speech.voices[0];
    o.response_format ??= d.response_format ?? 'mp3';
    o.speed ??= d.speed ?? 1;
    if (!caps.speech.instructions) delete o.instructions;
    else o.instructions ??= d.instructions;

    this.optionsBox.append(modelLine(caps.speech.deployment, caps.speech.model, 'azureOpenAIMedia.models.speech'));
    const grid = h('div', { class: 'grid' });
    const voice = select(caps.speech.voices, o.voice, (v) => {
      o.voice = v;
      persist();
    });
    voice.id = 'speech-voice';
    grid.append(field(l10n.t('Voice'), voice));
    const format = select(caps.speech.formats, o.response_format, (v) => {
      o.response_format = v;
      persist();
      note.textContent = v === 'aac'
        ? l10n.t('VS Code’s webviews cannot play AAC: the file is saved, open it with a player of your system.') : '';
    }, formatLabels());
    format.id = 'speech-format';
    const note = h('div', { class: 'hint', role: 'note' },
      o.response_format === 'aac' ? l10n.t('VS Code’s webviews cannot play AAC: the file is saved, open it with a player of your system.')
      : '');
    grid.append(h('div', {}, field(l10n.t('Format'), format), note));
    const speed = h('input', { type: 'range', id: 'speech-speed', min: caps.speech.speed.min, max: caps.speech.speed.max, step: 0.05,
      value: String(o.speed) });
    const speedOut = h('output', { for: 'speech-speed' }, `${Number(o.speed).toFixed(2)}×`);
    speed.addEventListener('input', () => {
      o.speed = Number(speed.value);
      speedOut.textContent = `${o.speed.toFixed(2)}×`;
      persist();
    });
    grid.append(h('div', { class: 'field' }, h('label', { for: 'speech-speed' }, l10n.t('Speed')),
      h('div', { class: 'row' }, speed, speedOut)));
    this.optionsBox.append(grid);
    if (caps.speech.instructions) {
      const instr = h('textarea', { id: 'speech-instructions', rows: 2, placeholder: l10n.t('e.g. Speak warmly and slowly') });
      instr.value = o.instructions ?? '';
      instr.addEventListener('input', () => {
        o.instructions = instr.value || undefined;
        persist();
      });
      this.optionsBox.append(field(l10n.t('Instructions (gpt-4o-mini-tts)'), instr));
    }
    this.runBar.disabled = this.tooLong;
  }

  private message(requestId: string): ReturnType<ConstructorParameters<typeof RunBar>[2]> {
    const text = this.text.value;
    if (!text.trim()) return undefined;
    const o = { ...state.speech.options };
    if (!o.instructions) delete o.instructions;
    return { type: 'speak', requestId, text, options: o };
  }

  private showResult(file: FileView, format: SpeechFormat, playable: boolean): void {
    clear(this.resultBox);
    const head = h('div', { class: 'result-head' }, h('h3', {}, l10n.t('Speech')),
      h('span', { class: 'hint' }, l10n.t('Saved as {0}', file.path) + ` · ${formatBytes(file.size)}`));
    this.resultBox.append(head);
    if (playable) {
      const audio = h('audio', { controls: true, preload: 'auto', id: 'speech-audio' });
      const url = fileUrl(file, this.slot);
      if (url) audio.src = url;
      audio.addEventListener('error', () => this.resultBox.append(h('div', { class: 'notice info' }, icon('info'), ' ',
        l10n.t('This audio could not be played in the panel; open the file instead.'))));
      this.resultBox.append(audio);
    } else {
      this.resultBox.append(h('div', { class: 'notice info', role: 'note', id: 'speech-not-playable' }, icon('info'),
        ' ',
        l10n.t('VS Code’s webviews cannot play {0}. The file was saved; open or reveal it to play it with another program, or choose MP3, Opus, FLAC or WAV to listen here.', format.toUpperCase())));
    }
    this.resultBox.append(h('div', { class: 'actions' },
      button(l10n.t('Open'), () => post({ type: 'openFile', path: file.path }), { icon: 'go-to-file' }),
      button(l10n.t('Reveal in Explorer'), () => post({ type: 'revealFile', path: file.path }), { icon: 'folder-opened' }),
      button(l10n.t('Save As…'), () => request({ type: 'saveCopy', requestId: newRequestId('save'), path: file.path }, () => undefined),
        { icon: 'save-as' }),
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
