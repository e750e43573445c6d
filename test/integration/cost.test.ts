// The cost limit (azureOpenAIMedia.cost.confirmAbove) inside the real extension host, against the emulator: above it
// the speech and image commands ask first with the estimate and its basis; declining sends nothing and writes nothing.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { GenerateImageResult } from '../../src/commands/generateImageFromSelection';
import { api, commandSuite, emulator, file, listNames, openAndSelect, revertAll, withSettings } from './helpers';

/**
 * Answers the next modal warnings with `answer` (undefined = the dialog's Cancel) and records what they said. The
 * tests share the extension's `vscode` API object (they load from its folder), so the commands see this stand-in.
 */
function answerWarnings(answer: string | undefined): { asked: string[]; restore: () => void } {
  const window: { showWarningMessage: typeof vscode.window.showWarningMessage } = vscode.window;
  const original = window.showWarningMessage;
  const asked: string[] = [];
  window.showWarningMessage = async (message: string, ...rest: unknown[]) => {
    const options = rest[0] as vscode.MessageOptions | undefined;
    if (!options?.modal) return original(message, ...(rest as string[]));
    asked.push(message);
    return answer;
  };
  return { asked, restore: () => (window.showWarningMessage = original) };
}

async function withWarnings<T>(answer: string | undefined, body: (asked: string[]) => Promise<T>): Promise<T> {
  const stub = answerWarnings(answer);
  try {
    return await body(stub.asked);
  } finally {
    stub.restore();
  }
}

/** What a declined run must leave as it was: the output folder, the history, and the emulator's request log. */
async function snapshot(): Promise<{ media: string[]; history: number }> {
  return { media: await listNames(file('media')).catch(() => []), history: (await api()).history.list().length };
}

describe('commands: ask before spending above azureOpenAIMedia.cost.confirmAbove', () => {
  const created = commandSuite(revertAll);

  it('speech: asks with the estimate; declining sends nothing and writes nothing', async () => {
    await withSettings({ 'cost.confirmAbove': 0.0001 }, async () => {
      const before = await snapshot();
      const output = await withWarnings(undefined, async (asked) => {
        const result = await vscode.commands.executeCommand<vscode.Uri | undefined>('azureOpenAIMedia.speakSelection',
          { text: 'A sentence long enough to cost more than a hundredth of a cent.', open: false });
        assert.strictEqual(asked.length, 1, 'no question was asked');
        assert.match(asked[0], /This will cost about \$[\d.]+ \(\d+ characters × \$[\d.]+\/1M\), more than your limit of \$0\.0001/);
        return result;
      });
      assert.strictEqual(output, undefined);
      assert.deepStrictEqual(await emulator.operations(), [], 'a request reached the emulator');
      assert.deepStrictEqual(await snapshot(), before, 'something was written');
    });
  });

  it('speech: going on runs as usual; under the limit nothing is asked', async () => {
    await withSettings({ 'cost.confirmAbove': 0.0001 }, () => withWarnings('Continue', async (asked) => {
      const output = await vscode.commands.executeCommand<vscode.Uri>('azureOpenAIMedia.speakSelection',
        { text: 'A sentence long enough to cost more than a hundredth of a cent.', open: false });
      created.push(output);
      assert.strictEqual(asked.length, 1);
      assert.strictEqual((await emulator.operations()).length, 1);
    }));
    await emulator.reset();
    await withSettings({ 'cost.confirmAbove': 100 }, () => withWarnings(undefined, async (asked) => {
      const output = await vscode.commands.executeCommand<vscode.Uri>('azureOpenAIMedia.speakSelection', { text: 'Short.', open: false });
      created.push(output);
      assert.deepStrictEqual(asked, [], 'asked although the estimate is under the limit');
      assert.strictEqual((await emulator.operations()).length, 1);
    }));
  });

  it('generate image: the question names n × quality × size; declining sends nothing and changes nothing', async () => {
    const editor = await openAndSelect('fox.ts', 2, 2);
    const text = editor.document.getText();
    await withSettings({ 'cost.confirmAbove': 0.01 }, async () => {
      const before = await snapshot();
      const result = await withWarnings(undefined, async (asked) => {
        const r = await vscode.commands.executeCommand<GenerateImageResult | undefined>('azureOpenAIMedia.generateImageFromSelection',
          { n: 2, quality: 'high', size: '1024x1536', open: false });
        assert.strictEqual(asked.length, 1, 'no question was asked');
        assert.match(asked[0], /2 images × high × 1024x1536 × \$/);
        return r;
      });
      assert.strictEqual(result, undefined);
      assert.deepStrictEqual(await emulator.operations(), [], 'a request reached the emulator');
      assert.deepStrictEqual(await snapshot(), before, 'something was written');
      assert.strictEqual(editor.document.getText(), text, 'the document was changed');
    });
  });

  it('edit image: asks for the edit of each image; declining sends nothing and writes nothing', async () => {
    await withSettings({ 'cost.confirmAbove': 0.01 }, async () => {
      const before = await snapshot();
      const folder = await listNames(file('.'));
      const result = await withWarnings(undefined, async (asked) => {
        const r = await vscode.commands.executeCommand<vscode.Uri[] | undefined>('azureOpenAIMedia.editImage', file('landscape.png'),
          undefined, { prompt: 'add a red scarf', mask: null, quality: 'medium', size: '1024x1024', open: false });
        assert.strictEqual(asked.length, 1, 'no question was asked');
        assert.match(asked[0], /1 image × medium × 1024x1024/);
        return r;
      });
      assert.strictEqual(result, undefined);
      assert.deepStrictEqual(await emulator.operations(), [], 'a request reached the emulator');
      assert.deepStrictEqual(await snapshot(), before, 'something was written');
      assert.deepStrictEqual(await listNames(file('.')), folder, 'something was written beside the image');
    });
  });

  it('off at 0: nothing is asked, whatever the estimate', async () => {
    await withSettings({ 'cost.confirmAbove': 0 }, () => withWarnings(undefined, async (asked) => {
      await openAndSelect('fox.ts', 2, 2);
      const r = await vscode.commands.executeCommand<GenerateImageResult>('azureOpenAIMedia.generateImageFromSelection',
        { n: 1, quality: 'high', open: false });
      created.push(...r.outputs);
      assert.deepStrictEqual(asked, []);
      assert.strictEqual((await emulator.operations()).length, 1);
    }));
  });
});
