import * as vscode from 'vscode';
import { ClearApiKeyCommand } from './commands/clearApiKey';
import { CommandIds } from './commands/commandIds';
import { CommandManager } from './commands/commandManager';
import { ConfigureCommand } from './commands/configure';
import { EditImageCommand } from './commands/editImage';
import { ErrorBoundary, type HandledError } from './commands/errorBoundary';
import { GenerateImageFromSelectionCommand } from './commands/generateImageFromSelection';
import { OpenStudioCommand } from './commands/openStudio';
import { SetApiKeyCommand } from './commands/setApiKey';
import { SetGatewayKeyCommand } from './commands/setGatewayKey';
import { ShowLogCommand } from './commands/showLog';
import { SpeakSelectionCommand } from './commands/speakSelection';
import { TranscribeAudioCommand } from './commands/transcribeAudio';
import { TranslateAudioCommand } from './commands/translateAudio';
import { offerFirstRun } from './commands/welcome';
import { AuthService } from './services/auth';
import { ClientProvider } from './services/clientProvider';
import { ConfigurationService } from './services/configuration';
import { ConnectionCheck } from './services/connectionCheck';
import { HistoryStore } from './services/history';
import { Log } from './services/log';
import { MediaService } from './services/mediaService';
import { WorkspaceOutput } from './services/output';
import { SecretStore } from './services/secrets';
import { StatusBar } from './services/statusBar';
import { registerStudioSerializer, StudioPanel, type StudioServices } from './studio/panel';

/** What `activate` returns: the services, for other extensions and for the integration tests. */
export interface MediaExtensionApi {
  media: MediaService;
  history: HistoryStore;
  statusBar: StatusBar;
  /** Every error the command boundary handled (shown to the user, or silent for cancellation). */
  onDidHandleError: vscode.Event<HandledError>;
}

/** Composition root: logger, then services (constructor injection, no globals), then registrations. */
export function activate(context: vscode.ExtensionContext): MediaExtensionApi {
  const log = new Log('Azure OpenAI Media');
  const config = new ConfigurationService();
  const secrets = new SecretStore(context.secrets);
  const auth = new AuthService(secrets, context.globalState, log);
  const clients = new ClientProvider(config, auth, secrets, log);
  const output = new WorkspaceOutput();
  const history = new HistoryStore(log, context.storageUri);
  const media = new MediaService(config, clients, output, history, log);
  const checker = new ConnectionCheck(auth, clients, log);
  const boundary = new ErrorBoundary(log);
  const commands = new CommandManager(boundary);
  const statusBar = new StatusBar(config, secrets, CommandIds.configure, log);
  context.subscriptions.push(log, config, secrets, clients, history, boundary, commands, statusBar);

  const studio: StudioServices = { media, history, config, output, log };
  context.subscriptions.push(registerStudioSerializer(context.extensionUri, studio));

  for (const command of [
    new TranscribeAudioCommand(media, config, log),
    new TranslateAudioCommand(media, config, log),
    new SpeakSelectionCommand(media),
    new GenerateImageFromSelectionCommand(media),
    new EditImageCommand(media, output),
    new OpenStudioCommand(() => void StudioPanel.createOrShow(context.extensionUri, studio)),
    new SetApiKeyCommand(config, auth, secrets),
    new ClearApiKeyCommand(config, secrets, log),
    new SetGatewayKeyCommand(config, secrets),
    new ConfigureCommand(config, auth, secrets, checker),
    new ShowLogCommand(log),
  ]) {
    commands.register(command);
  }

  void offerFirstRun(config, context.globalState);
  log.info(`Activated (${vscode.env.appName} ${vscode.version}, ${vscode.env.remoteName ?? 'local'}, ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'} UI).`);
  return { media, history, statusBar, onDidHandleError: boundary.onDidHandleError };
}

export function deactivate(): void {}
