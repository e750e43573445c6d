// The live transcript: where the model and api-version stream, the text grows here as it arrives (one span per part of
// a long recording, in order), read out politely by screen readers; the final transcript replaces it.

import * as l10n from '@vscode/l10n';
import { applyTranscriptNote } from '../shared/liveTranscript';
import { clear, h, icon } from './dom';
import type { Answer } from './host';

export class LiveTranscript {
  readonly el: HTMLDivElement;
  private readonly text: HTMLParagraphElement;
  private parts: string[] = [];
  private spans: HTMLSpanElement[] = [];

  constructor(id: string) {
    // role=log: new text is announced as it is added, not the whole region again.
    this.text = h('p', { class: 'live-text', id: `${id}-text`, role: 'log', 'aria-live': 'polite',
      'aria-label': l10n.t('Live transcript') });
    this.el = h('div', { class: 'live-transcript', id },
      h('div', { class: 'live-head' }, icon('broadcast'), ' ', h('strong', {}, l10n.t('Live transcript')), ' ',
        h('span', { class: 'hint' }, l10n.t('as it arrives; the final transcript replaces it'))),
      this.text);
    this.el.hidden = true;
  }

  /** Takes a live note of the running request (true), or leaves any other message to the caller (false). */
  take(message: Answer): boolean {
    if (message.type !== 'transcriptDelta') return false;
    const how = applyTranscriptNote(this.parts, message);
    if (how === 'skip') return true;
    const follow = this.text.scrollTop + this.text.clientHeight >= this.text.scrollHeight - 4;
    const span = this.span(message.part);
    // Added as a text node of its own, so that only the new words are read out.
    if (how === 'append') span.append(message.delta);
    else span.textContent = this.parts[message.part];
    this.el.hidden = false;
    if (follow) this.text.scrollTop = this.text.scrollHeight;
    return true;
  }

  /** Drops the live text (a new run, the final answer, an error or a cancel). */
  reset(): void {
    this.parts = [];
    this.spans = [];
    clear(this.text);
    this.el.hidden = true;
  }

  private span(part: number): HTMLSpanElement {
    let span = this.spans[part];
    if (span) return span;
    span = h('span', { 'data-part': part });
    this.spans[part] = span;
    // Parts keep the recording's order whichever arrives first.
    const after = this.spans.slice(part + 1).find(Boolean);
    this.text.insertBefore(span, after ?? null);
    return span;
  }
}
