// The Studio page: tabs for Audio, Speech, Images, Edit and History. It says `ready`, receives the capabilities of
// the configured models, the defaults and the history, and from then on speaks only the typed protocol.

import { AudioTab } from './audio';
import { button, clear, h, icon } from './dom';
import { EditTab } from './edit';
import { refreshEstimates } from './cost';
import { HistoryTab } from './history';
import { ask, newRequestId, post, routeAnswer } from './host';
import { ImagesTab } from './images';
import { capabilities, defaults, operation, setCapabilities } from './session';
import { errorNotice } from './notices';
import { SpeechTab } from './speech';
import * as l10n from '@vscode/l10n';
import { setBundle } from './l10n';
import { initState, persist, restored, state } from './state';
import type { ErrorView, HistoryItem, HostToWebview, OperationId, OptionValues, RequestMessage, StudioTab } from './types';

initState();

const app = document.getElementById('app') as HTMLDivElement;
const TABS: Array<{ id: StudioTab; label: () => string; icon: string }> = [
  { id: 'audio', label: () => l10n.t('Audio'), icon: 'mic' },
  { id: 'speech', label: () => l10n.t('Speech'), icon: 'unmute' },
  { id: 'images', label: () => l10n.t('Images'), icon: 'sparkle' },
  { id: 'edit', label: () => l10n.t('Edit'), icon: 'wand' },
  { id: 'history', label: () => l10n.t('History'), icon: 'history' },
];

// The UI is built when `init` brings the localised strings; until then the page shows nothing (aria-busy).
let edit: EditTab;
let images: ImagesTab;
let audio: AudioTab;
let speech: SpeechTab;
let history: HistoryTab;
let panels: Record<StudioTab, { el: HTMLElement; mount?: () => void }>;
const tabButtons = new Map<StudioTab, HTMLButtonElement>();
const banner = h('div', { class: 'banner', role: 'status' });
const looseErrors = h('div', { class: 'loose-errors' });

function build(): void {
  edit = new EditTab();
  images = new ImagesTab((image) => {
    edit.setFile(image);
    showTab('edit');
  });
  audio = new AudioTab();
  speech = new SpeechTab();
  history = new HistoryTab({ load: loadFromHistory });
  panels = { audio, speech, images, edit, history };

  const tablist = h('div', { class: 'tabs', role: 'tablist', 'aria-label': l10n.t('Studio') });
  for (const t of TABS) {
    const b = h('button', { type: 'button', role: 'tab', id: `tab-${t.id}`, 'aria-controls': `panel-${t.id}`, class: 'tab' }, icon(t.icon),
      h('span', {}, t.label()));
    b.addEventListener('click', () => showTab(t.id));
    b.addEventListener('keydown', (e) => {
      const i = TABS.findIndex((x) => x.id === t.id);
      let next: number | undefined;
      if (e.key === 'ArrowRight') next = (i + 1) % TABS.length;
      else if (e.key === 'ArrowLeft') next = (i - 1 + TABS.length) % TABS.length;
      else if (e.key === 'Home') next = 0;
      else if (e.key === 'End') next = TABS.length - 1;
      if (next !== undefined) {
        e.preventDefault();
        showTab(TABS[next].id);
        tabButtons.get(TABS[next].id)?.focus();
      }
    });
    tabButtons.set(t.id, b);
    tablist.append(b);
  }
  const main = h('main', { class: 'panels' }, ...TABS.map((t) => panels[t.id].el));
  app.append(h('header', { class: 'studio-header' }, tablist), banner, looseErrors, main);
  showTab(state.tab);
}

function showTab(tab: StudioTab): void {
  state.tab = tab;
  persist();
  for (const t of TABS) {
    const selected = t.id === tab;
    const b = tabButtons.get(t.id) as HTMLButtonElement;
    b.setAttribute('aria-selected', String(selected));
    b.tabIndex = selected ? 0 : -1;
    panels[t.id].el.hidden = !selected;
  }
}
document.addEventListener('studio-show-tab', (e) => showTab((e as CustomEvent<StudioTab>).detail));

function mountAll(): void {
  for (const t of TABS) panels[t.id].mount?.();
}

window.addEventListener('message', (event: MessageEvent<HostToWebview>) => {
  const message = event.data;
  if (!message || typeof message !== 'object' || typeof message.type !== 'string') return;
  switch (message.type) {
    case 'init':
      if (!panels) {
        setBundle(message.l10n);
        build();
      }
      setCapabilities(message.capabilities, message.defaults);
      if (!restored) applyDefaults();
      app.setAttribute('aria-busy', 'false');
      app.dataset.ready = 'true';
      renderBanner();
      mountAll();
      // Answers that came while no page was there arrive with `init`: each run bar takes its own.
      for (const tab of [audio, speech, images, edit]) tab.resume(message.running, message.answers);
      history.setItems(message.history, message.costTotal);
      return;
    case 'config':
      if (!panels) return;
      setCapabilities(message.capabilities, message.defaults);
      renderBanner();
      mountAll();
      refreshEstimates(); // the models or the user's prices may have changed
      return;
    case 'history':
      if (!panels) return;
      history.setItems(message.items, message.costTotal);
      return;
    default:
      if (!routeAnswer(message as RequestMessage) && message.type === 'error') showLooseError(message.error);
  }
});

function applyDefaults(): void {
  const d = defaults();
  if (!d) return;
  state.audio.options = { ...d.transcription };
  state.audio.translateOptions = { ...d.translation };
  state.speech.options = { ...d.speech };
  state.images.options = { ...d.imageGeneration };
  state.edit.options = { ...d.imageEdit };
  persist();
}

/** An error for a message that had no request of its own (copy, insert, open, reveal): shown above the tabs. */
function showLooseError(error: ErrorView): void {
  clear(looseErrors);
  const notice = errorNotice(error);
  notice.append(button(l10n.t('Dismiss'), () => clear(looseErrors), { icon: 'close', iconOnly: true }));
  looseErrors.append(notice);
}

function renderBanner(): void {
  clear(banner);
  const caps = capabilities();
  if (caps && !caps.endpointConfigured) {
    const link = h('a', { href: '#', role: 'button' }, l10n.t('Set the endpoint'));
    link.addEventListener('click', (e) => {
      e.preventDefault();
      post({ type: 'openSettings', query: 'azureOpenAIMedia.endpoint' });
    });
    banner.append(h('div', { class: 'notice info' }, icon('info'), ' ', l10n.t('No Azure OpenAI endpoint is set yet.'), ' ', link));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// History -> forms. The record's parameters come from a file in the workspace: only the keys the operation's form
// has are taken, the form then drops any value the model does not take, and the host validates the message again.

function pick(params: Record<string, unknown>, op: OperationId): OptionValues {
  const out: OptionValues = {};
  for (const f of operation(op)?.fields ?? []) {
    const v = params[f.key];
    const textList = Array.isArray(v) && v.every((x) => typeof x === 'string');
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || textList) {
      out[f.key] = v;
    }
  }
  return out;
}

function loadFromHistory(item: HistoryItem, run: boolean): void {
  const p = item.params;
  switch (item.operation) {
    case 'transcription':
    case 'translation': {
      state.audio.operation = item.operation;
      const options = pick(p, item.operation);
      if (item.operation === 'translation') state.audio.translateOptions = options;
      else state.audio.options = options;
      showTab('audio');
      audio.mount();
      if (!item.source) return;
      void ask({ type: 'resolveFile', requestId: newRequestId('history'), kind: 'audio', ref: item.source }).then((a) => {
        if (a.type !== 'file' || !a.file) return;
        audio.setFile(a.file);
        if (run) audio.run();
      });
      return;
    }
    case 'speech':
      state.speech.options = pick(p, 'speech');
      speech.setText(item.prompt ?? '');
      showTab('speech');
      speech.mount();
      if (run) speech.run();
      return;
    case 'imageGeneration':
      images.setPrompt(
        item.prompt ?? '',
        pick(p, 'imageGeneration'),
      );
      showTab('images');
      if (run) images.run();
      return;
    case 'imageEdit': {
      state.edit.options = pick(p, 'imageEdit');
      state.edit.more = [];
      edit.setPrompt(item.prompt ?? '');
      showTab('edit');
      edit.mount();
      if (!item.source) return;
      void ask({ type: 'resolveFile', requestId: newRequestId('history'), kind: 'image', ref: item.source }).then((a) => {
        if (a.type !== 'file' || !a.file) return;
        edit.setFile(a.file, true, item.mask);
        if (run) edit.run();
      });
      return;
    }
  }
}

post({ type: 'ready' });
