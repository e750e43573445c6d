import * as vscode from 'vscode';
import { deploymentSetting, lifecycleNotice, modelSetting, modelsFor, resolveModel, settingId,
  type OperationId, type OperationSpec } from '../core/catalog';
import { normalizeEndpoint } from '../core/endpoint';
import type { AuthService } from '../services/auth';
import type { AuthenticationMode, ConfigurationService } from '../services/configuration';
import type { CheckResult, ConnectionCheck } from '../services/connectionCheck';
import { errorText, localize } from '../services/errorText';
import { deploymentOf, modelOf } from '../core/settings';
import { originOf, type SecretStore } from '../services/secrets';
import { CommandIds } from '../shared/commandIds';
import type { Command } from './commandManager';
import { withCancellableProgress } from './progress';

/** Values a test (or the walkthrough) may pass to skip the prompts; a given object runs without any prompt. */
export interface ConfigureArgs {
  endpoint?: string;
  authentication?: AuthenticationMode;
  apiKey?: string;
  /** Keyed as the settings are (`deployments.<key>`, `models.<key>`; translation's model is fixed). */
  deployments?: Partial<Record<OperationSpec['settingKey'], string>>;
  models?: Partial<Record<OperationSpec['settingKey'], string>>;
}

const OPERATIONS: Array<[OperationId, () => string]> = [
  ['transcription', () => vscode.l10n.t('transcription (speech to text)')],
  ['translation', () => vscode.l10n.t('translation to English (a whisper deployment)')],
  ['speech', () => vscode.l10n.t('speech (text to speech)')],
  ['imageGeneration', () => vscode.l10n.t('image generation')],
  ['imageEdit', () => vscode.l10n.t('image editing')],
];

/** The models Azure serves today for an operation, from the catalog, as a hint: "e.g. gpt-image-2, gpt-image-1-mini". */
function proposed(operation: OperationId): string[] {
  return modelsFor(operation, { current: true });
}

/** A quick pick of the model behind a deployment: current models first, the deployment's own name when it is one. */
async function askModel(operation: OperationId, deployment: string, configured: string): Promise<string | undefined> {
  const current = modelsFor(operation, { current: true });
  const named = resolveModel(deployment).known ? deployment : undefined;
  const names = [...new Set([named, configured, ...current].filter((m): m is string => !!m))];
  const other = vscode.l10n.t('Another model…');
  const items = [
    ...names.map((name) => {
      const notice = lifecycleNotice(name);
      const retires = resolveModel(name).lifecycle?.retires;
      return {
        label: name,
        description: [
          name === configured ? vscode.l10n.t('current') : undefined,
          notice ? localize(notice.message) : retires ? vscode.l10n.t('until {0}', retires) : undefined,
        ]
          .filter(Boolean)
          .join(' · '),
      };
    }),
    { label: other, description: vscode.l10n.t('any model name; the service decides what it takes') },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('The model behind "{0}"', deployment),
    placeHolder: vscode.l10n.t('It decides which options are offered'),
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  if (picked.label !== other) return picked.label;
  const title = vscode.l10n.t('The model behind "{0}"', deployment);
  const typed = await vscode.window.showInputBox({ title, value: configured, ignoreFocusOut: true });
  return typed?.trim() || undefined;
}

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
        return errorText(err); // the core's sentence (endpoint.*) in the display language
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
    for (const [key, model] of Object.entries(args.models ?? {})) await this.config.update(`models.${key}`, model);
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
    if (picked.mode === 'entraId' && !(await this.auth.confirmTokenOrigin(origin, this.config.value.entra.scope))) return undefined;

    for (const [index, [operation, describe]] of OPERATIONS.entries()) {
      const value = await vscode.window.showInputBox({
        title: vscode.l10n.t('Deployment names ({0}/{1})', index + 1, OPERATIONS.length),
        prompt: vscode.l10n.t(
          'The deployment for {0}, e.g. of {1}. Leave empty if you have none.',
          describe(),
          proposed(operation).join(', '),
        ),
        value: deploymentOf(this.config.value, operation),
        ignoreFocusOut: true,
      });
      if (value === undefined) return undefined;
      await this.config.update(deploymentSetting(operation), value.trim());
      const setting = modelSetting(operation);
      if (value.trim() && setting) {
        const model = await askModel(operation, value.trim(), modelOf(this.config.value, operation));
        if (model === undefined) return undefined;
        await this.config.update(setting, model);
      }
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
      const named = new Map(OPERATIONS);
      const text = problems.map((p) => vscode.l10n.t('{0} "{1}": {2}', named.get(p.operation)?.() ?? p.operation, p.deployment,
        statusText(p))).join('; ');
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
