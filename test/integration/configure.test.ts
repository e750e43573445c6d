// Configure Endpoint and Deployments (first run) and its no-cost connection check, against the emulator.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { CheckResult } from '../../src/services/connectionCheck';
import { api, emulator, emulatorKey, emulatorUrl, setEmulatorKey } from './helpers';

describe('commands: configure and check', () => {
  before(async () => {
    await api();
    await setEmulatorKey();
  });
  beforeEach(() => emulator.reset());
  after(async () => {
    const config = vscode.workspace.getConfiguration('azureOpenAIMedia');
    await config.update('deployments.speech', 'tts', vscode.ConfigurationTarget.Global);
    await config.update('endpoint', emulatorUrl(), vscode.ConfigurationTarget.Global);
  });

  it('checks every deployment with empty requests: all answer, nothing is generated', async () => {
    const results = await vscode.commands.executeCommand<CheckResult[]>('azureOpenAIMedia.configure', {
      endpoint: `${emulatorUrl()}/openai/`,
      authentication: 'apiKey',
      apiKey: emulatorKey(),
      deployments: { transcription: 'whisper', translation: 'whisper', speech: 'tts', image: 'gpt-image-1', imageEdit: 'gpt-image-1' },
    });
    assert.deepStrictEqual(results?.map((r) => `${r.operation}:${r.status}`), [
      'transcription:ok', 'translation:ok', 'speech:ok', 'imageGeneration:ok', 'imageEdit:ok',
    ]);
    assert.strictEqual(vscode.workspace.getConfiguration('azureOpenAIMedia').get('endpoint'), emulatorUrl(),
      'the pasted /openai suffix was kept');
    const requests = await emulator.operations();
    assert.strictEqual(requests.length, 5);
    for (const r of requests) {
      assert.strictEqual(r.auth, 'apiKey');
      assert.ok(r.status >= 400 && r.status < 500 && r.status !== 401 && r.status !== 404, `${r.operation} answered ${r.status}`);
    }
  });

  it('names the deployment that does not exist', async () => {
    const results = await vscode.commands.executeCommand<CheckResult[]>('azureOpenAIMedia.configure',
      { deployments: { speech: 'no-such-tts' } });
    const speech = results?.find((r) => r.operation === 'speech');
    assert.strictEqual(speech?.status, 'notFound');
    assert.match(speech.detail, /DeploymentNotFound/);
    assert.ok(results?.filter((r) => r.operation !== 'speech').every((r) => r.status === 'ok'));
  });

  it('tells a refused key apart from a missing deployment', async () => {
    const results = await vscode.commands.executeCommand<CheckResult[]>('azureOpenAIMedia.configure',
      { apiKey: 'wrong', deployments: { speech: 'tts' } });
    assert.ok(results?.every((r) => r.status === 'unauthorized'), JSON.stringify(results));
    await setEmulatorKey();
  });
});
