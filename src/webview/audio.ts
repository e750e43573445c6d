// The Audio tab: choose or drop a workspace audio file, transcribe or translate it with every option the model
// takes, read the transcript, play from any segment, copy / insert / save it in another format.

import * as l10n from '@vscode/l10n';
import { button, clear, field, formatBytes, formatSeconds, h, icon, select } from './dom';
import { newRequestId, post, request } from './host';
import { ctx, errorNotice, fileUrl, modelLine, reload, RunBar, UrlSlot } from './shared';
import { memo, persist, state, type TranscriptMemo } from './state';
import type { AudioOptions, AudioResponseFormat, FileView, TranscriptFileFormat } from './types';

export class AudioTab {
  readonly el = h('section', { class: 'tab-panel', id: 'panel-audio', role: 'tabpanel', 'aria-labelledby': 'tab-audio' });
  private readonly fileBox = h('div', { class: 'file-box drop-zone', tabindex: '-1' });
  private readonly optionsBox = h('div', { class: 'options' });
  private readonly resultBox = h('div', { class: 'result', id: 'audio-result' });
  private readonly player = h('audio', { controls: true, preload: 'metadata', id: 'audio-player' });
  private readonly playerSlot = new UrlSlot();
  private readonly runBar: RunBar;
  private file: FileView | undefined;

  constructor() {
    this.runBar = new RunBar(l10n.t('Run'), 'play', (id) => this.message(id), (a) => {
      clear(this.resultBox);
      if (a.type === 'transcript') {
        const result: TranscriptMemo = { resultId: a.resultId, task: a.task, result: a.result, output: a.output,
          saveFormats: a.saveFormats };
        state.audio.result = result;
        persist();
        this.showResult(result);
      } else if (a.type === 'error') {
        this.resultBox.append(errorNotice(a.error));
      }
    }, 'audio-run');
    this.player.hidden = true;
    this.player.addEventListener('error', () => {
      this.playerNote.textContent =
        l10n.t('This audio format cannot be played in VS Code’s webview (AAC and some MP4 audio); transcription still works.');
    });
    this.player.addEventListener('timeupdate', () => this.highlight());
    setupDrop(this.fileBox, 'audio', (f) => this.setFile(f));
    this.el.append(
      h('h2', {}, icon('mic'), ' ', l10n.t('Audio')),
      h('p', { class: 'lead' }, l10n.t('Transcribe or translate (to English) a workspace audio file.')),
      this.fileBox,
      this.optionsBox,
      this.runBar.el,
      this.resultBox,
    );
    this.renderFile();
  }

  private readonly playerNote = h('div', { class: 'hint' });

  /** Rebuilds the options for the configured models (called on init and when settings change). */
  mount(): void {
    this.renderOptions();
    if (state.audio.file && !this.file) reload(state.audio.file, (f) => f && this.setFile(f, false));
    if (state.audio.result) this.showResult(state.audio.result);
  }

  run(): void {
    this.runBar.run();
  }

  /** Re-attaches to a request that was running when the page was torn down. */
  resume(running: readonly string[]): void {
    this.runBar.resume(running);
  }

  setFile(file: FileView, save = true): void {
    this.file = file;
    if (save) {
      state.audio.file = memo(file);
      persist();
    }
    this.renderFile();
    this.updateRunnable();
  }

  private renderFile(): void {
    clear(this.fileBox);
    const choose = button(this.file ? l10n.t('Choose Another…') : l10n.t('Choose Audio File…'), () => {
      request({ type: 'pickFile', requestId: newRequestId('pick'), kind: 'audio' }, (a) => {
        if (a.type === 'file' && a.file) this.setFile(a.file);
        else if (a.type === 'error') this.fileBox.append(errorNotice(a.error));
      });
    }, { icon: 'folder-opened', id: 'audio-choose' });
    const info = this.file
      ? h('div', { class: 'file-info' }, icon('file-media'), ' ', h('strong', { id: 'audio-file-name' }, this.file.name),
        ` · ${this.file.path} · ${formatBytes(this.file.size)}`)
      : h('div', { class: 'hint' }, l10n.t('or drop an audio file here from the Explorer (hold Shift while dropping).'));
    this.fileBox.append(h('div', { class: 'row' }, choose, info));
    if (this.file) {
      const url = fileUrl(this.file, this.playerSlot);
      if (url) this.player.src = url;
      this.player.hidden = false;
      this.playerNote.textContent = '';
      this.fileBox.append(this.player, this.playerNote);
    }
  }

  private get options(): AudioOptions {
    return state.audio.task === 'translate' ? state.audio.translateOptions : state.audio.options;
  }

  private renderOptions(): void {
    const caps = ctx.caps;
    if (!caps) return;
    clear(this.optionsBox);
    const task = state.audio.task;
    const defaults = task === 'translate' ? ctx.defaults?.translation : ctx.defaults?.transcription;
    const o = this.options;
    for (const [k, v] of Object.entries(defaults ?? {})) {
      if ((o as Record<string, unknown>)[k] === undefined && v !== undefined) (o as Record<string, unknown>)[k] = v;
    }
    const formats: AudioResponseFormat[] = task === 'translate' ? caps.translation.formats : caps.transcription.formats;
    if (!o.response_format || !formats.includes(o.response_format)) o.response_format = formats[0];

    const taskGroup = h('div', { class: 'segmented', role: 'radiogroup', 'aria-label': l10n.t('Task') });
    for (const [value, label, ic] of [['transcribe', l10n.t('Transcribe'), 'mic'],
      ['translate', l10n.t('Translate to English'), 'globe']] as const) {
      const id = `audio-task-${value}`;
      const input = h('input', { type: 'radio', name: 'audio-task', id, value, checked: task === value });
      input.addEventListener('change', () => {
        state.audio.task = value;
        persist();
        this.renderOptions();
      });
      taskGroup.append(h('label', { for: id, class: 'seg' }, input, icon(ic), ' ', label));
    }
    this.optionsBox.append(taskGroup);
    this.optionsBox.append(
      task === 'translate'
        ? modelLine(caps.translation.deployment, undefined, 'azureOpenAIMedia.deployments.translation')
        : modelLine(caps.transcription.deployment, caps.transcription.model, 'azureOpenAIMedia.models.transcription'),
    );

    const grid = h('div', { class: 'grid' });
    const format = select(formats, o.response_format, (v) => {
      o.response_format = v;
      persist();
      this.renderOptions();
    });
    format.id = 'audio-format';
    grid.append(field(l10n.t('Response format'), format,
      task === 'transcribe' && formats.length === 1 ? l10n.t('{0} returns json only.', caps.transcription.model) : undefined));
    if (task === 'transcribe') {
      const lang = h('input', { type: 'text', id: 'audio-language', value: o.language ?? '', placeholder: l10n.t('auto (e.g. en, de)'),
        maxlength: 16, spellcheck: 'false' });
      lang.addEventListener('input', () => {
        o.language = lang.value.trim() || undefined;
        persist();
      });
      grid.append(field(l10n.t('Language (ISO-639-1)'), lang));
    }
    const temp = h('input', { type: 'number', id: 'audio-temperature', min: 0, max: 1, step: 0.1, value: String(o.temperature ?? 0) });
    temp.addEventListener('input', () => {
      const v = Number(temp.value);
      o.temperature = Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : undefined;
      persist();
    });
    grid.append(field(l10n.t('Temperature'), temp, l10n.t('0–1; 0 lets the model choose.')));
    if (task === 'transcribe' && caps.transcription.granularities && o.response_format === 'verbose_json') {
      const boxes = h('div', { class: 'checks', role: 'group', 'aria-label': l10n.t('Timestamp granularities') });
      for (const g of ['segment', 'word'] as const) {
        const id = `audio-gran-${g}`;
        const current = (): Array<'segment' | 'word'> => (o.timestamp_granularities?.length ? o.timestamp_granularities : ['segment']);
        const cb = h('input', { type: 'checkbox', id, checked: current().includes(g) });
        cb.addEventListener('change', () => {
          const set = new Set<'segment' | 'word'>(current());
          if (cb.checked) set.add(g);
          else set.delete(g);
          o.timestamp_granularities = [...set];
          persist();
        });
        boxes.append(h('label', { for: id, class: 'check' }, cb, ` ${g === 'word' ? l10n.t('words') : l10n.t('segments')}`));
      }
      grid.append(h('div', { class: 'field' }, h('span', { class: 'label' }, l10n.t('Timestamps')), boxes));
    }
    this.optionsBox.append(grid);
    const prompt = h('textarea', { id: 'audio-prompt', rows: 2,
      placeholder: l10n.t('Optional: names, spellings or the previous part, to guide the model') });
    prompt.value = o.prompt ?? '';
    prompt.addEventListener('input', () => {
      o.prompt = prompt.value || undefined;
      persist();
    });
    this.optionsBox.append(field(l10n.t('Prompt'), prompt));
    this.updateRunnable();
  }

  private updateRunnable(): void {
    this.runBar.disabled = !this.file || !ctx.caps;
  }

  private message(requestId: string): ReturnType<ConstructorParameters<typeof RunBar>[2]> {
    if (!this.file) return undefined;
    const o = { ...this.options };
    if (state.audio.task === 'translate') delete o.language;
    if (state.audio.task === 'translate' || o.response_format !== 'verbose_json' ||
      !ctx.caps?.transcription.granularities) delete o.timestamp_granularities;
    if (!o.temperature) delete o.temperature;
    return { type: 'transcribe', requestId, task: state.audio.task, file: this.file.path, options: o };
  }

  private showResult(memo: TranscriptMemo): void {
    clear(this.resultBox);
    const r = memo.result;
    const text = h('textarea', { class: 'transcript', id: 'audio-transcript', readonly: true, rows: 8,
      'aria-label': l10n.t('Transcript') });
    text.value = r.text;
    let saveFormat: TranscriptFileFormat = memo.saveFormats[0];
    const formatSelect = select(memo.saveFormats, saveFormat, (v) => (saveFormat = v),
      { txt: l10n.t('Text (.txt)'), json: 'JSON', verbose_json: l10n.t('Verbose JSON'), srt: l10n.t('SubRip (.srt)'),
      vtt: l10n.t('WebVTT (.vtt)') });
    formatSelect.setAttribute('aria-label', l10n.t('Save format'));
    const status = h('span', { class: 'hint', role: 'status' });
    this.resultBox.append(
      h('div', { class: 'result-head' },
        h('h3', {}, memo.task === 'translate' ? l10n.t('Translation') : l10n.t('Transcript')),
        h('span', { class: 'hint' }, l10n.t('Saved as {0}', memo.output), r.language ? ` · ${r.language}` : '',
          r.duration !== undefined ? ` · ${formatSeconds(r.duration)}` : ''),
      ),
      text,
      h('div', { class: 'actions' },
        button(l10n.t('Copy'), () => post({ type: 'copyText', text: r.text }), { icon: 'copy' }),
        button(l10n.t('Insert at Cursor'), () => post({ type: 'insertText', text: r.text }), { icon: 'insert' }),
        button(l10n.t('Open'), () => post({ type: 'openFile', path: memo.output }), { icon: 'go-to-file' }),
        formatSelect,
        button(l10n.t('Save As…'), () => request({ type: 'saveTranscript', requestId: newRequestId('save'), resultId: memo.resultId,
          format: saveFormat }, (a) => {
          status.textContent = a.type === 'done' ? a.message ?? '' : a.type === 'error' ? a.error.message : '';
        }), { icon: 'save-as' }),
        status,
      ),
    );
    if (r.segments.length) {
      const table = this.timedTable('audio-segments', l10n.t('Segments — choose a row to play from that moment'), l10n.t('Text'),
        r.segments.map((s) => ({ start: s.start, end: s.end, text: s.text.trim() })));
      this.resultBox.append(h('div', { class: 'table-wrap' }, table));
    }
    if (r.words.length) {
      const table = this.timedTable('audio-words', l10n.t('Words — choose a row to play from that word'), l10n.t('Word'),
        r.words.map((w) => ({ start: w.start, end: w.end, text: w.word })));
      this.resultBox.append(h('details', { class: 'words-box' }, h('summary', {}, l10n.t('Words ({0})', r.words.length)),
        h('div', { class: 'table-wrap' }, table)));
    }
  }

  /** A table of timed rows; a click, Enter or Space plays from the row's start; arrows move between rows. */
  private timedTable(id: string, caption: string, textHeader: string,
    rows: Array<{ start: number; end: number; text: string }>): HTMLTableElement {
    const table = h('table', { class: 'segments', id },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, l10n.t('Start')), h('th', { scope: 'col' }, l10n.t('End')),
        h('th', { scope: 'col' }, textHeader))));
    const body = h('tbody');
    for (const item of rows) {
      const row = h('tr', { tabindex: '0', 'data-start': item.start, 'data-end': item.end,
        title: l10n.t('Play from {0}', formatSeconds(item.start)) },
        h('td', { class: 'time' }, formatSeconds(item.start)), h('td', { class: 'time' }, formatSeconds(item.end)), h('td', {}, item.text));
      const play = (): void => this.playFrom(item.start);
      row.addEventListener('click', play);
      row.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          play();
        } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault();
          ((e.key === 'ArrowDown' ? row.nextElementSibling : row.previousElementSibling) as HTMLElement | null)?.focus();
        }
      });
      body.append(row);
    }
    table.append(body);
    return table;
  }

  private playFrom(seconds: number): void {
    if (!this.file || this.player.hidden) return;
    this.player.currentTime = seconds;
    void this.player.play().catch(() => undefined);
  }

  private highlight(): void {
    const t = this.player.currentTime;
    this.resultBox.querySelectorAll<HTMLTableRowElement>('table.segments tbody tr').forEach((row) => {
      const on = t >= Number(row.dataset.start) && t < Number(row.dataset.end);
      row.classList.toggle('playing', on);
      if (on) row.setAttribute('aria-current', 'true');
      else row.removeAttribute('aria-current');
    });
  }
}

/** Accepts a file dragged from VS Code's Explorer (Shift+drop gives the page a URI list) and asks the host for it. */
export function setupDrop(zone: HTMLElement, kind: 'audio' | 'image', onFile: (file: FileView) => void): void {
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('dragging');
    const list = e.dataTransfer?.getData('text/uri-list') || e.dataTransfer?.getData('application/vnd.code.uri-list') || '';
    const ref = list.split(/\r?\n/).map((l) => l.trim()).find((l) => l && !l.startsWith('#'));
    if (!ref) {
      zone.append(errorNotice({ code: 'user',
        message: l10n.t('Drop a file from the Explorer (hold Shift while dropping into the panel).') }));
      return;
    }
    request({ type: 'resolveFile', requestId: newRequestId('drop'), kind, ref }, (a) => {
      if (a.type === 'file' && a.file) onFile(a.file);
      else if (a.type === 'error') zone.append(errorNotice(a.error));
    });
  });
}
