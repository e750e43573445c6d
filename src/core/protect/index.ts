// The protected-area check and the composite from file bytes, the one implementation the Edit command and the
// Studio share (through services/protectedArea.ts). The answer decides the size and format: the original and the
// mask are resampled to it when the model answered at another size.

import { compositeProtected, heatMap, measureProtected, type ProtectedFigure } from './measure';
import { decodeImage, editableMap, encodeImage, resampleBilinear, type Raster, type RasterFormat } from './raster';

export { CHANGE_THRESHOLD, NOTICE_SHARE, SEAM_PIXELS, type ProtectedFigure } from './measure';

/** The files of one masked edit, by name for the messages. */
export interface MaskedEditFiles {
  original: { name: string; bytes: Uint8Array };
  mask: { name: string; bytes: Uint8Array };
  answer: { name: string; bytes: Uint8Array };
}

/** One masked edit decoded at the answer's size. */
export interface PreparedEdit {
  original: Raster;
  editable: Uint8Array;
  answer: Raster;
  format: RasterFormat;
}

export function prepareEdit(files: MaskedEditFiles): PreparedEdit {
  const answer = decodeImage(files.answer.bytes, files.answer.name);
  const original = resampleBilinear(decodeImage(files.original.bytes, files.original.name), answer.width, answer.height);
  const editable = editableMap(decodeImage(files.mask.bytes, files.mask.name), answer.width, answer.height);
  return { original, editable, answer, format: answer.format };
}

export interface ProtectedCheck {
  figure: ProtectedFigure;
  /** Where it changed, as a small PNG overlay (measure.ts heatMap). */
  heat: Uint8Array;
}

export function checkProtected(edit: PreparedEdit): ProtectedCheck {
  const { figure, change } = measureProtected(edit.original, edit.editable, edit.answer);
  return { figure, heat: encodeImage(heatMap(change, edit.editable, figure.width, figure.height), 'png') };
}

/** The composite's file, in the answer's format and size. */
export function keepProtected(edit: PreparedEdit): Uint8Array {
  return encodeImage(compositeProtected(edit.original, edit.editable, edit.answer), edit.format);
}

/** "4.1 %": the share as the figure shows it, one decimal. */
export function formatShare(share: number): string {
  return `${(Math.round(share * 1000) / 10).toFixed(1)} %`;
}
