// Cost in the Studio, in the real workbench against the emulator (gpt-image-1 and tts-1 deployments, the run's
// baseline settings): the estimate beside the run button follows n and quality, the Speech tab's follows the text,
// and after a run the History tab shows the entry's cost and the workspace's running total. Each test opens the Studio.
import * as assert from 'assert';
import type { Frame } from 'playwright-core';
import { dropFiles, emulator, openWorkbench, waitFor, type Workbench } from './harness';

describe('e2e: cost in the Studio', function () {
  this.timeout(300000);
  let wb: Workbench;
  let page: Frame;

  before(async () => {
    wb = await openWorkbench({ name: 'studio-cost' });
    await wb.saveApiKey(emulator.key);
    await emulator.reset();
  });
  after(async () => {
    await wb?.close();
  });

  const openStudio = async (): Promise<Frame> => {
    page = await wb.openStudio();
    return page;
  };

  const tab = async (name: string): Promise<void> => {
    await page.click(`#tab-${name}`);
    await page.waitForSelector(`#panel-${name}:not([hidden])`);
  };

  /** Waits until the estimate `id` reads `expected`, and returns its tooltip (the basis). */
  const estimateReads = async (id: string, expected: string | RegExp): Promise<string> => {
    await waitFor(`${id} to read ${String(expected)}`, async () => {
      const text = (await page.textContent(`#${id}`)) ?? '';
      return typeof expected === 'string' ? text === expected : expected.test(text);
    }, 15000, 200);
    return (await page.getAttribute(`#${id}`, 'title')) ?? '';
  };

  it('shows an estimate beside Generate that changes with n and quality', async () => {
    await openStudio();
    await tab('images');
    // Beside the run button, in the same bar.
    assert.ok(await page.$('#panel-images .run-bar #image-run ~ #image-estimate'), 'the estimate is not beside the run button');
    await page.selectOption('#image-size', '1024x1024');
    await page.selectOption('#image-quality', 'low');
    await page.fill('#image-n', '1');
    // gpt-image-1's list prices, 1024x1024: low $0.011, high $0.167 a picture.
    let basis = await estimateReads('image-estimate', '≈ $0.011');
    assert.match(basis, /1 image × low × 1024x1024 × \$0\.011/);
    await page.fill('#image-n', '3');
    basis = await estimateReads('image-estimate', '≈ $0.033');
    assert.match(basis, /3 images × low × 1024x1024/);
    await page.selectOption('#image-quality', 'high');
    await estimateReads('image-estimate', '≈ $0.501');
    await wb.screenshot('studio-cost-estimate');
  });

  it('shows an estimate beside Speak that follows the text', async () => {
    await openStudio();
    await tab('speech');
    await page.fill('#speech-text', 'x'.repeat(1000));
    // tts-1: $15 per 1M characters -> 1000 characters = $0.015.
    const basis = await estimateReads('speech-estimate', '≈ $0.015');
    assert.match(basis, /1000 characters × \$15\.00\/1M/);
    await page.fill('#speech-text', 'x'.repeat(2000));
    await estimateReads('speech-estimate', '≈ $0.03');
  });

  it('shows an estimate beside Run on the Audio tab from the chosen file\'s minutes', async () => {
    await openStudio();
    await tab('audio');
    assert.strictEqual(((await page.textContent('#audio-estimate')) ?? '').trim(), '', 'an estimate with no file chosen');
    // A drop from the Explorer, as the Studio suite does it.
    await dropFiles(page, '#panel-audio .drop-zone', [`file://${wb.file('hello.wav')}`]);
    await page.waitForSelector('#audio-file-name:has-text("hello.wav")');
    // whisper-1 at $0.006 a minute; the minutes come from the WAV header.
    const basis = await estimateReads('audio-estimate', /^≈ \$\d/);
    assert.match(basis, /\d+\.\d\d min × \$0\.006\/min/);
  });

  it('after a run, the history shows the entry\'s cost and the running total', async () => {
    await openStudio();
    await tab('images');
    await page.fill('#image-prompt', 'A red kite over green hills');
    await page.selectOption('#image-size', '1024x1024');
    await page.selectOption('#image-quality', 'low');
    await page.fill('#image-n', '1');
    if (await page.$('#image-stream')) {
      if (await page.isChecked('#image-stream')) await page.uncheck('#image-stream');
    }
    await estimateReads('image-estimate', '≈ $0.011');
    await page.click('#image-run');
    await page.waitForSelector('#image-results img[data-state="final"]', { timeout: 90000 });
    await tab('history');
    const card = await page.waitForSelector('#history-list li.card[data-operation="imageGeneration"]:has-text("red-kite") .cost',
      { timeout: 30000 });
    // The emulator answers with usage: the actual cost, not marked as an estimate, its tokens as the basis.
    assert.strictEqual(await card.getAttribute('data-estimated'), 'false');
    assert.match((await card.textContent()) ?? '', /^\$\d+(\.\d+)?$/);
    assert.match((await card.getAttribute('title')) ?? '', /image tokens out/);
    const total = await waitFor('the running total', async () => {
      const text = (await page.textContent('#history-total')) ?? '';
      return /Total cost in this workspace: /.test(text) ? text : undefined;
    }, 15000, 200);
    const each = await page.evaluate<number[]>('[...document.querySelectorAll("#history-list .cost")].map((e) => Number(e.dataset.usd))');
    const sum = each.reduce((a, b) => a + b, 0);
    assert.ok(sum > 0, 'no cost on any entry');
    const shown = Number(/\$([\d.]+)/.exec(total)?.[1]);
    assert.ok(Math.abs(shown - sum) <= Math.max(0.0005, sum * 0.01), `the total ${total} is not the sum of the entries (${sum})`);
    await wb.screenshot('studio-cost-history');
  });
});
