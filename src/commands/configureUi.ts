// Configure's prompts for services/azureSetup.ts: the resource quick pick (grouped by subscription, with region), a
// deployment where several fit, the one confirmation of the whole plan, and the offer of Entra ID when keys cannot be
// had. `scriptedUi` answers them from the command's arguments (tests, the walkthrough) without any prompt.
import * as vscode from 'vscode';
import { OPERATION_SPECS, OPERATIONS, type OperationId } from '../core/catalog';
import type { AccountInfo, DeploymentInfo, FoundResources } from '../core/discovery';
import { normalizeEndpoint } from '../core/endpoint';
import { msg } from '../core/messages';
import { SetupError, type SetupPlan, type SetupUi } from '../services/azureSetup';
import type { AuthenticationMode } from '../services/configuration';
import { localize } from '../services/errorText';
import { withCancellableProgress } from './progress';

/** An operation as a sentence names it: the catalog's phrase ("transcription (speech to text)"), in the bundle. */
export function operationName(operation: OperationId): string {
  return vscode.l10n.t(OPERATION_SPECS[operation].phrase);
}

/** `whisper 001` / `gpt-image-1 2025-04-15, capacity 20`. */
function runs(d: DeploymentInfo): string {
  const model = [d.model, d.version].filter(Boolean).join(' ');
  return d.capacity !== undefined ? vscode.l10n.t('{0}, capacity {1}', model, d.capacity) : model;
}

/** The plan as the confirmation shows it, one line per fact. */
export function planLines(plan: SetupPlan): string[] {
  const lines = [vscode.l10n.t('Endpoint: {0}', normalizeEndpoint(plan.endpoint))];
  if (plan.account) {
    lines.push(vscode.l10n.t('Resource: {0} in {1}, subscription {2}', plan.account.name, plan.account.location,
      plan.account.subscription.displayName || plan.account.subscription.subscriptionId));
  }
  for (const operation of OPERATIONS) {
    if (!plan.mapping.has(operation)) continue;
    const d = plan.mapping.get(operation);
    const name = operationName(operation);
    lines.push(d ? (d.model ? vscode.l10n.t('{0}: {1} (runs {2})', name, d.name, runs(d)) : vscode.l10n.t('{0}: {1}', name, d.name))
      : vscode.l10n.t('{0}: none on this resource', name));
  }
  if (plan.account?.disableLocalAuth) lines.push(localize(msg('discovery.localAuthDisabled', { account: plan.account.name })));
  return lines;
}

const modeLabel = (mode: AuthenticationMode, plan: SetupPlan): string =>
  mode === 'entraId' ? vscode.l10n.t('Save, Sign In with Entra ID')
    : plan.account ? vscode.l10n.t('Save, Use the Resource\'s Key') : vscode.l10n.t('Save');

/** The prompts, as quick picks and one modal confirmation. */
export const interactiveUi: SetupUi = {
  progress: (title, task) => Promise.resolve(withCancellableProgress(title, (signal) => task(signal))),

  async pickAccount(found: FoundResources) {
    const directories = found.notes.filter((n) => n.kind === 'tenantSignIn' && n.details.tenantId);
    // One resource and nothing else to see: no question (the confirmation names it).
    if (found.accounts.length === 1 && !directories.length) return found.accounts[0];
    type Item = vscode.QuickPickItem & { account?: AccountInfo; tenant?: string };
    const items: Item[] = [];
    for (const sub of found.subscriptions) {
      const accounts = found.accounts.filter((a) => a.subscription.subscriptionId === sub.subscriptionId);
      if (!accounts.length) continue;
      items.push({ label: sub.displayName || sub.subscriptionId, kind: vscode.QuickPickItemKind.Separator });
      for (const account of accounts) {
        items.push({ label: account.name, description: `${account.location} · ${account.kind}`, detail: account.endpoint, account });
      }
    }
    if (directories.length) items.push({ label: vscode.l10n.t('Other directories'), kind: vscode.QuickPickItemKind.Separator });
    for (const note of directories) {
      const tenant = note.details.tenantId!;
      items.push({ label: `$(sign-in) ${vscode.l10n.t('Sign in to directory {0}', tenant)}`, detail: localize(note.text), tenant });
    }
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Your Azure OpenAI resources'),
      placeHolder: vscode.l10n.t('Pick the resource to use (by subscription, with its region)'),
      matchOnDescription: true,
      matchOnDetail: true,
      ignoreFocusOut: true,
    });
    if (!picked) return undefined;
    return picked.account ?? (picked.tenant ? { tenant: picked.tenant } : undefined);
  },

  async pickDeployment(operation, candidates) {
    type Item = vscode.QuickPickItem & { deployment?: DeploymentInfo };
    const items: Item[] = [
      ...candidates.map((d) => ({ label: d.name, description: runs(d), deployment: d })),
      { label: vscode.l10n.t('None'), description: vscode.l10n.t('no deployment for this operation') },
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Which deployment for {0}?', operationName(operation)),
      placeHolder: vscode.l10n.t('Several deployments run a model that fits'),
      ignoreFocusOut: true,
    });
    return picked ? picked.deployment ?? null : undefined;
  },

  async confirm(plan, modes) {
    const buttons = modes.map((mode) => ({ title: modeLabel(mode, plan), mode }));
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Use this setup?'),
      { modal: true, detail: planLines(plan).join('\n') }, ...buttons);
    return choice?.mode;
  },

  async useEntraInstead(why) {
    const entra = vscode.l10n.t('Sign In with Entra ID');
    return (await vscode.window.showWarningMessage(why, { modal: true }, entra)) === entra;
  },
};

/** Answers for the sign-in route from the command's arguments. */
export interface SignInArgs {
  /** The resource's name; default the first found. */
  resource?: string;
  /** How the calls sign in; default the proposed one (Entra ID). */
  signInWith?: AuthenticationMode;
  /** false: decline the confirmation (nothing is written). */
  confirm?: boolean;
}

/** The prompts answered from `args`: where a prompt would have been needed to go on, the message is thrown instead. */
export function scriptedUi(args: SignInArgs): SetupUi {
  return {
    progress: (title, task) => interactiveUi.progress(title, task),
    pickAccount: (found) => Promise.resolve(args.resource ? found.accounts.find((a) => a.name === args.resource) : found.accounts[0]),
    pickDeployment: (_operation, candidates) => Promise.resolve(candidates[0] ?? null),
    confirm: (plan, modes) => {
      if (args.confirm === false) return Promise.resolve(undefined);
      const mode = args.signInWith ?? modes[0];
      if (!modes.includes(mode)) {
        const account = plan.account?.name ?? plan.endpoint;
        return Promise.reject(new SetupError(localize(msg('discovery.localAuthDisabled', { account }))));
      }
      return Promise.resolve(mode);
    },
    useEntraInstead: (why) => Promise.reject(new SetupError(why)),
  };
}
