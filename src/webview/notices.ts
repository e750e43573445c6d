// How an error reaches the user on the page: a cancelled run as a quiet note, the content filter with its
// categories, anything else with the setting to change.
import * as l10n from '@vscode/l10n';
import { categoryWords } from './l10n';
import { button, h, icon } from './dom';
import { post } from './host';
import type { ErrorView } from './types';

export function errorNotice(error: ErrorView): HTMLElement {
  if (error.code === 'cancelled') return h('div', { class: 'notice info', role: 'status' }, icon('circle-slash'), ' ',
    l10n.t('Cancelled.'));
  const box = h('div', { class: 'notice error', role: 'alert' });
  if (error.code === 'contentFilter') {
    box.append(h('div', { class: 'notice-title' }, icon('shield'), ' ', l10n.t('Refused by the content filter')));
    box.append(h('div', {}, error.message));
    if (error.categories?.length) {
      const list = h('ul', { class: 'chips', 'aria-label': l10n.t('Categories that tripped') });
      for (const c of error.categories) list.append(h('li', { class: 'chip danger' }, categoryWords(c)));
      box.append(h('div', { class: 'categories' }, l10n.t('Tripped:'), ' ', list));
    }
  } else {
    box.append(h('div', { class: 'notice-title' }, icon('error'), ' ', error.message));
  }
  if (error.serviceMessage) box.append(h('div', { class: 'hint service-said' }, l10n.t('The service said: {0}', error.serviceMessage)));
  const meta: string[] = [];
  if (error.code && error.code !== 'user' && error.code !== 'contentFilter') meta.push(l10n.t('code {0}', error.code));
  if (error.field) meta.push(l10n.t('field {0}', error.field));
  if (error.requestId) meta.push(l10n.t('request {0}', error.requestId));
  if (meta.length) box.append(h('div', { class: 'hint' }, meta.join(' · ')));
  const setting = error.setting;
  if (setting) {
    box.append(h('div', { class: 'actions' }, button(l10n.t('Open Settings'), () => post({ type: 'openSettings', query: setting }),
      { icon: 'settings-gear' })));
  }
  return box;
}
