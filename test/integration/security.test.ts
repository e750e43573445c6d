// Issue 17 in the real extension host: what a hostile repository can put in `.vscode/settings.json`, a planted
// history file and a symbolic link. Each test failed before the fix (see the note on each); the settings are written
// with ConfigurationTarget.Workspace, i.e. into the workspace's .vscode/settings.json.
import * as assert from 'assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { OutputRecord } from '../../src/services/mediaService';
import { makeWav } from '../unit/coreFixtures';
import { api, commandSuite, emulator, file, remove, workspaceRoot } from './helpers';

/** Sets workspace settings (.vscode/settings.json) for the duration of `body`, then removes them again. */
async function withWorkspaceSettings<T>(values: Record<string, unknown>, body: () => Promise<T>): Promise<T> {
  const config = vscode.workspace.getConfiguration('azureOpenAIMedia');
  for (const [key, value] of Object.entries(values)) await config.update(key, value, vscode.ConfigurationTarget.Workspace);
  try {
    return await body();
  } finally {
    for (const key of Object.keys(values)) await config.update(key, undefined, vscode.ConfigurationTarget.Workspace);
  }
}

async function failure(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  return 'no error';
}

describe('security: a hostile workspace (issue 17)', () => {
  const created = commandSuite();
  const outside = (name: string): string => path.join(path.dirname(workspaceRoot().fsPath), name);

  // Before: the clip outside the workspace was read whole and sent to the endpoint as a data URL.
  it('knownSpeakers in .vscode/settings.json cannot read a file outside the workspace, nor a huge one inside', async () => {
    const audio = file('meeting.wav');
    await vscode.workspace.fs.writeFile(audio, makeWav(3));
    created.push(audio);
    const secret = outside('secret-key.wav');
    fs.writeFileSync(secret, 'PRIVATE KEY MATERIAL');
    const big = file('big.wav');
    await vscode.workspace.fs.writeFile(big, new Uint8Array(5 * 1024 * 1024));
    created.push(big);
    try {
      const diarize = { 'deployments.transcription': 'gpt-4o-transcribe-diarize', 'models.transcription': 'gpt-4o-transcribe-diarize',
        'transcription.askForOptions': false };
      for (const [clip, expected] of [
        ['../secret-key.wav', /inside the workspace folder/],
        [vscode.Uri.file(secret).toString(), /inside the workspace folder/],
        ['/etc/passwd', /not an audio file/],
        ['big.wav', /over 4 MB/],
      ] as const) {
        const message = await withWorkspaceSettings({ ...diarize, 'transcription.knownSpeakers': { A: clip } }, () =>
          failure(async () => (await api()).media.transcribe(audio, {})));
        assert.match(message, expected, clip);
        assert.deepStrictEqual(await emulator.operations(), [], `${clip}: a request was sent`);
      }
    } finally {
      fs.rmSync(secret, { force: true });
    }
  });

  // Before: the record was imported and Delete moved the folder outside the workspace to the trash.
  it('a planted legacy history cannot make Delete remove a folder outside the workspace', async () => {
    const victim = outside('victim-folder');
    fs.mkdirSync(victim, { recursive: true });
    fs.writeFileSync(path.join(victim, 'keep.txt'), 'keep');
    const { history } = await api();
    const legacy = vscode.Uri.joinPath(workspaceRoot(), '.vscode', 'azure-openai-media', 'history.json');
    const planted: OutputRecord = { id: 'planted', operation: 'imageGeneration', output: 'media/../../victim-folder', createdAt: 9,
      params: {}, prompt: 'x' };
    const uriForm: OutputRecord = { ...planted, id: 'planted-uri', output: vscode.Uri.file(victim).toString() };
    try {
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(legacy, '..'));
      await vscode.workspace.fs.writeFile(legacy, new TextEncoder().encode(JSON.stringify({ version: 1, records: [planted, uriForm] })));
      await history.migrateLegacy();
      assert.strictEqual(history.get('planted'), undefined, 'the record pointing outside was imported');
      assert.strictEqual(history.get('planted-uri'), undefined, 'the URI record pointing outside was imported');
      await history.add([uriForm]); // as if it had got in some other way: remove checks again
      await history.remove('planted-uri', true);
      assert.ok(fs.existsSync(path.join(victim, 'keep.txt')), 'the folder outside the workspace was deleted');
    } finally {
      await history.remove('planted-uri', false);
      await remove(vscode.Uri.joinPath(legacy, '..'));
      fs.rmSync(victim, { recursive: true, force: true });
    }
  });

  // Before: the speech was written into the folder the link points at, outside the workspace.
  it('an output folder that is a symbolic link out of the workspace is refused, nothing written there', async () => {
    const elsewhere = outside('elsewhere');
    fs.mkdirSync(elsewhere, { recursive: true });
    const link = path.join(workspaceRoot().fsPath, 'linked-media');
    fs.symlinkSync(elsewhere, link);
    try {
      const message = await withWorkspaceSettings({ outputFolder: 'linked-media' }, () =>
        failure(async () => (await api()).media.speak('through a link', {})));
      assert.match(message, /symbolic link/);
      assert.deepStrictEqual(fs.readdirSync(elsewhere), [], 'a file was written outside the workspace');
      assert.deepStrictEqual(await emulator.operations(), [], 'a request was sent (and billed) for an output that cannot be saved');
    } finally {
      fs.rmSync(link, { force: true });
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  // Before: the workspace's 0 switched the confirm off (costLimit 0).
  it('a workspace cannot lift or switch off the user\'s cost guard, only lower it', async () => {
    const config = vscode.workspace.getConfiguration('azureOpenAIMedia');
    await config.update('cost.confirmAbove', 0.5, vscode.ConfigurationTarget.Global);
    try {
      const { media } = await api();
      assert.strictEqual(await withWorkspaceSettings({ 'cost.confirmAbove': 0 }, () => Promise.resolve(media.costLimit)), 0.5);
      assert.strictEqual(await withWorkspaceSettings({ 'cost.confirmAbove': 100 }, () => Promise.resolve(media.costLimit)), 0.5);
      assert.strictEqual(await withWorkspaceSettings({ 'cost.confirmAbove': 0.1 }, () => Promise.resolve(media.costLimit)), 0.1);
    } finally {
      await config.update('cost.confirmAbove', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
