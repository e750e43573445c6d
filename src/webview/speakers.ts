// Speakers on the Audio tab: each speaker of a transcript by speaker with a colour of the theme's chart palette
// (light, dark and high contrast each define it) beside its name, which stays as text; renaming a speaker (the host
// checks the name and keeps it for everything saved); and the known speakers' reference clips sent with a run.

import * as l10n from '@vscode/l10n';
import { KNOWN_SPEAKER_SECONDS } from '../core/speakerLimits';
import { button, clear, h } from './dom';
import { newRequestId, request } from './host';
import { errorNotice } from './notices';
import { memo, persist, state, type KnownSpeakerChoice, type TranscriptMemo } from './state';
import type { EffectiveField, KnownSpeakerClip } from './types';

/** Colours in media/studio.css (`.speaker-0` …); more speakers than this take them again, the name tells them apart. */
const SPEAKER_COLOURS = 6;

/** The speakers of a transcript in order of first appearance. */
export function speakerOrder(memo: TranscriptMemo): string[] {
  return [...new Set(memo.result.segments.map((s) => s.speaker).filter((s): s is string => !!s))];
}

/** What a speaker is shown as: the name given in the Studio, else the service's label. */
function shownName(label: string, names: Readonly<Record<string, string>> | undefined): string {
  return names?.[label] || label;
}

/** A speaker's colour swatch and name, as a table cell's content. */
export function speakerTag(label: string, memo: TranscriptMemo): HTMLElement {
  const index = speakerOrder(memo).indexOf(label);
  return h('span', { class: `speaker speaker-${Math.max(0, index) % SPEAKER_COLOURS}`, 'data-speaker': label },
    h('span', { class: 'swatch', 'aria-hidden': 'true' }), h('span', { class: 'speaker-name' }, shownName(label, memo.names)));
}

/** Shows the names after a rename in every speaker tag under `root`. */
function applyNames(root: HTMLElement, memo: TranscriptMemo): void {
  root.querySelectorAll<HTMLElement>('.speaker[data-speaker]').forEach((tag) => {
    const name = tag.querySelector('.speaker-name');
    if (name) name.textContent = shownName(tag.dataset.speaker ?? '', memo.names);
  });
}

/**
 * One row per speaker: its colour, its label, a name box and a Rename button (Enter in the box renames too). The
 * host checks the name; a refused one leaves everything as it was and says why.
 */
export function renameBox(memo: TranscriptMemo, root: HTMLElement): HTMLElement {
  const status = h('div', { class: 'speaker-status', role: 'status', 'aria-live': 'polite' });
  const list = h('ul', { class: 'speaker-names', id: 'audio-speakers' });
  speakerOrder(memo).forEach((label, i) => {
    const input = h('input', { type: 'text', id: `audio-speaker-name-${i}`, value: shownName(label, memo.names), spellcheck: 'false',
      autocomplete: 'off', 'aria-label': l10n.t('Name for speaker {0}', label) });
    const rename = (): void => {
      clear(status);
      request({ type: 'renameSpeaker', requestId: newRequestId('rename'), resultId: memo.resultId, speaker: label, name: input.value },
        (a) => {
          if (a.type === 'speakers') {
            memo.names = a.names;
            persist();
            applyNames(root, memo);
            input.removeAttribute('aria-invalid');
            status.textContent = l10n.t('Speaker {0} is now shown as {1}.', label, shownName(label, memo.names));
          } else if (a.type === 'error') {
            input.setAttribute('aria-invalid', 'true');
            status.append(errorNotice(a.error));
          }
        });
    };
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        rename();
      }
    });
    // The service's label beside the box, in the speaker's colour: the box holds the name.
    const labelTag = h('span', { class: `speaker speaker-${i % SPEAKER_COLOURS}`, 'data-label': label },
      h('span', { class: 'swatch', 'aria-hidden': 'true' }), h('span', {}, label));
    list.append(h('li', {}, labelTag, input, button(l10n.t('Rename'), rename, { icon: 'edit', id: `audio-speaker-rename-${i}`,
      title: l10n.t('Rename speaker {0}', label) })));
  });
  return h('div', { class: 'speakers-box' }, h('h4', {}, l10n.t('Speakers')), list, status);
}

// ---------------------------------------------------------------------------------------------------------------
// Known speakers

/** The known speakers as the run sends them, with what is wrong with them in words (nothing is sent then). */
export function knownSpeakerClips(): { clips: KnownSpeakerClip[]; problems: string[] } {
  const problems: string[] = [];
  const clips: KnownSpeakerClip[] = [];
  const { min, max } = KNOWN_SPEAKER_SECONDS;
  const seen = new Set<string>();
  (state.audio.knownSpeakers ?? []).forEach((k, i) => {
    const name = k.name.trim();
    const which = name || l10n.t('Known speaker {0}', i + 1);
    if (!name) problems.push(l10n.t('Known speaker {0} has no name; type one.', i + 1));
    else if (seen.has(name)) problems.push(l10n.t('Two known speakers are named {0}; names must differ.', name));
    seen.add(name);
    if (k.source === 'file') {
      if (!k.file) problems.push(l10n.t('{0}: choose a clip file.', which));
      else clips.push({ name, file: k.file.path });
      return;
    }
    const { start, end } = k;
    if (start === undefined || end === undefined || !(end > start)) {
      problems.push(l10n.t('{0}: give the clip\'s start and end in seconds, the end after the start.', which));
    } else if (end - start < min || end - start > max) {
      problems.push(l10n.t('{0}: the clip is {1} s long; it must be {2}–{3} s.', which, (end - start).toFixed(1), min, max));
    } else {
      clips.push({ name, start, end });
    }
  });
  return { clips, problems };
}

/**
 * The known speakers' control, for the catalog's `known_speaker_names` field (shown where the model takes it): up
 * to `field.max` rows of a name and a clip, cut from the recording (start and end in seconds) or a workspace file.
 */
export function knownSpeakersField(field: EffectiveField, changed: () => void): HTMLElement {
  const box = h('fieldset', { class: 'field known-speakers', id: 'audio-known-speakers' });
  const max = field.max ?? 4;
  const draw = (): void => {
    clear(box);
    box.append(h('legend', {}, field.label), h('div', { class: 'hint' }, field.description));
    const list = state.audio.knownSpeakers ?? (state.audio.knownSpeakers = []);
    list.forEach((k, i) => box.append(knownSpeakerRow(k, i, () => {
      list.splice(i, 1);
      changed();
      draw();
    }, changed, draw)));
    const add = button(l10n.t('Add Known Speaker'), () => {
      list.push({ name: '', source: 'recording' });
      changed();
      draw();
      box.querySelector<HTMLInputElement>(`#audio-known-name-${list.length - 1}`)?.focus();
    }, { icon: 'add', id: 'audio-known-add' });
    add.disabled = list.length >= max;
    box.append(h('div', { class: 'row' }, add, list.length >= max ? h('span', { class: 'hint' }, l10n.t('At most {0}.', max)) : null));
  };
  draw();
  return box;
}

function knownSpeakerRow(k: KnownSpeakerChoice, i: number, remove: () => void, changed: () => void, redraw: () => void): HTMLElement {
  const id = (part: string): string => `audio-known-${part}-${i}`;
  const name = h('input', { type: 'text', id: id('name'), value: k.name, spellcheck: 'false', autocomplete: 'off' });
  name.addEventListener('input', () => {
    k.name = name.value;
    changed();
  });
  const source = h('select', { id: id('source') },
    h('option', { value: 'recording', selected: k.source === 'recording' }, l10n.t('Cut from this recording')),
    h('option', { value: 'file', selected: k.source === 'file' }, l10n.t('A clip file in the workspace')));
  source.addEventListener('change', () => {
    k.source = source.value === 'file' ? 'file' : 'recording';
    changed();
    redraw();
    (document.getElementById(id('source')) as HTMLSelectElement | null)?.focus();
  });
  const row = h('div', { class: 'known-speaker', 'data-index': i, role: 'group', 'aria-label': l10n.t('Known speaker {0}', i + 1) },
    h('div', { class: 'field' }, h('label', { for: name.id }, l10n.t('Name')), name),
    h('div', { class: 'field' }, h('label', { for: source.id }, l10n.t('Clip')), source));
  if (k.source === 'recording') {
    for (const [part, label] of [['start', l10n.t('Start (s)')], ['end', l10n.t('End (s)')]] as const) {
      const input = h('input', { type: 'number', id: id(part), min: 0, step: 0.1, value: k[part] === undefined ? '' : String(k[part]) });
      input.addEventListener('input', () => {
        const n = Number(input.value);
        k[part] = input.value === '' || !Number.isFinite(n) ? undefined : n;
        changed();
      });
      row.append(h('div', { class: 'field narrow' }, h('label', { for: input.id }, label), input));
    }
  } else {
    const shown = h('span', { class: 'hint', id: id('file-name') }, k.file ? k.file.path : l10n.t('No clip chosen'));
    const choose = button(l10n.t('Choose Clip…'), () => {
      request({ type: 'pickFile', requestId: newRequestId('clip'), kind: 'audio' }, (a) => {
        if (a.type === 'file' && a.file) {
          k.file = memo(a.file);
          changed();
          shown.textContent = k.file.path;
        } else if (a.type === 'error') row.append(errorNotice(a.error));
      });
    }, { icon: 'folder-opened', id: id('choose') });
    row.append(h('div', { class: 'field' }, h('span', { class: 'label' }, l10n.t('Clip file')), h('div', { class: 'row' }, choose, shown)));
  }
  row.append(button(l10n.t('Remove'), remove, { icon: 'trash', iconOnly: true, id: id('remove'), title: l10n.t('Remove known speaker {0}',
    i + 1) }));
  return row;
}

/** The speaker column's cell for a segment row. */
export function speakerCell(label: string | undefined, memo: TranscriptMemo): HTMLElement {
  return h('td', { class: 'speaker-cell' }, label ? speakerTag(label, memo) : '');
}
