// Playwright helpers for the e2e tests: a real VS Code workbench (code-server, started by scripts/run-e2e.sh) in
// headless Chromium, driven the way a user drives it: F1 + command title, input boxes, quick picks, the explorer's
// context menu, notifications, themes, the Studio webview. Also the emulator's control routes over HTTP.
//
// Env (set by scripts/run-e2e.sh): CS_HOST, AOAI_EXT_PATH, AOAI_WORK, AOAI_SAMPLE_WORKSPACE, AOAI_ARTIFACTS,
// AOAI_RUN_LOGS, AOAI_EMULATOR_URL, AOAI_EMULATOR_KEY, CHROMIUM.
import * as fs from 'fs';
import * as path from 'path';
import { chromium, type Browser, type BrowserContext, type Frame, type FrameLocator, type Locator, type Page } from 'playwright-core';
import { emulatorControl } from '../emulator/control';
import type { RecordedRequest } from '../emulator/server';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/** What the tests' in-page callbacks read from an element. They run in the browser, but the tests compile without
 * the DOM library (the extension's code must not use it), so Playwright's Element type is unknown here. */
export interface PageElement {
  getAttribute(name: string): string | null;
  textContent: string | null;
}

export interface HarnessEnv {
  /** host:port of code-server */
  host: string;
  extensionPath: string;
  workDir: string;
  sampleWorkspace: string;
  artifacts: string;
  logs: string;
  emulatorUrl: string;
  emulatorKey: string;
}

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run e2e tests through scripts/run-e2e.sh`);
  return v;
}

export function harnessEnv(): HarnessEnv {
  const extensionPath = required('AOAI_EXT_PATH');
  const artifacts = process.env.AOAI_ARTIFACTS || path.join(extensionPath, '.artifacts');
  return {
    host: required('CS_HOST'),
    extensionPath,
    workDir: required('AOAI_WORK'),
    sampleWorkspace: required('AOAI_SAMPLE_WORKSPACE'),
    artifacts,
    logs: process.env.AOAI_RUN_LOGS || path.join(artifacts, 'logs', 'e2e'),
    emulatorUrl: process.env.AOAI_EMULATOR_URL ?? '',
    emulatorKey: process.env.AOAI_EMULATOR_KEY ?? '',
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns a value other than undefined/false, or throws after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 30000, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
    } catch (e) { lastError = e; }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? `: ${lastError.message}` : lastError ? `: ${JSON.stringify(lastError)}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}`);
    }
    await sleep(intervalMs);
  }
}

/** A fresh copy of the sample workspace (hello.wav, hello.mp3, bonjour.wav, fox.ts, fox.py, notes.md,
 *  landscape.png, landscape.mask.png) in this run's work dir. Returns its absolute path. */
export function freshWorkspace(name: string): string {
  const dir = freshDir(name);
  fs.cpSync(harnessEnv().sampleWorkspace, dir, { recursive: true });
  return dir;
}

/** A new, not yet existing path in this run's work dir, named after `name`. */
function freshDir(name: string): string {
  const env = harnessEnv();
  const safe = name.replace(/[^\w.-]+/g, '-');
  let dir = path.join(env.workDir, 'workspaces', safe);
  for (let i = 2; fs.existsSync(dir); i++) dir = path.join(env.workDir, 'workspaces', `${safe}-${i}`);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  return dir;
}

// ---------------------------------------------------------------------------------------------------------------------
// Browser and workbench

let browser: Browser | undefined;
const open = new Set<Workbench>();

async function sharedBrowser(): Promise<Browser> {
  if (!browser || !browser.isConnected()) {
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  }
  return browser;
}

/** Workbenches open right now (the runner screenshots them when a test fails). */
export function openWorkbenches(): Workbench[] {
  return [...open];
}

/** Closes every workbench and the browser (the runner does this after all tests). */
export async function closeAll(): Promise<void> {
  for (const wb of [...open]) await wb.close().catch(() => undefined);
  if (browser) await browser.close().catch(() => undefined);
  browser = undefined;
}

export interface OpenOptions {
  /** Folder to open; default: a fresh copy of the sample workspace named after `name`. */
  folder?: string;
  /**
   * Another kind of window, made fresh from the sample workspace by scripts/lib/make-window.js: `multiroot` (a
   * .code-workspace of workspace/ and second-folder/; paths are then relative to the folder holding both) or `empty`.
   */
  window?: 'multiroot' | 'empty';
  /** Used for the workspace copy, log and screenshot names. */
  name?: string;
  /** 'light' | 'dark' | 'hc' or a theme's label, applied once the workbench is up. */
  theme?: string;
  viewport?: { width: number; height: number };
  /** Load the extension from the repo (default true). */
  withExtension?: boolean;
  /** User settings for this window, merged over the run's baseline (emulator endpoint, deployments, apiKey auth).
   *  Written before the window loads; every openWorkbench starts again from the baseline. */
  settings?: Record<string, unknown>;
  /** Baseline user settings left out for this window (a setting a new user has not set). */
  unset?: string[];
}

/** Restores the run's baseline user settings, plus `extra`. (The user settings file is shared by the server's windows.) */
export function writeUserSettings(extra: Record<string, unknown> = {}, unset: readonly string[] = []): void {
  const userData = required('AOAI_USER_DATA');
  const base = path.join(userData, 'User', 'settings.base.json');
  const file = path.join(userData, 'User', 'settings.json');
  if (!fs.existsSync(base)) fs.copyFileSync(file, base);
  const settings = { ...(JSON.parse(fs.readFileSync(base, 'utf8')) as Record<string, unknown>), ...extra };
  for (const key of unset) delete settings[key];
  fs.writeFileSync(file, JSON.stringify(settings, null, 2) + '\n');
}

export async function openWorkbench(opts: OpenOptions = {}): Promise<Workbench> {
  const env = harnessEnv();
  const name = opts.name ?? 'workbench';
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- plain JavaScript shared with run-integration.sh
  const windows = require(path.join(env.extensionPath, 'scripts', 'lib', 'make-window.js')) as {
    makeWindow(kind: string, dir: string, sample: string): string;
    windowQuery(target: string): string;
  };
  let folder: string;
  let target: string;
  if (opts.window) {
    folder = freshDir(name);
    target = windows.makeWindow(opts.window, folder, env.sampleWorkspace);
  } else {
    folder = opts.folder ?? freshWorkspace(name);
    target = folder;
  }
  writeUserSettings(opts.settings, opts.unset);
  const b = await sharedBrowser();
  const context = await b.newContext({ viewport: opts.viewport ?? { width: 1400, height: 900 } });
  const page = await context.newPage();
  fs.mkdirSync(env.logs, { recursive: true });
  const consoleLog = fs.createWriteStream(path.join(env.logs, `browser-${name.replace(/[^\w.-]+/g, '-')}.log`), { flags: 'a' });
  page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.message}\n`));
  const payload: Array<[string, string]> = [['skipWelcome', 'true']];
  if (opts.withExtension !== false) payload.push(['extensionDevelopmentPath', `vscode-remote://${env.host}${env.extensionPath}`]);
  const url = `http://${env.host}/?${windows.windowQuery(target)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const wb = new Workbench(context, page, folder, name, () => consoleLog.end());
  open.add(wb);
  await page.goto(url);
  await wb.waitReady();
  if (opts.theme) await wb.setColorTheme(opts.theme);
  return wb;
}

const THEMES: Record<string, { label: string; bodyClass: string }> = {
  light: { label: 'Light Modern', bodyClass: 'vs' },
  dark: { label: 'Dark Modern', bodyClass: 'vs-dark' },
  hc: { label: 'Dark High Contrast', bodyClass: 'hc-black' },
  'hc-light': { label: 'Light High Contrast', bodyClass: 'hc-light' },
};

export class Workbench {
  private closed = false;

  constructor(readonly context: BrowserContext, readonly page: Page, readonly folder: string, readonly name: string,
    private readonly onClose: () => void) {}

  /** Absolute path of a workspace-relative path. */
  file(rel: string): string {
    return path.join(this.folder, rel);
  }

  async waitReady(timeoutMs = 60000): Promise<void> {
    await this.page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: timeoutMs });
    await this.page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: timeoutMs });
  }

  // --- command palette, input boxes, quick picks ------------------------------------------------------------------

  /** The quick input widget (command palette, input boxes, quick picks). */
  get quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  private quickRows(): Locator {
    return this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
  }

  /**
   * Runs a command by its palette title ("Azure OpenAI: Transcribe Audio File") through F1. Retries: right after load
   * the palette may not list an extension's commands yet.
   */
  async runCommand(title: string, opts: { attempts?: number } = {}): Promise<void> {
    const attempts = opts.attempts ?? 15;
    const input = this.quickInput.locator('input.input');
    const row = this.quickRows().filter({ has: this.page.locator(`.label-name`, { hasText: exactText(title) }) }).first();
    for (let attempt = 1; ; attempt++) {
      await this.closeQuickInput();
      await this.page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: 10000 });
      await input.fill(`>${title}`);
      try {
        await row.waitFor({ timeout: 3000 });
        await row.click();
        return;
      } catch (e) {
        if (attempt >= attempts) throw new Error(`command "${title}" not found in the palette after ${attempts} attempts`);
        await this.page.keyboard.press('Escape');
        await sleep(1000);
      }
    }
  }

  /** Whether the palette lists a command with this title (retrying for a few seconds after load). */
  async paletteHasCommand(title: string, attempts = 5): Promise<boolean> {
    const input = this.quickInput.locator('input.input');
    const row = this.quickRows().filter({ has: this.page.locator('.label-name', { hasText: exactText(title) }) }).first();
    try {
      for (let attempt = 1; attempt <= attempts; attempt++) {
        await this.closeQuickInput();
        await this.page.keyboard.press('F1');
        await input.waitFor({ state: 'visible', timeout: 10000 });
        await input.fill(`>${title}`);
        if (await row.waitFor({ timeout: 2000 }).then(() => true, () => false)) return true;
      }
      return false;
    } finally {
      await this.closeQuickInput();
    }
  }

  private async closeQuickInput(): Promise<void> {
    await this.dismissContextMenu();
    if (await this.quickInput.isVisible()) {
      await this.page.keyboard.press('Escape');
      await this.quickInput.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
    }
  }

  /** Waits for an input box (optionally one whose prompt/placeholder/title matches) and returns its texts. */
  async waitForInput(match?: string | RegExp, timeoutMs = 30000): Promise<{ prompt: string; placeholder: string; title: string;
    password: boolean }> {
    const input = this.quickInput.locator('input.input');
    return waitFor(`an input box${match ? ` matching ${match}` : ''}`, async () => {
      if (!(await input.isVisible())) return undefined;
      const info = {
        prompt: (await this.quickInput.locator('.quick-input-message').innerText().catch(() => '')).trim(),
        placeholder: (await input.getAttribute('placeholder')) ?? '',
        title: (await this.quickInput.locator('.quick-input-title').innerText().catch(() => '')).trim(),
        password: (await input.getAttribute('type')) === 'password',
      };
      if (match === undefined) return info;
      const all = `${info.title}\n${info.placeholder}\n${info.prompt}`;
      return (typeof match === 'string' ? all.includes(match) : match.test(all)) ? info : undefined;
    }, timeoutMs);
  }

  /** Types `text` into the open input box (waiting for it) and presses Enter. `password: true` asserts a password box. */
  async answerInput(text: string, opts: { match?: string | RegExp; password?: boolean; timeoutMs?: number } = {}): Promise<void> {
    const info = await this.waitForInput(opts.match, opts.timeoutMs);
    if (opts.password !== undefined && info.password !== opts.password) {
      const kind = (password: boolean): string => (password ? 'a password' : 'a plain');
      throw new Error(`expected ${kind(opts.password)} input box, got ${kind(info.password)} one`);
    }
    const input = this.quickInput.locator('input.input');
    await input.fill(text);
    await input.press('Enter');
  }

  /** Labels of the rows the open quick pick shows. */
  async quickPickItems(timeoutMs = 30000): Promise<string[]> {
    await this.quickRows().first().waitFor({ timeout: timeoutMs });
    return (await this.quickRows().locator('.label-name').allInnerTexts()).map((s) => s.trim());
  }

  /** Chooses the quick-pick item whose label matches (exact string or RegExp). For multi-select picks pass several
   *  labels: each is toggled, then OK is pressed. */
  async pickQuickItem(labels: string | RegExp | Array<string | RegExp>, timeoutMs = 30000): Promise<void> {
    const list = Array.isArray(labels) ? labels : [labels];
    const multi = await this.quickInput.locator('.quick-input-check-all').isVisible().catch(() => false);
    for (const label of list) {
      const row = this.quickRows().filter({ has: this.page.locator('.label-name',
        { hasText: typeof label === 'string' ? exactText(label) : label }) }).first();
      await row.waitFor({ timeout: timeoutMs });
      await row.click();
    }
    if (multi || list.length > 1) await this.quickInput.locator('input.input').press('Enter');
  }

  // --- explorer ----------------------------------------------------------------------------------------------------

  /** The explorer row of a workspace-relative path, expanding its parent folders. */
  async explorerRow(rel: string, timeoutMs = 30000): Promise<Locator> {
    await this.dismissContextMenu();
    const view = this.page.locator('.explorer-folders-view');
    if (!(await view.isVisible())) await this.runCommand('View: Show Explorer');
    const parts = rel.split(/[\\/]/).filter(Boolean);
    for (let i = 0; i < parts.length; i++) {
      const row = view.locator(`.monaco-list-row[aria-level="${i + 1}"][aria-label="${cssString(parts[i])}"]`).first();
      await waitFor(`"${parts.slice(0, i + 1).join('/')}" in the explorer`, async () => {
        if (await row.isVisible()) return true;
        // a file created on disk shows up once the explorer refreshes
        await this.page.locator('.explorer-folders-view').hover().catch(() => undefined);
        return false;
      }, timeoutMs);
      if (i < parts.length - 1 && (await row.getAttribute('aria-expanded')) === 'false') await row.click();
      if (i === parts.length - 1) return row;
    }
    throw new Error('empty path');
  }

  /** Opens a file by clicking it in the explorer, and waits for its editor tab. */
  async openFile(rel: string): Promise<void> {
    const base = path.basename(rel);
    const isActive = async () => (await this.activeTab()).startsWith(base);
    for (let attempt = 1; ; attempt++) {
      const row = await this.explorerRow(rel);
      await row.click();
      await waitFor(`${base} as the active editor`, isActive, 30000);
      // An editor opened late by an earlier action can still take over: wait until this one stays in front.
      await sleep(500);
      if (await isActive()) return;
      if (attempt >= 3) throw new Error(`${base} does not stay the active editor (now: ${await this.activeTab()})`);
    }
  }

  /** Right-clicks one file (or several: ctrl-click multi-select) in the explorer and chooses a context-menu entry. */
  async explorerContextMenu(rel: string | string[], entry: string | RegExp): Promise<void> {
    const files = Array.isArray(rel) ? rel : [rel];
    const rows: Locator[] = [];
    for (const f of files) rows.push(await this.explorerRow(f));
    // A right-click selects a single row by itself; a left click would also open the file in a preview editor.
    if (rows.length > 1) {
      await rows[0].click();
      for (const r of rows.slice(1, -1)) await r.click({ modifiers: ['Control'] });
      await rows[rows.length - 1].click({ modifiers: ['Control'] });
    }
    await rows[rows.length - 1].click({ button: 'right' });
    await this.chooseContextMenuEntry(entry);
  }

  /** Entries of the open context menu. */
  async contextMenuEntries(): Promise<string[]> {
    const items = this.page.locator('.context-view .monaco-menu .action-item:not(.disabled) .action-label');
    await items.first().waitFor({ timeout: 10000 });
    return (await items.evaluateAll((els: PageElement[]) => els.map((e) => e.getAttribute('aria-label') ?? e.textContent ?? '')))
      .map((s) => s.trim()).filter(Boolean);
  }

  async chooseContextMenuEntry(entry: string | RegExp): Promise<void> {
    const item = this.page.locator('.context-view .monaco-menu .action-item .action-label',
      { hasText: typeof entry === 'string' ? exactText(entry) : entry }).first();
    try {
      await item.waitFor({ timeout: 10000 });
    } catch {
      const seen = await this.contextMenuEntries().catch(() => []);
      await this.page.keyboard.press('Escape');
      throw new Error(`context menu has no entry ${entry}; it has: ${seen.join(' | ')}`);
    }
    await item.click();
    // The menu sometimes swallows a click that comes right after it opened; the entry is focused then, so Enter runs it.
    const menu = this.page.locator('.context-view .monaco-menu');
    if (await menu.waitFor({ state: 'hidden', timeout: 1500 }).then(() => false, () => true)) {
      const focused = this.page.locator('.context-view .monaco-menu .action-item.focused .action-label',
        { hasText: typeof entry === 'string' ? exactText(entry) : entry });
      if (await focused.count()) await this.page.keyboard.press('Enter');
      else await item.click();
      await menu.waitFor({ state: 'hidden', timeout: 5000 });
    }
  }

  /** Closes a context menu left open (it would swallow the next clicks). */
  async dismissContextMenu(): Promise<void> {
    const menu = this.page.locator('.context-view .monaco-menu');
    for (let i = 0; i < 5 && (await menu.isVisible()); i++) {
      await this.page.keyboard.press('Escape');
      await menu.waitFor({ state: 'hidden', timeout: 1000 }).catch(() => undefined);
    }
  }

  /** Right-clicks a file in the explorer and returns the entries of its context menu, then closes the menu. */
  async explorerContextMenuEntries(rel: string): Promise<string[]> {
    const row = await this.explorerRow(rel);
    await row.click({ button: 'right' });
    try {
      return await this.contextMenuEntries();
    } finally {
      await this.dismissContextMenu();
    }
  }

  // --- editor ------------------------------------------------------------------------------------------------------

  /** Moves the cursor to `from` and selects up to the end of line `to` (default: the same line). 1-based. Works on
   *  word-wrapped lines. */
  async selectLines(from: number, to = from): Promise<void> {
    const editor = await this.activeTab();
    await this.goToLine(from);
    await this.page.keyboard.press('Home');
    if (!/Col 1\b/.test(await this.cursorStatus())) await this.page.keyboard.press('Home'); // indented: first press stops at the text
    for (let i = from; i < to; i++) await this.page.keyboard.press('Shift+ArrowDown');
    // On a word-wrapped line each End stops at the next wrap: press it until the column stops moving.
    let before = '';
    for (let i = 0; i < 20; i++) {
      await this.page.keyboard.press('Shift+End');
      const now = await this.cursorStatus();
      if (now === before) break;
      before = now;
    }
    await waitFor('a selection', async () => /selected/.test(await this.cursorStatus()), 5000);
    const now = await this.activeTab();
    if (now !== editor) throw new Error(`the active editor changed from "${editor}" to "${now}" while selecting`);
  }

  /** The status bar's cursor item, e.g. "Ln 3, Col 73 (72 selected)". */
  async cursorStatus(): Promise<string> {
    return (await this.page.locator('#status\\.editor\\.selection').innerText().catch(() => '')).trim();
  }

  /** Puts the cursor on line `line` of the active editor (through the palette's ":" go-to-line), and checks it got there. */
  async goToLine(line: number): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await this.closeQuickInput();
      await this.page.keyboard.press('F1');
      const input = this.quickInput.locator('input.input');
      await input.waitFor({ state: 'visible', timeout: 10000 });
      await input.fill(`:${line}`);
      // Enter only once the go-to-line picker has taken the number, or it closes without moving
      await this.quickRows().filter({ hasText: new RegExp(`\\b${line}\\b`) }).first().waitFor({ timeout: 5000 }).catch(() => undefined);
      await input.press('Enter');
      await this.quickInput.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
      const at = await waitFor(`the cursor on line ${line}`, async () =>
        new RegExp(`^Ln ${line},`).test(await this.cursorStatus()), 3000).then(() => true, () => false);
      if (at) return;
      if (attempt >= 3) throw new Error(`could not move the cursor to line ${line} (status: ${await this.cursorStatus()})`);
    }
  }

  /** Text of the active editor as rendered (visible lines only; Monaco virtualises long files). */
  async editorText(): Promise<string> {
    const lines = this.page.locator('.editor-group-container.active .monaco-editor .view-lines .view-line');
    const tops = await lines.evaluateAll((els: Array<PageElement & { style: { top: string } }>) => els.map((e) =>
      ({ top: parseFloat(e.style.top) || 0, text: (e.textContent ?? '').replace(/\u00a0/g, ' ') })));
    return tops.sort((a, b) => a.top - b.top).map((l) => l.text).join('\n');
  }

  /** Label of the active editor tab. */
  async activeTab(): Promise<string> {
    return (await this.page.locator('.editor-group-container.active .tabs-container .tab.active').first().getAttribute('aria-label')) ?? '';
  }

  // --- notifications -----------------------------------------------------------------------------------------------

  /** Messages of the notification toasts on screen now. */
  async notifications(): Promise<string[]> {
    return (await this.page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts()).map((s) => s.trim());
  }

  /** Waits until a toast's message matches; returns the message. */
  async waitForNotification(match: string | RegExp, timeoutMs = 30000): Promise<string> {
    return waitFor(`a notification matching ${match}`, async () =>
      (await this.notifications()).find((m) => (typeof match === 'string' ? m.includes(match) : match.test(m))), timeoutMs);
  }

  /** Clicks a button (e.g. "Open", "Retry") on the toast whose message matches. */
  async clickNotificationButton(match: string | RegExp, button: string): Promise<void> {
    await this.waitForNotification(match);
    const toast = this.page.locator('.notifications-toasts .notification-list-item', {
      has: this.page.locator('.notification-list-item-message', { hasText: match }),
    }).first();
    await toast.hover();
    await toast.locator('.monaco-button', { hasText: exactText(button) }).first().click();
  }

  /** Dismisses every toast. */
  async clearNotifications(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications').catch(() => undefined);
  }

  /** The modal dialog on screen (a modal showInformationMessage): its message, detail and button labels. */
  async dialog(timeoutMs = 30000): Promise<{ message: string; detail: string; buttons: string[] }> {
    const box = this.page.locator('.monaco-dialog-box').first();
    await box.waitFor({ timeout: timeoutMs });
    return {
      message: (await box.locator('.dialog-message-text').innerText().catch(() => '')).trim(),
      detail: (await box.locator('.dialog-message-detail').innerText().catch(() => '')).trim(),
      buttons: (await box.locator('.dialog-buttons .monaco-button').allInnerTexts()).map((b) => b.trim()),
    };
  }

  /** Presses the modal dialog's button whose label matches. */
  async clickDialogButton(label: string | RegExp, timeoutMs = 30000): Promise<void> {
    const button = this.page.locator('.monaco-dialog-box .dialog-buttons .monaco-button',
      { hasText: typeof label === 'string' ? exactText(label) : label }).first();
    await button.waitFor({ timeout: timeoutMs });
    await button.click();
    await this.page.locator('.monaco-dialog-box').first().waitFor({ state: 'detached', timeout: timeoutMs });
  }

  // --- files written by the extension ------------------------------------------------------------------------------

  /** Waits until a workspace-relative file exists and is non-empty; returns its absolute path. */
  async waitForFile(rel: string | RegExp, opts: { dir?: string; timeoutMs?: number } = {}): Promise<string> {
    const dir = path.join(this.folder, opts.dir ?? '');
    return waitFor(`file ${rel} in ${dir}`, () => {
      if (typeof rel === 'string') {
        const p = path.join(this.folder, rel);
        return fs.existsSync(p) && fs.statSync(p).size > 0 ? p : undefined;
      }
      if (!fs.existsSync(dir)) return undefined;
      const hit = fs.readdirSync(dir).find((n) => rel.test(n) && fs.statSync(path.join(dir, n)).size > 0);
      return hit ? path.join(dir, hit) : undefined;
    }, opts.timeoutMs ?? 60000);
  }

  /** Workspace-relative paths of every file in the workspace (recursive). */
  listFiles(): string[] {
    const out: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const full = path.join(d, e.name);
        if (e.isDirectory()) walk(full);
        else out.push(path.relative(this.folder, full));
      }
    };
    walk(this.folder);
    return out.sort();
  }

  // --- looks: screenshots and themes -------------------------------------------------------------------------------

  /** Saves a PNG of the whole window into .artifacts/screenshots/<name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    const dir = path.join(harnessEnv().artifacts, 'screenshots');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Switches the colour theme through "Preferences: Color Theme": 'light', 'dark', 'hc', 'hc-light' or a theme label. */
  async setColorTheme(theme: string): Promise<void> {
    const known = THEMES[theme];
    const label = known?.label ?? theme;
    await this.runCommand('Preferences: Color Theme');
    const input = this.quickInput.locator('input.input');
    await input.fill(label);
    const row = this.quickRows().filter({ has: this.page.locator('.label-name', { hasText: exactText(label) }) }).first();
    await row.waitFor({ timeout: 10000 });
    await row.click();
    if (known) await this.page.locator(`.monaco-workbench.${known.bodyClass}`).waitFor({ timeout: 10000 });
    await this.quickInput.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
  }

  /**
   * Answers VS Code's simple open dialog with an absolute path. The dialog completes the path while it loads folders
   * and can rewrite what was typed, or still call a just-made file missing: Enter only once the box holds `target`, and
   * type it again while the dialog stays open, until `chosen` says the page took the file.
   */
  async answerOpenDialog(target: string, chosen: () => Promise<boolean>): Promise<void> {
    const dialog = this.quickInput.locator('input.input');
    await dialog.waitFor({ state: 'visible', timeout: 30000 });
    for (let attempt = 1; ; attempt++) {
      try {
        await dialog.fill(target);
        await waitFor('the typed path in the open dialog', async () => (await dialog.inputValue()) === target, 10000);
        await dialog.press('Enter');
        await waitFor('the chosen file taken', chosen, 10000);
        return;
      } catch (e) {
        if (attempt >= 3 || !(await dialog.isVisible())) throw e;
      }
    }
  }

  /** Saves `key` through "Azure OpenAI: Set API Key" as a user types it, and clears the notification that says so. */
  async saveApiKey(key: string): Promise<void> {
    await this.runCommand('Azure OpenAI: Set API Key');
    await this.answerInput(key, { password: true });
    await this.waitForNotification(/API key .* saved/);
    await this.clearNotifications();
  }

  /**
   * Opens the Studio (or brings it to the front) and returns its page once ready; retried, since a restored panel may
   * load its page twice (options, then html).
   */
  async openStudio(timeoutMs = 60000): Promise<Frame> {
    await this.runCommand('Azure OpenAI: Open Studio');
    return this.studioPage(timeoutMs);
  }

  /** The Studio's page once it is ready (see openStudio). */
  async studioPage(timeoutMs = 60000): Promise<Frame> {
    return waitFor('the Studio page', async () => {
      const frame = await this.webviewFrame(0, 10000);
      await frame.waitForSelector('#app[data-ready="true"]', { timeout: 5000 });
      await new Promise((r) => setTimeout(r, 300));
      return frame.isDetached() ? undefined : frame;
    }, timeoutMs, 500);
  }

  // --- webviews ------------------------------------------------------------------------------------------------------

  /**
   * The content of the visible webview (e.g. the Studio): VS Code nests the page in iframe.webview > iframe#active-frame.
   * A FrameLocator auto-waits; use `webviewFrame()` when you need `evaluate`.
   */
  webview(index = 0): FrameLocator {
    return this.page.locator('iframe.webview.ready').filter({ visible: true }).nth(index)
      .contentFrame().locator('iframe#active-frame').contentFrame();
  }

  /** The webview's inner Frame, once its document has loaded (for `evaluate`, `waitForFunction`). */
  async webviewFrame(index = 0, timeoutMs = 30000): Promise<Frame> {
    return waitFor('a webview frame', async () => {
      const outer = await this.page.locator('iframe.webview.ready').filter({ visible: true }).nth(index).elementHandle({ timeout: 1000 });
      const outerFrame = await outer?.contentFrame();
      const inner = await (await outerFrame?.$('iframe#active-frame'))?.contentFrame();
      if (!inner) return undefined;
      const ready = await inner.evaluate('document.readyState === "complete"').catch(() => false);
      return ready ? inner : undefined;
    }, timeoutMs);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    open.delete(this);
    await this.context.close().catch(() => undefined);
    this.onClose();
  }
}

function exactText(s: string): RegExp {
  return new RegExp(`^\\s*${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}

function cssString(s: string): string {
  return s.replace(/["\\]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------------------------------------
// The emulator, through its HTTP control routes

function emulatorUrl(): string {
  const url = process.env.AOAI_EMULATOR_URL;
  if (!url) throw new Error('AOAI_EMULATOR_URL is not set: the emulator was not started (is out/test/emulator/cli.js built?)');
  return url;
}

const control = emulatorControl(emulatorUrl);

export const emulator = {
  get url(): string { return emulatorUrl(); },
  /** The API key the emulator accepts (what a user pastes into "Set API Key"). */
  get key(): string { return required('AOAI_EMULATOR_KEY'); },
  /** Every API request received so far (control routes excluded). */
  requests: control.requests,
  /** Waits until at least `count` requests match `pred`; returns the matching ones. */
  async waitForRequests(pred: (r: RecordedRequest) => boolean, count = 1, timeoutMs = 60000): Promise<RecordedRequest[]> {
    return waitFor(`${count} matching emulator request(s)`, async () => {
      const hits = (await this.requests()).filter(pred);
      return hits.length >= count ? hits : undefined;
    }, timeoutMs, 250);
  },
  injectFault: control.injectFault,
  paceStreams: control.paceStreams,
  management: control.management,
  reset: control.reset,
};

/** Hands a page's drop zone (`selector`) files as a drop from the Explorer does: a URI list. */
export async function dropFiles(page: Frame, selector: string, files: string[]): Promise<void> {
  const uris = files.map((f) => (f.startsWith('file://') ? f : `file://${f}`)).join('\r\n');
  await page.evaluate(`(() => {
    const zone = document.querySelector(${JSON.stringify(selector)});
    const data = new DataTransfer();
    data.setData('text/uri-list', ${JSON.stringify(uris)});
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  })()`);
}
