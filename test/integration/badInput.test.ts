// Bad input that needs the extension host: files, folders and settings. Each gets one clear message (or, for odd but
// valid names, a correct output) and changes nothing else. Pure cases are in test/unit/badInput.test.ts.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, commandSuite, emulator, file, handledErrors, listNames, readText, withSettings, workspaceRoot } from './helpers';

describe('bad input in the extension host', function () {
  this.timeout(60000);
  const created = commandSuite(closeAllEditors);

  async function nothingChanged<T>(folder: vscode.Uri, body: () => Promise<T>): Promise<T> {
    const before = await listNames(folder);
    const result = await body();
    assert.deepStrictEqual(await listNames(folder), before, 'files changed');
    return result;
  }

  for (const [what, outputFolder] of [
    ['climbs out of the workspace', '../outside'],
    ['is absolute', '/tmp/aoai-outside'],
    ['is a Windows drive path', 'C:\\Users\\x'],
  ] as const) {
    it(`an output folder that ${what} is refused, naming the setting`, async () => {
      const errors = await nothingChanged(workspaceRoot(), () =>
        withSettings({ outputFolder }, () => handledErrors(() =>
          vscode.commands.executeCommand('azureOpenAIMedia.speakSelection', { text: 'hello', open: false }))),
      );
      assert.strictEqual(errors.length, 1);
      assert.strictEqual(errors[0].kind, 'user');
      assert.match(errors[0].message, /must be a relative path inside the workspace/);
      assert.deepStrictEqual(await emulator.operations(), []);
    });
  }

  it('an output folder that is a file: one message, no temporary file left', async () => {
    const errors = await nothingChanged(workspaceRoot(), () =>
      withSettings({ outputFolder: 'notes.md' }, () =>
        handledErrors(() => vscode.commands.executeCommand('azureOpenAIMedia.speakSelection', { text: 'hello', open: false }))),
    );
    assert.strictEqual(errors.length, 1);
    assert.notStrictEqual(errors[0].kind, 'cancelled');
    assert.ok(errors[0].message.length > 0 && errors[0].message.length < 400, errors[0].message);
  });

  it('0-byte audio is refused before sending', async () => {
    const empty = file('empty.wav');
    await vscode.workspace.fs.writeFile(empty, new Uint8Array(0));
    created.push(empty);
    const errors = await nothingChanged(workspaceRoot(), () =>
      handledErrors(() => vscode.commands.executeCommand('azureOpenAIMedia.transcribeAudio', empty, [empty],
        { responseFormat: 'text', open: false })),
    );
    assert.strictEqual(errors.length, 1);
    assert.strictEqual(errors[0].code, 'validation');
    assert.match(errors[0].message, /empty/);
    assert.deepStrictEqual(await emulator.operations(), []);
  });

  it('an .m4a over 25 MB (a container the extension cannot cut itself) says how to proceed; nothing is sent', async () => {
    // WAV and MP3 over the limit are split and sent in parts (long.test, speech.test); other containers need ffmpeg.
    const big = file('big.m4a');
    await vscode.workspace.fs.writeFile(big, new Uint8Array(25 * 1024 * 1024 + 1024));
    created.push(big);
    const errors = await nothingChanged(workspaceRoot(), () =>
      handledErrors(() => vscode.commands.executeCommand('azureOpenAIMedia.transcribeAudio', big, [big],
        { responseFormat: 'text', open: false })),
    );
    assert.strictEqual(errors.length, 1);
    assert.strictEqual(errors[0].code, 'validation');
    // without ffmpeg on the PATH: install it or convert to MP3; with it (this file is no real m4a): convert to MP3
    assert.match(errors[0].message, /install ffmpeg|Convert it to MP3/);
    assert.deepStrictEqual(await emulator.operations(), []);
  });

  it('an audio extension on a file that is not audio: the service refuses it, one message, nothing written', async () => {
    const fake = file('fake.wav');
    await vscode.workspace.fs.writeFile(fake, new TextEncoder().encode('this is not audio at all, only text '.repeat(200)));
    created.push(fake);
    const errors = await nothingChanged(workspaceRoot(), () =>
      handledErrors(() => vscode.commands.executeCommand('azureOpenAIMedia.transcribeAudio', fake, [fake],
        { responseFormat: 'text', open: false })),
    );
    assert.strictEqual(errors.length, 1);
    assert.match(errors[0].code ?? '', /^(badRequest|validation)$/);
    assert.match(errors[0].message, /file|audio/i);
    assert.ok((await emulator.operations()).length <= 1);
  });

  for (const name of ['my call.wav', '会議 録音.wav', 'a..b.wav']) {
    it(`an audio file named "${name}" gets its transcript beside it under the same name`, async () => {
      const audio = file(name);
      await vscode.workspace.fs.writeFile(audio, await vscode.workspace.fs.readFile(file('hello.wav')));
      created.push(audio);
      const outputs = await vscode.commands.executeCommand<vscode.Uri[]>('azureOpenAIMedia.transcribeAudio', audio, [audio],
        { responseFormat: 'text', open: false });
      created.push(...(outputs ?? []));
      assert.deepStrictEqual(outputs?.map((u) => u.path), [file(name.replace(/\.wav$/, '.txt')).path]);
      assert.ok((await readText(outputs[0])).trim().length > 0);
      assert.strictEqual((await emulator.operations())[0].files[0].filename, name);
    });
  }

  it('a deployment name with a slash is refused before sending, naming the setting', async () => {
    const errors = await nothingChanged(workspaceRoot(), () =>
      withSettings({ 'deployments.speech': 'tts/../whisper' }, () =>
        handledErrors(() => vscode.commands.executeCommand('azureOpenAIMedia.speakSelection', { text: 'hello', open: false })),
      ),
    );
    assert.strictEqual(errors.length, 1);
    assert.strictEqual(errors[0].code, 'validation');
    assert.match(errors[0].message, /azureOpenAIMedia\.deployments\.speech/);
    assert.deepStrictEqual(await emulator.operations(), []);
  });

  it('an endpoint over plain http to another host is refused, naming the setting, nothing sent', async () => {
    const errors = await withSettings({ endpoint: 'http://aoai.example.com' }, () =>
      handledErrors(() => vscode.commands.executeCommand('azureOpenAIMedia.speakSelection', { text: 'hello', open: false })),
    );
    assert.strictEqual(errors.length, 1);
    assert.strictEqual(errors[0].code, 'validation');
    assert.match(errors[0].message, /must use https/);
    assert.deepStrictEqual(await emulator.operations(), []);
  });
});
