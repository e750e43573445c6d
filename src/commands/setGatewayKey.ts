import * as vscode from 'vscode';
import type { ConfigurationService } from '../services/configuration';
import { settingId } from '../core/catalog';
import { originOf, type SecretStore } from '../services/secrets';
import { UserError } from '../services/userError';
import { CommandIds } from '../shared/commandIds';
import type { Command } from './commandManager';

/**
 * Set Gateway Subscription Key: an API gateway's key (sent in the header named by `gatewayKeyHeader`, for example
 * Ocp-Apim-Subscription-Key) is a secret, so it lives in SecretStorage beside the API key, bound to the origin.
 * An empty input removes it.
 */
export class SetGatewayKeyCommand implements Command {
  readonly id = CommandIds.setGatewayKey;

  constructor(
    private readonly config: ConfigurationService,
    private readonly secrets: SecretStore,
  ) {}

  async execute(key?: unknown): Promise<boolean> {
    const cfg = this.config.value;
    const origin = originOf(cfg.endpoint);
    if (!origin) throw new UserError(vscode.l10n.t('Set the endpoint first.'), 'endpoint');
    let header = cfg.gatewayKeyHeader;
    if (!header) {
      const entered = await vscode.window.showInputBox({
        title: vscode.l10n.t('Gateway key header'),
        prompt: vscode.l10n.t('The header your API gateway reads the subscription key from.'),
        value: 'Ocp-Apim-Subscription-Key',
        ignoreFocusOut: true,
        validateInput: (v) => (/^[A-Za-z0-9-]+$/.test(v.trim()) ? undefined : vscode.l10n.t('Use letters, digits and dashes only.')),
      });
      if (!entered) return false;
      header = entered.trim();
      await this.config.update('gatewayKeyHeader', header);
    }
    const value =
      typeof key === 'string'
        ? key
        : await vscode.window.showInputBox({
            title: vscode.l10n.t('Gateway subscription key'),
            prompt: vscode.l10n.t('Sent as {0} to {1} only. Leave empty to remove the stored key.', header, origin),
            password: true,
            ignoreFocusOut: true,
          });
    if (value === undefined) return false;
    if (value.trim()) await this.secrets.store('gatewayKey', origin, value.trim());
    else await this.secrets.delete('gatewayKey', origin);
    void vscode.window.showInformationMessage(
      value.trim()
        ? vscode.l10n.t('The gateway key for {0} is saved (setting {1}).', origin, settingId('gatewayKeyHeader'))
        : vscode.l10n.t('The gateway key for {0} was removed.', origin),
    );
    return true;
  }
}
