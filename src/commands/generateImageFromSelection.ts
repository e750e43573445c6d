import * as vscode from 'vscode';
import { posix } from 'node:path';
import { commentSyntax, formatCommentLine, stripCommentMarkers } from '../core/comments';
import type { ImageOptions, MediaService } from '../services/mediaService';
import { UserError } from '../services/userError';
import { CommandIds } from '../shared/commandIds';
import type { Command } from './commandManager';
import { confirmCost } from './costConfirm';
import { withCancellableProgress } from './progress';
import { openOutput } from './targets';

export interface GenerateImageOptions extends Partial<ImageOptions> {
  /** Open the image after writing it (default true). */
  open?: boolean;
}

export interface GenerateImageResult {
  outputs: vscode.Uri[];
  prompt: string;
  revisedPrompt?: string;
  /** The line inserted under the comment. */
  reference: string;
}

/**
 * Generate Image from Selected Comment: the comment's markers are stripped and its text is the prompt; the image
 * lands in the output folder, a reference to it goes under the comment (a Markdown image in Markdown, a comment line
 * with the relative path in code), the image opens beside the editor and the revised prompt is shown.
 */
export class GenerateImageFromSelectionCommand implements Command {
  readonly id = CommandIds.generateImageFromSelection;

  constructor(private readonly media: MediaService) {}

  async execute(options?: GenerateImageOptions): Promise<GenerateImageResult | undefined> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) throw new UserError(vscode.l10n.t('Open a file and select a comment that describes the image.'));
    const { document } = editor;
    const range = editor.selection.isEmpty ? commentRangeAt(document, editor.selection.active.line) : editor.selection;
    const prompt = stripCommentMarkers(document.getText(range), document.languageId);
    if (!prompt) throw new UserError(vscode.l10n.t('The selected comment has no text to use as a prompt.'));

    const { open, ...imageOptions } = options && typeof options === 'object' ? options : ({} as GenerateImageOptions);
    if (!(await confirmCost(this.media, () => ({ operation: 'imageGeneration', options: imageOptions })))) return undefined;
    const preview = prompt.length > 50 ? `${prompt.slice(0, 50)}…` : prompt;
    const { outputs, result } = await withCancellableProgress(vscode.l10n.t('Generating an image: "{0}"', preview), (signal) =>
      this.media.generateImages(prompt, imageOptions, { signal, origin: document.uri }),
    );

    const reference = outputs.map((uri) => referenceLine(document, uri, prompt)).join('\n');
    const endLine = range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
    const indent = /^\s*/.exec(document.lineAt(range.start.line).text)?.[0] ?? '';
    const insertAt = document.lineAt(endLine).range.end;
    const inserted = await editor.edit((edit) =>
      edit.insert(insertAt,
        `${document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n'}${reference.split('\n').map((l) => indent + l).join('\n')}`),
    );
    // an insertion at the selection's end would grow the selection over the new line: keep the user's own
    editor.selection = new vscode.Selection(range.start, range.end);
    if (!inserted) void vscode.window.showWarningMessage(vscode.l10n.t('The image was saved, but the reference could not be inserted: {0}',
      reference));

    if (open !== false) await openOutput(outputs[0], true);
    const revisedPrompt = result.data.find((d) => d.revised_prompt)?.revised_prompt;
    if (revisedPrompt) void vscode.window.showInformationMessage(vscode.l10n.t('Revised prompt: {0}', revisedPrompt));
    return { outputs, prompt, revisedPrompt, reference };
  }
}

/** A Markdown image in Markdown; elsewhere a comment line in the document's language with the relative path. */
function referenceLine(document: vscode.TextDocument, image: vscode.Uri, prompt: string): string {
  const path = relativePath(document.uri, image);
  if (document.languageId === 'markdown') {
    const alt = (prompt.length > 60 ? `${prompt.slice(0, 60)}…` : prompt).replace(/[[\]\n]/g, ' ');
    return `![${alt}](${encodeURI(path).replace(/\(/g, '%28').replace(/\)/g, '%29')})`;
  }
  return formatCommentLine(`image: ${path}`, document.languageId);
}

/** `image` relative to the document's folder when both live on the same file system; else workspace-relative. */
function relativePath(from: vscode.Uri, to: vscode.Uri): string {
  if (from.scheme === to.scheme && from.authority === to.authority && from.scheme !== 'untitled') {
    const relative = posix.relative(posix.dirname(from.path), to.path);
    return relative.startsWith('.') ? relative : `./${relative}`;
  }
  return vscode.workspace.asRelativePath(to, false);
}

/**
 * With nothing selected: the comment around the cursor — the run of line comments it sits in, or the block comment
 * that encloses it — else the current line.
 */
function commentRangeAt(document: vscode.TextDocument, line: number): vscode.Range {
  const syntax = commentSyntax(document.languageId);
  const isLineComment = (n: number): boolean => {
    const text = document.lineAt(n).text.trimStart();
    return syntax.line.some((m) => text.startsWith(m));
  };
  const full = (first: number, last: number): vscode.Range => new vscode.Range(first, 0, last, document.lineAt(last).text.length);
  if (isLineComment(line)) {
    let first = line;
    let last = line;
    while (first > 0 && isLineComment(first - 1)) first--;
    while (last < document.lineCount - 1 && isLineComment(last + 1)) last++;
    return full(first, last);
  }
  for (const [open, close] of syntax.block) {
    let first = -1;
    for (let n = line; n >= Math.max(0, line - 200); n--) {
      const text = document.lineAt(n).text;
      if (n !== line && text.includes(close)) break;
      if (text.trimStart().startsWith(open)) {
        first = n;
        break;
      }
    }
    if (first < 0) continue;
    for (let n = first; n <= Math.min(document.lineCount - 1, line + 200); n++) {
      const text = document.lineAt(n).text;
      const closeAt = text.indexOf(close, n === first ? text.indexOf(open) + open.length : 0);
      if (closeAt >= 0) {
        if (n >= line) return full(first, n);
        break;
      }
    }
  }
  return document.lineAt(line).range;
}
