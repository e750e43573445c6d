// The Audio tab: choose or drop a workspace audio file, transcribe or translate it with every option the model
// takes (drawn from the catalog, ./form.ts), read the transcript, play from any segment, copy / insert / save it in another format.

import * as l10n from '@vscode/l10n';
import { CostEstimate } from './cost';
import { button, clear, formatBytes, formatSeconds, h, icon, select } from './dom';
import { fillValues, formProblems, formValues, renderForm } from './form';
import { newRequestId, post, request } from './host';
import { LiveTranscript } from './live';
import { capabilities, defaults, modelLine, operation } from './session';
import { UrlSlot, fileUrl, reload } from './files';
import { errorNotice } from './notices';
import { RunBar } from './runBar';
import { knownSpeakerClips, knownSpeakersField, renameBox, speakerCell } from './speakers';
import { memo, persist, state, type TranscriptMemo } from './state';
import type { AudioOperation, FileView, FinalAnswer, OptionValues, TranscriptFileFormat } from './types';

export class AudioTab {
  readonly el = h('section', { class: 'tab-panel', id: 'panel-audio', role: 'tabpanel', 'aria-labelledby': 'tab-audio' });
  private readonly fileBox = h('div', { class: 'file-box drop-zone', tabindex: '-1' });
  private readonly optionsBox = h('div', { class: 'options' });
  private readonly resultBox = h('div', { class: 'result', id: 'audio-result' });
  private readonly player = h('audio', { controls: true, preload: 'metadata', id: 'audio-player' });
  private readonly playerSlot = new UrlSlot();
  private readonly runBar: RunBar;
  private readonly live = new LiveTranscript('audio-live');
  private file: FileView | undefined;

  constructor() {
    this.runBar = new RunBar(l10n.t('Run'), 'play', (id) => this.message(id), (a) => {
      if (this.live.take(a)) return;
      this.live.reset();
      clear(this.resultBox);
      if (a.type === 'transcript') {
        const result: TranscriptMemo = { resultId: a.resultId, operation: a.operation, result: a.result, output: a.output,
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
      this.playerNote.textContent = l10n.t(
        'This audio format cannot be played in VS Code’s webview (AAC and some MP4 audio); transcription still works.');
    });
    this.player.addEventListener('timeupdate', () => this.highlight());
    setupDrop(this.fileBox, 'audio', (f) => this.setFile(f));
    this.el.append(
      h('h2', {}, icon('mic'), ' ', l10n.t('Audio')),
      h('p', { class: 'lead' }, l10n.t('Transcribe or translate (to English) a workspace audio file.')),
      this.fileBox,
      this.optionsBox,
      this.runBar.el,
      this.live.el,
      this.resultBox,
    );
    this.renderFile();
    CostEstimate.beside(this.runBar, this.el, 'audio-estimate', () => state.audio.file && {
      operation: state.audio.operation, file: state.audio.file.path });
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
  resume(running: readonly string[], answers: readonly FinalAnswer[]): void {
    this.runBar.resume(running, answers);
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
      ? h('div', { class: 'file-info' }, icon('file-media'), ' ',
        h('strong', { id: 'audio-file-name', class: 'file-name' }, this.file.name),
        ' · ', h('span', { class: 'file-name' }, this.file.path), ` · ${formatBytes(this.file.size)}`)
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

  private get options(): OptionValues {
    return state.audio.operation === 'translation' ? state.audio.translateOptions : state.audio.options;
  }

  private get op(): AudioOperation {
    return state.audio.operation;
  }

  private renderOptions(): void {
    const view = operation(this.op);
    if (!view) return;
    clear(this.optionsBox);
    fillValues(view, this.options, defaults()?.[this.op]);

    const taskGroup = h('div', { class: 'segmented', role: 'radiogroup', 'aria-label': l10n.t('Task') });
    for (const [value, label, ic] of [['transcription', l10n.t('Transcribe'), 'mic'], ['translation', l10n.t('Translate to English'),
      'globe']] as const) {
      const id = `audio-op-${value}`;
      const input = h('input', { type: 'radio', name: 'audio-operation', id, value, checked: this.op === value });
      input.addEventListener('change', () => {
        state.audio.operation = value;
        persist();
        this.renderOptions();
      });
      taskGroup.append(h('label', { for: id, class: 'seg' }, input, icon(ic), ' ', label));
    }
    const form = h('div', { class: 'form' });
    this.optionsBox.append(taskGroup, modelLine(this.op, this.op === 'transcription'), form);
    renderForm({
      prefix: 'audio',
      view,
      values: this.options,
      changed: (redraw) => {
        persist();
        if (redraw) this.renderOptions();
      },
      // Known speakers where the model takes them (the catalog says which), for a transcription only.
      hostField: (f) => (f.key === 'known_speaker_names' && this.op === 'transcription'
        ? knownSpeakersField(f, () => persist()) : undefined),
    }, form);
    this.updateRunnable();
  }

  private updateRunnable(): void {
    this.runBar.disabled = !this.file || !capabilities();
  }

  private message(requestId: string): ReturnType<ConstructorParameters<typeof RunBar>[2]> {
    const view = operation(this.op);
    if (!this.file || !view) return undefined;
    clear(this.resultBox);
    this.live.reset();
    // The last result is gone from the page: a page reloaded during this run must not show it again.
    delete state.audio.result;
    persist();
    const takesSpeakers = this.op === 'transcription' && view.fields.some((f) => f.key === 'known_speaker_names' && f.supported);
    const known = takesSpeakers ? knownSpeakerClips() : { clips: [], problems: [] };
    const problems = [...formProblems(view, this.options), ...known.problems];
    if (problems.length) {
      this.resultBox.append(errorNotice({ code: 'user', message: problems.join(' ') }));
      return undefined;
    }
    return { type: 'transcribe', requestId, operation: this.op, file: this.file.path, options: formValues(view, this.options),
      ...(known.clips.length ? { speakers: known.clips } : {}) };
  }

  private showResult(memo: TranscriptMemo): void {
    clear(this.resultBox);
    const r = memo.result;
    const text = h('textarea', { class: 'transcript', id: 'audio-transcript', readonly: true, rows: 8, 'aria-label': l10n.t(
      'Transcript') });
    text.value = r.text;
    let saveFormat: TranscriptFileFormat = memo.saveFormats[0];
    const formatSelect = select(memo.saveFormats, saveFormat, (v) => (saveFormat = v), { md: l10n.t('Markdown (.md)'), txt: l10n.t(
      'Text (.txt)'), json: 'JSON',
      verbose_json: l10n.t('Verbose JSON'), srt: l10n.t('SubRip (.srt)'), vtt: l10n.t('WebVTT (.vtt)') });
    formatSelect.setAttribute('aria-label', l10n.t('Save format'));
    const status = h('span', { class: 'hint', role: 'status' });
    this.resultBox.append(
      h('div', { class: 'result-head' },
        h('h3', {}, memo.operation === 'translation' ? l10n.t('Translation') : l10n.t('Transcript')),
        h('span', { class: 'hint' }, l10n.t('Saved as {0}', memo.output), r.language ? ` · ${r.language}` : '', r.duration !== undefined
          ? ` · ${formatSeconds(r.duration)}` : ''),
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
      // A transcript by speaker: the speakers to rename, and a speaker column.
      const bySpeaker = r.segments.some((s) => s.speaker);
      if (bySpeaker) this.resultBox.append(renameBox(memo, this.resultBox));
      const table = this.timedTable('audio-segments', l10n.t('Segments — choose a row to play from that moment'), l10n.t('Text'),
        r.segments.map((s) => ({ start: s.start, end: s.end, text: s.text.trim(), speaker: s.speaker })),
        bySpeaker ? { header: l10n.t('Speaker'), cell: (speaker) => speakerCell(speaker, memo) } : undefined);
      this.resultBox.append(h('div', { class: 'table-wrap' }, table));
    }
    if (r.words.length) {
      const table = this.timedTable('audio-words', l10n.t('Words — choose a row to play from that word'), l10n.t('Word'),
        r.words.map((w) => ({ start: w.start, end: w.end, text: w.word })));
      this.resultBox.append(h('details', { class: 'words-box' }, h('summary', {}, l10n.t('Words ({0})', r.words.length)), h('div', {
        class: 'table-wrap' }, table)));
    }
  }

  /** A table of timed rows; a click, Enter or Space plays from the row's start; arrows move between rows. */
  private timedTable(id: string, caption: string, textHeader: string, rows: Array<{
    start: number; end: number; text: string; speaker?: string }>, speakers?: { header: string; cell(speaker?: string): HTMLElement }
  ): HTMLTableElement {
    const table = h('table', { class: 'segments', id },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, l10n.t('Start')), h('th', { scope: 'col' }, l10n.t('End')),
        speakers ? h('th', { scope: 'col' }, speakers.header) : null, h('th', { scope: 'col' }, textHeader))));
    const body = h('tbody');
    for (const item of rows) {
      const row = h('tr', { tabindex: '0', 'data-start': item.start, 'data-end': item.end, title: l10n.t('Play from {0}', formatSeconds(
        item.start)) },
        h('td', { class: 'time' }, formatSeconds(item.start)), h('td', { class: 'time' }, formatSeconds(item.end)),
        speakers ? speakers.cell(item.speaker) : null, h('td', {}, item.text));
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
      zone.append(errorNotice({ code: 'user', message: l10n.t(
        'Drop a file from the Explorer (hold Shift while dropping into the panel).') }));
      return;
    }
    request({ type: 'resolveFile', requestId: newRequestId('drop'), kind, ref }, (a) => {
      if (a.type === 'file' && a.file) onFile(a.file);
      else if (a.type === 'error') zone.append(errorNotice(a.error));
    });
  });
}
