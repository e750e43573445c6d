// What a run will cost before it runs: core/engine/pricing.ts prices it (MediaService.estimateRun); this file reads
// the audio's length through workspace.fs and words an estimate.
import * as vscode from 'vscode';
import { AUDIO_HEAD_BYTES } from '../core/engine';
import { audioSecondsOf, formatUsd, type Cost } from '../core/cost';
import { fileHead } from './engineFiles';

export type { RunEstimate } from '../core/engine';

/** Seconds of an audio file from its first bytes and size (exact for WAV, from a typical bit rate otherwise). */
export async function audioSeconds(file: vscode.Uri): Promise<number> {
  const { head, size } = await fileHead(file, AUDIO_HEAD_BYTES);
  return audioSecondsOf(head, size, file.path.slice(file.path.lastIndexOf('/') + 1));
}

/** "≈ $0.50" for a figure before the run. */
export function estimateText(cost: Cost): string {
  return vscode.l10n.t('≈ {0}', formatUsd(cost.usd));
}
