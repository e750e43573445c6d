// Masked edits in the Studio, in the real workbench against the emulator's masked answers (the image kept outside the
// mask but for a known drift over the top-left quarter-by-quarter, test/emulator/maskedEdit.ts): the result shows how
// much of the protected area changed, the toggle lays the heat map over it (shot in dark, light and high contrast;
// the dark one is docs/protected-area.png in the README), and "Keep the Protected Area" writes the composite beside
// the answer.
import * as assert from 'assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { dropFiles, emulator, openWorkbench, waitFor, type Workbench } from './harness';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('e2e: edits that keep what the mask protects', function () {
  this.timeout(300000);
  let wb: Workbench;
  let page: Frame;

  before(async () => {
    wb = await openWorkbench({ name: 'studio-protected' });
    await wb.saveApiKey(emulator.key);
    await emulator.reset();
  });
  after(async () => {
    await wb?.close();
  });

  it('shows the share of the protected area that changed, overlays where, and keeps the protected area on request', async () => {
    page = await wb.openStudio();
    await page.click('#tab-edit');
    await page.waitForSelector('#panel-edit:not([hidden])');
    await dropFiles(page, '#panel-edit .drop-zone:not(#edit-more)', [wb.file('landscape.png')]);
    await page.waitForSelector('#edit-file-name:has-text("landscape.png")');
    const canvas = page.locator('#mask-canvas');
    await waitFor('the painter at the image size', async () =>
      (await canvas.evaluate((c) => (c as unknown as { width: number }).width)) === 512);
    // One stroke over the sun, far from the drifted top-left region.
    const box = await canvas.boundingBox();
    assert.ok(box, 'the mask canvas is visible');
    await wb.page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.3);
    await wb.page.mouse.down();
    await wb.page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.3, { steps: 8 });
    await wb.page.mouse.up();
    await page.fill('#edit-prompt', 'Add a red kite in the sky');
    await page.click('#edit-run');

    const figure = await page.waitForSelector('#edit-results .protected-figure', { timeout: 60000 });
    const text = await figure.innerText();
    const m = /(\d+\.\d) % of the protected area changed/.exec(text);
    assert.ok(m, `no figure in "${text}"`);
    // The drift covers 256 × 256 of the 1024 × 1024 answer; the stroke makes the protected area a little smaller.
    const share = Number(m[1]);
    assert.ok(share > 6.25 && share < 8, `share ${share} %`);
    assert.ok(await page.$('#edit-results img.heat[hidden]'), 'the overlay starts hidden');

    const toggle = page.locator('#edit-results .protected-toggle');
    await toggle.click();
    assert.strictEqual(await toggle.getAttribute('aria-pressed'), 'true');
    const heat = page.locator('#edit-results img.heat');
    await waitFor('the overlay to show', async () => (await heat.isVisible()) &&
      (await heat.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)) > 0);
    // The picture for the README: the result with the overlay on, in the dark theme.
    await page.locator('#edit-results figure').first().screenshot({ path: path.join(ROOT, 'docs', 'protected-area.png') });
    await wb.screenshot('studio-dark-protected-overlay');
    for (const theme of ['light', 'hc']) {
      await wb.setColorTheme(theme);
      page = await wb.studioPage();
      await page.waitForSelector('#edit-results img.heat:not([hidden])');
      await wb.screenshot(`studio-${theme}-protected-overlay`);
    }
    await wb.setColorTheme('dark');
    page = await wb.studioPage();

    // Keyboard: the toggle turns the overlay off again.
    await page.focus('#edit-results .protected-toggle');
    await wb.page.keyboard.press('Enter');
    await page.waitForSelector('#edit-results img.heat[hidden]', { state: 'attached' });

    const before = fs.readdirSync(wb.file('')).filter((n) => n.includes('.kept.'));
    await page.click('#edit-results .protected-keep');
    const note = await page.waitForSelector('#edit-results .protected-kept', { timeout: 30000 });
    const kept = /(landscape\.edited(?:-\d+)?\.kept\.png)/.exec(await note.innerText())?.[1];
    assert.ok(kept, `no composite named in "${await note.innerText()}"`);
    assert.ok(!before.includes(kept), 'the composite is a new file');
    const keptPath = await wb.waitForFile(kept);
    assert.deepStrictEqual([...fs.readFileSync(keptPath).subarray(1, 4)].map((c) => String.fromCharCode(c)).join(''), 'PNG');
    assert.ok(fs.existsSync(wb.file(kept.replace('.kept', ''))), 'the model\'s image stays beside it');
  });
});
