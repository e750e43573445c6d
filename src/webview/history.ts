// The History tab: every output the extension wrote in this workspace (from the commands or the Studio), newest
// first, with its parameters; re-run as it was or load it into its form to change it; open, reveal, delete.

import * as l10n from '@vscode/l10n';
import { OPERATION_SPECS } from '../core/catalog/operationSpecs';
import { costBadge, costTotalLine } from './cost';
import { button, clear, h, icon, select } from './dom';
import { newRequestId, post, request } from './host';
import { UrlSlot, fileUrl } from './files';
import { errorNotice } from './notices';
import { persist, state } from './state';
import type { CostTotalView, HistoryItem } from './types';

/** The operations by their titles (the catalog's, in the bundle), in the catalog's order. */
const operationLabels = (): Record<HistoryItem['operation'], string> => Object.fromEntries(
  Object.entries(OPERATION_SPECS).map(([op, spec]) => [op, l10n.t(spec.title)])) as Record<HistoryItem['operation'], string>;

export interface HistoryActions {
  /** Loads the record into its tab's form; with `run`, runs it at once. */
  load(item: HistoryItem, run: boolean): void;
}

export class HistoryTab {
  readonly el = h('section', { class: 'tab-panel', id: 'panel-history', role: 'tabpanel', 'aria-labelledby': 'tab-history' });
  private readonly list = h('ul', { class: 'history', id: 'history-list', 'aria-label': l10n.t('Outputs') });
  private readonly empty = h('p', { class: 'hint' });
  private readonly notice = h('div');
  private readonly total = h('p', { class: 'hint cost-total', id: 'history-total', 'aria-live': 'polite' });
  private items: HistoryItem[] = [];
  private slots: UrlSlot[] = [];
  private observer: IntersectionObserver | undefined;

  constructor(private readonly actions: HistoryActions) {
    const filter = h('input', { type: 'search', id: 'history-filter', placeholder: l10n.t('Filter by prompt, file or parameter'),
      value: state.historyFilter, 'aria-label': l10n.t('Filter history') });
    filter.addEventListener('input', () => {
      state.historyFilter = filter.value;
      persist();
      this.render();
    });
    const labels = operationLabels();
    const ops = ['', ...Object.keys(labels)] as const;
    const op = select(ops, state.historyOperation, (v) => {
      state.historyOperation = v;
      persist();
      this.render();
    }, { '': l10n.t('All operations'), ...labels });
    op.setAttribute('aria-label', l10n.t('Operation'));
    this.el.append(
      h('h2', {}, icon('history'), ' ', l10n.t('History')),
      h('p', { class: 'lead' },
        l10n.t('Everything the extension wrote in this workspace, from any command. Kept in the extension\'s storage for this workspace (not in the repository), so other windows and reloads see it too.')),
      h('div', { class: 'row filters' }, filter, op),
      this.total,
      this.notice,
      this.empty,
      this.list,
    );
  }

  setItems(items: HistoryItem[], total?: CostTotalView): void {
    this.items = items;
    this.total.textContent = costTotalLine(total);
    this.render();
  }

  private render(): void {
    for (const s of this.slots) s.release();
    this.slots = [];
    this.observer?.disconnect();
    this.observer = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        const img = entry.target as HTMLImageElement;
        this.observer?.unobserve(img);
        this.loadThumb(img);
      }
    });
    clear(this.list);
    const q = state.historyFilter.trim().toLowerCase();
    const shown = this.items.filter((i) => (!state.historyOperation || i.operation === state.historyOperation) && (!q ||
      searchText(i).includes(q)));
    this.empty.textContent = this.items.length === 0
      ? l10n.t('Nothing yet: outputs appear here as soon as a command or the Studio writes them.')
      : shown.length === 0 ? l10n.t('No output matches the filter.') : l10n.t('{0} of {1} outputs.', shown.length, this.items.length);
    for (const item of shown) this.list.append(this.card(item));
  }

  private card(item: HistoryItem): HTMLLIElement {
    const thumb = h('div', { class: 'thumb' });
    if (item.kind === 'image' && item.exists) {
      const img = h('img', { alt: item.prompt ?? item.name, loading: 'lazy', 'data-path': item.output });
      if (item.src) img.src = item.src;
      else this.observer?.observe(img);
      thumb.append(img);
    } else {
      thumb.append(icon(item.kind === 'audio' ? 'unmute' : item.kind === 'text' ? 'file-text' : 'file-media'));
    }
    const when = new Date(item.createdAt);
    const title = h('div', { class: 'card-title' }, icon(OPERATION_SPECS[item.operation].icon), ' ',
      h('strong', {}, operationLabels()[item.operation]), ' · ', h('span', { class: 'file-name' }, item.name));
    const meta = h('div', { class: 'hint' }, h('time', { datetime: when.toISOString() }, when.toLocaleString()),
      item.folder ? ` · ${l10n.t('in {0}', item.folder)}` : '',
      item.source ? ` · ${l10n.t('from {0}', item.source)}` : '', item.exists ? '' : ` · ${l10n.t('file missing')}`,
      item.cost ? ' · ' : '', costBadge(item.cost));
    const body = h('div', { class: 'card-body' }, title, meta);
    if (item.prompt) body.append(h('div', { class: 'prompt' }, item.prompt.length > 300 ? `${item.prompt.slice(0, 300)}…` : item.prompt));
    if (item.revisedPrompt) body.append(h('div', { class: 'revised' }, h('strong', {}, l10n.t('Revised:'), ' '), item.revisedPrompt));
    const dl = h('dl', { class: 'params' });
    for (const [k, v] of Object.entries(item.params)) {
      if (k === 'input' || k === 'prompt') continue;
      dl.append(h('dt', {}, k), h('dd', {}, typeof v === 'string' ? v : JSON.stringify(v)));
    }
    body.append(h('details', {}, h('summary', {}, l10n.t('Parameters')), dl));
    if (item.kind === 'audio' && item.exists) {
      const audio = h('audio', { controls: true, preload: 'none' });
      const slot = new UrlSlot();
      this.slots.push(slot);
      if (item.src) audio.src = item.src;
      else audio.addEventListener('play', () => this.loadInto(audio, item.output, slot), { once: true });
      body.append(audio);
    }
    const canRerun = rerunnable(item);
    const actions = h('div', { class: 'actions' },
      button(l10n.t('Re-run'), () => this.actions.load(item, true),
        { icon: 'refresh', title: l10n.t('Run again with the same parameters') }),
      button(l10n.t('Change & Re-run'), () => this.actions.load(item, false),
        { icon: 'edit', title: l10n.t('Load into the form to change the parameters') }),
      button(l10n.t('Open'), () => post({ type: 'openFile', path: item.output }), { icon: 'go-to-file' }),
      button(l10n.t('Reveal in Explorer'), () => post({ type: 'revealFile', path: item.output }),
        { icon: 'folder-opened', iconOnly: true }),
      button(l10n.t('Delete'), () => this.remove(item), { icon: 'trash', iconOnly: true, title: l10n.t('Delete the file and its entry') }),
    );
    const buttons = actions.querySelectorAll('button');
    if (!canRerun) {
      buttons[0].disabled = true;
      buttons[1].disabled = true;
    }
    if (!item.exists) {
      buttons[2].disabled = true;
      buttons[3].disabled = true;
      actions.append(button(l10n.t('Remove Entry'), () => this.remove(item, false), { icon: 'close' }));
    }
    body.append(actions);
    return h('li', { class: 'card', 'data-id': item.id, 'data-operation': item.operation }, thumb, body);
  }

  private remove(item: HistoryItem, deleteFile = true): void {
    clear(this.notice);
    request({ type: 'deleteRecord', requestId: newRequestId('delete'), id: item.id, deleteFile }, (a) => {
      if (a.type === 'error') this.notice.append(errorNotice(a.error));
    });
  }

  private loadThumb(img: HTMLImageElement): void {
    const slot = new UrlSlot();
    this.slots.push(slot);
    request({ type: 'loadPreview', requestId: newRequestId('thumb'), path: img.dataset.path ?? '' }, (a) => {
      if (a.type === 'preview' && a.file) img.src = fileUrl(a.file, slot) ?? '';
    });
  }

  private loadInto(audio: HTMLAudioElement, path: string, slot: UrlSlot): void {
    request({ type: 'loadPreview', requestId: newRequestId('audio'), path }, (a) => {
      if (a.type === 'preview' && a.file) {
        audio.src = fileUrl(a.file, slot) ?? '';
        void audio.play().catch(() => undefined);
      }
    });
  }
}

function searchText(item: HistoryItem): string {
  return [item.name, item.output, item.folder ?? '', item.prompt ?? '', item.revisedPrompt ?? '', item.source ?? '',
    operationLabels()[item.operation], JSON.stringify(item.params)].join(' ').toLowerCase();
}

/** A record can run again when what it needs is in it: a source file, or the prompt or text. */
export function rerunnable(item: HistoryItem): boolean {
  switch (item.operation) {
    case 'transcription':
    case 'translation':
      return !!item.source;
    case 'speech':
    case 'imageGeneration':
      return !!item.prompt;
    case 'imageEdit':
      return !!item.source && !!item.prompt;
    default:
      return false; // an operation this page cannot load into a form
  }
}
