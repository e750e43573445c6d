// What a run will cost before it runs, the one way the commands and the Studio ask: MediaService.estimateRun resolves
// the model and options as a run would (settings, then the caller's options) and prices them with core/cost.ts; this
// file reads the audio's length and says in words why there is no estimate when there is none.
import * as vscode from 'vscode';
import { open } from 'node:fs/promises';
import { audioSecondsOf, formatUsd, noEstimateReason, type Cost, type PriceTable } from '../core/cost';

/** A run's estimate: the model it was priced for, and the cost or (in words) why there is none. */
export interface RunEstimate {
  model: string;
  cost?: Cost;
  /** Set when `cost` is not: why no estimate, for the user. */
  why?: string;
}

/** Seconds of an audio file from its first bytes and size (exact for WAV, from a typical bit rate otherwise). */
export async function audioSeconds(file: vscode.Uri): Promise<number> {
  const { size } = await vscode.workspace.fs.stat(file);
  let head: Uint8Array;
  if (file.scheme === 'file') {
    const handle = await open(file.fsPath, 'r');
    try {
      const buffer = Buffer.alloc(Math.min(size, 64 * 1024));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } else {
    head = await vscode.workspace.fs.readFile(file);
  }
  return audioSecondsOf(head, size, file.path.slice(file.path.lastIndexOf('/') + 1));
}

/** Why `model` has no estimate, in a sentence that says what the user can do. */
export function whyNoEstimate(model: string, prices: PriceTable): string {
  const { why, afterRun } = noEstimateReason(model, prices);
  const first = why === 'unknown'
    ? vscode.l10n.t('No list price for the model {0}.', model)
    : vscode.l10n.t('No list price for {0} with these options.', model);
  const then = afterRun ? vscode.l10n.t('The actual cost shows after the run.')
    : vscode.l10n.t('You can add a price in azureOpenAIMedia.cost.prices.');
  return `${first} ${then}`;
}

/** "≈ $0.50" for a figure before the run. */
export function estimateText(cost: Cost): string {
  return vscode.l10n.t('≈ {0}', formatUsd(cost.usd));
}
