// The Azure OpenAI view: the resource (endpoint), each operation with its deployment, the model and version it runs,
// its capacity (when Resource Manager said) and its retirement date with where the date came from. VS Code asks for
// its items only while the view is shown; the service is read at most once a day then (or on Refresh).
import * as vscode from 'vscode';
import { OPERATION_SPECS, OPERATIONS, type OperationId } from '../core/catalog';
import { portalLink } from '../core/discovery/clouds';
import { candidatesFor } from '../core/discovery/mapping';
import type { DeploymentInfo } from '../core/discovery/types';
import { cloudOf } from '../services/azureSetup';
import type { ClientProvider } from '../services/clientProvider';
import type { ConfigurationService } from '../services/configuration';
import type { DeploymentDirectory } from '../services/deploymentDirectory';
import { localize } from '../services/errorText';
import type { Log } from '../services/log';
import { deploymentOf, modelOf } from '../core/settings';
import { originOf } from '../services/secrets';
import { modelLabel, operationTitle } from './useDeployment';

export { DISCOVERY_VIEW } from '../shared/commandIds';

export type DiscoveryNode =
  | { kind: 'resource'; endpoint: string }
  | { kind: 'operation'; endpoint: string; operation: OperationId }
  | { kind: 'detail'; id: string; label: string; description?: string; tooltip?: string; icon: string };

export class DiscoveryTree implements vscode.TreeDataProvider<DiscoveryNode> {
  constructor(
    private readonly config: ConfigurationService,
    private readonly clients: ClientProvider,
    private readonly directory: DeploymentDirectory,
    private readonly log: Log,
    private readonly changed: () => void,
  ) {}

  async getChildren(node?: DiscoveryNode): Promise<DiscoveryNode[]> {
    const cfg = this.config.value;
    if (!node) {
      if (!originOf(cfg.endpoint)) return []; // the welcome content, with Configure
      await this.read(false);
      return [{ kind: 'resource', endpoint: cfg.endpoint }];
    }
    if (node.kind === 'resource') return OPERATIONS.map((operation) => ({ kind: 'operation', endpoint: node.endpoint, operation }));
    if (node.kind === 'operation') return this.details(node.endpoint, node.operation);
    return [];
  }

  getTreeItem(node: DiscoveryNode): vscode.TreeItem {
    if (node.kind === 'detail') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
      item.id = node.id;
      item.description = node.description;
      item.tooltip = node.tooltip ?? (node.description ? `${node.label} — ${node.description}` : node.label);
      item.iconPath = new vscode.ThemeIcon(node.icon);
      return item;
    }
    if (node.kind === 'resource') return this.resourceItem(node.endpoint);
    return this.operationItem(node.endpoint, node.operation);
  }

  /** Reads the deployments and lifecycles again (Refresh), then redraws. */
  async refresh(): Promise<void> {
    await this.read(true);
    this.changed();
  }

  /** The deployments the resource lists that can run `operation`, best first (for "Use for…"). */
  async candidates(operation: OperationId): Promise<DeploymentInfo[]> {
    await this.read(false);
    return candidatesFor(operation, this.directory.store.directory(this.config.value.endpoint)?.deployments ?? []);
  }

  /** The Azure portal's page of the resource, when Resource Manager told its id. */
  portalUrl(endpoint = this.config.value.endpoint): string | undefined {
    const id = this.directory.store.directory(endpoint)?.account?.id;
    if (!id) return undefined;
    const cloud = cloudOf(this.config.value);
    return cloud ? portalLink(cloud, id) : undefined;
  }

  private async read(refresh: boolean): Promise<void> {
    const cfg = this.config.value;
    try {
      const client = await this.clients.client(cfg);
      if (refresh) await this.directory.refresh(cfg.endpoint, client);
      else await Promise.all([this.directory.deployments(cfg.endpoint, client), this.directory.lifecycles(cfg.endpoint, client)]);
    } catch (err) {
      // The view shows the settings and the table then; the reason is in the log.
      this.log.info(`The view could not read the resource: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private resourceItem(endpoint: string): vscode.TreeItem {
    const origin = originOf(endpoint);
    const item = new vscode.TreeItem(origin ? new URL(origin).host : endpoint, vscode.TreeItemCollapsibleState.Expanded);
    item.id = `resource:${origin}`;
    const entry = this.directory.store.directory(endpoint);
    const account = entry?.account;
    item.description = account ? `${account.id.split('/').pop() ?? ''} · ${account.location}` : undefined;
    const read = entry ? new Date(entry.readAt).toISOString().slice(0, 16).replace('T', ' ') : undefined;
    item.tooltip = read ? vscode.l10n.t('{0}: deployments read {1} UTC', origin, read) : origin;
    item.iconPath = new vscode.ThemeIcon('azure');
    item.contextValue = this.portalUrl(endpoint) ? 'resource portal' : 'resource';
    return item;
  }

  private operationItem(endpoint: string, operation: OperationId): vscode.TreeItem {
    const cfg = this.config.value;
    const deployment = deploymentOf(cfg, operation).trim();
    const item = new vscode.TreeItem(operationTitle(operation), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `operation:${operation}`;
    item.iconPath = new vscode.ThemeIcon(OPERATION_SPECS[operation].icon);
    item.contextValue = 'operation';
    if (!deployment) {
      item.description = vscode.l10n.t('no deployment set');
    } else {
      const runs = this.directory.store.runs(endpoint, deployment, modelOf(cfg, operation).trim());
      item.description = `${deployment} · ${modelLabel(runs)}`;
    }
    item.accessibilityInformation = { label: `${operationTitle(operation)}, ${String(item.description)}` };
    return item;
  }

  private details(endpoint: string, operation: OperationId): DiscoveryNode[] {
    const cfg = this.config.value;
    const deployment = deploymentOf(cfg, operation).trim();
    const id = (what: string): string => `${operation}:${what}`;
    if (!deployment) return [];
    const store = this.directory.store;
    const entry = store.directory(endpoint);
    const listed = entry?.deployments?.find((d) => d.name === deployment);
    const runs = store.runs(endpoint, deployment, modelOf(cfg, operation).trim());
    const out: DiscoveryNode[] = [{
      kind: 'detail', id: id('deployment'), label: vscode.l10n.t('Deployment: {0}', deployment), icon: 'rocket',
      description: listed ? undefined : entry?.deployments ? vscode.l10n.t('not among the resource\'s deployments')
        : vscode.l10n.t('the resource does not list its deployments'),
    }, {
      kind: 'detail', id: id('model'), label: vscode.l10n.t('Model: {0}', modelLabel(runs)), icon: 'symbol-class',
      description: runs.listed ? vscode.l10n.t('what the deployment runs') : vscode.l10n.t('from the settings'),
    }];
    if (listed?.capacity !== undefined) {
      out.push({ kind: 'detail', id: id('capacity'), icon: 'dashboard',
        label: vscode.l10n.t('Capacity: {0}', listed.skuName ? `${listed.capacity} (${listed.skuName})` : String(listed.capacity)) });
    }
    const life = store.lifecycleOf(endpoint, runs.model, runs.version);
    out.push({
      kind: 'detail', id: id('retires'), icon: 'history',
      label: life.retires ? vscode.l10n.t('Retires: {0}', life.retires) : vscode.l10n.t('Retires: none announced'),
      description: localize(life.fromText),
      tooltip: life.status ? vscode.l10n.t('Status: {0}', life.status) : undefined,
    });
    return out;
  }
}
