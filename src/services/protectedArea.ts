// After a masked edit: how much of what the mask protected the model changed (core/protect), logged and kept with the
// output, and the composite that puts it back ("Keep the protected area"), written beside the model's answer, which
// stays as it came. The Edit command and the Studio both come here through MediaService.

import * as vscode from 'vscode';
import { keptImageName } from '../core/naming';
import { checkProtected, formatShare, keepProtected, NOTICE_SHARE, prepareEdit, type ProtectedFigure } from '../core/protect';
import type { KeepProtectedSetting } from './configuration';
import { errorText } from './errorText';
import { elapsed, type Log } from './log';
import { workspaceRelative, type WorkspaceOutput } from './output';
import { UserError } from './userError';


/** What the history keeps with a masked edit's output. */
export interface ProtectedAreaRecord {
  /** Share of the protected pixels that changed, 0–1. */
  share: number;
  /** Mean change over the protected pixels, 0–1 of full scale. */
  meanChange: number;
  /** The composite, workspace-relative, once written. */
  kept?: string;
}

/** One answer's check, as the command and the Studio show it. */
export interface ProtectedAreaResult {
  output: vscode.Uri;
  figure: ProtectedFigure;
  /** Where it changed: a small PNG overlay. */
  heat: Uint8Array;
  /** The composite, when written (setting `always`). */
  kept?: vscode.Uri;
  /** Whether to offer "Keep the protected area": setting `ask` and more changed than NOTICE_SHARE. */
  offer: boolean;
}

export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

export class ProtectedArea {
  constructor(
    private readonly output: WorkspaceOutput,
    private readonly log: Log,
  ) {}

  /**
   * Measures each answer of a masked edit against the original (and with `always` writes each composite). Never fails
   * the edit, which already succeeded: an answer that cannot be compared is logged and has no result.
   */
  async afterEdit(
    inputs: () => Promise<{ original: NamedBytes; mask: NamedBytes }>,
    answers: ReadonlyArray<{ uri: vscode.Uri; bytes: Uint8Array }>,
    setting: KeepProtectedSetting,
    signal?: AbortSignal,
  ): Promise<Array<ProtectedAreaResult | undefined>> {
    const results: Array<ProtectedAreaResult | undefined> = [];
    let read: { original: NamedBytes; mask: NamedBytes } | undefined;
    for (const answer of answers) {
      const name = workspaceRelative(answer.uri);
      const started = Date.now();
      try {
        read ??= await inputs();
        const edit = prepareEdit({ ...read, answer: { name, bytes: answer.bytes } });
        const { figure, heat } = checkProtected(edit);
        this.log.info(`image edit: ${name}: ${formatShare(figure.share)} of the protected area changed (mean change ` +
          `${formatShare(figure.meanChange)}, ${figure.changedPixels} of ${figure.protectedPixels} pixels), ` +
          `measured in ${elapsed(started)}.`);
        const kept = setting === 'always' ? await this.writeComposite(answer.uri, keepProtected(edit), signal) : undefined;
        results.push({ output: answer.uri, figure, heat, kept, offer: setting === 'ask' && figure.share > NOTICE_SHARE });
      } catch (err) {
        if (signal?.aborted) throw err;
        this.log.warn(`image edit: ${name}: the protected area could not be compared: ${errorText(err)}`);
        results.push(undefined);
      }
    }
    return results;
  }

  /** Writes the composite of `answer` (the original `source` outside `mask`, the answer inside) beside the answer. */
  async keep(answer: vscode.Uri, source: vscode.Uri, mask: vscode.Uri, signal?: AbortSignal): Promise<vscode.Uri> {
    const read = async (uri: vscode.Uri): Promise<NamedBytes> => {
      try {
        return { name: workspaceRelative(uri), bytes: await vscode.workspace.fs.readFile(uri) };
      } catch {
        throw new UserError(vscode.l10n.t('{0} cannot be read, so the protected area cannot be restored.', workspaceRelative(uri)));
      }
    };
    const started = Date.now();
    const [original, maskFile, answerFile] = [await read(source), await read(mask), await read(answer)];
    const composite = keepProtected(prepareEdit({ original, mask: maskFile, answer: answerFile }));
    const kept = await this.writeComposite(answer, composite, signal);
    this.log.info(`image edit: kept the protected area of ${answerFile.name} in ${workspaceRelative(kept)} (${elapsed(started)}).`);
    return kept;
  }

  private writeComposite(answer: vscode.Uri, bytes: Uint8Array, signal?: AbortSignal): Promise<vscode.Uri> {
    const name = answer.path.slice(answer.path.lastIndexOf('/') + 1);
    return this.output.write(vscode.Uri.joinPath(answer, '..'), keptImageName(name), bytes, signal);
  }
}

/** The history's part of a result. */
export function protectedAreaRecord(result: ProtectedAreaResult | undefined): ProtectedAreaRecord | undefined {
  if (!result) return undefined;
  const round = (v: number): number => Math.round(v * 10000) / 10000;
  return { share: round(result.figure.share), meanChange: round(result.figure.meanChange),
    kept: result.kept ? workspaceRelative(result.kept) : undefined };
}
