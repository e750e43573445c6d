// The Run / Cancel bar every tab has, and the live character count of a text box.
import * as l10n from '@vscode/l10n';
import { button, h } from './dom';
import { forget, listen, newRequestId, post, request, type Answer } from './host';
import { isFinalAnswer } from '../shared/protocol';
import type { FinalAnswer, StudioRequest } from './types';
import { persist, state } from './state';

/**
 * The Run / Cancel bar with a progress line. `start` builds the message (or returns undefined after showing why
 * not); every answer to it goes to `onAnswer`.
 */
export class RunBar {
  readonly el: HTMLDivElement;
  private readonly runButton: HTMLButtonElement;
  private readonly cancelButton: HTMLButtonElement;
  private readonly status: HTMLDivElement;
  private current: string | undefined;

  constructor(
    label: string,
    runIcon: string,
    private readonly start: (requestId: string) => StudioRequest | undefined,
    private readonly onAnswer: (answer: Answer) => void,
    id: string,
  ) {
    this.runButton = button(label, () => this.run(), { icon: runIcon, primary: true, id });
    this.cancelButton = button(l10n.t('Cancel'), () => this.cancel(), { icon: 'stop-circle', id: `${id}-cancel` });
    this.cancelButton.hidden = true;
    this.status = h('div', { class: 'status', role: 'status', 'aria-live': 'polite' });
    this.el = h('div', { class: 'run-bar' }, this.runButton, this.cancelButton, this.status);
  }

  set disabled(value: boolean) {
    this.runButton.disabled = value;
  }

  get busy(): boolean {
    return this.current !== undefined;
  }

  run(): void {
    if (this.current || this.runButton.disabled) return;
    const requestId = newRequestId(this.runButton.id || 'run');
    const message = this.start(requestId);
    if (!message) return;
    this.track(requestId);
    request(message, (answer) => this.answer(answer));
  }

  /**
   * After a reload: takes the answer the host kept for this bar's request, or waits again for one still running; a
   * request that is neither ended while no page was there and its answer is gone (the host keeps only the last few).
   */
  resume(running: readonly string[], answers: readonly FinalAnswer[]): void {
    const id = state.pending[this.runButton.id];
    if (!id || this.current) return;
    const kept = answers.find((a) => a.requestId === id);
    this.track(id);
    if (kept) return this.answer(kept);
    if (running.includes(id)) return listen(id, (answer) => this.answer(answer));
    this.current = undefined;
    delete state.pending[this.runButton.id];
    persist();
    this.setBusy(false, l10n.t('The panel was reloaded; see History for the result.'));
  }

  private track(requestId: string): void {
    this.current = requestId;
    state.pending[this.runButton.id] = requestId;
    persist(true);
    this.setBusy(true, '');
  }

  private answer(answer: Answer): void {
    if (answer.type === 'progress') {
      this.status.textContent = answer.message;
      return;
    }
    const final = isFinalAnswer(answer);
    if (final) {
      this.current = undefined;
      delete state.pending[this.runButton.id];
      this.setBusy(false, answer.type === 'error' ? '' : answer.type === 'done' ? answer.message ?? '' : l10n.t('Done.'));
    }
    this.onAnswer(answer);
    if (final) persist(true);
  }

  cancel(): void {
    if (!this.current) return;
    post({ type: 'cancel', requestId: this.current });
    this.status.textContent = l10n.t('Cancelling…');
  }

  /** Forgets a request when the page is torn down. */
  dispose(): void {
    if (this.current) forget(this.current);
  }

  private setBusy(busy: boolean, text: string): void {
    this.runButton.hidden = busy;
    this.cancelButton.hidden = !busy;
    this.status.textContent = busy ? l10n.t('Working…') : text;
    this.status.classList.toggle('busy', busy);
    if (busy) this.status.prepend(h('span', { class: 'codicon codicon-loading codicon-modifier-spin', 'aria-hidden': 'true' }), ' ');
    else if (document.activeElement === this.cancelButton || document.activeElement === document.body) this.runButton.focus();
  }
}

/** A live "n / max" count for a text box; `over` is called with whether the text is too long. */
export function counter(textarea: HTMLTextAreaElement, max: () => number, over: (tooLong: boolean) => void): HTMLDivElement {
  const el = h('div', { class: 'counter', 'aria-live': 'polite' });
  const update = (): void => {
    // Characters as the service counts them (code points), not UTF-16 units.
    const n = [...textarea.value].length;
    const limit = max();
    el.textContent = `${n.toLocaleString()} / ${limit.toLocaleString()}`;
    el.classList.toggle('over', n > limit);
    textarea.setAttribute('aria-invalid', String(n > limit));
    over(n > limit || n === 0);
  };
  textarea.addEventListener('input', update);
  update();
  return Object.assign(el, { update });
}
