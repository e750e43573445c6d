import * as vscode from 'vscode';
import type { AuthService } from '../services/auth';
import type { ConfigurationService } from '../services/configuration';
import { originOf, type SecretStore } from '../services/secrets';
import { CommandIds } from '../shared/commandIds';
import type { Command } from './commandManager';
import { askEndpoint } from './configure';

/**
 * Set API Key: stores the key in SecretStorage under the endpoint's origin (asking for the endpoint first when none
 * is set). The key is only ever sent to that origin. A test may pass the key as the argument instead of typing it.
 */
export class SetApiKeyCommand implements Command {
  readonly id = CommandIds.setApiKey;

  constructor(
    private readonly config: ConfigurationService,
    private readonly auth: AuthService,
    private readonly secrets: SecretStore,
  ) {}

  async execute(key?: unknown): Promise<boolean> {
    let endpoint = this.config.value.endpoint;
    if (!endpoint) {
      const entered = await askEndpoint(this.config);
      if (!entered) return false;
      endpoint = entered;
    }
    const origin = originOf(endpoint);
    if (!origin) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The endpoint "{0}" is not a valid URL. Fix it in the settings first.', endpoint));
      return false;
    }
    if (typeof key === 'string' && key.trim()) {
      await this.secrets.store('apiKey', origin, key.trim());
    } else if ((await this.auth.promptForKey(origin)) === undefined) {
      return false;
    }
    void vscode.window.showInformationMessage(vscode.l10n.t('The API key for {0} is saved in VS Code\'s secret storage.', origin));
    return true;
  }
}
