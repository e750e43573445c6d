// The Studio in the real workbench (code-server in headless Chromium), against the emulator: open it from the
// palette, generate an image and see a partial frame before the final one, paint a mask and edit, transcribe with
// verbose_json and play from a segment, synthesise speech and load it, then come back after a window reload.
// Screenshots of every tab in dark, light and high-contrast themes go to .artifacts/screenshots/; with
// AOAI_UPDATE_DOCS=1 the dark Images tab is also copied to docs/studio.png (the README's picture).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { inflateSync } from 'zlib';
import type { Frame } from 'playwright-core';
import { dropFiles, emulator, harnessEnv, openWorkbench, waitFor, type PageElement, type Workbench } from './harness';

/** Width, height and alpha channel of an 8-bit RGBA or RGB PNG (enough for the masks the Studio writes). */
function readPng(file: string): { width: number; height: number; alpha: (x: number, y: number) => number } {
  const buf = fs.readFileSync(file);
  let offset = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat: Buffer[] = [];
  while (offset < buf.length) {
    const length = buf.readUInt32BE(offset);
    const type = buf.toString('latin1', offset + 4, offset + 8);
    const data = buf.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      colorType = data[9];
    } else if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const channels = colorType === 6 ? 4 : 3;
  const stride = width * channels + 1;
  return {
    width,
    height,
    alpha: (x, y) => {
      assert.strictEqual(raw[y * stride], 0, 'the Studio writes filter type 0');
      return channels === 4 ? raw[y * stride + 1 + x * channels + 3] : 255;
    },
  };
}

/**
 * Runs in the page: every visible label, button, input, select, textarea, tab, heading, code and notice with text,
 * as `{ what, ratio }` where ratio is the WCAG contrast of its text colour against the background it is drawn on
 * (the first non-transparent background up its ancestors, alpha blended).
 */
const CONTRAST_PROBE = `(() => {
  const parse = (c) => {
    const hex = /^#([0-9a-f]{6})([0-9a-f]{2})?$/i.exec(c.trim());
    if (hex) return [0, 2, 4].map((i) => parseInt(hex[1].slice(i, i + 2), 16)).concat(hex[2] ? parseInt(hex[2], 16) / 255 : 1);
    const m = (c.match(/[\\d.]+/g) || []).map(Number);
    return m.length >= 3 ? [m[0], m[1], m[2], m.length > 3 ? m[3] : 1] : undefined;
  };
  const over = (top, under) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3])).concat(1);
  const backgroundOf = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    // under everything: the editor background VS Code gives the webview (the page may leave html/body transparent)
    let bg = parse(getComputedStyle(document.documentElement).getPropertyValue('--vscode-editor-background')) || [0, 0, 0, 0];
    if (bg[3] < 1) throw new Error('no opaque background under the page');
    for (const layer of layers.reverse()) bg = over(layer, bg);
    return bg;
  };
  const lum = (c) => {
    const [r, g, b] = c.slice(0, 3).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const out = [];
  const selector = 'label, button, input:not([type=checkbox]):not([type=radio]):not([type=range]):not([type=color]), select, textarea, '
    + '[role=tab], h1, h2, h3, code, .notice, .counter, .note, summary, legend, p';
  for (const el of document.querySelectorAll(selector)) {
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    // disabled controls are exempt in WCAG (and drawn faint on purpose)
    if (r.width === 0 || r.height === 0 || style.visibility === 'hidden' || el.closest('[hidden]') || el.disabled) continue;
    const text = ('value' in el && el.tagName !== 'BUTTON' ? el.value || el.placeholder || '' : el.textContent || '').trim();
    if (!text) continue;
    const bg = backgroundOf(el);
    let fg = parse(el.value === '' && el.placeholder ? getComputedStyle(el, '::placeholder').color : style.color);
    if (!fg) continue;
    fg = over(fg, bg);
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    out.push({ what: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' "' + text.slice(0, 30) + '"',
      ratio: Math.round(((a + 0.05) / (b + 0.05)) * 100) / 100,
      colours: style.color + ' on rgb(' + bg.slice(0, 3).map(Math.round).join(', ') + ')' });
  }
  return out;
})()`;

describe('e2e: the Studio', function () {
  this.timeout(300000);
  let wb: Workbench;
  let page: Frame;

  const tab = async (name: string): Promise<void> => {
    await page.click(`#tab-${name}`);
    await page.waitForSelector(`#panel-${name}:not([hidden])`);
  };

  const shoot = async (name: string): Promise<string> => wb.screenshot(name);

  const studioPage = async (timeoutMs = 60000): Promise<Frame> => wb.studioPage(timeoutMs);

  /** Opens the Studio (or brings it to the front) and waits for its page: a test that needs it starts with this. */
  const openStudio = async (): Promise<Frame> => {
    await wb.runCommand('Azure OpenAI: Open Studio');
    page = await studioPage();
    return page;
  };

  /** Checks text against its background on every tab: WCAG AA asks for 4.5:1 (a minimum of 3:1 counts for large text;
   *  here all text is body size). */
  const assertContrast = async (theme: string, minimum: number): Promise<number> => {
    const poor: string[] = [];
    let checked = 0;
    for (const name of ['images', 'edit', 'audio', 'speech', 'history']) {
      await tab(name);
      const found = await page.evaluate<Array<{ what: string; ratio: number; colours: string }>>(CONTRAST_PROBE);
      checked += found.length;
      for (const f of found) if (f.ratio < minimum) poor.push(`${name}: ${f.what} ${f.ratio}:1 (${f.colours})`);
    }
    assert.ok(checked >= 20, `only ${checked} elements with text were found in ${theme}`);
    assert.deepStrictEqual(poor, [], `text below ${minimum}:1 in ${theme}`);
    return checked;
  };

  const LIGHTHOUSE = 'A lighthouse on a cliff at dusk, watercolor';

  /** Hands the Audio tab a file as a drop from the Explorer does: a URI list. */
  const dropOnAudio = async (uri: string): Promise<void> => {
    await tab('audio');
    await dropFiles(page, '#panel-audio .drop-zone', [uri]);
  };

  // Setups for tests that need an earlier output: each makes it only when this run has none yet, so in the whole file
  // they cost nothing and a test picked alone with AOAI_TEST_GREP still has what it needs.

  /** The lighthouse image generated and shown on the Images tab. */
  const ensureImage = async (): Promise<void> => {
    await openStudio();
    await tab('images');
    if (await page.$('#image-results figure:has-text("lighthouse") img[data-state="final"]')) return;
    await page.fill('#image-prompt', LIGHTHOUSE);
    await page.click('#image-run');
    await page.waitForSelector('#image-results figure:has-text("lighthouse") img[data-state="final"]', { timeout: 60000 });
  };

  /** hello.wav chosen on the Audio tab and transcribed. */
  const ensureTranscript = async (): Promise<void> => {
    await openStudio();
    await tab('audio');
    const transcript = async () => String(await page.evaluate(`document.getElementById('audio-transcript')?.value ?? ''`));
    if ((await transcript()).length > 10) return;
    await dropOnAudio(`file://${wb.file('hello.wav')}`);
    await page.waitForSelector('#audio-file-name:has-text("hello.wav")');
    await page.check('#audio-op-transcription');
    await page.click('#audio-run');
    await waitFor('the transcript', async () => (await transcript()).length > 10, 60000);
  };

  /** At least one history entry of each operation. */
  const ensureHistory = async (): Promise<void> => {
    const operations = async () => {
      await tab('history');
      return page.$$eval('#history-list > li', (lis: PageElement[]) => lis.map((li) => li.getAttribute('data-operation')));
    };
    await openStudio();
    const have = await operations();
    if (!have.includes('imageGeneration') || !have.includes('imageEdit')) await ensureImage();
    if (!have.includes('imageEdit')) {
      await page.click('#image-results figure:has-text("lighthouse") button:has-text("Edit")');
      await page.waitForSelector('#panel-edit:not([hidden])');
      await page.fill('#edit-prompt', 'Add a small red sailboat on the sea');
      await page.click('#edit-run');
      await page.waitForSelector('#edit-results img[data-state="final"]', { timeout: 60000 });
    }
    if (!have.includes('transcription')) await ensureTranscript();
    if (!have.includes('speech')) {
      await tab('speech');
      await page.fill('#speech-text', 'Hello from the Azure OpenAI Media Studio.');
      await page.click('#speech-run');
      await page.waitForSelector('#speech-audio', { timeout: 60000 });
    }
    await waitFor('an entry of each operation in the history', async () => {
      const now = await operations();
      return ['imageGeneration', 'imageEdit', 'transcription', 'speech'].every((op) => now.includes(op));
    }, 30000, 500);
  };

  before(async () => {
    wb = await openWorkbench({ name: 'studio' });
    // The theme picker can be slow to list themes right after load (two cores, other runs in parallel): retry.
    await waitFor('the dark theme', () => wb.setColorTheme('dark').then(() => true, () => false), 90000, 1000);
    await wb.saveApiKey(emulator.key);
  });
  after(async () => {
    await wb?.close();
  });

  it('opens from the palette and says it is ready', async () => {
    await wb.runCommand('Azure OpenAI: Open Studio');
    page = await studioPage();
    const csp = String(await page.evaluate(`document.querySelector('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')`));
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-[A-Za-z0-9+/=]{16,}'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|(^|\s)(https?:|\*)(\s|;|$)/);
    // the codicon font loaded through asWebviewUri
    await waitFor('the codicon font',
      async () => (await page.evaluate(`document.fonts.load('16px codicon').then(() => document.fonts.check('16px codicon'))`)) === true);
  });

  it('generates an image: a partial frame appears in place, then the final image', async () => {
    await openStudio();
    await tab('images');
    // Record every partial frame the page shows, however quickly the final image replaces it.
    await page.evaluate(`(() => {
      window.partials = [];
      const results = document.getElementById('image-results');
      new MutationObserver(() => {
        for (const img of results.querySelectorAll('img[data-state="partial"]')) {
          const key = img.dataset.partialIndex + ':' + img.src;
          if (!window.partials.includes(key)) window.partials.push(key);
        }
      }).observe(results, { subtree: true, childList: true, attributes: true, attributeFilter: ['src', 'data-state'] });
    })()`);
    await page.fill('#image-prompt', LIGHTHOUSE);
    if (!(await page.isChecked('#image-stream'))) await page.check('#image-stream');
    await page.fill('#image-partials', '2');
    await page.click('#image-run');
    const final = await page.waitForSelector('#image-results img[data-state="final"]', { timeout: 60000 });
    await waitFor('the final image to load', () => final.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth > 0));
    const partials = await page.evaluate<string[]>('window.partials');
    assert.ok(partials.length >= 1, 'no partial frame was shown');
    assert.ok(partials.every((p) => p.includes('blob:')), 'partial frames come from bytes, not from a remote URL');
    const src = await final.getAttribute('src');
    assert.ok(src && !src.startsWith(emulator.url), `the final image is shown from disk, not from the service: ${src}`);
    const [req] = await emulator.waitForRequests((r) => r.operation === 'generations');
    assert.strictEqual((req.json as { stream?: boolean }).stream, true);
    assert.strictEqual((req.json as { partial_images?: number }).partial_images, 2);
    assert.match(await page.innerText('#image-results'), /Usage: \d+ tokens/);
    await wb.waitForFile(/lighthouse.*\.png$/, { dir: 'media' });
    await shoot('studio-dark-images');
  });

  it('paints a mask over the image and edits it; the mask PNG has the image size and a transparent painted area', async () => {
    await ensureImage();
    await page.click('#image-results figure:has-text("lighthouse") button:has-text("Edit")');
    await page.waitForSelector('#panel-edit:not([hidden])');
    const canvas = page.locator('#mask-canvas');
    type Sized = { width: number; height: number };
    await waitFor('the image under the painter', () => canvas.evaluate((c) => (c as unknown as Sized).width > 0));
    const [w, h] = await canvas.evaluate((c) => [(c as unknown as Sized).width, (c as unknown as Sized).height]);
    const box = await canvas.boundingBox();
    assert.ok(box, 'the mask canvas is visible');
    const mouse = wb.page.mouse;
    await mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3);
    await mouse.down();
    await mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5, { steps: 10 });
    await mouse.up();
    // a second stroke, undone: undo must drop exactly one stroke
    await mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.9);
    await mouse.down();
    await mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.9, { steps: 3 });
    await mouse.up();
    await page.click('#mask-undo');
    assert.match(await page.innerText('#mask-note'), /^1 stroke painted/);
    await page.fill('#edit-prompt', 'Add a small red sailboat on the sea');
    await shoot('studio-dark-edit-mask');
    await page.click('#edit-run');
    const final = await page.waitForSelector('#edit-results img[data-state="final"]', { timeout: 60000 });
    await waitFor('the edited image to load', () => final.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth > 0));
    const [req] = await emulator.waitForRequests((r) => r.operation === 'edits');
    assert.ok(req.files.some((f) => f.field === 'mask' && f.contentType === 'image/png'),
      `no PNG mask part in ${JSON.stringify(req.files)}`);
    const mask = readPng(await wb.waitForFile(/\.mask\.png$/, { dir: 'media' }));
    assert.deepStrictEqual([mask.width, mask.height], [w, h], 'the mask has the image dimensions');
    assert.strictEqual(mask.alpha(Math.round(w * 0.45), Math.round(h * 0.4)), 0, 'painted area transparent');
    assert.strictEqual(mask.alpha(Math.round(w * 0.95), Math.round(h * 0.05)), 255, 'unpainted area opaque');
    assert.strictEqual(mask.alpha(Math.round(w * 0.15), Math.round(h * 0.9)), 255, 'the undone stroke is not in the mask');
    await shoot('studio-dark-edit-result');
  });

  it('transcribes a dropped audio file with verbose_json and plays from a segment', async () => {
    await openStudio();
    // A drop from the Explorer hands the page a URI list; simulate exactly that.
    await dropOnAudio(`file://${wb.file('hello.wav')}`);
    await page.waitForSelector('#audio-file-name:has-text("hello.wav")');
    await page.check('#audio-op-transcription');
    await page.selectOption('#audio-format', 'verbose_json');
    await page.waitForSelector('#audio-gran-segment');
    await page.check('#audio-gran-word');
    await page.click('#audio-run');
    await page.waitForSelector('#audio-segments tbody tr', { timeout: 60000 });
    const rows = await page.$$('#audio-segments tbody tr');
    assert.ok(rows.length >= 1, 'no segment rows');
    assert.ok((await page.$$('#audio-words tbody tr')).length >= 1, 'no word rows');
    const [req] = await emulator.waitForRequests((r) => r.operation === 'transcriptions');
    assert.deepStrictEqual(req.fields.response_format, ['verbose_json']);
    const target = rows[rows.length - 1];
    const start = Number(await target.getAttribute('data-start'));
    await page.waitForFunction(`document.getElementById('audio-player').readyState >= 1`);
    await target.click();
    const t = Number(await page.evaluate(`document.getElementById('audio-player').currentTime`));
    assert.ok(Math.abs(t - start) < 0.5, `clicking the row seeks to ${start}, player at ${t}`);
    await page.evaluate(`document.getElementById('audio-player').pause()`);
    await shoot('studio-dark-audio');
    // Save the same transcript as SubRip without calling the service again: the save dialog offers hello.srt.
    const before = (await emulator.requests()).length;
    await page.selectOption('#audio-result select', 'srt');
    await page.click('#audio-result button:has-text("Save As")');
    const dialog = wb.quickInput.locator('input.input');
    await waitFor('the save dialog to offer hello.srt', async () => /hello\.srt$/.test(await dialog.inputValue().catch(() => '')));
    await dialog.press('Enter');
    const srt = fs.readFileSync(await wb.waitForFile('hello.srt'), 'utf8');
    assert.match(srt, /^1\n\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}\n/);
    assert.strictEqual((await emulator.requests()).length, before, 'converted locally, no new request');
  });

  it('synthesises speech and the audio element loads with a duration', async () => {
    await openStudio();
    await tab('speech');
    // Past the per-request limit the box counts the parts the text will be spoken in, and Speak stays enabled.
    await page.fill('#speech-text', 'A sentence of a long text, read aloud in parts. '.repeat(200));
    assert.match(await page.innerText('#panel-speech .counter'), /^9,600 characters · spoken in 3 parts of at most 4,096$/);
    assert.strictEqual(await page.isDisabled('#speech-run'), false);
    await page.fill('#speech-text', 'Hello from the Azure OpenAI Media Studio.');
    assert.match(await page.innerText('#panel-speech .counter'), /^41 \/ 4,096$/);
    await page.selectOption('#speech-format', 'wav');
    await page.click('#speech-run');
    await page.waitForSelector('#speech-audio', { timeout: 60000 });
    const duration = await waitFor('the speech to load', async () => {
      const d = await page.evaluate<number>(`(() => {
        const a = document.getElementById('speech-audio');
        return a && a.readyState >= 1 && Number.isFinite(a.duration) && a.duration > 0 ? a.duration : 0;
      })()`);
      return d > 0 ? d : undefined;
    });
    assert.ok(duration > 0);
    // AAC is saved but said to be unplayable in a webview
    await page.selectOption('#speech-format', 'aac');
    assert.match(await page.innerText('#panel-speech .options'), /cannot play AAC/);
    await page.selectOption('#speech-format', 'wav');
    await shoot('studio-dark-speech');
  });

  it('names the content-filter categories that tripped', async () => {
    await openStudio();
    await tab('images');
    await emulator.injectFault({ kind: 'content-filter-image', operation: 'generations' });
    await page.fill('#image-prompt', 'Something the filter refuses');
    await page.click('#image-run');
    const notice = await page.waitForSelector('#panel-images .notice.error', { timeout: 60000 });
    const text = await notice.innerText();
    assert.match(text, /Refused by the content filter/);
    assert.match(text, /violence/);
    await shoot('studio-dark-content-filter');
  });

  it('cancels a running generation and leaves no file', async () => {
    await openStudio();
    await tab('images');
    const count = () => (fs.existsSync(wb.file('media')) ? fs.readdirSync(wb.file('media')).length : 0);
    const before = count();
    await emulator.injectFault({ kind: 'slow', operation: 'generations', delayMs: 30000 });
    await page.fill('#image-prompt', 'A slow painting of a snail');
    await page.click('#image-run');
    await page.waitForSelector('#image-run-cancel:not([hidden])');
    await page.click('#image-run-cancel');
    await page.waitForSelector('#panel-images .notice:has-text("Cancelled")', { timeout: 30000 });
    assert.ok(await page.isVisible('#image-run'), 'Generate is back');
    assert.strictEqual(count(), before, 'a cancelled run writes nothing');
    await emulator.reset().catch(() => undefined);
  });

  it('keeps a generation that finished while the panel was hidden (no retainContextWhenHidden)', async () => {
    await openStudio();
    await tab('images');
    await emulator.injectFault({ kind: 'slow', operation: 'generations', delayMs: 5000 });
    await page.fill('#image-prompt', 'A harbour at night');
    await page.click('#image-run');
    await page.waitForSelector('#image-run-cancel:not([hidden])');
    await wb.openFile('notes.md'); // the Studio's tab goes to the background and its page is torn down
    await wb.waitForFile(/harbour.*\.png$/, { dir: 'media', timeoutMs: 60000 });
    await wb.page.locator('.tabs-container .tab', { hasText: 'Azure OpenAI Studio' }).click();
    page = await studioPage();
    await page.waitForSelector('#image-results figure:has-text("harbour") img[data-state="final"]', { timeout: 30000 });
    assert.ok(await page.isVisible('#image-run'), 'Generate is back');
    assert.strictEqual(await page.inputValue('#image-prompt'), 'A harbour at night');
  });

  it('refuses a file dropped from outside the workspace', async () => {
    await openStudio();
    await dropOnAudio(`file://${wb.file('hello.wav')}`);
    await page.waitForSelector('#audio-file-name:has-text("hello.wav")');
    await dropOnAudio('file:///etc/hostname');
    const notice = await page.waitForSelector('#panel-audio .drop-zone .notice.error');
    assert.match(await notice.innerText(), /inside the open workspace/);
    assert.match(await page.innerText('#audio-file-name'), /hello\.wav/, 'the chosen file is unchanged');
  });

  it('picks an image to edit through the open dialog and sizes the painter to it', async () => {
    await openStudio();
    await tab('edit');
    await page.click('#edit-choose');
    await wb.answerOpenDialog(wb.file('landscape.png'), async () =>
      (await page.locator('#edit-file-name:has-text("landscape.png")').count()) > 0);
    await waitFor('the painter at the image size', async () =>
      (await page.locator('#mask-canvas').evaluate((c) => (c as unknown as { width: number }).width)) === 512);
    assert.match(await page.innerText('#mask-note'), /No mask/);
  });

  it('edits several images at once: the further images go out as image[]', async () => {
    await tab('edit');
    // landscape.png is the first image (from the test before); add a generated image as the second by a drop.
    const second = fs.readdirSync(wb.file('media')).find((f) => /^a-lighthouse.*\.png$/.test(f) && !f.includes('.mask.'));
    assert.ok(second, 'a generated image to add');
    const uri = `file://${wb.file(`media/${second}`)}`;
    await dropFiles(page, '#edit-more', [uri]);
    await page.waitForSelector(`#edit-more-list li:has-text(${JSON.stringify(second)})`);
    const before = (await emulator.requests()).filter((r) => r.operation === 'edits').length;
    await page.fill('#edit-prompt', 'Blend the two into one postcard');
    await page.click('#edit-run');
    const final = await page.waitForSelector('#edit-results figure:has-text("landscape") img[data-state="final"]', { timeout: 60000 });
    await waitFor('the edited image to load', () => final.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth > 0));
    const edits = await emulator.waitForRequests((r) => r.operation === 'edits', before + 1);
    const req = edits[edits.length - 1];
    const images = req.files.filter((f) => f.field === 'image' || f.field === 'image[]');
    assert.strictEqual(images.length, 2, `two images sent: ${JSON.stringify(req.files)}`);
    assert.ok(!req.files.some((f) => f.field === 'mask'), 'no mask was painted');
    await shoot('studio-dark-edit-several');
    // Removing the further image leaves the painted one alone.
    await page.click(`#edit-more-list li button[aria-label="Remove ${second}"]`);
    assert.strictEqual((await page.$$('#edit-more-list li')).length, 0);
    assert.match(await page.innerText('#edit-file-name'), /landscape\.png/);
  });

  it('draws the form from the catalog: switching the speech model changes the fields shown', async () => {
    await tab('speech');
    const voices = async (): Promise<string[]> =>
      page.$$eval('#speech-voice option', (os) => os.map((o) => (o as unknown as { value: string }).value));
    // tts-1 (the run's baseline): its six voices, no instructions.
    assert.strictEqual(await page.$('#speech-instructions'), null, 'tts-1 takes no instructions');
    assert.ok(!(await voices()).includes('coral'), 'coral is not a tts-1 voice');
    const settingsFile = wb.file('.vscode/settings.json');
    const previous = fs.existsSync(settingsFile) ? fs.readFileSync(settingsFile, 'utf8') : undefined;
    const current = previous ? (JSON.parse(previous) as Record<string, unknown>) : {};
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    fs.writeFileSync(settingsFile, JSON.stringify({ ...current, 'azureOpenAIMedia.models.speech': 'gpt-4o-mini-tts' }, null, 2));
    try {
      // The catalog's field for gpt-4o-mini-tts: a text box with the catalog's label and help, and more voices.
      await page.waitForSelector('#speech-instructions', { timeout: 30000 });
      assert.ok((await voices()).includes('coral'));
      const field = await page.innerText('#panel-speech .field:has(#speech-instructions)');
      assert.match(field, /Instructions/);
      assert.match(field, /How to speak/);
      assert.match(await page.innerText('#panel-speech .model-line'), /gpt-4o-mini-tts/);
      await shoot('studio-dark-speech-mini-tts');
    } finally {
      if (previous === undefined) fs.rmSync(settingsFile);
      else fs.writeFileSync(settingsFile, previous);
    }
    await waitFor('the tts-1 form again', async () => (await page.$('#speech-instructions')) === null, 30000);
    assert.ok(!(await voices()).includes('coral'));
  });

  it('lists every output in the history, and comes back after a window reload', async () => {
    await ensureHistory();
    await tab('history');
    await waitFor('four history entries', async () => (await page.$$('#history-list > li')).length >= 4);
    const ops = await page.$$eval('#history-list > li', (lis: PageElement[]) => lis.map((li) => li.getAttribute('data-operation')));
    for (const op of ['imageGeneration', 'imageEdit', 'transcription', 'speech']) {
      assert.ok(ops.includes(op), `${op} not in ${ops.join(', ')}`);
    }
    await shoot('studio-dark-history');
    // Re-run the generated image from its history card: same prompt and parameters, a new request, a new file.
    const generations = (await emulator.requests()).filter((r) => r.operation === 'generations' && r.status === 200).length;
    await page.click('#history-list > li[data-operation="imageGeneration"]:has-text("lighthouse") button:has-text("Re-run")');
    await page.waitForSelector('#panel-images:not([hidden])');
    const again = await emulator.waitForRequests((r) => r.operation === 'generations' && r.status === 200, generations + 1);
    assert.strictEqual((again[again.length - 1].json as { prompt?: string }).prompt, LIGHTHOUSE);
    await page.waitForSelector('#image-results img[data-state="final"]', { timeout: 60000 });
    await tab('images');
    const readmeShot = await shoot('studio-readme');
    if (process.env.AOAI_UPDATE_DOCS === '1') {
      // The README's picture: refreshed on request only, so a test run never changes a tracked file.
      fs.mkdirSync(path.join(harnessEnv().extensionPath, 'docs'), { recursive: true });
      fs.copyFileSync(readmeShot, path.join(harnessEnv().extensionPath, 'docs', 'studio.png'));
    }

    await wb.runCommand('Developer: Reload Window');
    await wb.waitReady();
    page = await studioPage();
    // the serializer restored the panel and getState the page: same tab, same prompt, the final image again
    await page.waitForSelector('#panel-images:not([hidden])');
    assert.strictEqual(await page.inputValue('#image-prompt'), LIGHTHOUSE);
    await page.waitForSelector('#image-results img[data-state="final"]');
  });

  it('follows a settings change: dall-e-3 gets style, no streaming, and its URL result is shown from disk', async () => {
    await openStudio();
    await tab('images');
    // Workspace settings, as a user would switch this workspace to its dall-e-3 deployment.
    const settingsFile = wb.file('.vscode/settings.json');
    const previous = fs.existsSync(settingsFile) ? fs.readFileSync(settingsFile, 'utf8') : undefined;
    const current = previous ? (JSON.parse(previous) as Record<string, unknown>) : {};
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    fs.writeFileSync(settingsFile, JSON.stringify({ ...current, 'azureOpenAIMedia.deployments.image': 'dall-e-3',
      'azureOpenAIMedia.models.image': 'dall-e-3' }, null, 2));
    try {
      await page.waitForSelector('#image-style', { timeout: 30000 });
      assert.strictEqual(await page.$('#image-stream'), null, 'dall-e-3 does not stream');
      assert.strictEqual(await page.$('#image-background'), null, 'dall-e-3 takes no background');
      assert.strictEqual(await page.$('#image-n'), null, 'dall-e-3 makes one image');
      await page.fill('#image-prompt', 'A quiet bay, natural light');
      assert.match(await page.innerText('#panel-images .counter'), /\/ 4,000$/);
      await page.selectOption('#image-style', 'natural');
      await page.click('#image-run');
      const final = await page.waitForSelector('#image-results figure:has-text("quiet-bay") img[data-state="final"]', { timeout: 60000 });
      await waitFor('the image to load', () => final.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth > 0));
      const [req] = await emulator.waitForRequests((r) => r.operation === 'generations' && r.deployment === 'dall-e-3');
      const body = req.json as Record<string, unknown>;
      assert.strictEqual(body.style, 'natural');
      assert.strictEqual(body.stream, undefined);
      const src = (await final.getAttribute('src')) ?? '';
      assert.ok(!src.includes('/_emulator/files/'), `the service's URL never reaches the page: ${src}`);
      await wb.waitForFile(/quiet-bay.*\.png$/, { dir: 'media' });
      await shoot('studio-dark-dalle');
    } finally {
      if (previous === undefined) fs.rmSync(settingsFile);
      else fs.writeFileSync(settingsFile, previous);
    }
    await page.waitForSelector('#image-stream', { timeout: 30000 });
  });

  it('inserts the transcript at the cursor of the editor beside it', async () => {
    await ensureTranscript();
    await wb.openFile('notes.md'); // takes the Studio's place in its group
    await openStudio(); // brings it back beside the editor
    await tab('audio');
    const transcript = await page.inputValue('#audio-transcript');
    assert.ok(transcript.length > 10, 'the transcript came back from the saved state');
    await page.click('#audio-result button:has-text("Insert at Cursor")');
    await waitFor('the transcript in notes.md', async () => /notes\.md/.test(await wb.activeTab()) &&
      (await wb.editorText()).includes(transcript.slice(0, 30)));
  });

  it('reads well in a light theme', async () => {
    await waitFor('the light theme', () => wb.setColorTheme('light').then(() => true, () => false), 90000, 1000);
    await openStudio();
    assert.ok(await page.evaluate(`document.body.classList.contains('vscode-light')`), 'the page follows the light theme');
    for (const name of ['images', 'edit', 'audio', 'speech', 'history']) {
      await tab(name);
      await shoot(`studio-light-${name}`);
    }
    await assertContrast('the light theme', 4.5);
  });

  it('reads well in a high-contrast theme', async () => {
    await waitFor('the high-contrast theme', () => wb.setColorTheme('hc').then(() => true, () => false), 90000, 1000);
    await openStudio();
    assert.ok(await page.evaluate(`document.body.classList.contains('vscode-high-contrast')`));
    for (const name of ['images', 'history']) {
      await tab(name);
      await shoot(`studio-hc-${name}`);
    }
    // High contrast themes promise 7:1 (WCAG AAA) for text
    await assertContrast('the high-contrast theme', 7);
    // every control keeps a visible border in high contrast (the theme's contrastBorder), so its edge shows on black
    await tab('images');
    const borderless = await page.evaluate<string[]>(`[...document.querySelectorAll('#panel-images input:not([type=checkbox]), ' +
      '#panel-images select, #panel-images textarea, #panel-images button')].filter((el) => el.getBoundingClientRect().width > 0)
      .filter((el) => { const s = getComputedStyle(el); return s.borderTopStyle === 'none' || s.borderTopColor === 'rgba(0, 0, 0, 0)'
        || parseFloat(s.borderTopWidth) === 0; }).map((el) => el.id || el.textContent.trim())`);
    assert.deepStrictEqual(borderless, [], 'controls without a visible border in high contrast');
  });

  it('shares the history with a second window, where a deletion shows in the first', async () => {
    await ensureHistory();
    await tab('history');
    const ids = await page.$$eval('#history-list > li', (lis: PageElement[]) => lis.map((li) => li.getAttribute('data-id')));
    assert.ok(ids.length >= 4);
    const second = await openWorkbench({ name: 'studio-second', folder: wb.folder });
    try {
      await second.runCommand('Azure OpenAI: Open Studio');
      const other = await waitFor('the second Studio', async () => {
        const frame = await second.webviewFrame(0, 10000);
        await frame.waitForSelector('#app[data-ready="true"]', { timeout: 5000 });
        return frame;
      }, 60000, 500);
      await other.click('#tab-history');
      await waitFor('the same history in the second window', async () =>
        JSON.stringify(await other.$$eval('#history-list > li', (lis: PageElement[]) => lis.map((li) => li.getAttribute('data-id'))))
          === JSON.stringify(ids));
      await second.screenshot('studio-second-window-history');
      // Delete the speech output from the second window (the modal asks first).
      const speechId = await other.getAttribute('#history-list > li[data-operation="speech"]', 'data-id');
      assert.ok(speechId);
      await other.click(`#history-list > li[data-id="${speechId}"] button[aria-label="Delete"]`);
      await second.page.locator('.monaco-dialog-box .dialog-buttons a, .monaco-dialog-box .dialog-buttons button').filter(
        { hasText: /^Delete$/ }).first().click();
      await waitFor('the entry to leave the first window', async () =>
        !(await page.$$eval('#history-list > li', (lis: PageElement[]) => lis.map((li) => li.getAttribute('data-id'))))
          .includes(speechId), 30000);
    } finally {
      await second.close();
    }
  });
});
