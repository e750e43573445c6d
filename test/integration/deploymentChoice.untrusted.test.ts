// A deployment chosen after DeploymentNotFound, in Restricted Mode (the harness's `untrusted` window, whose folder's
// .vscode/settings.json names other deployments): the choice goes to the user's settings, never the workspace's.
import * as assert from 'assert';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { answerDeploymentNotFound, commandSuite, file, until, withSettings } from './helpers';

describe('Restricted Mode: a deployment chosen after DeploymentNotFound', function () {
  this.timeout(120000);
  commandSuite();

  it('offers the resource\'s deployments and writes the choice to the user\'s settings, not the untrusted workspace\'s', async () => {
    assert.strictEqual(vscode.workspace.isTrusted, false);
    const workspaceFile = file('.vscode/settings.json').fsPath;
    const before = fs.readFileSync(workspaceFile, 'utf8');
    await withSettings({ 'deployments.transcription': 'gone-whisper' }, async () => {
      const { codes, items } = await answerDeploymentNotFound('Use whisper');
      assert.deepStrictEqual(codes, ['deploymentNotFound']);
      assert.ok(items.includes('Use whisper'), items.join(', '));
      await until('the user setting to change', () =>
        vscode.workspace.getConfiguration('azureOpenAIMedia').inspect('deployments.transcription')?.globalValue === 'whisper');
      assert.strictEqual(fs.readFileSync(workspaceFile, 'utf8'), before, 'the untrusted workspace\'s settings were written');
    });
  });
});
