// Everything that runs only once the extension is used: the client (undici), the services, the commands' bodies and
// the Studio host. esbuild bundles it as dist/media.js, which src/extension.ts loads with `require` on the first
// command, the first restored Studio panel or the first use of its API, so a window that never uses the extension
// loads none of it. Module state (StudioPanel.current, the error classes) lives only here: src/extension.ts imports
// types from this side, never values.
import { DeploymentDirectory } from './services/deploymentDirectory';
import * as vscode from 'vscode';
import { ClearApiKeyCommand } from './commands/clearApiKey';
import { CommandIds, type CommandId } from './shared/commandIds';
import { CommandManager } from './commands/commandManager';
import { ConfigureCommand } from './commands/configure';
import { EditImageCommand } from './commands/editImage';
import { ErrorBoundary, type HandledError } from './commands/errorBoundary';
import { deploymentOffers } from './commands/deploymentNotFound';
import { OpenInPortalCommand, RefreshDiscoveryCommand, UseDeploymentForCommand } from './commands/discoveryCommands';
import { DiscoveryTree } from './commands/discoveryView';
import { GenerateImageFromSelectionCommand } from './commands/generateImageFromSelection';
import { OpenStudioCommand } from './commands/openStudio';
import { SetApiKeyCommand } from './commands/setApiKey';
import { SetGatewayKeyCommand } from './commands/setGatewayKey';
import { ShowLogCommand } from './commands/showLog';
import { SpeakSelectionCommand } from './commands/speakSelection';
import { TranscribeAudioCommand } from './commands/transcribeAudio';
import { TranslateAudioCommand } from './commands/translateAudio';
import { AuthService } from './services/auth';
import { AzureSetup } from './services/azureSetup';
import { ClientProvider } from './services/clientProvider';
import type { ConfigurationService } from './services/configuration';
import { ConnectionCheck } from './services/connectionCheck';
import { HistoryStore, historyStorage } from './services/history';
import type { Log } from './services/log';
import { MediaService } from './services/mediaService';
import { Destinations } from './services/destination';
import { WorkspaceOutput } from './services/output';
import type { SecretStore } from './services/secrets';
import type { DiscoveryStore } from './services/discoveryStore';
import { StudioPanel, type StudioServices } from './studio/panel';

/** What src/extension.ts made at activation and hands over. */
export interface RuntimeDeps {
  context: vscode.ExtensionContext;
  log: Log;
  config: ConfigurationService;
  secrets: SecretStore;
  /** What discovery learned (deployments, lifecycles), also read by the status bar. */
  discovery: DiscoveryStore;
  /** Every error the command boundary handled goes here too (the API's onDidHandleError). */
  onHandledError(error: HandledError): void;
  /** The view's items changed (its TreeDataProvider event, made at activation). */
  onTreeChanged(): void;
}

export class Runtime implements vscode.Disposable {
  readonly media: MediaService;
  readonly history: HistoryStore;
  readonly discoveryTree: DiscoveryTree;
  private readonly commands: CommandManager;
  private readonly studio: StudioServices;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly deps: RuntimeDeps) {
    const { context, log, config, secrets } = deps;
    const auth = new AuthService(secrets, context.globalState, log);
    const directory = new DeploymentDirectory(context.globalState, deps.discovery, log);
    // Configure's sign-in; Resource Manager (silently) for the region's catalog of a resource it recorded.
    const setup = new AzureSetup(config, auth, secrets, directory, log);
    directory.management = () => setup.managementClient();
    const clients = new ClientProvider(config, auth, secrets, log, undefined, (endpoint) => directory.refusals(endpoint));
    const output = new WorkspaceOutput();
    const places = new Destinations(output);
    this.history = new HistoryStore(log, historyStorage(context));
    this.media = new MediaService(config, clients, output, places, this.history, log, directory);
    const checker = new ConnectionCheck(auth, clients, log);
    const boundary = new ErrorBoundary(log, deploymentOffers(config, clients, directory, log));
    this.commands = new CommandManager(boundary);
    this.discoveryTree = new DiscoveryTree(config, clients, directory, log, () => deps.onTreeChanged());
    this.studio = { media: this.media, history: this.history, config, output, places, log };
    this.disposables.push(clients, setup, places, this.history, boundary, this.commands,
      boundary.onDidHandleError((e) => deps.onHandledError(e)));

    for (const command of [
      new TranscribeAudioCommand(this.media, config, log),
      new TranslateAudioCommand(this.media, config, log),
      new SpeakSelectionCommand(this.media),
      new GenerateImageFromSelectionCommand(this.media),
      new EditImageCommand(this.media, output),
      new OpenStudioCommand(() => void StudioPanel.createOrShow(context.extensionUri, this.studio)),
      new SetApiKeyCommand(config, auth, secrets),
      new ClearApiKeyCommand(config, secrets, log),
      new SetGatewayKeyCommand(config, secrets),
      new ConfigureCommand(config, auth, secrets, checker, setup),
      new ShowLogCommand(log),
      new RefreshDiscoveryCommand(this.discoveryTree),
      new UseDeploymentForCommand(config, this.discoveryTree),
      new OpenInPortalCommand(this.discoveryTree),
    ]) {
      this.commands.add(command);
    }
    const missing = Object.values(CommandIds).filter((id) => !this.commands.ids.includes(id));
    if (missing.length) throw new Error(`No implementation for the commands ${missing.join(', ')}.`); // a programming error
  }

  /** Runs a command behind the error boundary. */
  run(id: CommandId, args: unknown[]): Promise<unknown> {
    return this.commands.run(id, args);
  }

  /** The open Studio, if any. */
  get studioPanel(): StudioPanel | undefined {
    return StudioPanel.instance;
  }

  /** Takes over a Studio panel VS Code restored after a reload. */
  reviveStudio(panel: vscode.WebviewPanel): void {
    StudioPanel.revive(panel, this.deps.context.extensionUri, this.studio);
  }

  dispose(): void {
    StudioPanel.instance?.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

export function createRuntime(deps: RuntimeDeps): Runtime {
  return new Runtime(deps);
}
