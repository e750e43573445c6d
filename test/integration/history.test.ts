// The history of outputs lives in a file in the workspace: what another window writes there shows up here, and
// removing a record can delete its output.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { OutputRecord } from '../../src/services/mediaService';
import { api, exists, file, readText, remove, setEmulatorKey, sleep, workspaceRoot } from './helpers';

const HISTORY = ['.vscode', 'azure-openai-media', 'history.json'];

async function waitUntil(what: string, probe: () => boolean, timeoutMs = 10000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe('history store', () => {
  before(async () => {
    await api();
    await setEmulatorKey();
  });

  it('picks up a record another window wrote into the workspace file', async () => {
    const { history } = await api();
    const historyFile = vscode.Uri.joinPath(workspaceRoot(), ...HISTORY);
    const current = (await exists(historyFile)) ? (JSON.parse(await readText(historyFile)) as { records: OutputRecord[] }).records : [];
    const foreign: OutputRecord = {
      id: 'from-another-window',
      operation: 'speech',
      output: 'media/other-window.mp3',
      createdAt: Date.now(),
      params: { voice: 'nova' },
      prompt: 'made elsewhere',
    };
    let changes = 0;
    const sub = history.onDidChange(() => changes++);
    try {
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(historyFile, '..'));
      await vscode.workspace.fs.writeFile(historyFile, new TextEncoder().encode(JSON.stringify({ version: 1, records: [foreign, ...current] })));
      await waitUntil('the record from the other window', () => !!history.get('from-another-window'));
      assert.ok(changes > 0, 'onDidChange did not fire');
      assert.strictEqual(history.list()[0].id, 'from-another-window');
    } finally {
      sub.dispose();
      await history.remove('from-another-window', false);
    }
    assert.strictEqual(history.get('from-another-window'), undefined);
  });

  it('removes a record together with its output file when asked', async () => {
    const { history } = await api();
    const output = await vscode.commands.executeCommand<vscode.Uri>('azureOpenAIMedia.speakSelection', { text: 'remove me', open: false });
    assert.ok(output);
    try {
      const record = history.list().find((r) => r.output === 'media/remove-me.mp3');
      assert.ok(record, `no record for media/remove-me.mp3: ${history.list().map((r) => r.output).join(', ')}`);
      assert.strictEqual(history.uriOf(record)?.path, file('media/remove-me.mp3').path);
      await history.remove(record.id, true);
      assert.strictEqual(history.get(record.id), undefined);
      assert.strictEqual(await exists(output), false, 'the output file is still there');
      const stored = JSON.parse(await readText(vscode.Uri.joinPath(workspaceRoot(), ...HISTORY))) as { records: OutputRecord[] };
      assert.ok(!stored.records.some((r) => r.id === record.id), 'the record is still in the file');
    } finally {
      await remove(output);
    }
  });

  it('ignores malformed entries in the file instead of failing', async () => {
    const { history } = await api();
    const historyFile = vscode.Uri.joinPath(workspaceRoot(), ...HISTORY);
    const before = await readText(historyFile);
    // The file is watched while someone listens (the Studio), as here.
    const sub = history.onDidChange(() => undefined);
    try {
      const parsed = JSON.parse(before) as { records: unknown[] };
      await vscode.workspace.fs.writeFile(historyFile, new TextEncoder().encode(JSON.stringify({ version: 1, records: [{ id: 42 }, 'junk', ...parsed.records, { id: 'ok', operation: 'image', output: 'media/ok.png', createdAt: 1, params: {} }] })));
      await waitUntil('the reload', () => !!history.get('ok'));
      assert.ok(history.list().every((r) => typeof r.id === 'string' && typeof r.output === 'string'));
    } finally {
      await vscode.workspace.fs.writeFile(historyFile, new TextEncoder().encode(before));
      await waitUntil('the restore', () => !history.get('ok'));
      sub.dispose();
    }
  });
});
