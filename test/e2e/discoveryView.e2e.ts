// What the resource says its deployments run, in the real workbench against the emulator: the Studio draws the image
// form of the model a `gpt-image-1` deployment runs when models.image is unset (not the default gpt-image-2's), and the
// Azure OpenAI view shows the resource, each operation's deployment, model and retirement date with its source, worked
// with the keyboard. With AOAI_UPDATE_DOCS=1 the view's picture is copied to docs/discovery-view.png (the README's).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { emulator, harnessEnv, openWorkbench, waitFor, type Workbench } from './harness';

describe('e2e: what the deployments run, in the Studio and the Azure OpenAI view', function () {
  this.timeout(240000);
  let wb: Workbench;

  before(async () => {
    // models.image and models.imageEdit unset, as a user who typed only the deployment names leaves them.
    wb = await openWorkbench({ name: 'discovery-view', unset: ['azureOpenAIMedia.models.image', 'azureOpenAIMedia.models.imageEdit'] });
    await waitFor('the dark theme', () => wb.setColorTheme('dark').then(() => true, () => false), 90000, 1000);
    await wb.saveApiKey(emulator.key);
  });
  after(async () => {
    await wb?.close();
  });

  it('the Studio draws gpt-image-1\'s image form for a gpt-image-1 deployment with models.image unset', async () => {
    // Before: "Deployment gpt-image-1 · model gpt-image-2" (the default model's form).
    const page = await wb.openStudio();
    await page.click('#tab-images');
    await page.waitForSelector('#panel-images:not([hidden])');
    await waitFor('the model line to name gpt-image-1', async () =>
      /gpt-image-1\s*·\s*model\s*gpt-image-1\b/.test(await page.innerText('#panel-images .model-line')), 30000);
    assert.doesNotMatch(await page.innerText('#panel-images .model-line'), /gpt-image-2/);
  });

  it('shows the resource, each operation with its deployment, model and retirement, by keyboard', async () => {
    const { page } = wb;
    await wb.runCommand('Azure OpenAI Media: Focus on Resource View');
    await wb.runCommand('Azure OpenAI: Refresh Deployments and Model Lifecycles');
    const view = page.locator('.pane:has(.pane-header[aria-label*="Resource"]) .monaco-list');
    const rows = view.locator('.monaco-list-row');
    await waitFor('the resource and its operations', async () => (await rows.count()) >= 6, 60000, 500);
    const host = new URL(emulator.url).host;
    assert.match(await rows.nth(0).innerText(), new RegExp(host.replace(/[.]/g, '\\.')));
    // The keyboard: focus the list, go down to Transcription, open it with the right arrow.
    await rows.nth(1).click();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    assert.match(await view.locator('.monaco-list-row.focused').innerText(), /Transcription/);
    await page.keyboard.press('ArrowRight');
    await waitFor('the transcription details', async () => /Retires: \d{4}-\d{2}-\d{2}/.test(await view.innerText()), 30000, 300);
    const text = await view.innerText();
    assert.match(text, /Transcription\s*whisper · whisper/);
    assert.match(text, /Model: whisper\s*what the deployment runs/);
    assert.match(text, /Retires: \d{4}-\d{2}-\d{2}\s*the resource's models list, read \d{4}-\d{2}-\d{2}/);
    assert.match(text, /Image generation\s*gpt-image-1 · gpt-image-1/);
    // Wide enough for the descriptions: drag the side bar's edge.
    const bar = await page.locator('.part.sidebar').boundingBox();
    assert.ok(bar);
    await page.mouse.move(bar.x + bar.width + 1, bar.y + bar.height / 2);
    await page.mouse.down();
    await page.mouse.move(bar.x + 620, bar.y + bar.height / 2, { steps: 10 });
    await page.mouse.up();
    const shot = path.join(harnessEnv().artifacts, 'screenshots', 'discovery-view.png');
    fs.mkdirSync(path.dirname(shot), { recursive: true });
    const wide = await page.locator('.part.sidebar').boundingBox();
    assert.ok(wide);
    await page.screenshot({ path: shot, clip: { x: wide.x, y: wide.y, width: wide.width, height: Math.min(wide.height, 260) } });
    if (process.env.AOAI_UPDATE_DOCS === '1') {
      // The README's picture: refreshed on request only, so a test run never changes a tracked file.
      fs.copyFileSync(shot, path.join(harnessEnv().extensionPath, 'docs', 'discovery-view.png'));
    }
  });
});
