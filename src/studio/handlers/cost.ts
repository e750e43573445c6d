// The estimate beside each tab's run button, and the costs the History tab shows: priced by the host from
// src/core/cost.ts with the user's prices (MediaService.estimateRun), so the page holds no price logic.

import * as vscode from 'vscode';
import { formatUsd } from '../../core/cost';
import { audioSeconds, estimateText } from '../../services/costEstimate';
import type { EstimateRequest, OutputRecord } from '../../services/mediaService';
import type { CostTotalView, CostView, HistoryItem } from '../../shared/protocol';
import type { RequestHandlers } from './context';
import { inputFile } from './files';

export const costRequests: Pick<RequestHandlers, 'estimate'> = {
  estimate: async (m, ctx) => {
    const s = m.subject;
    let input: EstimateRequest;
    switch (s.operation) {
      case 'transcription':
      case 'translation':
        input = { operation: s.operation, seconds: await audioSeconds(inputFile(s.file, 'audio')) };
        break;
      case 'speech':
        input = { operation: 'speech', characters: s.characters, options: s.options };
        break;
      case 'imageGeneration':
        input = { operation: 'imageGeneration', options: s.options };
        break;
      case 'imageEdit':
        input = { operation: 'imageEdit', options: s.options };
        break;
    }
    const { cost, why } = ctx.services.media.estimateRun(input);
    if (!cost) return { type: 'estimate', requestId: m.requestId, text: why ?? '' };
    return { type: 'estimate', requestId: m.requestId, text: estimateText(cost), usd: cost.usd, basis: cost.basis };
  },
};

/** An output's cost: the actual one from usage, else the estimate made before its run (marked as such). */
export function costView(record: OutputRecord): CostView | undefined {
  if (record.cost) return { usd: record.cost.usd, text: formatUsd(record.cost.usd), basis: record.cost.basis, estimated: false };
  if (record.estimate) {
    return { usd: record.estimate.usd, text: estimateText(record.estimate), basis: vscode.l10n.t('estimate: {0}', record.estimate.basis),
      estimated: true };
  }
  return undefined;
}

/** The workspace's running total over its history; undefined when no entry has a cost. */
export function costTotal(items: readonly HistoryItem[]): CostTotalView | undefined {
  const priced = items.filter((i) => i.cost);
  if (!priced.length) return undefined;
  const usd = priced.reduce((sum, i) => sum + (i.cost?.usd ?? 0), 0);
  const estimated = priced.some((i) => i.cost?.estimated);
  return { text: estimated ? vscode.l10n.t('≈ {0}', formatUsd(usd)) : formatUsd(usd), estimated };
}
