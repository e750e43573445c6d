import * as vscode from 'vscode';
import type { MediaService, SpeechOptions } from '../services/mediaService';
import { UserError } from '../services/userError';
import { CommandIds } from '../shared/commandIds';
import type { Command } from './commandManager';
import { confirmCost } from './costConfirm';
import { withCancellableProgress } from './progress';
import { openOutput } from './targets';

/** Options a test may pass: the text itself (instead of the selection), speech options, and whether to open the result. */
export interface SpeakOptions extends Partial<SpeechOptions> {
  text?: string;
  open?: boolean;
}

/**
 * Speak Selected Text: the selection (or the current line when nothing is selected) becomes an audio file in the
 * output folder, named from the text, and opens in VS Code's media preview where it plays.
 */
export class SpeakSelectionCommand implements Command {
  readonly id = CommandIds.speakSelection;

  constructor(private readonly media: MediaService) {}

  async execute(options?: SpeakOptions): Promise<vscode.Uri | undefined> {
    const { text: given, open, ...speech } = isOptions(options) ? options : ({} as SpeakOptions);
    const text = (given ?? selectedText())?.trim();
    if (!text) throw new UserError(vscode.l10n.t('Select the text to speak (or put the cursor on a line with text).'));
    if (!(await confirmCost(this.media, () => ({ operation: 'speech', characters: [...text].length, options: speech })))) {
      return undefined;
    }
    const preview = text.length > 40 ? `${text.slice(0, 40)}…` : text;
    // A text over the service's limit goes in parts ("part 2 of 3"), joined into one file.
    const { output, note } = await withCancellableProgress(vscode.l10n.t('Speaking "{0}"', preview), (signal, report) =>
      // The audio goes to the output folder of the document's own workspace folder.
      this.media.speak(text, speech, { signal, onProgress: report, origin: vscode.window.activeTextEditor?.document.uri }),
    );
    if (note) void vscode.window.showInformationMessage(note);
    if (open !== false) await openOutput(output, true);
    return output;
  }
}

function selectedText(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const texts = editor.selections.filter((s) => !s.isEmpty).map((s) => editor.document.getText(s));
  if (texts.length) return texts.join('\n');
  return editor.document.lineAt(editor.selection.active.line).text;
}

function isOptions(value: unknown): value is SpeakOptions {
  return !!value && typeof value === 'object' && !(value instanceof vscode.Uri);
}
