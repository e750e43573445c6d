// After a masked edit: how much of what the mask protected the model changed (core/protect), logged and kept with the
// output, and the composite that puts it back ("Keep the protected area"), written beside the model's answer, which
// stays as it came. The engine runs the check after every masked edit; the Edit command and the Studio keep through
// MediaService.

import { keptImageName } from '../naming';
import { checkProtected, formatShare, keepProtected, NOTICE_SHARE, prepareEdit, type ProtectedFigure } from '../protect';
import { reasonOf } from '../messages';
import type { KeepProtectedSetting } from '../settings';
import type { Logger } from '../types';
import type { MediaFiles } from './files';
import type { ProtectedAreaRecord } from './historyFile';

/** One answer's check, as the command and the Studio show it. */
export interface ProtectedAreaResult<F> {
  output: F;
  figure: ProtectedFigure;
  /** Where it changed: a small PNG overlay. */
  heat: Uint8Array;
  /** The composite, when written (setting `always`). */
  kept?: F;
  /** Whether to offer "Keep the protected area": setting `ask` and more changed than NOTICE_SHARE. */
  offer: boolean;
}

interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

/**
 * Measures each answer of a masked edit against the original (and with `always` writes each composite). Never fails
 * the edit, which already succeeded: an answer that cannot be compared is logged and has no result.
 */
export async function checkMaskedEdit<F>(
  files: MediaFiles<F>,
  log: Logger,
  inputs: () => Promise<{ original: NamedBytes; mask: NamedBytes }>,
  answers: ReadonlyArray<{ file: F; bytes: Uint8Array }>,
  setting: KeepProtectedSetting,
  signal?: AbortSignal,
): Promise<Array<ProtectedAreaResult<F> | undefined>> {
  const results: Array<ProtectedAreaResult<F> | undefined> = [];
  let read: { original: NamedBytes; mask: NamedBytes } | undefined;
  for (const answer of answers) {
    const name = files.display(answer.file);
    const started = Date.now();
    try {
      read ??= await inputs();
      const edit = prepareEdit({ ...read, answer: { name, bytes: answer.bytes } });
      const { figure, heat } = checkProtected(edit);
      log.info(`image edit: ${name}: ${formatShare(figure.share)} of the protected area changed (mean change ` +
        `${formatShare(figure.meanChange)}, ${figure.changedPixels} of ${figure.protectedPixels} pixels), ` +
        `measured in ${Date.now() - started} ms.`);
      const kept = setting === 'always' ? await writeComposite(files, answer.file, keepProtected(edit), signal) : undefined;
      results.push({ output: answer.file, figure, heat, kept, offer: setting === 'ask' && figure.share > NOTICE_SHARE });
    } catch (err) {
      if (signal?.aborted) throw err;
      const reason = reasonOf(err);
      log.warn(`image edit: ${name}: the protected area could not be compared: ${typeof reason === 'string' ? reason : String(err)}`);
      results.push(undefined);
    }
  }
  return results;
}

/** Writes the composite of `answer` (the original `source` outside `mask`, the answer inside) beside the answer. */
export async function keepMaskedEdit<F>(
  files: MediaFiles<F>, log: Logger, answer: F, source: F, mask: F, signal?: AbortSignal,
): Promise<F> {
  const started = Date.now();
  const read = async (file: F): Promise<NamedBytes> => ({ name: files.display(file), bytes: await files.read(file) });
  const [original, maskFile, answerFile] = [await read(source), await read(mask), await read(answer)];
  const kept = await writeComposite(files, answer, keepProtected(prepareEdit({ original, mask: maskFile, answer: answerFile })), signal);
  log.info(`image edit: kept the protected area of ${answerFile.name} in ${files.display(kept)} (${Date.now() - started} ms).`);
  return kept;
}

async function writeComposite<F>(files: MediaFiles<F>, answer: F, bytes: Uint8Array, signal?: AbortSignal): Promise<F> {
  const [kept] = await files.writeAll(files.besideInput(answer), [{ name: keptImageName(files.name(answer)), data: bytes }], signal);
  return kept;
}

/** The history's part of a result. */
export function protectedAreaRecord<F>(result: ProtectedAreaResult<F> | undefined, display: (file: F) => string):
ProtectedAreaRecord | undefined {
  if (!result) return undefined;
  const round = (v: number): number => Math.round(v * 10000) / 10000;
  return { share: round(result.figure.share), meanChange: round(result.figure.meanChange),
    kept: result.kept !== undefined ? display(result.kept) : undefined };
}
