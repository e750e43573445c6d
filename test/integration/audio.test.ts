// Transcribe Audio File and Translate Audio File to English, inside the real extension host, against the emulator.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, closeAllEditors, commandSuite, emulator, exists, file, handledErrors, listNames, readText, withSettings,
  workspaceRoot, writeToneWav } from './helpers';

describe('commands: transcribe and translate audio', () => {
  const created = commandSuite(closeAllEditors);

  it('transcribes a file given as the explorer passes it, writing NAME.srt beside the audio', async () => {
    const outputs = await vscode.commands.executeCommand<vscode.Uri[]>('azureOpenAIMedia.transcribeAudio', file('hello.wav'),
      [file('hello.wav')], {
      responseFormat: 'srt',
      language: 'en',
      open: false,
    });
    assert.ok(outputs, 'the command returned no outputs');
    created.push(...outputs);
    assert.deepStrictEqual(outputs.map((u) => u.path), [file('hello.srt').path]);
    const srt = await readText(outputs[0]);
    assert.match(srt, /^1\r?\n\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}\r?\n\S/);

    const [request] = await emulator.operations();
    assert.strictEqual(request.operation, 'transcriptions');
    assert.strictEqual(request.deployment, 'whisper');
    assert.strictEqual(request.apiVersion, '2025-04-01-preview');
    assert.strictEqual(request.auth, 'apiKey');
    assert.strictEqual(request.status, 200);
    assert.deepStrictEqual(request.fields.response_format, ['srt']);
    assert.deepStrictEqual(request.fields.language, ['en']);
    assert.deepStrictEqual(request.fields.model, ['whisper-1']);
    assert.strictEqual(request.files.length, 1);
    assert.strictEqual(request.files[0].filename, 'hello.wav');
    assert.strictEqual(request.files[0].contentType, 'audio/wav');
    assert.strictEqual(request.files[0].size, (await vscode.workspace.fs.stat(file('hello.wav'))).size);
  });

  it('never overwrites: a second transcript of the same file gets a suffix', async () => {
    const first = await vscode.commands.executeCommand<vscode.Uri[]>('azureOpenAIMedia.transcribeAudio', file('hello.wav'), undefined,
      { responseFormat: 'text', open: false });
    created.push(...(first ?? []));
    const before = await readText(first[0]);
    const second = await vscode.commands.executeCommand<vscode.Uri[]>('azureOpenAIMedia.transcribeAudio', file('hello.wav'), undefined,
      { responseFormat: 'text', open: false });
    created.push(...(second ?? []));
    assert.strictEqual(first[0].path, file('hello.txt').path);
    assert.strictEqual(second[0].path, file('hello-2.txt').path);
    assert.strictEqual(await readText(first[0]), before, 'the first transcript was changed');
    assert.ok(before.trim().length > 0);
  });

  it('handles an explorer multi-selection, one output per audio file, and opens the transcripts', async () => {
    const selection = [file('hello.wav'), file('bonjour.wav')];
    const outputs = await vscode.commands.executeCommand<vscode.Uri[]>('azureOpenAIMedia.transcribeAudio', selection[0], selection,
      { responseFormat: 'vtt' });
    created.push(...(outputs ?? []));
    assert.deepStrictEqual(outputs?.map((u) => u.path).sort(), [file('bonjour.vtt').path, file('hello.vtt').path]);
    for (const output of outputs) assert.match(await readText(output), /^WEBVTT/);
    const requests = await emulator.operations();
    assert.deepStrictEqual(requests.map((r) => r.files[0]?.filename).sort(), ['bonjour.wav', 'hello.wav']);
    const open = vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => (t.input as { uri?: vscode.Uri }).uri?.path);
    assert.ok(open.includes(file('hello.vtt').path), `hello.vtt is not open: ${open.join(', ')}`);
  });

  it('writes verbose_json with segments and records the output in the workspace history', async () => {
    const { history } = await api();
    const outputs = await vscode.commands.executeCommand<vscode.Uri[]>('azureOpenAIMedia.transcribeAudio', file('hello.wav'), undefined,
      { responseFormat: 'verbose_json', open: false });
    created.push(...(outputs ?? []));
    assert.strictEqual(outputs[0].path, file('hello.json').path);
    const json = JSON.parse(await readText(outputs[0])) as { text: string; segments: unknown[]; format?: string };
    assert.ok(json.text.length > 0);
    assert.ok(Array.isArray(json.segments) && json.segments.length > 0, 'no segments');
    assert.strictEqual(json.format, undefined, 'internal bookkeeping leaked into the file');
    const record = history.list()[0];
    assert.strictEqual(record.operation, 'transcription');
    assert.strictEqual(record.output, 'hello.json');
    assert.strictEqual(record.source, 'hello.wav');
    assert.strictEqual(record.params.response_format, 'verbose_json');
    assert.strictEqual(record.params.file, 'hello.wav');
    assert.ok(history.location, 'a workspace is open, so the history has a file');
    const stored = JSON.parse(await readText(history.location)) as { records: Array<{ id: string }> };
    assert.strictEqual(stored.records[0].id, record.id, 'the history file does not hold the new record');
  });

  it('translates to English as NAME.en.txt, without a language field', async () => {
    const outputs = await vscode.commands.executeCommand<vscode.Uri[]>('azureOpenAIMedia.translateAudio', file('bonjour.wav'),
      [file('bonjour.wav')], { responseFormat: 'text', open: false });
    created.push(...(outputs ?? []));
    assert.deepStrictEqual(outputs?.map((u) => u.path), [file('bonjour.en.txt').path]);
    assert.ok((await readText(outputs[0])).trim().length > 0);
    const [request] = await emulator.operations();
    assert.strictEqual(request.operation, 'translations');
    assert.strictEqual(request.deployment, 'whisper');
    assert.strictEqual(request.fields.language, undefined);
    assert.deepStrictEqual(request.fields.response_format, ['text']);
  });

  it('refuses a file that is not audio without calling the service', async () => {
    const errors = await handledErrors(() => vscode.commands.executeCommand('azureOpenAIMedia.transcribeAudio', file('fox.ts'),
      [file('fox.ts')], { responseFormat: 'text' }));
    assert.strictEqual(errors.length, 1);
    assert.strictEqual(errors[0].kind, 'user');
    assert.match(errors[0].message, /fox\.ts/);
    assert.deepStrictEqual(await emulator.operations(), []);
  });

  it('reports a missing deployment as a typed error naming the setting, and writes nothing', async () => {
    const before = await listNames(workspaceRoot());
    const errors = await withSettings({ 'deployments.transcription': 'no-such-deployment' }, () =>
      handledErrors(() => vscode.commands.executeCommand('azureOpenAIMedia.transcribeAudio', file('hello.wav'), undefined,
        { responseFormat: 'text', open: false })),
    );
    assert.strictEqual(errors.length, 1);
    assert.strictEqual(errors[0].kind, 'media');
    assert.strictEqual(errors[0].code, 'deploymentNotFound');
    assert.deepStrictEqual(await listNames(workspaceRoot()), before);
    const [request] = await emulator.operations();
    assert.strictEqual(request.status, 404);
  });

  it('cancelling aborts the upload and leaves no file, not even a temporary one', async () => {
    const { media } = await api();
    await emulator.fault({ kind: 'slow', operation: 'transcriptions', delayMs: 20000 });
    const before = await listNames(workspaceRoot());
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 500);
    const started = Date.now();
    await assert.rejects(media.transcribe(file('hello.wav'), { response_format: 'text' }, { signal: controller.signal }),
      (err: unknown) => {
      assert.strictEqual((err as { code?: string }).code, 'cancelled');
      return true;
    });
    assert.ok(Date.now() - started < 10000, 'the request was not aborted promptly');
    assert.deepStrictEqual(await listNames(workspaceRoot()), before);
    assert.strictEqual(await exists(file('hello.txt')), false);
  });

  describe('a recording over 25 MB', () => {
    // 30 MB of 16 kHz mono WAV (about 16 minutes): tone bursts with a silence every 5 s, written in pieces.
    const big = () => file('long-meeting.wav');
    before(async () => {
      await writeToneWav(big(), 983);
    });
    after(() => vscode.workspace.fs.delete(big()));

    it('is transcribed in parts under 25 MB into one SRT with cues numbered and shifted', async () => {
      const outputs = await vscode.commands.executeCommand<vscode.Uri[]>(
        'azureOpenAIMedia.transcribeAudio', big(), undefined, { responseFormat: 'srt', open: false },
      );
      created.push(...(outputs ?? []));
      assert.deepStrictEqual(outputs?.map((u) => u.path), [file('long-meeting.srt').path]);
      const requests = await emulator.operations();
      assert.strictEqual(requests.length, 2);
      for (const [i, r] of requests.entries()) {
        assert.strictEqual(r.status, 200);
        assert.ok(r.files[0].size <= 25 * 1024 * 1024, `part ${i + 1}: ${r.files[0].size} bytes`);
        assert.strictEqual(r.files[0].filename, `long-meeting.part${i + 1}.wav`);
        assert.strictEqual(r.fields.prompt !== undefined, i > 0);
      }
      const cues = (await readText(outputs[0])).trim().split(/\n\n/).map((block) => block.split('\n'));
      assert.deepStrictEqual(cues.map((c) => c[0]), cues.map((_, i) => String(i + 1)), 'cues numbered 1..N');
      const time = (t: string) => {
        const [h, m, rest] = t.split(':');
        return Number(h) * 3600 + Number(m) * 60 + Number(rest.replace(',', '.'));
      };
      const spans = cues.map((c) => c[1].split(' --> ').map(time));
      for (let i = 1; i < spans.length; i++) assert.ok(spans[i][0] >= spans[i - 1][1] - 0.002, `cue ${i + 1} starts after cue ${i}`);
      assert.ok(Math.abs(spans[spans.length - 1][1] - 983) < 0.01, `ends at ${spans[spans.length - 1][1]}`);
    });

    it('writes nothing when cancelled mid-way', async () => {
      const { media } = await api();
      const before = await listNames(workspaceRoot());
      const controller = new AbortController();
      const progress: string[] = [];
      await emulator.fault({ kind: 'slow', operation: 'transcriptions', delayMs: 20000, times: 2 });
      await assert.rejects(
        media.transcribe(big(), { response_format: 'text' }, {
          signal: controller.signal,
          onProgress: (m) => {
            progress.push(m);
            setTimeout(() => controller.abort(), 300);
          },
        }),
        (err: unknown) => (err as { code?: string }).code === 'cancelled',
      );
      assert.deepStrictEqual(progress, ['long-meeting.wav: part 1 of 2']);
      assert.deepStrictEqual(await listNames(workspaceRoot()), before);
    });
  });
});
