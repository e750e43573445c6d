import * as vscode from 'vscode';
import type { ConfigurationService } from '../services/configuration';
import type { Log } from '../services/log';
import { originOf, type SecretStore } from '../services/secrets';
import { CommandIds } from '../shared/commandIds';
import type { Command } from './commandManager';

/** Clear API Key: removes the key stored for the current endpoint's origin. */
export class ClearApiKeyCommand implements Command {
  readonly id = CommandIds.clearApiKey;

  constructor(
    private readonly config: ConfigurationService,
    private readonly secrets: SecretStore,
    private readonly log: Log,
  ) {}

  async execute(): Promise<boolean> {
    const origin = originOf(this.config.value.endpoint);
    if (!origin || !(await this.secrets.get('apiKey', origin))) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No API key is stored for the current endpoint.'));
      return false;
    }
    await this.secrets.delete('apiKey', origin);
    this.log.info(`API key removed for ${origin}.`);
    void vscode.window.showInformationMessage(vscode.l10n.t('The API key for {0} was removed.', origin));
    return true;
  }
}
