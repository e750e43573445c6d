// The estimate beside each tab's run button and the History tab's costs. The page holds no prices: it sends the tab's
// inputs as they stand (`estimate`) and shows the host's text ("≈ $0.50", or in words why there is none), with the
// basis ("2 images × high × 1024x1536 × $0.25") as its tooltip.

import * as l10n from '@vscode/l10n';
import { h } from './dom';
import { ask, newRequestId } from './host';
import type { RunBar } from './runBar';
import type { CostTotalView, CostView, EstimateSubject } from './types';

const estimates = new Set<CostEstimate>();

/** Asks every estimate again (the models or the user's prices may have changed with the settings). */
export function refreshEstimates(): void {
  for (const e of estimates) e.refresh(true);
}

/**
 * An estimate placed beside `runBar`'s buttons in `tab`, asked again whenever `subject` (the tab's inputs) changes:
 * on the tab's input, change and click events, and by a cheap look at the inputs each second for those set without
 * an event (a file chosen in a dialog). `subject` returns undefined when there is nothing to price yet.
 */
export class CostEstimate {
  readonly el: HTMLSpanElement;
  private key: string | undefined;
  private timer: number | undefined;
  private asked = 0;

  constructor(id: string, private readonly tab: HTMLElement, private readonly subject: () => EstimateSubject | undefined) {
    this.el = h('span', { class: 'estimate', id, 'aria-live': 'polite' });
    for (const type of ['input', 'change', 'click']) tab.addEventListener(type, () => this.soon());
    window.setInterval(() => {
      if (!this.tab.hidden) this.refresh();
    }, 1000);
    estimates.add(this);
  }

  static beside(runBar: RunBar, tab: HTMLElement, id: string, subject: () => EstimateSubject | undefined): CostEstimate {
    const estimate = new CostEstimate(id, tab, subject);
    runBar.el.insertBefore(estimate.el, runBar.el.querySelector('.status'));
    return estimate;
  }

  private soon(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = window.setTimeout(() => {
      this.timer = undefined;
      this.refresh();
    }, 150);
  }

  /** Asks the host when the inputs changed since the last answer (or always, with `force`). */
  refresh(force = false): void {
    let subject: EstimateSubject | undefined;
    try {
      subject = this.subject();
    } catch {
      subject = undefined; // a form not drawn yet
    }
    const key = subject ? JSON.stringify(subject) : '';
    if (!force && key === this.key) return;
    this.key = key;
    const asked = ++this.asked;
    if (!subject) return this.show('', undefined);
    void ask({ type: 'estimate', requestId: newRequestId('estimate'), subject }).then((a) => {
      if (asked !== this.asked) return; // a later change asked again
      // Options the host refuses (a form being filled in) show no figure rather than a wrong one.
      if (a.type === 'estimate') this.show(a.text, a.basis, a.usd);
      else this.show('', undefined);
    });
  }

  private show(text: string, basis: string | undefined, usd?: number): void {
    this.el.textContent = text;
    this.el.title = basis ? l10n.t('Estimate before the run: {0}', basis) : text;
    this.el.classList.toggle('none', usd === undefined);
    if (usd === undefined) delete this.el.dataset.usd;
    else this.el.dataset.usd = String(usd);
  }
}

/** An entry's cost in the History tab: the actual cost, or the estimate marked as such; the basis as its tooltip. */
export function costBadge(cost: CostView | undefined): HTMLElement | '' {
  if (!cost) return '';
  const label = cost.estimated ? l10n.t('{0} (estimate)', cost.text) : cost.text;
  return h('span', { class: 'cost', title: cost.basis, 'data-usd': String(cost.usd), 'data-estimated': String(cost.estimated) }, label);
}

/** The workspace's running total, for the History tab's header. */
export function costTotalLine(total: CostTotalView | undefined): string {
  if (!total) return '';
  return total.estimated ? l10n.t('Total cost in this workspace: {0} (includes estimates)', total.text)
    : l10n.t('Total cost in this workspace: {0}', total.text);
}
