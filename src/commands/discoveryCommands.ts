// The view's commands: Refresh (the title bar), "Use for…" and "Open in Azure Portal" (each operation's and the
// resource's menu). Each also runs from the Command Palette.
import * as vscode from 'vscode';
import { OPERATIONS, type OperationId } from '../core/catalog';
import type { ConfigurationService } from '../services/configuration';
import { CommandIds } from '../shared/commandIds';
import type { Command } from './commandManager';
import { DISCOVERY_VIEW, type DiscoveryNode, type DiscoveryTree } from './discoveryView';
import { confirmAndWrite, modelLabel, operationTitle } from './useDeployment';

export class RefreshDiscoveryCommand implements Command {
  readonly id = CommandIds.refreshDiscovery;

  constructor(private readonly tree: DiscoveryTree) {}

  async execute(): Promise<void> {
    await vscode.window.withProgress({ location: { viewId: DISCOVERY_VIEW } }, () => this.tree.refresh());
  }
}

export class UseDeploymentForCommand implements Command {
  readonly id = CommandIds.useDeploymentFor;

  constructor(
    private readonly config: ConfigurationService,
    private readonly tree: DiscoveryTree,
  ) {}

  /** `node`: the view's operation item (or `{ operation }`); none: the operation is asked for first. True when written. */
  async execute(node?: Partial<Extract<DiscoveryNode, { kind: 'operation' }>>): Promise<boolean> {
    const operation = node?.operation && OPERATIONS.includes(node.operation) ? node.operation : await this.pickOperation();
    if (!operation) return false;
    const candidates = await this.tree.candidates(operation);
    if (!candidates.length) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('The resource lists no deployment that can run {0}; deploy one in Azure AI Foundry, or type its name in the settings.',
          operationTitle(operation)));
      return false;
    }
    const picked = await vscode.window.showQuickPick(
      candidates.map((d) => ({ label: d.name, description: modelLabel(d), deployment: d })),
      { title: vscode.l10n.t('Use for {0}', operationTitle(operation)), placeHolder: vscode.l10n.t('Choose a deployment') },
    );
    if (!picked) return false;
    return confirmAndWrite(this.config, operation, picked.deployment);
  }

  private async pickOperation(): Promise<OperationId | undefined> {
    const picked = await vscode.window.showQuickPick(OPERATIONS.map((op) => ({ label: operationTitle(op), op })),
      { placeHolder: vscode.l10n.t('Choose an operation') });
    return picked?.op;
  }
}

export class OpenInPortalCommand implements Command {
  readonly id = CommandIds.openInPortal;

  constructor(private readonly tree: DiscoveryTree) {}

  async execute(): Promise<boolean> {
    const url = this.tree.portalUrl();
    if (!url) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('The resource\'s Azure address is known after Configure with a Microsoft sign-in; open it from the Azure portal.'));
      return false;
    }
    return vscode.env.openExternal(vscode.Uri.parse(url));
  }
}
