// "What the deployment really runs wins" and "a refused field costs one request, once", inside the real extension
// host against the emulator: the resource's own listing says what a deployment runs, and a refusal is remembered in
// the extension's storage.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, commandSuite, emulator, file, readText, withSettings, withWindow } from './helpers';

const transcribe = (name: string, responseFormat: string): Thenable<vscode.Uri[] | undefined> =>
  vscode.commands.executeCommand<vscode.Uri[]>('azureOpenAIMedia.transcribeAudio', file(name), undefined,
    { responseFormat, open: false });

describe('discovery: what the deployment runs, and what it refused', () => {
  const created = commandSuite(closeAllEditors);

  it('a whisper deployment named without its model gets srt when asked (the resource says it runs whisper)', async () => {
    // Before: models.transcription left at its default (gpt-4o-mini-transcribe) made srt a .txt, silently.
    await withSettings({ 'deployments.transcription': 'whisper', 'models.transcription': undefined }, async () => {
      const outputs = await transcribe('hello.wav', 'srt');
      created.push(...(outputs ?? []));
      assert.deepStrictEqual(outputs?.map((u) => u.path), [file('hello.srt').path]);
      assert.match(await readText(outputs[0]), /^1\r?\n\d\d:\d\d:\d\d,\d{3} --> /);
      const [request] = await emulator.operations();
      assert.deepStrictEqual(request.fields.response_format, ['srt']);
      assert.deepStrictEqual(request.fields.model, ['whisper'], 'the model the deployment runs, as the resource names it');
      assert.strictEqual(request.fields.stream, undefined, 'whisper does not stream: nothing to refuse');
    });
  });

  it('the format quick pick of a whisper deployment named without its model offers whisper\'s formats (srt, vtt)', async () => {
    // Before: the quick pick offered the default model's formats (gpt-4o-mini-transcribe: text and json only).
    await withSettings({ 'deployments.transcription': 'whisper', 'models.transcription': undefined,
      'transcription.askForOptions': true }, async () => {
      let offered: string[] | undefined;
      const pick = ((items: Array<vscode.QuickPickItem & { format?: string }>) => {
        offered ??= items.map((i) => i.format ?? '');
        return Promise.resolve(undefined); // cancel: nothing is sent
      }) as unknown as typeof vscode.window.showQuickPick;
      await withWindow('showQuickPick', pick, () => vscode.commands.executeCommand('azureOpenAIMedia.transcribeAudio', file('hello.wav')));
      assert.deepStrictEqual([...(offered ?? [])].sort(), ['json', 'srt', 'text', 'verbose_json', 'vtt']);
      assert.deepStrictEqual((await emulator.operations()).filter((r) => r.operation === 'transcriptions'), [], 'cancelled: nothing sent');
    });
  });

  it('a deployment that refuses stream is sent one upload per file after the first refusal', async () => {
    // gpt-4o-mini-transcribe streams (so the command asks for a stream), but api-version 2024-10-21 has no `stream`
    // on transcriptions: the first request is refused and sent again; the refusal is remembered from then on.
    await withSettings({ 'deployments.transcription': 'whisper', 'models.transcription': 'gpt-4o-mini-transcribe',
      apiVersion: '2024-10-21' }, async () => {
      const first = await transcribe('hello.wav', 'text');
      created.push(...(first ?? []));
      const firstRun = (await emulator.operations()).filter((r) => r.operation === 'transcriptions');
      assert.deepStrictEqual(firstRun.map((r) => [r.status, r.fields.stream?.[0]]), [[400, 'true'], [200, undefined]]);
      await emulator.reset();
      for (const name of ['hello.wav', 'bonjour.wav']) created.push(...((await transcribe(name, 'text')) ?? []));
      const later = (await emulator.operations()).filter((r) => r.operation === 'transcriptions');
      assert.deepStrictEqual(later.map((r) => [r.status, r.fields.stream?.[0]]), [[200, undefined], [200, undefined]],
        'one upload per file, without stream');
    });
  });
});
