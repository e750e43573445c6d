// The Audio tab's requests: transcribe or translate a workspace file, keep the last results to save them in another
// format without calling the service again, and copy or insert a transcript.

import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import type { SpeakerNames } from '../../core/speakers';
import type { TranscriptResult } from '../../core/types';
import type { TranslationOptions } from '../../services/mediaService';
import { workspaceRelative } from '../../services/output';
import { UserError } from '../../services/userError';
import { fileName } from '../../services/workspaceFiles';
import { LiveTranscriptNotes } from '../../shared/liveTranscript';
import { renderTranscript, saveFormats, toView, TRANSCRIPT_EXTENSIONS } from '../transcript';
import type { NoticeHandlers, RequestHandlers } from './context';
import { inputFile } from './files';
import { knownSpeakerFields, renamed } from './speakers';

const KEPT_TRANSCRIPTS = 20;

export function audioHandlers(): {
  requests: Pick<RequestHandlers, 'transcribe' | 'saveTranscript' | 'renameSpeaker'>;
  notices: Pick<NoticeHandlers, 'copyText' | 'insertText'>;
} {
  // `names`: the speakers renamed in the Studio, used by everything saved from the result.
  const transcripts = new Map<string, { result: TranscriptResult; output: vscode.Uri; names: SpeakerNames }>();
  return {
    requests: {
      transcribe: async (m, ctx, signal) => {
        const audio = inputFile(m.file, 'audio');
        const translate = m.operation === 'translation';
        ctx.post({ type: 'progress', requestId: m.requestId, message: translate ? vscode.l10n.t('Translating…') : vscode.l10n.t(
          'Transcribing…') });
        // A long recording goes in parts: each part's progress shows in the page.
        const onProgress = (message: string) => ctx.post({ type: 'progress', requestId: m.requestId, message });
        if (translate && m.speakers?.length) throw new UserError(vscode.l10n.t('A translation takes no known speakers; remove them.'));
        const model = translate ? '' : (await ctx.services.media.settings()).models.transcription;
        const known = translate ? {} : await knownSpeakerFields(m.speakers, audio, model);
        // Where the model and api-version stream (MediaService decides), the text goes to the page as it arrives.
        const live = new LiveTranscriptNotes(m.requestId);
        const onTranscriptDelta = (delta: string, soFar: string, part: number): void => {
          for (const note of live.notes(delta, soFar, part, ctx.pageCount())) ctx.post(note);
        };
        // The options were checked against their own operation (translation takes fewer fields).
        const { result, output } = translate
          ? await ctx.services.media.translate(audio, m.options as Partial<TranslationOptions>, { signal, onProgress })
          : await ctx.services.media.transcribe(audio, { ...m.options, ...known }, { signal, onProgress, onTranscriptDelta });
        const resultId = randomBytes(8).toString('hex');
        transcripts.set(resultId, { result, output, names: {} });
        while (transcripts.size > KEPT_TRANSCRIPTS) transcripts.delete(transcripts.keys().next().value as string);
        return {
          type: 'transcript',
          requestId: m.requestId,
          resultId,
          operation: m.operation,
          result: toView(result),
          output: workspaceRelative(output),
          saveFormats: saveFormats(result),
        };
      },
      saveTranscript: async (m) => {
        const kept = transcripts.get(m.resultId);
        if (!kept) throw new UserError(vscode.l10n.t('That transcript is no longer held; run it again to save it.'));
        const body = renderTranscript(kept.result, m.format, kept.names);
        const ext = TRANSCRIPT_EXTENSIONS[m.format];
        const stem = fileName(kept.output).replace(/\.[^.]+$/, '');
        // Not the transcript the run wrote (a transcript by speaker is NAME.md): a second name beside it.
        const suggested = `${stem}${m.format === 'verbose_json' ? '.verbose' : ''}.${ext}`;
        const target = await vscode.window.showSaveDialog({
          defaultUri: vscode.Uri.joinPath(kept.output, '..', suggested === fileName(kept.output) ? `${stem}-2.${ext}` : suggested),
          filters: { [m.format]: [ext] },
          saveLabel: vscode.l10n.t('Save Transcript'),
        });
        if (!target) return { type: 'done', requestId: m.requestId };
        await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(body));
        return { type: 'done', requestId: m.requestId, message: vscode.l10n.t('Saved {0}.', workspaceRelative(target)) };
      },
      renameSpeaker: (m) => {
        const kept = transcripts.get(m.resultId);
        if (!kept) throw new UserError(vscode.l10n.t('That transcript is no longer held; run it again to rename its speakers.'));
        kept.names = renamed(kept.result, kept.names, m.speaker, m.name);
        return Promise.resolve({ type: 'speakers', requestId: m.requestId, resultId: m.resultId, names: { ...kept.names } });
      },
    },
    notices: {
      copyText: async (m) => {
        await vscode.env.clipboard.writeText(m.text);
        vscode.window.setStatusBarMessage(vscode.l10n.t('Copied to the clipboard.'), 3000);
      },
      insertText: async (m, ctx) => {
        const last = ctx.lastEditor();
        const editor = last && vscode.window.visibleTextEditors.includes(last) ? last : vscode.window.visibleTextEditors[0];
        if (!editor) throw new UserError(vscode.l10n.t('Open a text editor to insert the transcript into.'));
        await editor.edit((edit) => {
          for (const selection of editor.selections) edit.replace(selection, m.text);
        });
        await vscode.window.showTextDocument(editor.document, editor.viewColumn);
      },
    },
  };
}
