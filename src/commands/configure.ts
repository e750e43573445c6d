import * as vscode from 'vscode';
import { normalizeEndpoint } from '../core/endpoint';
import type { AuthService } from '../services/auth';
import { type AuthenticationMode, type ConfigurationService, settingId } from '../services/configuration';
import type { CheckResult, ConnectionCheck } from '../services/connectionCheck';
import type { Operation } from '../services/mediaService';
import { originOf, type SecretStore } from '../services/secrets';
import { CommandIds } from './commandIds';
import type { Command } from './commandManager';
import { withCancellableProgress } from './progress';

/** Values a test (or the walkthrough) may pass to skip the prompts; a given object runs without any prompt. */
export interface ConfigureArgs {
  endpoint?: string;
  authentication?: AuthenticationMode;
  apiKey?: string;
  deployments?: Partial<Record<Operation, string>>;
}

const OPERATIONS: Array<[Operation, () => string]> = [
  ['transcription', () => vscode.l10n.t('transcription (speech to text, e.g. a whisper deployment)')],
  ['translation', () => vscode.l10n.t('translation to English (a whisper deployment)')],
  ['speech', () => vscode.l10n.t('speech (text to speech, e.g. a tts deployment)')],
  ['image', () => vscode.l10n.t('image generation (e.g. a gpt-image-1 or dall-e-3 deployment)')],
  ['imageEdit', () => vscode.l10n.t('image editing (a gpt-image-1 deployment)')],
];

/** Asks for the endpoint (checking its form as it is typed) and saves it in the user's settings. */
export async function askEndpoint(config: ConfigurationService): Promise<string | undefined> {
  const entered = await vscode.window.showInputBox({
    title: vscode.l10n.t('Azure OpenAI endpoint'),
    prompt: vscode.l10n.t('The "Endpoint" of your Azure OpenAI resource (Azure portal > the resource > Keys and Endpoint).'),
    placeHolder: 'https://my-resource.openai.azure.com',
    value: config.value.endpoint,
    ignoreFocusOut: true,
    validateInput: (value) => {
      try {
        normalizeEndpoint(value);
        return undefined;
      } catch (err) {
        return err instanceof Error ? err.message : String(err);
      }
    },
  });
  if (!entered) return undefined;
  const endpoint = normalizeEndpoint(entered);
  await config.update('endpoint', endpoint);
  return endpoint;
}

/**
 * Configure Endpoint and Deployments (the first-run command, also a walkthrough step): endpoint, authentication,
 * the key when needed, a deployment per operation, then a check that spends nothing (see ConnectionCheck).
 */
export class ConfigureCommand implements Command {
  readonly id = CommandIds.configure;

  constructor(
    private readonly config: ConfigurationService,
    private readonly auth: AuthService,
    private readonly secrets: SecretStore,
    private readonly checker: ConnectionCheck,
  ) {}

  async execute(args?: unknown): Promise<CheckResult[] | undefined> {
    const given = args && typeof args === 'object' ? (args as ConfigureArgs) : undefined;
    return given ? this.apply(given) : this.interactive();
  }

  private async apply(args: ConfigureArgs): Promise<CheckResult[]> {
    if (args.endpoint !== undefined) await this.config.update('endpoint', normalizeEndpoint(args.endpoint));
    if (args.authentication) await this.config.update('authentication', args.authentication);
    for (const [operation, deployment] of Object.entries(args.deployments ?? {})) {
      await this.config.update(`deployments.${operation}`, deployment);
    }
    if (args.apiKey) await this.secrets.store('apiKey', originOf(this.config.value.endpoint), args.apiKey);
    return this.check();
  }

  private async interactive(): Promise<CheckResult[] | undefined> {
    const endpoint = await askEndpoint(this.config);
    if (!endpoint) return undefined;
    const origin = originOf(endpoint);

    const current = this.config.value.authentication;
    const items: Array<vscode.QuickPickItem & { mode: AuthenticationMode }> = [
      { label: vscode.l10n.t('API key'), detail: vscode.l10n.t('Key 1 or Key 2 from the resource\'s Keys and Endpoint page.'),
        mode: 'apiKey' },
      {
        label: vscode.l10n.t('Microsoft Entra ID'),
        detail: vscode.l10n.t('Your Microsoft account in VS Code (or Azure CLI); needs the "Cognitive Services OpenAI User" role.'),
        mode: 'entraId',
      },
    ];
    const picked = await vscode.window.showQuickPick(
      items.map((i) => ({ ...i, description: i.mode === current ? vscode.l10n.t('current') : undefined })),
      { title: vscode.l10n.t('How should the extension sign in?'), ignoreFocusOut: true },
    );
    if (!picked) return undefined;
    await this.config.update('authentication', picked.mode);
    if (picked.mode === 'apiKey' && !(await this.secrets.get('apiKey', origin))) {
      if ((await this.auth.promptForKey(origin)) === undefined) return undefined;
    }
    if (picked.mode === 'entraId' && !(await this.auth.confirmTokenOrigin(origin))) return undefined;

    for (const [index, [operation, describe]] of OPERATIONS.entries()) {
      const value = await vscode.window.showInputBox({
        title: vscode.l10n.t('Deployment names ({0}/{1})', index + 1, OPERATIONS.length),
        prompt: vscode.l10n.t('The deployment for {0}. Leave empty if you have none.', describe()),
        value: this.config.value.deployments[operation],
        ignoreFocusOut: true,
      });
      if (value === undefined) return undefined;
      await this.config.update(`deployments.${operation}`, value.trim());
    }
    return this.check();
  }

  private async check(): Promise<CheckResult[]> {
    const cfg = this.config.value;
    const results = await withCancellableProgress(vscode.l10n.t('Checking {0}', originOf(cfg.endpoint)), (signal) =>
      this.checker.run(cfg, signal),
    );
    const problems = results.filter((r) => r.status !== 'ok' && r.status !== 'notConfigured');
    if (!problems.length) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Azure OpenAI is ready: {0} deployment(s) answer at {1}.', results.filter((r) => r.status === 'ok').length,
          originOf(cfg.endpoint)),
      );
    } else {
      const open = vscode.l10n.t('Open Settings');
      const text = problems.map((p) => `${p.operation} "${p.deployment}": ${statusText(p)}`).join('; ');
      void vscode.window
        .showWarningMessage(vscode.l10n.t('Some settings need attention: {0}', text), open)
        .then((choice) => choice === open && vscode.commands.executeCommand('workbench.action.openSettings', settingId('')));
    }
    return results;
  }
}

function statusText(result: CheckResult): string {
  switch (result.status) {
    case 'notFound':
      return vscode.l10n.t('no such deployment');
    case 'unauthorized':
      return vscode.l10n.t('the key or token was refused');
    case 'forbidden':
      return vscode.l10n.t('no access (role missing)');
    case 'unreachable':
      return vscode.l10n.t('endpoint unreachable ({0})', result.detail);
    default:
      return result.detail;
  }
}
