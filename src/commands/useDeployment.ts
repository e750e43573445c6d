// Writing a deployment the resource lists into an operation's setting: from the DeploymentNotFound notification and
// from the view's "Use for…". The value goes where the user set the old one (their settings, or the workspace's in a
// trusted workspace); an untrusted workspace's settings are never written.
import * as vscode from 'vscode';
import { deploymentSetting, modelSetting, OPERATION_SPECS, resolveModel, settingId, type OperationId } from '../core/catalog';
import type { DeploymentInfo } from '../core/discovery/types';
import type { ConfigurationService } from '../services/configuration';
import { isTrusted } from '../services/trust';

/** Where a new value of `key` goes: beside the value in use, but never into an untrusted workspace. */
export function targetOf(config: ConfigurationService, key: string): vscode.ConfigurationTarget {
  return config.source(key) === 'workspace' && isTrusted() ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
}

/**
 * Sets the operation's deployment to `choice`; and its models.* setting to the model the deployment runs when the
 * user had set one that differs (left unset, the model is read from the resource, services/deploymentDirectory.ts).
 */
export async function writeDeployment(config: ConfigurationService, operation: OperationId, choice: DeploymentInfo): Promise<void> {
  const key = deploymentSetting(operation);
  await config.update(key, choice.name, targetOf(config, key));
  const model = modelSetting(operation);
  if (!model || config.source(model) === 'default') return;
  const set = config.value.models[OPERATION_SPECS[operation].settingKey as keyof typeof config.value.models];
  const same = (resolveModel(set).known ?? set) === (resolveModel(choice.model).known ?? choice.model);
  if (!same) await config.update(model, choice.model, targetOf(config, model));
}

/** "gpt-4o-mini-transcribe 2025-12-15" (the version when known). */
export function modelLabel(d: Pick<DeploymentInfo, 'model' | 'version'>): string {
  return d.version ? `${d.model} ${d.version}` : d.model;
}

/** Asks, then writes: "Use deployment X (model) for transcription? This sets … in your user settings." */
export async function confirmAndWrite(config: ConfigurationService, operation: OperationId, choice: DeploymentInfo): Promise<boolean> {
  const key = deploymentSetting(operation);
  const where = targetOf(config, key) === vscode.ConfigurationTarget.Workspace
    ? vscode.l10n.t('workspace settings') : vscode.l10n.t('user settings');
  const use = vscode.l10n.t('Use Deployment');
  const answer = await vscode.window.showInformationMessage(
    vscode.l10n.t('Use deployment {0} ({1}) for {2}? This sets {3} in your {4}.', choice.name, modelLabel(choice),
      operationTitle(operation), settingId(key), where),
    { modal: true }, use,
  );
  if (answer !== use) return false;
  await writeDeployment(config, operation, choice);
  return true;
}

/** The operation's title in the display language ("Transcription"; the catalog's titles are in the l10n bundle). */
export function operationTitle(operation: OperationId): string {
  return vscode.l10n.t(OPERATION_SPECS[operation].title);
}
