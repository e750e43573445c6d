import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../core/catalog';
export { originOf } from '../core/hosts';

/** The kinds of secret the extension keeps; each is stored per endpoint origin. */
export type SecretKind = 'apiKey' | 'gatewayKey';


/**
 * A small typed store over `context.secrets`. Never logs a value; other windows' changes arrive through
 * `onDidChange` (SecretStorage is shared by all windows).
 */
export class SecretStore implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<{ kind: SecretKind; origin: string }>();
  private readonly subscription: vscode.Disposable;
  readonly onDidChange = this.emitter.event;

  constructor(private readonly storage: vscode.SecretStorage) {
    this.subscription = storage.onDidChange((e) => {
      const parsed = parseStorageKey(e.key);
      if (parsed) this.emitter.fire(parsed);
    });
  }

  get(kind: SecretKind, origin: string): Thenable<string | undefined> {
    if (!origin) return Promise.resolve(undefined);
    return this.storage.get(storageKey(kind, origin));
  }

  async store(kind: SecretKind, origin: string, value: string): Promise<void> {
    // A programming error (every command asks for the endpoint first), so not translated.
    if (!origin) throw new Error('A secret must be bound to an endpoint origin.');
    await this.storage.store(storageKey(kind, origin), value);
  }

  async delete(kind: SecretKind, origin: string): Promise<void> {
    if (!origin) return;
    await this.storage.delete(storageKey(kind, origin));
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

function storageKey(kind: SecretKind, origin: string): string {
  return `${SETTINGS_SECTION}.${kind}:${origin}`;
}

function parseStorageKey(key: string): { kind: SecretKind; origin: string } | undefined {
  const match = /^azureOpenAIMedia\.(apiKey|gatewayKey):(.+)$/.exec(key);
  return match ? { kind: match[1] as SecretKind, origin: match[2] } : undefined;
}
