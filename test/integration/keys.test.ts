// Set API Key / Clear API Key / Set Gateway Subscription Key, the key's binding to the endpoint's origin, extra
// request headers and the status bar, inside the real extension host, against the emulator.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, emulator, emulatorKey, emulatorUrl, remove, setEmulatorKey, withSettings } from './helpers';

describe('commands: keys, headers and the status bar', () => {
  const created: vscode.Uri[] = [];

  before(() => api());
  beforeEach(() => emulator.reset());
  afterEach(async () => {
    await remove(...created.splice(0));
    await setEmulatorKey();
  });

  it('Set API Key stores the key; requests then carry it; the status bar shows nothing missing', async () => {
    await setEmulatorKey();
    const { statusBar } = await api();
    assert.deepStrictEqual(await statusBar.missing(), []);
    const output = await vscode.commands.executeCommand<vscode.Uri>('azureOpenAIMedia.speakSelection', { text: 'key check', open: false });
    assert.ok(output, 'speech failed with the stored key');
    created.push(output);
    const [request] = await emulator.operations();
    assert.strictEqual(request.auth, 'apiKey');
    assert.strictEqual(request.status, 200);
    assert.notStrictEqual(request.headers['api-key'], emulatorKey(), 'the emulator log shows the key unredacted');
  });

  it('Clear API Key removes it, and the status bar says the key is missing', async () => {
    await setEmulatorKey();
    const cleared = await vscode.commands.executeCommand<boolean>('azureOpenAIMedia.clearApiKey');
    assert.strictEqual(cleared, true);
    const { statusBar } = await api();
    const missing = await statusBar.missing();
    assert.ok(missing.some((m) => /API key/i.test(m)), `missing: ${missing.join('; ')}`);
    assert.strictEqual(await vscode.commands.executeCommand<boolean>('azureOpenAIMedia.clearApiKey'), false, 'a second clear found a key');
  });

  it('binds the key to the endpoint origin: another origin (even for the same server) has no key', async () => {
    await setEmulatorKey();
    const { statusBar } = await api();
    const other = emulatorUrl().replace('127.0.0.1', 'localhost');
    assert.notStrictEqual(other, emulatorUrl());
    await withSettings({ endpoint: other }, async () => {
      const missing = await statusBar.missing();
      assert.ok(missing.some((m) => /API key/i.test(m)), `the key of ${emulatorUrl()} was offered to ${other}`);
    });
    assert.deepStrictEqual(await statusBar.missing(), []);
  });

  it('sends configured gateway headers and the gateway key from secret storage, but never lets a setting replace api-key', async () => {
    await setEmulatorKey();
    await withSettings(
      { requestHeaders: { 'x-team': 'media', 'api-key': 'not-the-key' }, gatewayKeyHeader: 'Ocp-Apim-Subscription-Key' },
      async () => {
        assert.strictEqual(await vscode.commands.executeCommand<boolean>('azureOpenAIMedia.setGatewayKey', 'gateway-secret-1'), true);
        const output = await vscode.commands.executeCommand<vscode.Uri>('azureOpenAIMedia.speakSelection',
          { text: 'gateway check', open: false });
        assert.ok(output, 'speech failed');
        created.push(output);
        const [request] = await emulator.operations();
        assert.strictEqual(request.status, 200, 'the api-key from requestHeaders replaced the stored key');
        assert.strictEqual(request.headers['x-team'], 'media');
        assert.strictEqual(request.headers['ocp-apim-subscription-key'], 'gateway-secret-1');
        const settings = JSON.stringify(vscode.workspace.getConfiguration('azureOpenAIMedia'));
        assert.ok(!settings.includes('gateway-secret-1'), 'the gateway key ended up in settings');
        await emulator.reset();
        const checks = await vscode.commands.executeCommand<Array<{ status: string }>>('azureOpenAIMedia.configure', {});
        assert.ok(checks?.every((c) => c.status === 'ok'), JSON.stringify(checks));
        const checked = await emulator.operations();
        assert.strictEqual(checked.length, 5);
        for (const r of checked) assert.strictEqual(r.headers['ocp-apim-subscription-key'], 'gateway-secret-1',
          'the check left out the gateway key');
        assert.strictEqual(await vscode.commands.executeCommand<boolean>('azureOpenAIMedia.setGatewayKey', ''), true);
      },
    );
  });

  it('reports a wrong key as an auth error pointing at Set API Key', async () => {
    assert.strictEqual(await vscode.commands.executeCommand<boolean>('azureOpenAIMedia.setApiKey', 'wrong-key'), true);
    const errors: string[] = [];
    const sub = (await api()).onDidHandleError((e) => errors.push(`${e.kind}:${e.code}:${e.message}`));
    try {
      await vscode.commands.executeCommand('azureOpenAIMedia.speakSelection', { text: 'bad key', open: false });
    } finally {
      sub.dispose();
    }
    assert.strictEqual(errors.length, 1);
    assert.match(errors[0], /^media:auth:/);
    assert.ok(!errors[0].includes('wrong-key'), 'the key appears in the error message');
    const [request] = await emulator.operations();
    assert.strictEqual(request.status, 401);
  });
});
