// Generate Image from Selected Comment and Edit Image with Prompt, inside the real extension host, against the emulator.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { GenerateImageResult } from '../../src/commands/generateImageFromSelection';
import { api, closeAllEditors, revertAll, commandSuite, emulator, file, handledErrors, listNames, openAndSelect, readBytes,
  withSettings } from './helpers';

const PNG = [0x89, 0x50, 0x4e, 0x47];

function pngSize(bytes: Uint8Array): { width: number; height: number } {
  assert.deepStrictEqual([...bytes.slice(0, 4)], PNG, 'not a PNG');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe('commands: generate an image from a selected comment', () => {
  const created = commandSuite(revertAll);

  it('strips // and uses the text as the prompt; the image lands in media/ and a comment line links it', async () => {
    const editor = await openAndSelect('fox.ts', 2, 2);
    const result = await vscode.commands.executeCommand<GenerateImageResult>('azureOpenAIMedia.generateImageFromSelection');
    assert.ok(result, 'no result');
    created.push(...result.outputs);
    const prompt = 'a watercolor fox reading a book under a maple tree, soft autumn light';
    assert.strictEqual(result.prompt, prompt);
    assert.strictEqual(result.outputs.length, 1);
    assert.strictEqual(result.outputs[0].path, file('media/a-watercolor-fox-reading-a-book-under-a.png').path);
    assert.deepStrictEqual(pngSize(await readBytes(result.outputs[0])), { width: 1024, height: 1024 });
    assert.strictEqual(editor.document.lineAt(3).text, '// image: ./media/a-watercolor-fox-reading-a-book-under-a.png');
    assert.strictEqual(editor.document.lineAt(4).text, 'export function greet(name: string): string {');
    assert.deepStrictEqual([editor.selection.start.line, editor.selection.end.line], [2, 2], 'the selection grew over the inserted line');

    const [request] = await emulator.operations();
    assert.strictEqual(request.operation, 'generations');
    assert.strictEqual(request.deployment, 'gpt-image-1');
    assert.strictEqual(request.json?.prompt, prompt);
    assert.strictEqual(request.json?.size, '1024x1024');
    assert.strictEqual(request.json?.stream, undefined, 'a command has nobody to show partial images to');
    const open = vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => (t.input as { uri?: vscode.Uri }).uri?.path);
    assert.ok(open.includes(result.outputs[0].path), 'the image was not opened');
  });

  it('takes the JSDoc-style block comment around the cursor when nothing is selected', async () => {
    const editor = await openAndSelect('fox.ts', 8, 8);
    editor.selection = new vscode.Selection(8, 3, 8, 3);
    const result = await vscode.commands.executeCommand<GenerateImageResult>('azureOpenAIMedia.generateImageFromSelection',
      { open: false });
    created.push(...(result?.outputs ?? []));
    assert.strictEqual(result?.prompt, 'a pixel-art lighthouse on a rocky coast at night, its beam sweeping over a calm sea');
    assert.strictEqual(editor.document.lineAt(11).text, `// image: ./media/${result.outputs[0].path.split('/').pop()}`);
    assert.strictEqual(editor.document.lineAt(12).text, 'export const answer = 42;');
  });

  it('writes a # comment line in Python', async () => {
    const editor = await openAndSelect('fox.py', 2, 2);
    const result = await vscode.commands.executeCommand<GenerateImageResult>('azureOpenAIMedia.generateImageFromSelection',
      { open: false });
    created.push(...(result?.outputs ?? []));
    assert.strictEqual(result?.prompt, 'a watercolor fox reading a book under a maple tree, soft autumn light');
    assert.match(editor.document.lineAt(3).text, /^# image: \.\/media\/a-watercolor-fox-reading-a-book-under-a(-\d+)?\.png$/);
  });

  it('inserts a Markdown image under an HTML comment in Markdown', async () => {
    const editor = await openAndSelect('notes.md', 4, 4);
    const result = await vscode.commands.executeCommand<GenerateImageResult>('azureOpenAIMedia.generateImageFromSelection',
      { open: false });
    created.push(...(result?.outputs ?? []));
    assert.strictEqual(result?.prompt, 'a cozy reading nook with a cat asleep on a pile of books');
    assert.strictEqual(editor.document.lineAt(5).text,
      '![a cozy reading nook with a cat asleep on a pile of books](./media/a-cozy-reading-nook-with-a-cat-asleep-on.png)');
  });

  it('with dall-e-3: sends style, downloads the URL result and reports the revised prompt', async () => {
    await withSettings({ 'deployments.image': 'dall-e-3', 'models.image': 'dall-e-3' }, async () => {
      await openAndSelect('fox.ts', 2, 2);
      const result = await vscode.commands.executeCommand<GenerateImageResult>('azureOpenAIMedia.generateImageFromSelection',
        { open: false });
      created.push(...(result?.outputs ?? []));
      assert.ok(result?.revisedPrompt, 'no revised prompt');
      assert.deepStrictEqual([...(await readBytes(result.outputs[0])).slice(0, 4)], PNG);
      const requests = await emulator.requests();
      const generation = requests.find((r) => r.operation === 'generations');
      assert.strictEqual(generation?.deployment, 'dall-e-3');
      assert.strictEqual(generation?.json?.style, 'vivid');
      assert.strictEqual(generation?.json?.quality, undefined, '"auto" is not a dall-e-3 quality and must not be sent');
      assert.strictEqual(generation?.json?.output_format, undefined);
      const { history } = await api();
      assert.strictEqual(history.list()[0].revisedPrompt, result.revisedPrompt);
    });
  });

  it('a content-filter refusal names the categories and writes nothing', async () => {
    await openAndSelect('fox.ts', 2, 2);
    await emulator.fault({ kind: 'content-filter-image', operation: 'generations' });
    const before = await listNames(file('media'));
    const errors = await handledErrors(() => vscode.commands.executeCommand('azureOpenAIMedia.generateImageFromSelection',
      { open: false }));
    assert.strictEqual(errors.length, 1);
    assert.strictEqual(errors[0].code, 'contentFilter');
    assert.match(errors[0].message, /content filter/i);
    assert.deepStrictEqual(await listNames(file('media')), before);
    assert.strictEqual(vscode.window.activeTextEditor?.document.isDirty, false,
      'a reference was inserted for an image that does not exist');
  });
});

describe('commands: edit an image with a prompt', () => {
  const created = commandSuite(closeAllEditors);

  it('edits with the mask beside the image and saves NAME.edited.png beside the original', async () => {
    const image = file('landscape.png');
    const outputs = await vscode.commands.executeCommand<vscode.Uri[]>('azureOpenAIMedia.editImage', image, [image], {
      prompt: 'add a red kite in the sky',
      mask: file('landscape.mask.png'),
    });
    assert.ok(outputs?.length, 'no output');
    created.push(...outputs);
    assert.strictEqual(outputs[0].path, file('landscape.edited.png').path);
    assert.deepStrictEqual([...(await readBytes(outputs[0])).slice(0, 4)], PNG);
    const [request] = await emulator.operations();
    assert.strictEqual(request.operation, 'edits');
    assert.strictEqual(request.deployment, 'gpt-image-1');
    assert.strictEqual(request.status, 200);
    assert.deepStrictEqual(request.fields.prompt, ['add a red kite in the sky']);
    const image0 = request.files.find((f) => f.field === 'image' || f.field === 'image[]');
    assert.strictEqual(image0?.filename, 'landscape.png');
    assert.strictEqual(image0?.contentType, 'image/png');
    const mask = request.files.find((f) => f.field === 'mask');
    assert.strictEqual(mask?.filename, 'landscape.mask.png');
    const { history } = await api();
    assert.strictEqual(history.list()[0].source, 'landscape.png');
    assert.strictEqual(history.list()[0].mask, 'landscape.mask.png');
  });

  it('edits without a mask when none is chosen, and never overwrites an earlier edit', async () => {
    const image = file('landscape.png');
    const first = await vscode.commands.executeCommand<vscode.Uri[]>('azureOpenAIMedia.editImage', image, undefined,
      { prompt: 'make it winter', mask: null, open: false });
    const second = await vscode.commands.executeCommand<vscode.Uri[]>('azureOpenAIMedia.editImage', image, undefined,
      { prompt: 'make it winter', mask: null, open: false });
    created.push(...(first ?? []), ...(second ?? []));
    assert.strictEqual(first?.[0].path, file('landscape.edited.png').path);
    assert.strictEqual(second?.[0].path, file('landscape.edited-2.png').path);
    const requests = await emulator.operations();
    assert.strictEqual(requests.length, 2);
    for (const r of requests) assert.strictEqual(r.files.some((f) => f.field === 'mask'), false);
  });

  it('refuses a mask that is not a PNG before sending anything', async () => {
    const image = file('landscape.png');
    const errors = await handledErrors(() =>
      vscode.commands.executeCommand('azureOpenAIMedia.editImage', image, undefined, { prompt: 'x', mask: file('fox.ts'), open: false }),
    );
    assert.strictEqual(errors.length, 1);
    assert.strictEqual(errors[0].code, 'validation');
    assert.deepStrictEqual(await emulator.operations(), []);
  });

  it('refuses a file that is not PNG or JPEG', async () => {
    const errors = await handledErrors(() => vscode.commands.executeCommand('azureOpenAIMedia.editImage', file('hello.wav'), undefined,
      { prompt: 'x' }));
    assert.strictEqual(errors[0]?.kind, 'user');
    assert.deepStrictEqual(await emulator.operations(), []);
  });
});
