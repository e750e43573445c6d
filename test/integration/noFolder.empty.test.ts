// A window with no folder, inside the real extension host against the emulator: the commands work on what they are
// given (an untitled document, a recording opened from disk) and ask where to save with the save dialog, once per
// window; nothing is written anywhere else.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { commandSuite, emulator, handledErrors, readBytes, revertAll, withWindow } from './helpers';

/** Files of this test, under the run's work dir (scripts/run-integration.sh makes window-empty for this window). */
const DIR = path.join(process.env.AOAI_WORK ?? '', 'window-empty');
const SAMPLE = path.join(process.env.AOAI_WORK ?? '', 'sample');

async function untitled(text: string): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: text, language: 'plaintext' }));
  editor.selection = new vscode.Selection(0, 0, 0, text.length);
  return editor;
}

/** Every file under `dir`, relative, sorted. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => fs.statSync(path.join(dir, f)).isFile()).map((f) => f.split(path.sep).join('/')).sort();
}

describe('a window with no folder: the save dialog says where, once per window', () => {
  commandSuite(revertAll);
  const dialogs: vscode.SaveDialogOptions[] = [];
  let answer: vscode.Uri | undefined;
  const saveDialog = (options?: vscode.SaveDialogOptions): Thenable<vscode.Uri | undefined> => {
    dialogs.push(options ?? {});
    return Promise.resolve(answer);
  };

  before(() => {
    assert.strictEqual(vscode.workspace.workspaceFolders, undefined, 'this window should have no folder');
    assert.ok(process.env.AOAI_WORK && fs.existsSync(DIR), `no work dir ${DIR}`);
    fs.mkdirSync(path.join(DIR, 'disk'), { recursive: true });
    fs.copyFileSync(path.join(SAMPLE, 'hello.wav'), path.join(DIR, 'disk', 'hello.wav'));
  });
  beforeEach(() => (dialogs.length = 0));

  it('cancelling the dialog sends nothing and writes nothing', async () => {
    const before = filesUnder(DIR);
    answer = undefined;
    await untitled('A scratch note that is never spoken.');
    const errors = await withWindow('showSaveDialog', saveDialog,
      () => handledErrors(() => vscode.commands.executeCommand('azureOpenAIMedia.speakSelection', { open: false })));
    assert.strictEqual(dialogs.length, 1);
    assert.deepStrictEqual(errors.map((e) => e.kind), ['cancelled']);
    assert.deepStrictEqual(await emulator.operations(), [], 'a request reached the emulator');
    assert.deepStrictEqual(filesUnder(DIR), before);
  });

  it('speaks an untitled document into the file the dialog named', async () => {
    answer = vscode.Uri.file(path.join(DIR, 'chosen', 'my scratch note.mp3'));
    await untitled('A scratch note spoken in a window without a folder.');
    const output = await withWindow('showSaveDialog', saveDialog,
      () => vscode.commands.executeCommand<vscode.Uri>('azureOpenAIMedia.speakSelection', { open: false }));
    assert.strictEqual(dialogs.length, 1);
    assert.match(dialogs[0].defaultUri?.path ?? 'no default', /a-scratch-note-spoken-in-a-window\.mp3$|no default/);
    assert.strictEqual(output?.fsPath, answer.fsPath);
    assert.ok((await readBytes(answer)).length > 100);
    assert.strictEqual((await emulator.operations())[0]?.operation, 'speech');
  });

  it('remembers the folder for the window: the next outputs go there without asking, a transcript too', async () => {
    answer = undefined; // a dialog now would cancel the run
    await untitled('Another scratch note.');
    const speech = await withWindow('showSaveDialog', saveDialog,
      () => vscode.commands.executeCommand<vscode.Uri>('azureOpenAIMedia.speakSelection', { open: false }));
    const audio = vscode.Uri.file(path.join(DIR, 'disk', 'hello.wav'));
    const transcripts = await withWindow('showSaveDialog', saveDialog,
      () => vscode.commands.executeCommand<vscode.Uri[]>('azureOpenAIMedia.transcribeAudio', audio, [audio],
        { responseFormat: 'text', open: false }));
    assert.strictEqual(dialogs.length, 0, 'asked again');
    assert.strictEqual(speech?.fsPath, path.join(DIR, 'chosen', 'another-scratch-note.mp3'));
    assert.deepStrictEqual(transcripts?.map((u) => u.fsPath), [path.join(DIR, 'chosen', 'hello.txt')]);
    assert.deepStrictEqual(filesUnder(path.join(DIR, 'disk')), ['hello.wav'], 'written beside the recording, where nobody said');
    assert.deepStrictEqual(filesUnder(path.join(DIR, 'chosen')), ['another-scratch-note.mp3', 'hello.txt', 'my scratch note.mp3']);
  });
});
