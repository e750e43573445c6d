// Under a masked edit's result: how much of the protected area the model changed ("4.1 % of the protected area
// changed"), a toggle that lays the heat map over the picture (drawn by the host, src/core/protect), and "Keep the
// protected area", which has the host write the composite beside the answer.

import * as l10n from '@vscode/l10n';
import { b64ToBytes, button, h, icon } from './dom';
import { newRequestId, post, request } from './host';
import type { UrlSlot } from './files';
import { errorNotice } from './notices';
import { persist } from './state';
import type { ImageView } from './types';

/** The share as the host's log words it: one decimal, a space before the per cent sign. */
function percent(share: number): string {
  return `${(Math.round(share * 1000) / 10).toFixed(1)} %`;
}

/**
 * The figure, the overlay toggle and the keep button for `image`, whose picture is in `frame`; `slot` holds the
 * overlay's blob URL (released with the result).
 */
export function protectedAreaBlock(image: ImageView, frame: HTMLElement, slot: UrlSlot): HTMLElement | undefined {
  const area = image.protectedArea;
  if (!area) return undefined;
  const block = h('div', { class: 'protected-area' });
  const notable = area.share > 0.01;
  block.append(h('div', { class: `protected-figure${notable ? ' notable' : ''}`, role: 'status' },
    icon(notable ? 'warning' : 'pass'), ' ',
    l10n.t('{0} of the protected area changed', percent(area.share)),
    h('span', { class: 'hint' }, ' · ', l10n.t('mean change {0}', percent(area.meanChange)))));

  const actions = h('div', { class: 'actions' });
  if (area.heat) {
    const overlay = h('img', { class: 'heat', alt: l10n.t('Where the protected area changed'), hidden: true });
    overlay.src = slot.set(b64ToBytes(area.heat), 'image/png');
    frame.append(overlay);
    const legend = h('div', { class: 'hint heat-legend', hidden: true },
      l10n.t('Red to yellow: changed outside the mask. Dimmed: unchanged. Clear: the mask.'));
    const toggle = button(l10n.t('Show Changes'), () => {
      const on = toggle.getAttribute('aria-pressed') !== 'true';
      toggle.setAttribute('aria-pressed', String(on));
      overlay.hidden = !on;
      legend.hidden = !on;
    }, { icon: 'eye', id: `protected-toggle-${image.name}` });
    toggle.classList.add('protected-toggle');
    toggle.setAttribute('aria-pressed', 'false');
    actions.append(toggle);
    block.append(legend);
  }
  const keptNote = (path: string): HTMLElement => h('div', { class: 'hint protected-kept' }, icon('check'), ' ',
    l10n.t('Kept the protected area in {0}; the model\'s image stays as it came.', path), ' ',
    button(l10n.t('Open'), () => post({ type: 'openFile', path }), { icon: 'go-to-file' }));
  if (area.kept) block.append(keptNote(area.kept));
  else if (area.offer) {
    const keep = button(l10n.t('Keep the Protected Area'), () => {
      keep.disabled = true;
      request({ type: 'keepProtected', requestId: newRequestId('keep'), path: image.path }, (a) => {
        if (a.type === 'file' && a.file) {
          area.kept = a.file.path; // the memo of the result shares this object
          persist();
          keep.replaceWith(keptNote(a.file.path));
        } else if (a.type === 'error') {
          keep.disabled = false;
          block.append(errorNotice(a.error));
        }
      });
    }, { icon: 'shield', primary: true });
    keep.classList.add('protected-keep');
    actions.append(keep);
  }
  block.insertBefore(actions, block.children[1] ?? null);
  return block;
}
