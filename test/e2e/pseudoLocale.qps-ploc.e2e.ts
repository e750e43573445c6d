// The extension in the qps-ploc pseudo-locale: scripts/run-e2e.sh starts this file's stack with AOAI_LOCALE=qps-ploc
// (the ".qps-ploc" in the name), which writes package.nls.qps-ploc.json and l10n/bundle.l10n.qps-ploc.json, each
// message accented and wrapped in [ ]. VS Code's own words stay English (its language pack is empty). Every screen a
// user meets is visited — the palette, each Studio tab, Configure's input box and quick pick, error notifications, the
// status bar — and each string the extension put there must be pseudo-translated: a string left in English was not
// localised. Each test lists exactly the strings that were not, with where they were found.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Frame } from 'playwright-core';
import { emulator, harnessEnv, openWorkbench, waitFor, type Workbench } from './harness';
import { untranslated, type Shown } from './untranslated';

function assertTranslated(shown: Shown[], screen: string, minimum = 1): void {
  assert.ok(shown.length >= minimum, `${screen}: only ${shown.length} strings found (expected at least ${minimum})`);
  assert.deepStrictEqual(untranslated(shown), [], `${screen}: strings not translated (of ${shown.length} shown)`);
}

/** The pseudo form of an English message, as the run's bundle has it: for typing titles into the palette. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { pseudo } = require(path.join(__dirname, '..', '..', '..', 'scripts', 'lib', 'pseudo-l10n.js')) as {
  pseudo: (english: string) => string;
};

const CATEGORY = pseudo('Azure OpenAI');
const command = (title: string): string => `${CATEGORY}: ${pseudo(title)}`;

/**
 * Runs in the Studio page: every string a user sees or hears there — visible text, the options of visible selects,
 * and the placeholder, aria-label, title and alt of visible elements — with where it is. What the user typed (input
 * and textarea values) is not text of the page, nor is what the page shows as data, each in its own element: names
 * of deployments and models (<code>), of files (.file-name), prompts (.prompt, .revised, an image's alt), dates
 * (<time>) and a history entry's request parameters (dl.params); nor the options that show the service's own value
 * as it is (an option whose text is its value, in any case: "1024x1024", "png" or "MP3", a voice's name).
 */
const STUDIO_STRINGS = `(() => {
  const DATA = 'code, .file-name, .prompt, .revised, time, dl.params, img';
  const out = [];
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden' && !el.closest('[hidden]');
  };
  const where = (el) => {
    const id = el.closest('[id]');
    return el.tagName.toLowerCase() + (el.id ? '#' + el.id : id ? ' in #' + id.id : '');
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || el.closest('script, style, textarea, select') || el.closest(DATA) || !visible(el)) continue;
    const text = n.textContent.trim();
    if (text) out.push({ where: where(el), text });
  }
  for (const select of document.querySelectorAll('select')) {
    if (!visible(select)) continue;
    for (const o of select.options) {
      const text = o.text.trim();
      if (text && text.toLowerCase() !== o.value.toLowerCase()) out.push({ where: where(select) + ' option', text });
    }
  }
  for (const el of document.querySelectorAll('[placeholder], [aria-label], [title], [alt], [aria-description]')) {
    if (!visible(el) || el.closest(DATA)) continue;
    for (const a of ['placeholder', 'aria-label', 'title', 'alt', 'aria-description']) {
      const v = (el.getAttribute(a) || '').trim();
      if (v) out.push({ where: where(el) + ' @' + a, text: v });
    }
  }
  return out;
})()`;

describe('e2e: the pseudo-locale (qps-ploc) shows no untranslated string', function () {
  this.timeout(240000);
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench({ name: 'pseudo-locale' });
  });
  after(async () => {
    await wb?.close();
  });

  it('runs in qps-ploc: the extension host reports it to the Studio page', async () => {
    await wb.runCommand(command('Open Studio'));
    const page = await wb.webviewFrame();
    await page.waitForSelector('#app[data-ready="true"]', { timeout: 60000 });
    assert.strictEqual(await page.evaluate('document.documentElement.lang'), 'qps-ploc');
  });

  it('the palette: every command of the extension', async () => {
    await wb.openFile('notes.md'); // the editor commands are offered with an editor open
    const root = harnessEnv().extensionPath;
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      contributes: { commands: Array<{ command: string; title: string; category?: string }> };
    };
    const english = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const text = (s: string) => s.replace(/^%(.+)%$/, (m, key: string) => english[key] ?? m);
    const shown: Shown[] = [];
    const input = wb.quickInput.locator('input.input');
    const rows = wb.quickInput.locator('.quick-input-list .monaco-list-row');
    for (const c of manifest.contributes.commands) {
      // Typed in English: VS Code matches the English alias it keeps for a translated title, and an untranslated title.
      const title = `${c.category ? `${text(c.category)}: ` : ''}${text(c.title)}`;
      await wb.page.keyboard.press('Escape');
      await wb.page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: 10000 });
      await input.fill(`>${title}`);
      // the row's own label (the alias under it has a label too)
      const label = await waitFor(`"${title}" in the palette`, async () =>
        (await rows.first().locator('.label-name').first().innerText({ timeout: 1000 }).catch(() => '')).trim() || undefined, 15000);
      shown.push({ where: `palette (${c.command})`, text: label });
    }
    await wb.page.keyboard.press('Escape');
    assertTranslated(shown, 'the palette', manifest.contributes.commands.length);
  });

  it('every Studio tab', async () => {
    await wb.runCommand(command('Open Studio'));
    const page: Frame = await wb.webviewFrame();
    await page.waitForSelector('#app[data-ready="true"]', { timeout: 60000 });
    const shown: Shown[] = [];
    for (const tab of ['audio', 'speech', 'images', 'edit', 'history']) {
      await page.click(`#tab-${tab}`);
      await page.waitForSelector(`#panel-${tab}:not([hidden])`);
      await page.waitForTimeout(300);
      for (const s of await page.evaluate<Shown[]>(STUDIO_STRINGS)) shown.push({ where: `${tab}: ${s.where}`, text: s.text });
    }
    // the panel's own title, in the workbench's editor tab
    const tabLabel = await wb.page.locator('.editor-group-container.active .tab.active .label-name').first().innerText();
    shown.push({ where: 'editor tab', text: tabLabel.trim() });
    await wb.screenshot('pseudo-locale-studio');
    assertTranslated(shown, 'the Studio', 50);
  });

  it('the Studio after a run: the result and its history entry', async () => {
    await wb.runCommand(command('Set API Key'));
    await wb.answerInput(emulator.key, { password: true });
    await wb.waitForNotification(/./);
    await wb.clearNotifications();
    await wb.runCommand(command('Open Studio'));
    const page: Frame = await wb.webviewFrame();
    await page.waitForSelector('#app[data-ready="true"]', { timeout: 60000 });
    await page.click('#tab-speech');
    await page.fill('#speech-text', 'Hello from the pseudo-locale.');
    await page.click('#speech-run');
    await page.waitForSelector('#speech-audio', { timeout: 60000 });
    const shown: Shown[] = [];
    for (const s of await page.evaluate<Shown[]>(STUDIO_STRINGS)) shown.push({ where: `speech: ${s.where}`, text: s.text });
    await page.click('#tab-history');
    await page.waitForSelector('#history-list > li[data-operation="speech"]', { timeout: 30000 });
    await page.waitForTimeout(300);
    for (const s of await page.evaluate<Shown[]>(STUDIO_STRINGS)) shown.push({ where: `history: ${s.where}`, text: s.text });
    await wb.screenshot('pseudo-locale-studio-history');
    assertTranslated(shown, 'the Studio after a run', 20);
  });

  it('Configure: the route quick pick and the endpoint box', async () => {
    await wb.runCommand(command('Configure Endpoint and Deployments'));
    await wb.quickPickItems();
    const shown: Shown[] = [];
    const rows = wb.quickInput.locator('.quick-input-list .monaco-list-row');
    for (const part of ['label-name', 'label-description', 'quick-input-list-label-meta']) {
      for (const text of await rows.locator(`.${part}`).allInnerTexts()) if (text.trim()) shown.push({ where: `quick pick ${part}`, text });
    }
    const title = (await wb.quickInput.locator('.quick-input-title').innerText().catch(() => '')).trim();
    if (title) shown.push({ where: 'quick pick title', text: title });
    await wb.screenshot('pseudo-locale-configure');
    // The second route (endpoint and key) asks for the endpoint.
    await wb.quickInput.locator('input.input').press('ArrowDown');
    await wb.quickInput.locator('input.input').press('Enter');
    const box = await wb.waitForInput();
    shown.push({ where: 'endpoint box title', text: box.title },
      // VS Code appends its own (English) hint to the prompt
      { where: 'endpoint box prompt', text: box.prompt.replace(/ \(Press 'Enter' to confirm or 'Escape' to cancel\)$/, '') });
    if (box.placeholder) shown.push({ where: 'endpoint box placeholder', text: box.placeholder });
    await wb.page.keyboard.press('Escape');
    assertTranslated(shown, 'Configure', 5);
  });

  /** The message and buttons of the toast whose message matches. */
  const toast = async (match: RegExp): Promise<Shown[]> => {
    const message = await wb.waitForNotification(match);
    const item = wb.page.locator('.notifications-toasts .notification-list-item',
      { has: wb.page.locator('.notification-list-item-message', { hasText: match }) }).first();
    await item.hover();
    const buttons = (await item.locator('.notification-list-item-buttons-container .monaco-button').allInnerTexts()).map((b) => b.trim());
    return [{ where: 'notification', text: message }, ...buttons.filter(Boolean).map((text) => ({ where: 'notification button', text }))];
  };

  it('an error from bad input: speaking an empty line', async () => {
    await wb.clearNotifications();
    await wb.openFile('notes.md');
    await wb.goToLine(2);
    await wb.runCommand(command('Speak Selected Text'));
    const shown = await toast(/./);
    await wb.screenshot('pseudo-locale-empty-line');
    assertTranslated(shown, 'the empty-line error');
  });

  it('an error from the service: the key is refused', async () => {
    await wb.runCommand(command('Set API Key'));
    await wb.answerInput(emulator.key, { password: true });
    await wb.waitForNotification(/./);
    await wb.clearNotifications();
    await emulator.reset();
    await emulator.injectFault({ kind: 'unauthorized', operation: 'speech' });
    await wb.openFile('notes.md');
    await wb.goToLine(3);
    await wb.runCommand(command('Speak Selected Text'));
    await emulator.waitForRequests((r) => r.operation === 'speech' && r.status === 401);
    const shown = await toast(/./);
    await wb.screenshot('pseudo-locale-service-error');
    assertTranslated(shown, 'the service error', 2);
  });

  it('the status bar item: text and tooltip', async () => {
    await wb.runCommand(command('Show Log')); // the item shows once the extension is active
    const item = wb.page.locator('.statusbar-item[id$="azureOpenAIMedia.status"]').first();
    await item.waitFor({ timeout: 30000 });
    const text = (await item.innerText()).trim();
    // no other hover (an editor tab's) left on screen: the one that shows next is the item's
    await wb.page.mouse.move(700, 450);
    await wb.page.locator('.workbench-hover, .monaco-hover:not(.hidden)').first().waitFor({ state: 'hidden', timeout: 10000 })
      .catch(() => undefined);
    await item.hover();
    const hover = wb.page.locator('.monaco-hover:not(.hidden) .hover-contents, .workbench-hover .hover-contents').first();
    // the hover's lines without the deployment names and the endpoint, which it shows as code
    const pieces = await waitFor('the status bar tooltip', async () => {
      const all = (await hover.innerText().catch(() => '')).trim();
      if (!all) return undefined;
      const codes = (await hover.locator('code').allInnerTexts()).map((c) => c.trim()).filter(Boolean);
      return all.split('\n').map((line) => codes.reduce((l, c) => l.split(c).join(' '), line).trim()).filter(Boolean);
    }, 10000);
    const shown = [{ where: 'status bar text', text }, ...pieces.map((p) => ({ where: 'tooltip', text: p }))];
    assertTranslated(shown, 'the status bar', 2);
  });
});
