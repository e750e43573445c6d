// A deployment chosen after DeploymentNotFound, in Restricted Mode (the harness's `untrusted` window, whose folder's
// .vscode/settings.json names other deployments): the choice goes to the user's settings, never the workspace's.
import * as assert from 'assert';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { commandSuite, file, handledErrors, withSettings, withWindow } from './helpers';

async function until(what: string, probe: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('Restricted Mode: a deployment chosen after DeploymentNotFound', function () {
  this.timeout(120000);
  commandSuite();

  it('offers the resource\'s deployments and writes the choice to the user\'s settings, not the untrusted workspace\'s', async () => {
    assert.strictEqual(vscode.workspace.isTrusted, false);
    const workspaceFile = file('.vscode/settings.json').fsPath;
    const before = fs.readFileSync(workspaceFile, 'utf8');
    await withSettings({ 'deployments.transcription': 'gone-whisper' }, async () => {
      let items: string[] | undefined;
      const stand = ((_message: string, ...buttons: string[]) => {
        items = buttons;
        return Promise.resolve(buttons.find((b) => b === 'Use whisper'));
      }) as unknown as typeof vscode.window.showErrorMessage;
      const errors = await withWindow('showErrorMessage', stand, async () => {
        const handled = await handledErrors(() => vscode.commands.executeCommand(
          'azureOpenAIMedia.transcribeAudio', file('hello.wav'), undefined, { responseFormat: 'text', open: false }));
        await until('the notification', () => items !== undefined);
        return handled;
      });
      assert.deepStrictEqual(errors.map((e) => e.code), ['deploymentNotFound']);
      assert.ok(items?.includes('Use whisper'), items?.join(', '));
      await until('the user setting to change', () =>
        vscode.workspace.getConfiguration('azureOpenAIMedia').inspect('deployments.transcription')?.globalValue === 'whisper');
      assert.strictEqual(fs.readFileSync(workspaceFile, 'utf8'), before, 'the untrusted workspace\'s settings were written');
    });
  });
});
