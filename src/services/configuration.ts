import * as vscode from 'vscode';
import { SETTINGS_SECTION as SECTION } from '../core/catalog';
import { configurationFrom, type MediaConfiguration } from '../core/settings';

export { DEFAULTS, settingKeys, settingValue, type AuthenticationMode, type MediaConfiguration } from '../core/settings';

/** Reads every setting through one getter; a value of the wrong type falls back to its default. */
export function readConfiguration(scope?: vscode.ConfigurationScope): MediaConfiguration {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  return configurationFrom((key) => config.get<unknown>(key));
}

/**
 * Holds the current configuration and tells listeners when any of our settings (or VS Code's proxy settings, which
 * change how requests travel) change.
 */
export class ConfigurationService implements vscode.Disposable {
  private current: MediaConfiguration;
  private readonly emitter = new vscode.EventEmitter<vscode.ConfigurationChangeEvent>();
  private readonly subscription: vscode.Disposable;
  readonly onDidChange = this.emitter.event;

  constructor() {
    this.current = readConfiguration();
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SECTION) || e.affectsConfiguration('http')) {
        this.current = readConfiguration();
        this.emitter.fire(e);
      }
    });
  }

  get value(): MediaConfiguration {
    return this.current;
  }

  /** Where `key` got its value: the user's settings or the workspace's (a workspace may not redirect keys). */
  source(key: string): 'default' | 'user' | 'workspace' {
    const inspected = vscode.workspace.getConfiguration(SECTION).inspect(key);
    if (!inspected) return 'default';
    if (inspected.workspaceFolderValue !== undefined || inspected.workspaceValue !== undefined) return 'workspace';
    if (inspected.globalValue !== undefined) return 'user';
    return 'default';
  }

  async update(key: string, value: unknown, target = vscode.ConfigurationTarget.Global): Promise<void> {
    await vscode.workspace.getConfiguration(SECTION).update(key, value, target);
    this.current = readConfiguration();
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
