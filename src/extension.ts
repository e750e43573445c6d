// Activation loads only this bundle (dist/extension.js): the log, the settings, the secrets, the status bar and
// the command and Studio registrations. What they need to do their work (the client, undici, the services, the
// Studio host: src/runtime.ts → dist/media.js) is loaded with `require` on first use.
import * as vscode from 'vscode';
import { CommandIds, DISCOVERY_VIEW, STUDIO_VIEW_TYPE } from './shared/commandIds';
import type { HandledError } from './commands/errorBoundary';
import { offerFirstRun } from './commands/welcome';
import { ConfigurationService } from './services/configuration';
import { Log } from './services/log';
import { SecretStore } from './services/secrets';
import { StatusBar } from './services/statusBar';
import { DiscoveryStore } from './services/discoveryStore';
import type { Runtime } from './runtime';
import type { HistoryStore } from './services/history';
import type { MediaService } from './services/mediaService';
import type { DiscoveryNode, DiscoveryTree } from './commands/discoveryView';
import type { StudioPanel } from './studio/panel';

/** What `activate` returns: the services, for other extensions and for the integration tests. */
export interface MediaExtensionApi {
  /** Reading `media` or `history` loads the rest of the extension. */
  readonly media: MediaService;
  readonly history: HistoryStore;
  /** The Azure OpenAI view's items (reading it loads the rest of the extension). */
  readonly discoveryTree: DiscoveryTree;
  /** The open Studio, if any (reading it loads the rest of the extension). */
  readonly studio: StudioPanel | undefined;
  /** What discovery learned of each resource (deployments, lifecycles), in the extension's storage. */
  discovery: DiscoveryStore;
  statusBar: StatusBar;
  /** Every error the command boundary handled (shown to the user, or silent for cancellation). */
  onDidHandleError: vscode.Event<HandledError>;
}

/** Composition root: logger, then services (constructor injection, no globals), then registrations. */
export function activate(context: vscode.ExtensionContext): MediaExtensionApi {
  const started = performance.now();
  const log = new Log('Azure OpenAI Media');
  const config = new ConfigurationService();
  const secrets = new SecretStore(context.secrets);
  const discovery = new DiscoveryStore(context.globalState);
  const statusBar = new StatusBar(config, secrets, CommandIds.configure, discovery, log);
  const handled = new vscode.EventEmitter<HandledError>();
  context.subscriptions.push(log, config, secrets, discovery, statusBar, handled);

  let runtime: Runtime | undefined;
  const load = (): Runtime => {
    if (!runtime) {
      const begun = performance.now();
      // A plain require: esbuild maps './runtime' to the separate bundle ./media.js (esbuild.mjs). It stays synchronous
      // (an import() would make every command wait a turn), hence the one exception to no-require-imports.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { createRuntime } = require('./runtime') as typeof import('./runtime');
      runtime = createRuntime({ context, log, config, secrets, discovery, onHandledError: (e) => handled.fire(e),
        onTreeChanged: () => treeChanged.fire() });
      context.subscriptions.push(runtime);
      log.info(`Loaded the media runtime in ${Math.round(performance.now() - begun)} ms.`);
    }
    return runtime;
  };

  for (const id of Object.values(CommandIds)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, (...args: unknown[]) => load().run(id, args)));
  }
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(STUDIO_VIEW_TYPE, {
      deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
        load().reviveStudio(panel);
        return Promise.resolve();
      },
    }),
  );

  // The view asks for its items only while it is shown; without an endpoint it shows its welcome (Configure) and
  // loads nothing. A settings or discovery change redraws it (VS Code asks again only if it is shown).
  const treeChanged = new vscode.EventEmitter<void>();
  const view = vscode.window.createTreeView<DiscoveryNode>(DISCOVERY_VIEW, {
    treeDataProvider: {
      onDidChangeTreeData: treeChanged.event,
      getChildren: (node) => (!node && !config.value.endpoint.trim() ? [] : load().discoveryTree.getChildren(node)),
      getTreeItem: (node) => load().discoveryTree.getTreeItem(node),
    },
  });
  const redraw = (): void => treeChanged.fire();
  context.subscriptions.push(treeChanged, view, config.onDidChange(redraw), discovery.onDidChange(redraw));

  void offerFirstRun(config, context.globalState);
  const ui = vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop';
  log.info(
    `Activated in ${(performance.now() - started).toFixed(1)} ms (${vscode.env.appName} ${vscode.version}, ` +
      `${vscode.env.remoteName ?? 'local'}, ${ui} UI).`,
  );
  return {
    get media() {
      return load().media;
    },
    get history() {
      return load().history;
    },
    get discoveryTree() {
      return load().discoveryTree;
    },
    get studio() {
      return load().studioPanel;
    },
    discovery,
    statusBar,
    onDidHandleError: handled.event,
  };
}

export function deactivate(): void {}
