// The history of outputs lives in a file in the extension's workspace storage (not the repository): what another
// window writes there shows up here, removing a record can delete its output, and an old in-repository history is
// moved there once.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { OutputRecord } from '../../src/services/mediaService';
import { historyItems } from '../../src/studio/handlers/history';
import type { StudioContext } from '../../src/studio/handlers/context';
import { api, exists, file, readText, remove, setEmulatorKey, sleep, workspaceRoot } from './helpers';

const LEGACY = ['.vscode', 'azure-openai-media', 'history.json'];

async function historyLocation(): Promise<vscode.Uri> {
  const { history } = await api();
  assert.ok(history.location, 'a workspace is open, so the history has a file');
  return history.location;
}

/** The file's text now, or '' while another write replaces it. */
function readTextSync(uri: vscode.Uri): string {
  try {
    return fs.readFileSync(uri.fsPath, 'utf8');
  } catch {
    return '';
  }
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

  it('rewrites a file of the old names once under the catalog\'s ids, and the Studio\'s History lists the migrated items', async () => {
    const { history } = await api();
    const historyFile = await historyLocation();
    const before = await readText(historyFile);
    const current = (JSON.parse(before) as { records: OutputRecord[] }).records;
    const image = { id: 'v1-image', operation: 'image', output: 'media/v1-fox.png', createdAt: Date.now() + 2, params: { n: 1 },
      prompt: 'a fox' };
    const translation = { id: 'v1-translation', operation: 'translation', output: 'media/v1-talk.en.txt', createdAt: Date.now() + 1,
      params: {}, source: 'audio/talk.wav' };
    const hostile = [{ id: 'v1-video', operation: 'video', output: 'media/v.mp4', createdAt: 3, params: {} },
      { id: 'v1-proto', operation: '__proto__', output: 'media/p.png', createdAt: 3, params: {} }];
    const sub = history.onDidChange(() => undefined);
    try {
      await vscode.workspace.fs.writeFile(historyFile,
        new TextEncoder().encode(JSON.stringify({ version: 1, records: [image, translation, ...hostile, ...current] })));
      await waitUntil('the reload', () => !!history.get('v1-image'));
      // Read under the new names, not yet written: the rewrite runs once at start (here: now).
      assert.strictEqual(history.get('v1-image')?.operation, 'imageGeneration');
      assert.match(readTextSync(historyFile), /"version":1/);
      await history.upgrade();
      const stored = JSON.parse(readTextSync(historyFile)) as { version: number; records: OutputRecord[] };
      assert.deepStrictEqual(stored.records.slice(0, 2), [{ ...image, operation: 'imageGeneration' }, translation]);
      assert.deepStrictEqual(stored.records.map((r) => r.id).filter((id) => id.startsWith('v1-')), ['v1-image', 'v1-translation']);
      assert.strictEqual(stored.records.length, current.length + 2);
      // What the Studio's History tab is sent: the migrated items under their ids, nothing of the hostile ones.
      const ctx = { services: { history }, roots: () => [], webview: { asWebviewUri: (u: vscode.Uri) => u } } as unknown as StudioContext;
      const items = (await historyItems(ctx)).filter((i) => i.id.startsWith('v1-'));
      assert.deepStrictEqual(items.map((i) => [i.id, i.operation, i.name, i.kind, i.prompt ?? i.source]), [
        ['v1-image', 'imageGeneration', 'v1-fox.png', 'image', 'a fox'],
        ['v1-translation', 'translation', 'v1-talk.en.txt', 'text', 'audio/talk.wav'],
      ]);
    } finally {
      await history.remove('v1-image', false);
      await history.remove('v1-translation', false);
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
    // Written by a version that called image generation `image`: moved under the catalog's id.
    const written = { id: 'from-an-old-version', operation: 'image', output: 'media/old.png', createdAt: 5, params: { n: 1 },
      prompt: 'old' };
    const old: OutputRecord = { ...written, operation: 'imageGeneration' };
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(legacy, '..'));
    await vscode.workspace.fs.writeFile(legacy, new TextEncoder().encode(JSON.stringify({ version: 1, records: [written] })));
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
