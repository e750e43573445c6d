// The Speech tab's request: synthesise the text and hand the page something it can play.

import * as vscode from 'vscode';
import { PLAYABLE_SPEECH, pcmToWav } from '../capabilities';
import type { RequestHandlers } from './context';
import { fileView } from './files';

export const speechRequests: Pick<RequestHandlers, 'speak'> = {
  speak: async (m, ctx, signal) => {
    ctx.post({ type: 'progress', requestId: m.requestId, message: vscode.l10n.t('Synthesising speech…') });
    const onProgress = (message: string) => ctx.post({ type: 'progress', requestId: m.requestId, message });
    const { output, format } = await ctx.services.media.speak(m.text, m.options, { signal, onProgress });
    let view = await fileView(ctx, output, 'audio', false);
    if (format === 'pcm') {
      // Raw PCM has no header a player can read: hand the page the same samples as WAV (the file stays as asked).
      const pcm = await vscode.workspace.fs.readFile(output);
      view = { ...view, src: undefined, data: Buffer.from(pcmToWav(pcm)).toString('base64'), mime: 'audio/wav' };
    }
    return { type: 'speech', requestId: m.requestId, output: view, format, playable: PLAYABLE_SPEECH[format] };
  },
};
