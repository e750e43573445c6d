// Every command on the v1 route (azureOpenAIMedia.apiVersion = "v1"), inside the real extension host, against the
// emulator: each request goes to /openai/v1/{operation} with no api-version and the deployment as `model`.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { GenerateImageResult } from '../../src/commands/generateImageFromSelection';
import type { CheckResult } from '../../src/services/connectionCheck';
import {
  commandSuite, revertAll, emulator, file, handledErrors, openAndSelect, readBytes, withSettings, type RecordedRequest,
} from './helpers';

const V1 = { apiVersion: 'v1' };

function run<T>(command: string, ...args: unknown[]): Thenable<T | undefined> {
  return vscode.commands.executeCommand<T>(`azureOpenAIMedia.${command}`, ...args);
}

/** The single API request made, checked for the v1 wire shape. */
async function v1Request(path: string, deployment: string): Promise<RecordedRequest> {
  const requests = await emulator.operations();
  assert.strictEqual(requests.length, 1, JSON.stringify(requests.map((r) => [r.path, r.status, r.errorCode])));
  const [request] = requests;
  assert.strictEqual(request.status, 200, request.errorCode);
  assert.strictEqual(request.route, 'v1');
  assert.strictEqual(request.path, `/openai/v1/${path}`);
  assert.strictEqual(request.apiVersion, undefined, 'an api-version was sent on the v1 route');
  assert.strictEqual(request.deployment, deployment);
  return request;
}

describe('commands on the v1 route', () => {
  const created = commandSuite(revertAll);

  it('transcribes: multipart model = the transcription deployment', async () => {
    await withSettings(V1, async () => {
      const outputs = await run<vscode.Uri[]>('transcribeAudio', file('hello.wav'), undefined, { responseFormat: 'srt', open: false });
      created.push(...(outputs ?? []));
      assert.strictEqual(outputs?.length, 1);
      const request = await v1Request('audio/transcriptions', 'whisper');
      assert.deepStrictEqual(request.fields.model, ['whisper']);
      assert.deepStrictEqual(request.fields.response_format, ['srt']);
    });
  });

  it('translates: multipart model = the translation deployment', async () => {
    await withSettings(V1, async () => {
      const outputs = await run<vscode.Uri[]>('translateAudio', file('bonjour.wav'), undefined, { responseFormat: 'text', open: false });
      created.push(...(outputs ?? []));
      assert.strictEqual(outputs?.length, 1);
      assert.deepStrictEqual((await v1Request('audio/translations', 'whisper')).fields.model, ['whisper']);
    });
  });

  it('speaks: JSON model = the speech deployment', async () => {
    await withSettings(V1, async () => {
      const output = await run<vscode.Uri>('speakSelection', { text: 'v1 speech check', response_format: 'wav', open: false });
      assert.ok(output, 'no output');
      created.push(output);
      assert.strictEqual(Buffer.from((await readBytes(output)).slice(0, 4)).toString('latin1'), 'RIFF');
      const request = await v1Request('audio/speech', 'tts');
      assert.strictEqual(request.json?.model, 'tts');
      assert.strictEqual(request.json?.input, 'v1 speech check');
    });
  });

  it('generates an image from a comment: JSON model = the image deployment', async () => {
    await withSettings(V1, async () => {
      await openAndSelect('fox.ts', 2, 2);
      const result = await run<GenerateImageResult>('generateImageFromSelection', { open: false });
      assert.ok(result?.outputs.length, 'no image');
      created.push(...result.outputs);
      const request = await v1Request('images/generations', 'gpt-image-1');
      assert.strictEqual(request.json?.model, 'gpt-image-1');
      assert.strictEqual(request.json?.prompt, result.prompt);
    });
  });

  it('edits an image: multipart model = the edit deployment', async () => {
    await withSettings(V1, async () => {
      const image = file('landscape.png');
      const outputs = await run<vscode.Uri[]>('editImage', image, undefined, {
        prompt: 'add a red kite in the sky',
        mask: null,
        open: false,
      });
      assert.ok(outputs?.length, 'no output');
      created.push(...outputs);
      const request = await v1Request('images/edits', 'gpt-image-1');
      assert.deepStrictEqual(request.fields.model, ['gpt-image-1']);
      assert.ok(request.files.some((f) => f.filename === 'landscape.png'));
    });
  });

  it('shows a deployment the resource does not have as a settings problem', async () => {
    await withSettings({ ...V1, 'deployments.speech': 'no-such-tts' }, async () => {
      const errors = await handledErrors(() => run('speakSelection', { text: 'x', open: false }));
      assert.strictEqual(errors.length, 1, JSON.stringify(errors));
      assert.strictEqual(errors[0].code, 'deploymentNotFound');
      assert.match(errors[0].message, /no-such-tts/);
      const [request] = await emulator.operations();
      assert.strictEqual(request.route, 'v1');
      assert.strictEqual(request.status, 404);
    });
  });

  it('checks the connection on v1: every deployment named in its body, a missing one found out', async () => {
    await withSettings(V1, async () => {
      const results = await run<CheckResult[]>('configure', { deployments: { speech: 'tts' } });
      assert.deepStrictEqual(results?.map((r) => `${r.operation}:${r.status}`), [
        'transcription:ok', 'translation:ok', 'speech:ok', 'imageGeneration:ok', 'imageEdit:ok',
      ]);
      const requests = await emulator.operations();
      assert.strictEqual(requests.length, 5);
      for (const r of requests) {
        assert.strictEqual(r.route, 'v1');
        assert.strictEqual(r.apiVersion, undefined);
        assert.ok(r.deployment, `${r.operation}: no deployment was named`);
        assert.ok(r.status === 400, `${r.operation} answered ${r.status} ${r.errorCode ?? ''}`);
      }
      await emulator.reset();
      const missing = await run<CheckResult[]>('configure', { deployments: { speech: 'no-such-tts' } });
      const speech = missing?.find((r) => r.operation === 'speech');
      assert.strictEqual(speech?.status, 'notFound');
      assert.match(speech.detail, /DeploymentNotFound/);
      await vscode.workspace.getConfiguration('azureOpenAIMedia').update('deployments.speech', 'tts', vscode.ConfigurationTarget.Global);
    });
  });
});
