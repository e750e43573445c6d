// The Edit tab's request: one or several workspace images (the API's `image[]`), with the mask the user painted
// over the first one (drawn into a PNG here, at that image's own size) or a saved mask file.

import * as vscode from 'vscode';
import { uploadLimit } from '../../core/catalog';
import { readImageSize } from '../../core/media';
import { maskName } from '../../core/naming';
import type { PaintedMask } from '../../services/mediaService';
import { UserError } from '../../services/userError';
import { workspaceRelative } from '../../services/output';
import { fileName, workspaceFile } from '../../services/workspaceFiles';
import { encodeMaskPng, MASK_ROW_BUDGET, maskCost, paintsAnything, rasterizeMask } from '../mask';
import type { MaskPaint } from '../../shared/protocol';
import type { RequestHandlers } from './context';
import { fileView, inputFile } from './files';
import { imagesAnswer, partialImagePoster } from './images';

/** The painted strokes as a PNG mask for `image`, or undefined when they paint nothing. */
async function paintedMask(image: vscode.Uri, paint: MaskPaint): Promise<PaintedMask | undefined> {
  const bytes = await vscode.workspace.fs.readFile(image);
  const size = readImageSize(bytes);
  if (!size) throw new UserError(vscode.l10n.t('Only PNG and JPEG images can be edited.'));
  if (size.width !== paint.width || size.height !== paint.height) {
    throw new UserError(
      vscode.l10n.t('The mask was painted at {0}×{1} but the image is {2}×{3}; reopen the image and paint again.',
        paint.width, paint.height, size.width, size.height),
    );
  }
  if (maskCost(paint.strokes, paint.height) > MASK_ROW_BUDGET) throw new UserError(vscode.l10n.t('The mask has too many strokes.'));
  const coverage = rasterizeMask(paint.width, paint.height, paint.strokes);
  if (!paintsAnything(coverage)) return undefined;
  const png = encodeMaskPng(paint.width, paint.height, coverage);
  if (png.length > uploadLimit('imageEdit', 'mask')) throw new UserError(vscode.l10n.t('The mask is larger than 4 MB.'));
  // Sent from memory; the file is written beside the image only when the edit succeeds (nothing is left behind by a
  // failed or cancelled edit).
  return { name: maskName(fileName(image)), data: png };
}

export const editRequests: Pick<RequestHandlers, 'editImage' | 'keepProtected'> = {
  editImage: async (m, ctx, signal) => {
    const images = m.files.map((f) => inputFile(f, 'image'));
    let mask: vscode.Uri | PaintedMask | undefined;
    if (m.mask && m.mask.strokes.length) mask = await paintedMask(images[0], m.mask);
    else if (m.maskFile) mask = inputFile(m.maskFile, 'image');
    ctx.post({ type: 'progress', requestId: m.requestId, message: vscode.l10n.t('Editing…') });
    const outcome = await ctx.services.media.editImage(images, mask, m.prompt, m.options, {
      signal,
      onPartialImage: partialImagePoster(ctx, m.requestId),
    });
    const answer = await imagesAnswer(ctx, m.requestId, 'imageEdit', outcome.outputs, outcome.result, outcome.mask);
    outcome.protectedArea?.forEach((checked, n) => {
      if (!checked || !answer.images[n]) return;
      answer.images[n].protectedArea = {
        share: checked.figure.share,
        meanChange: checked.figure.meanChange,
        heat: Buffer.from(checked.heat).toString('base64'),
        kept: checked.kept && workspaceRelative(checked.kept),
        offer: checked.offer,
      };
    });
    return answer;
  },
  keepProtected: async (m, ctx, signal) => {
    // Only an output the history knows as a masked edit: its record names the original and the mask.
    const output = workspaceRelative(workspaceFile(m.path));
    const record = ctx.services.history.list().find((r) => r.operation === 'imageEdit' && r.output === output);
    if (!record) throw new UserError(vscode.l10n.t('{0} is not an edit in the history, so its protected area cannot be kept.', output));
    const kept = await ctx.services.media.keepProtectedArea(record, signal);
    return { type: 'file', requestId: m.requestId, file: await fileView(ctx, kept, 'image', true) };
  },
};
