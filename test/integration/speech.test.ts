// Speak Selected Text inside the real extension host, against the emulator.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, commandSuite, emulator, file, handledErrors, listNames, openAndSelect, readBytes } from './helpers';

const LINE = 'Select this line and run "Azure OpenAI: Speak Selected Text" to hear it.';

describe('commands: speak selected text', () => {
  const created = commandSuite(closeAllEditors);

  it('speaks the selection into the output folder, named from the text, and opens it', async () => {
    await openAndSelect('notes.md', 2, 2);
    const output = await vscode.commands.executeCommand<vscode.Uri>('azureOpenAIMedia.speakSelection');
    assert.ok(output, 'no output');
    created.push(output);
    assert.strictEqual(output.path, file('media/select-this-line-and-run-azure-openai.mp3').path);
    const bytes = await readBytes(output);
    assert.ok(bytes.length > 100, 'the audio file is (nearly) empty');
    const [request] = await emulator.operations();
    assert.strictEqual(request.operation, 'speech');
    assert.strictEqual(request.deployment, 'tts');
    assert.strictEqual(request.auth, 'apiKey');
    assert.deepStrictEqual(request.json, { model: 'tts-1', input: LINE, voice: 'alloy', response_format: 'mp3' });
    const open = vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => (t.input as { uri?: vscode.Uri }).uri?.path);
    assert.ok(open.includes(output.path), 'the audio was not opened');
  });

  it('speaks the current line when nothing is selected, in the format and voice asked for', async () => {
    const editor = await openAndSelect('notes.md', 2, 2);
    editor.selection = new vscode.Selection(2, 5, 2, 5);
    const output = await vscode.commands.executeCommand<vscode.Uri>('azureOpenAIMedia.speakSelection',
      { response_format: 'wav', voice: 'nova', open: false });
    created.push(output);
    assert.ok(output.path.endsWith('.wav'));
    const bytes = await readBytes(output);
    assert.strictEqual(Buffer.from(bytes.slice(0, 4)).toString('latin1'), 'RIFF');
    assert.strictEqual(Buffer.from(bytes.slice(8, 12)).toString('latin1'), 'WAVE');
    const [request] = await emulator.operations();
    assert.strictEqual(request.json?.input, LINE);
    assert.strictEqual(request.json?.voice, 'nova');
    assert.strictEqual(request.json?.response_format, 'wav');
  });

  it('speaks text over 4096 characters in parts, cut at sentence ends, into one WAV', async () => {
    const text = Array.from({ length: 90 }, (_, i) => `Sentence ${i + 1} of a long text, read aloud in parts.`).join(' ');
    assert.ok(text.length > 4096);
    const output = await vscode.commands.executeCommand<vscode.Uri>(
      'azureOpenAIMedia.speakSelection', { text, response_format: 'wav', open: false },
    );
    assert.ok(output, 'no output');
    created.push(output);
    const requests = await emulator.operations();
    assert.strictEqual(requests.length, 2);
    const inputs = requests.map((r) => String(r.json?.input));
    for (const input of inputs) {
      assert.ok(input.length <= 4096, `a part of ${input.length} characters`);
      assert.match(input, /\.$/, 'each part ends a sentence');
    }
    assert.strictEqual(inputs.join(' '), text, 'the parts are the text, in order');
    const bytes = Buffer.from(await readBytes(output));
    assert.strictEqual(bytes.toString('latin1', 0, 4), 'RIFF');
    assert.strictEqual(bytes.readUInt32LE(4), bytes.length - 8, 'one RIFF header for the whole file');
    assert.strictEqual(bytes.readUInt32LE(40), bytes.length - 44, 'one data chunk holding every part');
  });

  it('writes nothing when a part fails, and names the part', async () => {
    const before = await listNames(file('media'));
    const text = Array.from({ length: 90 }, (_, i) => `Sentence ${i + 1} of a long text, read aloud in parts.`).join(' ');
    await emulator.fault({ kind: 'content-filter', operation: 'speech', times: 1 });
    const errors = await handledErrors(() => vscode.commands.executeCommand('azureOpenAIMedia.speakSelection',
      { text, open: false }));
    assert.strictEqual(errors.length, 1);
    assert.match(errors[0].message, /^Part [12] of 2 \("Sentence 1?\d* of a long text[^)]*\): Azure's content filter refused the request/);
    assert.deepStrictEqual(await listNames(file('media')), before);
  });

  it('says what to do when there is nothing to speak', async () => {
    const document = await vscode.workspace.openTextDocument({ content: '\n\n', language: 'plaintext' });
    await vscode.window.showTextDocument(document);
    const errors = await handledErrors(() => vscode.commands.executeCommand('azureOpenAIMedia.speakSelection'));
    assert.strictEqual(errors[0]?.kind, 'user');
    assert.deepStrictEqual(await emulator.operations(), []);
  });
});
