import * as vscode from 'vscode';
import type { AuthProvider } from '../core/auth';
import { lifecycleNotice, modelSetting, modelsFor, OPERATIONS, resolveModel, settingId,
  type OperationId, type OperationSpec } from '../core/catalog';
import { normalizeEndpoint } from '../core/endpoint';
import type { AuthService } from '../services/auth';
import { SetupError, type AzureSetup, type SetupPlan, type SetupUi } from '../services/azureSetup';
import type { AuthenticationMode, ConfigurationService } from '../services/configuration';
import type { CheckResult, ConnectionCheck } from '../services/connectionCheck';
import { errorText, localize } from '../services/errorText';
import { deploymentOf, modelOf } from '../core/settings';
import { originOf, type SecretStore } from '../services/secrets';
import { CommandIds } from '../shared/commandIds';
import type { Command } from './commandManager';
import { interactiveUi, operationName, scriptedUi, type SignInArgs } from './configureUi';
import { withCancellableProgress } from './progress';

/** Values a test (or the walkthrough) may pass to skip the prompts; a given object runs without any prompt. */
export interface ConfigureArgs {
  endpoint?: string;
  authentication?: AuthenticationMode;
  apiKey?: string;
  /** Keyed as the settings are (`deployments.<key>`, `models.<key>`; translation's model is fixed). */
  deployments?: Partial<Record<OperationSpec['settingKey'], string>>;
  models?: Partial<Record<OperationSpec['settingKey'], string>>;
  /** The sign-in route, its prompts answered from here (services/azureSetup.ts). */
  signIn?: SignInArgs;
}

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

/** Asks for the endpoint (checking its form as it is typed) and saves it in the user's settings (unless `save` is false). */
export async function askEndpoint(config: ConfigurationService, save = true): Promise<string | undefined> {
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
  if (save) await config.update('endpoint', endpoint);
  return endpoint;
}

/**
 * Configure Endpoint and Deployments (the first-run command, also a walkthrough step). "Sign in to Azure" finds the
 * resource and its deployments; "endpoint and key" (or Entra ID) reads the deployments from the data plane, typed
 * names only where it does not list them. One confirmation of the whole plan, then the settings, then a check that
 * spends nothing (see ConnectionCheck). Cancelling at any step writes nothing.
 */
export class ConfigureCommand implements Command {
  readonly id = CommandIds.configure;

  constructor(
    private readonly config: ConfigurationService,
    private readonly auth: AuthService,
    private readonly secrets: SecretStore,
    private readonly checker: ConnectionCheck,
    private readonly setup: AzureSetup,
  ) {}

  async execute(args?: unknown): Promise<CheckResult[] | undefined> {
    const given = args && typeof args === 'object' ? (args as ConfigureArgs) : undefined;
    if (given?.signIn) return this.signIn(scriptedUi(given.signIn));
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
    type Route = vscode.QuickPickItem & { route: 'azure' | AuthenticationMode };
    const routes: Route[] = [
      { label: `$(azure) ${vscode.l10n.t('Sign in to Azure')}`, route: 'azure',
        description: vscode.l10n.t('proposed'),
        detail: vscode.l10n.t('Find your resource and its deployments with your Microsoft account; nothing to type.') },
      { label: `$(key) ${vscode.l10n.t('Endpoint and API key')}`, route: 'apiKey',
        detail: vscode.l10n.t('Key 1 or Key 2 from the resource\'s Keys and Endpoint page.') },
      { label: `$(account) ${vscode.l10n.t('Endpoint and Microsoft Entra ID')}`, route: 'entraId',
        detail: vscode.l10n.t('Your Microsoft account in VS Code (or Azure CLI); needs the "Cognitive Services OpenAI User" role.') },
    ];
    const picked = await vscode.window.showQuickPick(routes, {
      title: vscode.l10n.t('How should the extension find your Azure OpenAI resource?'), ignoreFocusOut: true,
    });
    if (!picked) return undefined;
    try {
      return picked.route === 'azure' ? await this.signIn(interactiveUi) : await this.byEndpoint(picked.route);
    } catch (err) {
      if (!(err instanceof SetupError)) throw err;
      this.offerNextStep(err);
      return undefined;
    }
  }

  /** Sign in to Azure: resource, mapping, confirmation (and the key from listKeys when asked for). */
  private async signIn(ui: SetupUi, tenant?: string): Promise<CheckResult[] | undefined> {
    const plan = await this.setup.signInPlan(ui, tenant);
    if (!plan?.account) return undefined;
    const modes: AuthenticationMode[] = plan.account.disableLocalAuth ? ['entraId'] : ['entraId', 'apiKey'];
    if (!(await this.setup.confirmAndSave(ui, plan, modes))) return undefined;
    return this.check();
  }

  /** The endpoint typed, then the deployments from the data plane (typed where it does not list them). */
  private async byEndpoint(mode: AuthenticationMode): Promise<CheckResult[] | undefined> {
    const endpoint = await askEndpoint(this.config, false);
    if (!endpoint) return undefined;
    const origin = originOf(endpoint);
    let auth: AuthProvider;
    let key: string | undefined;
    if (mode === 'apiKey') {
      const stored = await this.secrets.get('apiKey', origin);
      key = stored ? undefined : await this.auth.promptForKey(origin, false);
      if (!stored && !key) return undefined;
      const value = stored ?? key!;
      auth = { type: 'apiKey', getKey: () => Promise.resolve(value) };
    } else {
      if (!(await this.auth.confirmTokenOrigin(origin, this.config.value.entra.scope))) return undefined;
      auth = this.auth.provider({ ...this.config.value, endpoint, authentication: 'entraId' });
    }
    const deployments = await this.setup.dataPlaneDeployments(interactiveUi, endpoint, auth);
    const plan: SetupPlan | undefined = deployments
      ? await this.setup.mapping(interactiveUi, { endpoint, deployments, mapping: new Map(), key })
      : await this.typed({ endpoint, deployments: [], mapping: new Map(), key });
    if (!plan || !(await this.setup.confirmAndSave(interactiveUi, plan, [mode]))) return undefined;
    return this.check();
  }

  /** Where the data plane does not list deployments: a name per operation and the model behind it, as before. */
  private async typed(plan: SetupPlan): Promise<SetupPlan | undefined> {
    for (const [index, operation] of OPERATIONS.entries()) {
      const value = await vscode.window.showInputBox({
        title: vscode.l10n.t('Deployment names ({0}/{1})', index + 1, OPERATIONS.length),
        prompt: vscode.l10n.t(
          'The deployment for {0}, e.g. of {1}. Leave empty if you have none.',
          operationName(operation),
          proposed(operation).join(', '),
        ),
        value: deploymentOf(this.config.value, operation),
        ignoreFocusOut: true,
      });
      if (value === undefined) return undefined;
      const name = value.trim();
      let model = '';
      if (name && modelSetting(operation)) {
        const asked = await askModel(operation, name, modelOf(this.config.value, operation));
        if (asked === undefined) return undefined;
        model = asked;
      }
      plan.mapping.set(operation, name ? { name, model } : undefined);
    }
    return plan;
  }

  /** A failure's message with the step that helps: the key route, another try, the portal, the other directory. */
  private offerNextStep(err: SetupError): void {
    const actions: Array<[string, () => unknown]> = [];
    if (err.next === 'key') actions.push([vscode.l10n.t('Enter Endpoint and Key'), () => this.byEndpoint('apiKey')]);
    if (err.next === 'retry') actions.push([vscode.l10n.t('Try Again'), () => this.signIn(interactiveUi)]);
    if (err.next === 'tenant' && err.detail?.tenant) {
      const tenant = err.detail.tenant;
      actions.push([vscode.l10n.t('Sign In to Directory {0}', tenant), () => this.signIn(interactiveUi, tenant)]);
    }
    if (err.next === 'portal' && err.detail?.url) {
      const url = err.detail.url;
      actions.push([vscode.l10n.t('Open in Portal'), () => vscode.env.openExternal(vscode.Uri.parse(url))]);
    }
    if (err.setting) {
      const setting = err.setting;
      actions.push([vscode.l10n.t('Open Settings'),
        () => vscode.commands.executeCommand('workbench.action.openSettings', settingId(setting))]);
    }
    void vscode.window.showErrorMessage(err.message, ...actions.map(([label]) => label)).then(async (choice) => {
      const act = actions.find(([label]) => label === choice)?.[1];
      try {
        await act?.();
      } catch (next) {
        if (next instanceof SetupError) this.offerNextStep(next);
        else void vscode.window.showErrorMessage(errorText(next));
      }
    });
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
      const text = problems.map((p) => vscode.l10n.t('{0} "{1}": {2}', operationName(p.operation), p.deployment,
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
