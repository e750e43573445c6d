import * as vscode from 'vscode';
import { formatUsd } from '../core/cost';
import type { EstimateRequest, MediaService } from '../services/mediaService';

/**
 * Every command asks here before it spends: above azureOpenAIMedia.cost.confirmAbove (off at 0) a modal shows the
 * estimate and its basis ("2 images × high × 1024x1536 × $0.25"). True to go on; false sends nothing and writes nothing.
 * `what` is built only when a limit is set (an audio file's length is read for it). A run with no estimate goes on.
 */
export async function confirmCost(
  media: MediaService,
  what: () => EstimateRequest | Promise<EstimateRequest>,
): Promise<boolean> {
  const limit = media.costLimit;
  if (!(limit > 0)) return true;
  const { cost } = media.estimateRun(await what());
  if (!cost || cost.usd <= limit) return true;
  const go = vscode.l10n.t('Continue');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('This will cost about {0} ({1}), more than your limit of {2}.', formatUsd(cost.usd), cost.basis, formatUsd(limit)),
    { modal: true, detail: vscode.l10n.t(
      'The limit is the setting azureOpenAIMedia.cost.confirmAbove; prices are estimates from list prices.') },
    go,
  );
  return choice === go;
}
