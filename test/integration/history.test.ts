// The history of outputs lives in a file in the extension's workspace storage (not the repository): what another
// window writes there shows up here, removing a record can delete its output, and an old in-repository history is
// moved there once.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { OutputRecord } from '../../src/services/mediaService';
import { api, exists, file, readText, remove, setEmulatorKey, sleep, workspaceRoot } from './helpers';

const LEGACY = ['.vscode', 'azure-openai-media', 'history.json'];

async function historyLocation(): Promise<vscode.Uri> {
  const { history } = await api();
  assert.ok(history.location, 'a workspace is open, so the history has a file');
  return history.location;
}

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
    const historyFile = await historyLocation();
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
      await vscode.workspace.fs.writeFile(historyFile,
        new TextEncoder().encode(JSON.stringify({ version: 1, records: [foreign, ...current] })));
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
      const stored = JSON.parse(await readText(await historyLocation())) as { records: OutputRecord[] };
      assert.ok(!stored.records.some((r) => r.id === record.id), 'the record is still in the file');
    } finally {
      await remove(output);
    }
  });

  it('ignores malformed entries in the file instead of failing', async () => {
    const { history } = await api();
    const historyFile = await historyLocation();
    const before = await readText(historyFile);
    // The file is watched while someone listens (the Studio), as here.
    const sub = history.onDidChange(() => undefined);
    try {
      const parsed = JSON.parse(before) as { records: unknown[] };
      await vscode.workspace.fs.writeFile(historyFile,
        new TextEncoder().encode(JSON.stringify({ version: 1,
        records: [{ id: 42 }, 'junk', ...parsed.records,
        { id: 'ok', operation: 'image', output: 'media/ok.png', createdAt: 1, params: {} }] })));
      await waitUntil('the reload', () => !!history.get('ok'));
      assert.ok(history.list().every((r) => typeof r.id === 'string' && typeof r.output === 'string'));
    } finally {
      await vscode.workspace.fs.writeFile(historyFile, new TextEncoder().encode(before));
      await waitUntil('the restore', () => !history.get('ok'));
      sub.dispose();
    }
  });

  it('keeps its file outside the workspace, in the extension storage', async () => {
    const location = await historyLocation();
    assert.strictEqual(vscode.workspace.getWorkspaceFolder(location), undefined, `${location.toString()} is inside the workspace`);
    assert.strictEqual(await exists(vscode.Uri.joinPath(workspaceRoot(), ...LEGACY)), false, 'the old in-repository file exists');
  });

  it('moves an old .vscode/azure-openai-media/history.json into the storage once, then deletes it', async () => {
    const { history } = await api();
    const legacy = vscode.Uri.joinPath(workspaceRoot(), ...LEGACY);
    const old: OutputRecord = { id: 'from-an-old-version', operation: 'image', output: 'media/old.png', createdAt: 5, params: { n: 1 },
      prompt: 'old' };
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(legacy, '..'));
    await vscode.workspace.fs.writeFile(legacy, new TextEncoder().encode(JSON.stringify({ version: 1, records: [old] })));
    try {
      await history.migrateLegacy();
      assert.deepStrictEqual(history.get(old.id), old);
      const stored = JSON.parse(await readText(await historyLocation())) as { records: OutputRecord[] };
      assert.strictEqual(stored.records.filter((r) => r.id === old.id).length, 1);
      assert.strictEqual(await exists(legacy), false, 'the old file is still there');
      assert.strictEqual(await exists(vscode.Uri.joinPath(legacy, '..')), false, 'the old folder is still there');
      await history.migrateLegacy(); // nothing left to move: no duplicate
      assert.strictEqual(history.list().filter((r) => r.id === old.id).length, 1);
    } finally {
      await history.remove(old.id, false);
      await remove(vscode.Uri.joinPath(legacy, '..'));
    }
  });
});
