import * as vscode from 'vscode';
import { MediaApiError, type SettingHint } from '../core/errors';
import { settingId } from '../core/catalog';
import { categoryNames, errorSummary, errorText, localize } from '../services/errorText';
import type { Log } from '../services/log';
import { settingOfHint, UserError } from '../services/userError';
import { CommandIds } from '../shared/commandIds';
import type { DeploymentOffers } from './deploymentNotFound';

/** What the boundary did with an error; tests read it through the extension's exports. */
export interface HandledError {
  command: string;
  kind: 'cancelled' | 'media' | 'user' | 'unexpected';
  code?: string;
  message: string;
}

/**
 * The one place errors from commands end up. Cancellation is silent; a typed `MediaApiError` or `UserError` becomes
 * one short message with the action that fixes it ("Set API Key", "Open Settings") and "Show Log"; anything else is
 * reported as unexpected. The full detail goes to the log. Never rethrows: a command's failure is shown, not thrown
 * into VS Code's own error UI.
 */
export class ErrorBoundary implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<HandledError>();
  readonly onDidHandleError = this.emitter.event;

  constructor(
    private readonly log: Log,
    /** For DeploymentNotFound: the deployments the resource lists that can run the operation (deploymentNotFound.ts). */
    private readonly offers?: DeploymentOffers,
  ) {}

  async run<T>(command: string, action: () => T | Thenable<T>): Promise<T | undefined> {
    const started = Date.now();
    try {
      return await action();
    } catch (err) {
      this.handle(command, err, started);
      return undefined;
    }
  }

  handle(command: string, err: unknown, started = Date.now()): void {
    if (isCancellation(err)) {
      this.log.info(`${command}: cancelled after ${Date.now() - started} ms.`);
      this.emitter.fire({ command, kind: 'cancelled', message: 'cancelled' });
      return;
    }
    if (MediaApiError.is(err)) {
      this.log.error(`${command}: ${describe(err)}`);
      const message = mediaMessage(err);
      this.emitter.fire({ command, kind: 'media', code: err.code, message });
      void this.show(message, settingAction(err.setting, err.code), err);
      return;
    }
    if (UserError.is(err)) {
      this.log.warn(`${command}: ${err.message}`);
      this.emitter.fire({ command, kind: 'user', message: err.message });
      const action: FixAction | undefined = err.setting === 'workspaceTrust' ? { kind: 'trust' }
        : err.setting ? { kind: 'settings', query: settingId(err.setting) } : undefined;
      void this.show(err.message, action);
      return;
    }
    const text = err instanceof Error ? err.message : String(err);
    this.log.error(`${command}: unexpected error: ${err instanceof Error && err.stack ? err.stack : text}`);
    // The core's own sentences (a WordedError) in the display language; Node's or VS Code's words as they are.
    const message = vscode.l10n.t('Something went wrong: {0}', firstLine(errorText(err)));
    this.emitter.fire({ command, kind: 'unexpected', message });
    void this.show(message, undefined);
  }

  dispose(): void {
    this.emitter.dispose();
  }

  private async show(message: string, action: FixAction | undefined, err?: MediaApiError): Promise<void> {
    const showLog = vscode.l10n.t('Show Log');
    const fix = action?.kind === 'apiKey' ? vscode.l10n.t('Set API Key')
      : action?.kind === 'trust' ? vscode.l10n.t('Manage Workspace Trust') : action ? vscode.l10n.t('Open Settings') : undefined;
    const offer = err && this.offers ? await this.offers(err).catch(() => undefined) : undefined;
    const uses = (offer?.deployments ?? []).map((d) => ({ d, label: vscode.l10n.t('Use {0}', d.name) }));
    const choice = await vscode.window.showErrorMessage(message, ...uses.map((u) => u.label), ...(fix ? [fix, showLog] : [showLog]));
    const used = uses.find((u) => u.label === choice);
    if (used && offer) {
      await offer.use(used.d);
      this.log.info(`${offer.operation}: now using the deployment "${used.d.name}" (${used.d.model}), chosen after DeploymentNotFound.`);
    } else if (choice === showLog) this.log.show();
    else if (choice && choice === fix && action) {
      if (action.kind === 'apiKey') await vscode.commands.executeCommand(CommandIds.setApiKey);
      else if (action.kind === 'trust') await vscode.commands.executeCommand('workbench.trust.manage');
      else await vscode.commands.executeCommand('workbench.action.openSettings', action.query);
    }
  }
}

type FixAction = { kind: 'apiKey' } | { kind: 'trust' } | { kind: 'settings'; query: string };

function settingAction(hint: SettingHint | undefined, code: string): FixAction | undefined {
  if (hint === 'apiKey') return { kind: 'apiKey' };
  if (hint === 'workspaceTrust') return { kind: 'trust' };
  const setting = settingOfHint(hint);
  if (setting) return { kind: 'settings', query: setting };
  return code === 'validation' ? { kind: 'settings', query: '@ext:azure-openai-media.azure-openai-media' } : undefined;
}

/**
 * One short message, in the display language (services/errorText.ts). The client's own sentence already says what
 * to change and which setting is to blame; the service's words (`serviceMessage`) stay in the log, except for a
 * plain 400 where they are the only explanation. Anything past ~240 characters stays in the log too.
 */
function mediaMessage(err: MediaApiError): string {
  const message = codeMessage(err);
  // A failed part of a long recording or text: say which. Its own message already does, unless the code has a fixed
  // message of its own (content filter, rate limit) that replaces it.
  const fixed = err.code === 'contentFilter' || err.code === 'rateLimited';
  if (!err.part || (!fixed && err.messageId === 'long.partFailed')) return message;
  return vscode.l10n.t('{0}: {1}', err.partText ? localize(err.partText) : err.part, message);
}

function codeMessage(err: MediaApiError): string {
  const summary = errorSummary(err);
  const detail = short(err.code === 'badRequest' && err.serviceMessage ? `${summary} ${err.serviceMessage}` : summary);
  switch (err.code) {
    case 'contentFilter':
      return err.categories?.length
        ? vscode.l10n.t('Azure\'s content filter refused the request ({0}). Rephrase it and try again.', categoryNames(err.categories))
        : vscode.l10n.t('Azure\'s content filter refused the request. Rephrase it and try again.');
    case 'rateLimited':
      return err.retryAfterMs
        ? vscode.l10n.t('Too many requests: try again in {0} s.', Math.ceil(err.retryAfterMs / 1000))
        : vscode.l10n.t('Too many requests: try again in a minute.');
    case 'network':
      return vscode.l10n.t('Could not reach the endpoint; check it and your proxy settings. {0}', detail);
    default:
      return detail;
  }
}

/** The first line, cut at a sentence end within 240 characters. */
function short(message: string): string {
  const own = firstLine(message);
  if (own.length <= 240) return own;
  const cut = own.slice(0, 240);
  const end = cut.lastIndexOf('. ');
  return end > 80 ? cut.slice(0, end + 1) : `${cut.trimEnd()}…`;
}

function describe(err: MediaApiError): string {
  const parts = [`${err.code}: ${err.message}`];
  if (err.status) parts.push(`status ${err.status}`);
  if (err.serviceCode) parts.push(`service code ${err.serviceCode}`);
  if (err.requestId) parts.push(`request ${err.requestId}`);
  if (err.field) parts.push(`field ${err.field}`);
  if (err.categories?.length) parts.push(`categories ${err.categories.join(', ')}`);
  return parts.join('; ');
}

export function isCancellation(err: unknown): boolean {
  return (
    MediaApiError.is(err, 'cancelled') ||
    err instanceof vscode.CancellationError ||
    (err instanceof Error && err.name === 'AbortError')
  );
}

function firstLine(text: string): string {
  return text.split('\n')[0].trim();
}
