// A window of two folders in the real workbench (two-folders.code-workspace from scripts/lib/make-window.js): a line of
// second-folder/second-note.txt spoken through the palette lands under the second folder's own outputFolder
// (out/media-two), and nothing goes to the first folder. Screenshot: .artifacts/screenshots/multiroot-*.png.
import * as assert from 'assert';
import * as fs from 'fs';
import { emulator, openWorkbench, waitFor, type Workbench } from './harness';

describe('e2e: a multi-root window', function () {
  this.timeout(240000);
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench({ name: 'multiroot', window: 'multiroot' });
  });
  after(async () => {
    await wb?.close();
  });

  it('speaks a line of the second folder into the second folder', async () => {
    await emulator.reset();
    await wb.runCommand('Azure OpenAI: Set API Key');
    await wb.answerInput(emulator.key, { password: true, match: new URL(emulator.url).origin });
    await wb.waitForNotification(/API key for .* is saved/);
    await wb.clearNotifications();

    await wb.openFile('second-folder/second-note.txt');
    await wb.selectLines(2);
    await wb.runCommand('Azure OpenAI: Speak Selected Text');
    const output = await wb.waitForFile(/\.mp3$/, { dir: 'second-folder/out/media-two' });
    assert.ok(output.endsWith('second-folder/out/media-two/the-second-folder-keeps-its-own.mp3'), output);
    assert.ok(fs.statSync(output).size > 100);
    await wb.screenshot('multiroot-1-spoken-in-second-folder');
    const elsewhere = wb.listFiles().filter((f) => /^(workspace\/media-one|workspace\/media|second-folder\/media)\//.test(f));
    assert.deepStrictEqual(elsewhere, [], 'outputs written to another output folder');
    await waitFor('the speech request', async () => (await emulator.requests()).some((r) => r.operation));
  });
});
