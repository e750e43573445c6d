// The History tab: every output with what the page needs to show it, and deleting an entry (and its file).

import * as vscode from 'vscode';
import type { OutputRecord } from '../../services/mediaService';
import { mediaKind } from '../../services/workspaceFiles';
import type { HistoryItem } from '../../shared/protocol';
import type { RequestHandlers, StudioContext } from './context';
import { costView } from './cost';
import { underRoot } from './files';

export async function historyItems(ctx: StudioContext): Promise<HistoryItem[]> {
  return Promise.all(ctx.services.history.list().map((r) => historyItem(ctx, r)));
}

async function historyItem(ctx: StudioContext, record: OutputRecord): Promise<HistoryItem> {
  const uri = ctx.services.history.uriOf(record);
  let exists = false;
  if (uri) {
    try {
      await vscode.workspace.fs.stat(uri);
      exists = true;
    } catch {
      exists = false;
    }
  }
  const kind = uri ? mediaKind(uri) : 'text';
  return {
    id: record.id,
    operation: record.operation,
    output: record.output,
    name: record.output.slice(record.output.lastIndexOf('/') + 1),
    kind,
    createdAt: record.createdAt,
    params: record.params,
    source: record.source,
    folder: folderOf(record, uri),
    mask: record.mask,
    prompt: record.prompt,
    revisedPrompt: record.revisedPrompt,
    src: uri && underRoot(ctx, uri) && exists && kind !== 'text' ? ctx.webview.asWebviewUri(uri).toString() : undefined,
    exists,
    cost: costView(record),
  };
}

/** The folder the record names, else the one its file is in, when the window has several. */
function folderOf(record: OutputRecord, uri: vscode.Uri | undefined): string | undefined {
  if ((vscode.workspace.workspaceFolders?.length ?? 0) < 2) return undefined;
  if (typeof record.folder === 'string') return record.folder;
  return uri && vscode.workspace.getWorkspaceFolder(uri)?.name;
}

export const historyRequests: Pick<RequestHandlers, 'deleteRecord'> = {
  deleteRecord: async (m, ctx) => {
    const record = ctx.services.history.get(m.id);
    if (!record) return { type: 'done', requestId: m.requestId };
    if (m.deleteFile) {
      const yes = vscode.l10n.t('Delete');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('Delete {0}?', record.output),
        { modal: true, detail: vscode.l10n.t('The file goes to the trash where the file system has one, and leaves the history.') },
        yes,
      );
      if (answer !== yes) return { type: 'done', requestId: m.requestId };
    }
    await ctx.services.history.remove(m.id, m.deleteFile);
    return { type: 'done', requestId: m.requestId };
  },
};
