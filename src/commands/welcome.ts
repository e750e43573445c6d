import * as vscode from 'vscode';
import type { ConfigurationService } from '../services/configuration';
import { CommandIds } from '../shared/commandIds';

const WELCOMED_KEY = 'azureOpenAIMedia.welcomed';
export const WALKTHROUGH_ID = 'azure-openai-media.azure-openai-media#gettingStarted';

/**
 * First run: when no endpoint is configured yet, offer the configure command or the walkthrough, once per machine
 * (the status bar keeps saying what is missing afterwards).
 */
export async function offerFirstRun(config: ConfigurationService, globalState: vscode.Memento): Promise<void> {
  if (config.value.endpoint || globalState.get<boolean>(WELCOMED_KEY)) return;
  await globalState.update(WELCOMED_KEY, true);
  const configure = vscode.l10n.t('Configure');
  const walkthrough = vscode.l10n.t('Open Walkthrough');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('Azure OpenAI Media Studio: connect it to your Azure OpenAI resource to transcribe, speak and make images.'),
    configure,
    walkthrough,
  );
  if (choice === configure) await vscode.commands.executeCommand(CommandIds.configure);
  else if (choice === walkthrough) await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false);
}
