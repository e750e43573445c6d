// What the host said about the configured deployments and models (`init` and `config`): every tab draws its form and
// its model line from these, and nothing else writes them.
import * as l10n from '@vscode/l10n';
import { icon, h } from './dom';
import { post } from './host';
import type { OperationId, OperationView, StudioCapabilities, StudioDefaults } from './types';

let caps: StudioCapabilities | undefined;
let defaultValues: StudioDefaults | undefined;

/** Takes the host's capabilities and defaults (the page's `init` and `config` messages). */
export function setCapabilities(capabilities: StudioCapabilities, defaults: StudioDefaults): void {
  caps = capabilities;
  defaultValues = defaults;
}

/** The capabilities, or undefined before the host sent them. */
export function capabilities(): StudioCapabilities | undefined {
  return caps;
}

/** The settings' values each form starts from. */
export function defaults(): StudioDefaults | undefined {
  return defaultValues;
}

/** An operation as the configured model takes it (its form is drawn from this). */
export function operation(op: OperationId): OperationView | undefined {
  return caps?.operations[op];
}

/** The deployment and model behind an operation, with a link to the settings that choose them. */
export function modelLine(op: OperationId, showModel = true): HTMLElement {
  const deployment = caps?.deployments[op] ?? '';
  const model = showModel ? caps?.operations[op].model.name : undefined;
  const setting = caps?.settings[op] ?? 'azureOpenAIMedia';
  return h(
    'div',
    { class: 'model-line' },
    icon('server'),
    ' ', l10n.t('Deployment'), ' ',
    h('code', {}, deployment),
    model ? ` · ${l10n.t('model')} ` : '',
    model ? h('code', {}, model) : '',
    ' ',
    h('a', { href: '#', role: 'button', onclick: (e: Event) => { e.preventDefault(); post({ type: 'openSettings', query: setting }); } },
      l10n.t('Change…')),
  );
}
