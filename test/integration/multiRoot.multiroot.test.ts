// A window of two folders (scripts/lib/make-window.js: workspace/ with outputFolder "media-one", second-folder/ with
// "out/media-two"), inside the real extension host against the emulator: every output goes to the folder of the file
// it came from, under that folder's own outputFolder; the Studio's folder is asked once; a read-only folder gets a
// message before anything is sent, and the save dialog as the way out.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { GenerateImageResult } from '../../src/commands/generateImageFromSelection';
import { api, commandSuite, emulator, exists, handledErrors, listNames, readBytes, revertAll, sleep, withWindow } from './helpers';
import { MemoryFileSystem } from './memfs';

const FIRST = 'workspace';
const SECOND = 'second-folder';

function folder(name: string): vscode.WorkspaceFolder {
  const found = vscode.workspace.workspaceFolders?.find((f) => f.name === name);
  assert.ok(found, `no workspace folder ${name}: ${vscode.workspace.workspaceFolders?.map((f) => f.name).join(', ')}`);
  return found;
}

function at(name: string, relative: string): vscode.Uri {
  return vscode.Uri.joinPath(folder(name).uri, ...relative.split('/'));
}

async function select(uri: vscode.Uri, line: number): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  editor.selection = new vscode.Selection(line, 0, line, editor.document.lineAt(line).text.length);
  return editor;
}

function parent(uri: vscode.Uri): string {
  return vscode.Uri.joinPath(uri, '..').path;
}

/** The media files of a folder's output folder and of the default `media/` (which nothing may use here). */
async function strayOutputs(): Promise<string[]> {
  return [...await listNames(at(FIRST, 'media')), ...await listNames(at(SECOND, 'media'))];
}

describe('multi-root window: each output goes to the folder of the file it came from', () => {
  const created = commandSuite(revertAll);

  it('opens two folders whose outputFolder settings differ, read for each folder', () => {
    assert.deepStrictEqual(vscode.workspace.workspaceFolders?.map((f) => f.name), [FIRST, SECOND]);
    const setting = (name: string) => vscode.workspace.getConfiguration('azureOpenAIMedia', folder(name).uri).get('outputFolder');
    assert.strictEqual(setting(FIRST), 'media-one');
    assert.strictEqual(setting(SECOND), 'out/media-two');
  });

  it('Speak Selected Text: a line of the second folder lands under the second folder\'s outputFolder', async () => {
    await select(at(SECOND, 'second-note.txt'), 1);
    const output = await vscode.commands.executeCommand<vscode.Uri>('azureOpenAIMedia.speakSelection', { open: false });
    assert.ok(output, 'no output');
    created.push(output);
    assert.strictEqual(output.path, at(SECOND, 'out/media-two/the-second-folder-keeps-its-own.mp3').path);
    assert.ok((await readBytes(output)).length > 100);
    assert.deepStrictEqual(await listNames(at(FIRST, 'media-one')), [], 'something went to the first folder');
    assert.deepStrictEqual(await strayOutputs(), []);
    const record = (await api()).history.list().find((r) => r.output === output.toString());
    assert.ok(record, 'the history has no entry for it');
    assert.strictEqual(record.folder, SECOND, 'the history entry does not name its folder');
  });

  it('Speak Selected Text: a line of the first folder lands under the first folder\'s outputFolder', async () => {
    await select(at(FIRST, 'notes.md'), 2);
    const output = await vscode.commands.executeCommand<vscode.Uri>('azureOpenAIMedia.speakSelection', { open: false });
    created.push(output);
    assert.strictEqual(parent(output), at(FIRST, 'media-one').path);
    assert.strictEqual((await api()).history.list()[0]?.folder, FIRST);
  });

  it('Transcribe and Translate: the transcript is written beside the second folder\'s recording', async () => {
    const audio = at(SECOND, 'hello.wav');
    const transcripts = await vscode.commands.executeCommand<vscode.Uri[]>('azureOpenAIMedia.transcribeAudio', audio, [audio],
      { responseFormat: 'text', open: false });
    const translations = await vscode.commands.executeCommand<vscode.Uri[]>('azureOpenAIMedia.translateAudio', audio, [audio],
      { responseFormat: 'text', open: false });
    created.push(...transcripts, ...translations);
    assert.deepStrictEqual(transcripts.map((u) => u.path), [at(SECOND, 'hello.txt').path]);
    assert.deepStrictEqual(translations.map((u) => u.path), [at(SECOND, 'hello.en.txt').path]);
    assert.ok(!(await exists(at(FIRST, 'hello.txt'))) && !(await exists(at(FIRST, 'hello.en.txt'))));
    assert.strictEqual((await emulator.operations()).length, 2);
  });

  it('Generate Image from Selected Comment: the image goes to the comment\'s folder, the reference stays inside it', async () => {
    const editor = await select(at(SECOND, 'fox.ts'), 2);
    const result = await vscode.commands.executeCommand<GenerateImageResult>('azureOpenAIMedia.generateImageFromSelection',
      { open: false });
    assert.ok(result, 'no result');
    created.push(...result.outputs);
    assert.strictEqual(result.outputs[0].path, at(SECOND, 'out/media-two/a-watercolor-fox-reading-a-book-under-a.png').path);
    assert.strictEqual(editor.document.lineAt(3).text, '// image: ./out/media-two/a-watercolor-fox-reading-a-book-under-a.png');
    assert.deepStrictEqual(await listNames(at(FIRST, 'media-one')), []);
  });

  it('Edit Image with Prompt: the edit is written beside the second folder\'s image', async () => {
    const image = at(SECOND, 'landscape.png');
    const outputs = await vscode.commands.executeCommand<vscode.Uri[]>('azureOpenAIMedia.editImage', image, [image],
      { prompt: 'add a lighthouse', mask: null, open: false });
    created.push(...outputs);
    assert.deepStrictEqual(outputs.map((u) => u.path), [at(SECOND, 'landscape.edited.png').path]);
    assert.ok(!(await exists(at(FIRST, 'landscape.edited.png'))));
  });

  it('the Studio (outputs from no file) asks once which folder, uses the answer, and names it in its title', async () => {
    const asked: string[] = [];
    const pick = (options?: vscode.WorkspaceFolderPickOptions): Thenable<vscode.WorkspaceFolder> => {
      asked.push(options?.placeHolder ?? '');
      return Promise.resolve(folder(SECOND));
    };
    await vscode.commands.executeCommand('azureOpenAIMedia.openStudio');
    const studioTitle = (): string | undefined => vscode.window.tabGroups.all.flatMap((g) => g.tabs)
      .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('azureOpenAIMedia.studio'))?.label;
    for (let i = 0; i < 50 && !studioTitle(); i++) await sleep(100);
    assert.match(studioTitle() ?? '', /asks for a folder/, 'before the question the title says it will ask');
    const { media } = await api();
    const [first, second] = await withWindow('showWorkspaceFolderPick', pick, async () => [
      await media.speak('Spoken from the Studio.', {}),
      await media.speak('Spoken from the Studio again.', {}),
    ]);
    created.push(first.output, second.output);
    assert.strictEqual(asked.length, 1, 'asked more than once (or never)');
    assert.match(asked[0], /folder/);
    assert.strictEqual(parent(first.output), at(SECOND, 'out/media-two').path);
    assert.strictEqual(parent(second.output), at(SECOND, 'out/media-two').path);
    for (let i = 0; i < 50 && !/second-folder/.test(studioTitle() ?? ''); i++) await sleep(100);
    assert.match(studioTitle() ?? '', /second-folder/, 'the Studio does not show the folder');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  describe('a read-only folder', () => {
    const memfs = new MemoryFileSystem();
    let registration: vscode.Disposable | undefined;
    const root = vscode.Uri.parse('aoai-ro:/archive');

    before(async () => {
      registration = vscode.workspace.registerFileSystemProvider('aoai-ro', memfs, { isReadonly: true });
      memfs.createDirectory(root);
      memfs.writeFile(vscode.Uri.joinPath(root, 'hello.wav'), await readBytes(at(FIRST, 'hello.wav')), { create: true, overwrite: false });
      memfs.writeFile(vscode.Uri.joinPath(root, 'note.txt'), new TextEncoder().encode('An old note in a read-only archive.\n'),
        { create: true, overwrite: false });
      const changed = new Promise<void>((resolve) => {
        const sub = vscode.workspace.onDidChangeWorkspaceFolders(() => {
          sub.dispose();
          resolve();
        });
      });
      assert.ok(vscode.workspace.updateWorkspaceFolders(2, 0, { uri: root, name: 'archive' }), 'could not add the folder');
      await changed;
      assert.strictEqual(vscode.workspace.fs.isWritableFileSystem('aoai-ro'), false);
    });

    after(async () => {
      const index = vscode.workspace.workspaceFolders?.findIndex((f) => f.name === 'archive') ?? -1;
      if (index >= 0) vscode.workspace.updateWorkspaceFolders(index, 1);
      await sleep(500);
      registration?.dispose();
    });

    it('says so before sending anything: no request, nothing written, the run cancelled', async () => {
      const before = memfs.names('/archive/');
      const warned: string[] = [];
      const cancel = (message: string): Thenable<undefined> => {
        warned.push(message);
        return Promise.resolve(undefined); // the dialog's Cancel
      };
      const errors = await withWindow('showWarningMessage', cancel, () => handledErrors(async () => {
        const audio = vscode.Uri.joinPath(root, 'hello.wav');
        await vscode.commands.executeCommand('azureOpenAIMedia.transcribeAudio', audio, [audio], { responseFormat: 'text', open: false });
        await select(vscode.Uri.joinPath(root, 'note.txt'), 0);
        await vscode.commands.executeCommand('azureOpenAIMedia.speakSelection', { open: false });
      }));
      assert.strictEqual(warned.length, 2, `warnings: ${warned.join(' | ')}`);
      for (const w of warned) assert.match(w, /is read-only, so the output cannot be saved there\. Nothing has been sent yet\./);
      assert.match(warned[0], /archive/);
      assert.deepStrictEqual(await emulator.operations(), [], 'a request reached the emulator');
      assert.deepStrictEqual(memfs.names('/archive/'), before);
      assert.deepStrictEqual(errors.map((e) => e.kind), ['cancelled', 'cancelled']);
    });

    it('"Save As…" opens the save dialog and the output goes where it said', async () => {
      const target = at(SECOND, 'saved-from-archive/archive-note.mp3');
      created.push(at(SECOND, 'saved-from-archive'));
      let dialogs = 0;
      const saveAs = (): Thenable<string> => Promise.resolve('Save As…');
      const output = await withWindow('showWarningMessage', saveAs,
        () => withWindow('showSaveDialog', () => {
          dialogs++;
          return Promise.resolve(target);
        }, async () => {
          await select(vscode.Uri.joinPath(root, 'note.txt'), 0);
          return vscode.commands.executeCommand<vscode.Uri>('azureOpenAIMedia.speakSelection', { open: false });
        }));
      assert.strictEqual(dialogs, 1);
      assert.strictEqual(output?.path, target.path);
      assert.ok((await readBytes(target)).length > 100);
      assert.strictEqual((await emulator.operations()).length, 1);
    });
  });
});
