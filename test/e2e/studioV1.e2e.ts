// The Studio on the v1 route (azureOpenAIMedia.apiVersion = "v1") with a gpt-image-2 deployment, in the real
// workbench against the emulator: it generates at the size asked for, and shows the image at that size.
import * as assert from 'assert';
import * as fs from 'fs';
import type { Frame } from 'playwright-core';
import { emulator, openWorkbench, waitFor, type Workbench } from './harness';

/** A size only gpt-image-2 takes (not one of gpt-image-1's three); the emulator's deployment draws exactly that. */
const SIZE = { width: 2048, height: 1152 };
const SIZE_TEXT = `${SIZE.width}x${SIZE.height}`;

function pngSize(file: string): { width: number; height: number } {
  const buf = fs.readFileSync(file);
  assert.strictEqual(buf.toString('latin1', 12, 16), 'IHDR', `${file} is not a PNG`);
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

describe('e2e: the Studio on the v1 route with a gpt-image-2 deployment', function () {
  this.timeout(300000);
  let wb: Workbench;
  let page: Frame;

  before(async () => {
    wb = await openWorkbench({
      name: 'studio-v1',
      settings: {
        'azureOpenAIMedia.apiVersion': 'v1',
        'azureOpenAIMedia.deployments.image': 'gpt-image-2',
        'azureOpenAIMedia.models.image': 'gpt-image-2',
      },
    });
    await wb.saveApiKey(emulator.key);
    await emulator.reset();
  });
  after(async () => {
    await wb?.close();
  });

  it('generates at the size asked for and shows the image at that size', async () => {
    page = await wb.openStudio();
    await page.click('#tab-images');
    await page.waitForSelector('#panel-images:not([hidden])');
    await page.fill('#image-prompt', 'A wide harbour panorama at dawn');
    // The catalog suggests 2048x1152 for gpt-image-2 (gpt-image-1 offers no such size): choosing it fails otherwise.
    await page.selectOption('#image-size', SIZE_TEXT);
    if (await page.$('#image-stream')) {
      if (await page.isChecked('#image-stream')) await page.uncheck('#image-stream');
    }
    await page.click('#image-run');
    const final = await page.waitForSelector('#image-results img[data-state="final"]', { timeout: 90000 });
    const shown = await waitFor('the final image to load', () =>
      final.evaluate((img) => {
        const i = img as unknown as { naturalWidth: number; naturalHeight: number };
        return i.naturalWidth > 0 ? { width: i.naturalWidth, height: i.naturalHeight } : undefined;
      }));
    assert.deepStrictEqual(shown, SIZE, 'the Studio shows the image at the size asked for');

    const [request] = await emulator.waitForRequests((r) => r.operation === 'generations');
    assert.strictEqual(request.route, 'v1');
    assert.strictEqual(request.path, '/openai/v1/images/generations');
    assert.strictEqual(request.apiVersion, undefined);
    assert.strictEqual(request.status, 200);
    const body = request.json as Record<string, unknown>;
    assert.strictEqual(body.model, 'gpt-image-2', 'the deployment travels as model');
    assert.strictEqual(body.size, SIZE_TEXT);
    const saved = await wb.waitForFile(/harbour-panorama.*\.png$/, { dir: 'media' });
    assert.deepStrictEqual(pngSize(saved), SIZE);
    await wb.screenshot('studio-v1-gpt-image-2');
  });
});
