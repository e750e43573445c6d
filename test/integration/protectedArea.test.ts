// Edit Image with Prompt with a mask, inside the real extension host, against the emulator's masked answers (the image
// kept outside the mask but for a known drift, test/emulator/maskedEdit.ts): the share of the protected area that
// changed is recorded and said in the notification, "Keep the protected area" writes the composite beside the answer,
// `off` writes nothing extra, `always` writes it at once.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { PNG } from 'pngjs';
import { formatShare } from '../../src/core/protect';
import { DRIFT_REGION, DRIFT_SHIFT, maskedBase } from '../emulator/maskedEdit';
import { api, closeAllEditors, commandSuite, emulator, exists, file, readBytes, sleep, withSettings } from './helpers';

const KEEP = 'Keep the protected area';

/** Records the protected-area notifications and answers them with `answer` when it is one of the offered buttons. */
async function withNotifications<T>(answer: string | undefined, body: (shown: Array<{ message: string; items: string[] }>) => Promise<T>):
Promise<T> {
  const window: { showInformationMessage: typeof vscode.window.showInformationMessage } = vscode.window;
  const original = window.showInformationMessage;
  const shown: Array<{ message: string; items: string[] }> = [];
  window.showInformationMessage = (async (message: string, ...items: string[]) => {
    if (!message.includes('protected area')) return original(message, ...items);
    shown.push({ message, items });
    return answer !== undefined && items.includes(answer) ? answer : undefined;
  }) as unknown as typeof window.showInformationMessage;
  try {
    return await body(shown);
  } finally {
    window.showInformationMessage = original;
  }
}

/** The share of protected pixels the emulator drifts for landscape.png and its mask at 1024×1024. */
async function expectedShare(): Promise<number> {
  const base = maskedBase(Buffer.from(await readBytes(file('landscape.png'))), Buffer.from(await readBytes(file('landscape.mask.png'))),
    1024, 1024);
  let kept = 0;
  let drifted = 0;
  for (let y = 0; y < 1024; y++) {
    for (let x = 0; x < 1024; x++) {
      if (base.editable[y * 1024 + x]) continue;
      kept++;
      if (x < 1024 * DRIFT_REGION[2] && y < 1024 * DRIFT_REGION[3]) drifted++;
    }
  }
  return drifted / kept;
}

async function waitFor(uri: vscode.Uri, ms = 15000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(100)) if (await exists(uri)) return true;
  return false;
}

function pixel(png: PNG, x: number, y: number): number[] {
  const i = (y * png.width + x) * 4;
  return [...png.data.subarray(i, i + 4)];
}

describe('commands: edits that keep what the mask protects', () => {
  const created = commandSuite(closeAllEditors);
  const image = file('landscape.png');
  const edit = (): Thenable<vscode.Uri[] | undefined> => vscode.commands.executeCommand<vscode.Uri[]>('azureOpenAIMedia.editImage',
    image, [image], { prompt: 'add a red kite in the sky', mask: file('landscape.mask.png'), open: false });

  it('records the share that changed, says it, and "Keep the protected area" writes the composite beside the answer', async () => {
    const expected = await expectedShare();
    await withNotifications(KEEP, async (shown) => {
      const outputs = await edit();
      assert.ok(outputs?.length, 'no output');
      created.push(...outputs);
      const kept = file('landscape.edited.kept.png');
      created.push(kept);
      const record = (await api()).history.list()[0];
      assert.strictEqual(record.output, 'landscape.edited.png');
      assert.ok(record.protectedArea, 'no protected-area figure in the history');
      assert.ok(Math.abs(record.protectedArea.share - expected) < 1e-4, `share ${record.protectedArea.share}, expected ${expected}`);
      assert.ok(Math.abs(record.protectedArea.meanChange - (expected * DRIFT_SHIFT) / 255) < 1e-3);
      assert.deepStrictEqual(shown.map((s) => s.message),
        [`${formatShare(expected)} of the protected area changed in landscape.edited.png.`]);
      assert.deepStrictEqual(shown[0].items, [KEEP]);
      assert.ok(await waitFor(kept), 'the composite was not written');
      // The composite: the original where the emulator drifted (top left), the model's pixels inside the mask.
      const answer = PNG.sync.read(Buffer.from(await readBytes(outputs[0])));
      const composite = PNG.sync.read(Buffer.from(await readBytes(kept)));
      assert.deepStrictEqual([composite.width, composite.height], [1024, 1024]);
      const mask = Buffer.from(await readBytes(file('landscape.mask.png')));
      const original = maskedBase(Buffer.from(await readBytes(image)), mask, 1024, 1024);
      const at = (x: number, y: number) => [...original.rgba.subarray((y * 1024 + x) * 4, (y * 1024 + x) * 4 + 4)];
      assert.deepStrictEqual(pixel(composite, 40, 40), at(40, 40), 'a drifted protected pixel is the original\'s again');
      assert.notDeepStrictEqual(pixel(answer, 40, 40), at(40, 40), 'the model\'s answer drifted there');
      assert.deepStrictEqual(pixel(composite, 720, 300), pixel(answer, 720, 300), 'inside the mask: the model\'s pixel');
      assert.strictEqual(await exists(outputs[0]), true, 'the model\'s own image stays');
      for (let i = 0; i < 50 && !(await api()).history.list()[0].protectedArea?.kept; i++) await sleep(100);
      assert.strictEqual((await api()).history.list()[0].protectedArea?.kept, 'landscape.edited.kept.png');
    });
  });

  it('with keepProtectedArea off says the figure but offers nothing and writes nothing extra', async () => {
    await withSettings({ 'imageEdit.keepProtectedArea': 'off' }, () => withNotifications(KEEP, async (shown) => {
      const outputs = await edit();
      created.push(...(outputs ?? []));
      assert.strictEqual(shown.length, 1);
      assert.deepStrictEqual(shown[0].items, []);
      await sleep(1000);
      assert.strictEqual(await exists(file('landscape.edited.kept.png')), false);
      assert.ok((await api()).history.list()[0].protectedArea?.share);
    }));
  });

  it('with keepProtectedArea always writes the composite with the edit', async () => {
    await withSettings({ 'imageEdit.keepProtectedArea': 'always' }, () => withNotifications(undefined, async (shown) => {
      const outputs = await edit();
      created.push(...(outputs ?? []), file('landscape.edited.kept.png'));
      assert.strictEqual(await exists(file('landscape.edited.kept.png')), true);
      assert.strictEqual((await api()).history.list()[0].protectedArea?.kept, 'landscape.edited.kept.png');
      assert.match(shown[0]?.message ?? '', /landscape\.edited\.kept\.png keeps it as it was/);
    }));
  });

  it('says nothing when the model kept the protected area (the emulator\'s drift off)', async () => {
    await emulator.maskDrift(false);
    await withNotifications(KEEP, async (shown) => {
      const outputs = await edit();
      created.push(...(outputs ?? []));
      assert.strictEqual((await api()).history.list()[0].protectedArea?.share, 0);
      assert.deepStrictEqual(shown, []);
      assert.strictEqual(await exists(file('landscape.edited.kept.png')), false);
    });
  });
});
