// Checks what `npm run try-it` printed really works: the URL opens the workbench on the sample workspace with the
// extension's commands in the palette, and the printed key is the one the emulator accepts (a wrong one is refused).
// Usage: node try-it-check.js <url> <key> <emulator-url>
'use strict';
const { chromium } = require('playwright-core');
const { CHROMIUM_ARGS } = require('./chromium-args');

const [url, key, emulator] = process.argv.slice(2);
if (!url || !key || !emulator) { console.error('usage: try-it-check.js <url> <key> <emulator-url>'); process.exit(2); }
const fail = (msg) => { console.error(`try-it check FAILED: ${msg}`); process.exit(1); };

async function speech(apiKey) {
  return fetch(`${emulator}/openai/deployments/tts/audio/speech?api-version=2025-04-01-preview`, {
    method: 'POST', headers: { 'api-key': apiKey, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'tts-1', input: 'try it', voice: 'alloy' }),
  });
}

(async () => {
  const ok = await speech(key);
  const bytes = Buffer.from(await ok.arrayBuffer());
  if (ok.status !== 200 || bytes.length === 0) fail(`the emulator refused the printed key: HTTP ${ok.status}`);
  const wrong = await speech(`${key}-wrong`);
  if (wrong.status !== 401) fail(`the emulator accepted a wrong key: HTTP ${wrong.status}`);
  console.log(`emulator: printed key accepted (${bytes.length} bytes of speech), a wrong key refused (401)`);

  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
    args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(url);
    const rows = page.locator('.explorer-folders-view .monaco-list-row');
    await rows.first().waitFor({ timeout: 60000 });
    const files = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    for (const f of ['hello.wav', 'bonjour.wav', 'fox.ts', 'fox.py', 'landscape.png', 'landscape.mask.png']) {
      if (!files.includes(f)) fail(`${f} is not in the sample workspace (explorer shows ${files.join(', ')})`);
    }
    const input = page.locator('.quick-input-widget input.input');
    const row = page.locator('.quick-input-list .monaco-list-row .label-name', { hasText: /^Azure OpenAI: Set API Key$/ });
    let found = false;
    for (let attempt = 0; attempt < 15 && !found; attempt++) {
      await page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: 10000 });
      await input.fill('>Azure OpenAI: Set API Key');
      found = await row.first().waitFor({ timeout: 2000 }).then(() => true, () => false);
      await page.keyboard.press('Escape');
      if (!found) await page.waitForTimeout(1000);
    }
    if (!found) fail('"Azure OpenAI: Set API Key" is not in the command palette');
    console.log(`workbench: sample workspace (${files.length} files) and the extension's commands are there`);
  } finally {
    await browser.close();
  }
})().catch((e) => fail(e && e.stack ? e.stack : String(e)));
