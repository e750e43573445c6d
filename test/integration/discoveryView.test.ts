// The Azure OpenAI view and the deployments the resource lists, in the real extension host against the emulator: the
// view's items (resource, operations, deployment, model, retirement and its source), "Use for…" writing the setting
// after confirmation, "Open in Azure Portal" only with the resource's Azure id, and a DeploymentNotFound offering the
// deployments that exist (a choice writes the setting where the user had set it).
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { DiscoveryNode } from '../../src/commands/discoveryView';
import { answerDeploymentNotFound, api, commandSuite, emulatorUrl, until, withSettings, withWindow } from './helpers';

const section = () => vscode.workspace.getConfiguration('azureOpenAIMedia');

/** Every item of the view, depth first, as "label — description". */
async function items(node?: DiscoveryNode, depth = 0): Promise<string[]> {
  const { discoveryTree: tree } = await api();
  const out: string[] = [];
  for (const child of await tree.getChildren(node)) {
    const item = tree.getTreeItem(child);
    const label = typeof item.label === 'string' ? item.label : item.label?.label ?? '';
    out.push(`${'  '.repeat(depth)}${label}${item.description ? ` — ${String(item.description)}` : ''}`);
    out.push(...(await items(child, depth + 1)));
  }
  return out;
}

describe('the Azure OpenAI view and the resource\'s deployments', () => {
  commandSuite();
  before(() => vscode.commands.executeCommand('azureOpenAIMedia.refreshDiscovery'));

  it('shows the resource, each operation with its deployment, what it runs and its retirement date with the source', async () => {
    await withSettings({ 'deployments.transcription': 'whisper', 'models.transcription': undefined }, async () => {
      const lines = await items();
      const host = new URL(emulatorUrl()).host;
      assert.strictEqual(lines[0], host);
      assert.ok(lines.includes('  Transcription — whisper · whisper'), lines.join('\n'));
      assert.ok(lines.includes('    Model: whisper — what the deployment runs'), lines.join('\n'));
      const after = lines.indexOf('  Transcription — whisper · whisper');
      const retires = lines.find((l, i) => i > after && l.startsWith('    Retires: '));
      assert.match(retires ?? '', /^ {4}Retires: \d{4}-\d{2}-\d{2} — the resource's models list, read /);
      assert.ok(lines.includes('  Speech — tts · tts'), lines.join('\n'));
      assert.ok(lines.some((l) => /^ {2}Image generation — gpt-image-1 · gpt-image-1/.test(l)), lines.join('\n'));
      const resource = (await api()).discoveryTree.getTreeItem({ kind: 'resource', endpoint: emulatorUrl() });
      assert.strictEqual(resource.contextValue, 'resource', 'no portal link without the resource\'s Azure id');
    });
  });

  it('a deployment the resource does not list says so', async () => {
    await withSettings({ 'deployments.speech': 'no-such-tts' }, async () => {
      const lines = await items();
      assert.ok(lines.includes('    Deployment: no-such-tts — not among the resource\'s deployments'), lines.join('\n'));
    });
  });

  it('"Use for…" offers the deployments that can transcribe and writes the chosen one after confirmation', async () => {
    await withSettings({ 'deployments.transcription': 'whisper', 'models.transcription': undefined }, async () => {
      let offered: string[] = [];
      let asked = '';
      const pick = ((picks: vscode.QuickPickItem[]) => {
        offered = picks.map((p) => p.label);
        return Promise.resolve(picks.find((p) => p.label === 'gpt-4o-transcribe'));
      }) as unknown as typeof vscode.window.showQuickPick;
      const confirm = ((message: string, _options: unknown, ...buttons: string[]) => {
        asked = message;
        return Promise.resolve(buttons[0]);
      }) as unknown as typeof vscode.window.showInformationMessage;
      const written = await withWindow('showQuickPick', pick, () => withWindow('showInformationMessage', confirm,
        () => vscode.commands.executeCommand<boolean>('azureOpenAIMedia.useDeploymentFor', { operation: 'transcription' })));
      assert.strictEqual(written, true);
      assert.strictEqual(asked, 'Use deployment gpt-4o-transcribe (gpt-4o-transcribe) for Transcription? This sets ' +
        'azureOpenAIMedia.deployments.transcription in your user settings.');
      assert.ok(offered.includes('whisper') && offered.includes('gpt-4o-transcribe'), offered.join(', '));
      const wrong = offered.filter((d) => d === 'tts' || d.startsWith('gpt-image'));
      assert.deepStrictEqual(wrong, [], 'only deployments that transcribe');
      assert.strictEqual(section().inspect('deployments.transcription')?.globalValue, 'gpt-4o-transcribe');
    });
  });

  it('"Open in Azure Portal" is offered once the resource\'s Azure id is known, and opens its page', async () => {
    const { discovery, discoveryTree: tree } = await api();
    const entry = discovery.directory(emulatorUrl());
    assert.ok(entry?.deployments, 'the resource\'s deployments were read');
    const id = '/subscriptions/00000000-0000-0000-0000-0000000000a1/resourceGroups/media-rg/providers/' +
      'Microsoft.CognitiveServices/accounts/emulator-openai';
    await discovery.putDirectory(emulatorUrl(), { ...entry, account: { id, location: 'eastus' } });
    try {
      assert.strictEqual(tree.getTreeItem({ kind: 'resource', endpoint: emulatorUrl() }).contextValue, 'resource portal');
      assert.strictEqual(tree.portalUrl(), `https://portal.azure.com/#@/resource${id}/overview`);
      // The portal of the cloud the settings name, the one Configure signs in to.
      await withSettings({ cloud: 'AzureUSGovernment' }, () =>
        until('the US Government portal', () => tree.portalUrl() === `https://portal.azure.us/#@/resource${id}/overview`));
      const opened: string[] = [];
      const open = ((uri: vscode.Uri) => {
        opened.push(uri.toString(true));
        return Promise.resolve(true);
      }) as typeof vscode.env.openExternal;
      const env = vscode.env as unknown as Record<string, unknown>;
      const original = env.openExternal;
      env.openExternal = open;
      try {
        assert.strictEqual(await vscode.commands.executeCommand('azureOpenAIMedia.openInPortal'), true);
      } finally {
        env.openExternal = original;
      }
      assert.deepStrictEqual(opened, [`https://portal.azure.com/#@/resource${id}/overview`]);
    } finally {
      await discovery.putDirectory(emulatorUrl(), entry);
    }
  });

  it('DeploymentNotFound offers the deployments that can transcribe; a choice writes it where the user set it', async () => {
    await section().update('deployments.transcription', 'gone-whisper', vscode.ConfigurationTarget.Workspace);
    try {
      const shown = await answerDeploymentNotFound('Use whisper');
      assert.deepStrictEqual(shown.codes, ['deploymentNotFound']);
      assert.match(shown.message, /gone-whisper/);
      const uses = shown.items.filter((i) => i.startsWith('Use '));
      assert.ok(uses.includes('Use whisper'), shown.items.join(', '));
      assert.ok(uses.length <= 3 && uses.every((u) => !/tts|image/.test(u)), uses.join(', '));
      await until('the setting to change', () => section().inspect('deployments.transcription')?.workspaceValue === 'whisper');
      assert.strictEqual(section().inspect('deployments.transcription')?.globalValue, 'whisper', 'the user\'s own value is untouched');
    } finally {
      await section().update('deployments.transcription', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
