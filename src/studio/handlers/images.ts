// The Images tab's request: generate, streaming partial frames to the page as they arrive, and answer with the
// images as saved in the workspace (never the service's URLs).

import * as vscode from 'vscode';
import type { ImagesResult, PartialImage } from '../../core/types';
import { workspaceRelative } from '../../services/output';
import type { ImagesAnswer, ImageView } from '../../shared/protocol';
import type { RequestHandlers, StudioContext } from './context';
import { fileView } from './files';

/** Shows each partial image of a streamed generation or edit in the page as it arrives. */
export function partialImagePoster(ctx: StudioContext, requestId: string): (p: PartialImage) => void {
  return (p) =>
    ctx.post({
      type: 'partialImage',
      requestId,
      index: p.partialImageIndex,
      b64: p.b64_json,
      mime: p.outputFormat === 'jpeg' ? 'image/jpeg' : p.outputFormat === 'webp' ? 'image/webp' : 'image/png',
    });
}

export async function imagesAnswer(
  ctx: StudioContext,
  requestId: string,
  operation: 'imageGeneration' | 'imageEdit',
  outputs: vscode.Uri[],
  result: ImagesResult,
  mask?: vscode.Uri,
): Promise<ImagesAnswer> {
  const images: ImageView[] = [];
  for (let i = 0; i < outputs.length; i++) {
    images.push({ ...(await fileView(ctx, outputs[i], 'image', true)), revisedPrompt: result.data[i]?.revised_prompt });
  }
  return {
    type: 'images',
    requestId,
    operation,
    images,
    usage: result.usage,
    streamed: result.streamed,
    mask: mask ? workspaceRelative(mask) : undefined,
  };
}

export const imageRequests: Pick<RequestHandlers, 'generateImage'> = {
  generateImage: async (m, ctx, signal) => {
    ctx.post({ type: 'progress', requestId: m.requestId, message: vscode.l10n.t('Generating…') });
    const { outputs, result } = await ctx.services.media.generateImages(m.prompt, m.options, {
      signal,
      onPartialImage: partialImagePoster(ctx, m.requestId),
    });
    return imagesAnswer(ctx, m.requestId, 'imageGeneration', outputs, result);
  },
};
