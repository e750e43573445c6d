// Runs the integration suite inside code-server's extension host: opens the workbench in headless Chromium with
// extensionDevelopmentPath/extensionTestsPath in the URL payload (code-server ignores the CLI flags), forwards the
// extension host's console to stdout and to a log file, and exits with the suite's exit code.
// Env: CS_HOST, AOAI_WORKSPACE (what to open: a folder, a .code-workspace file, or empty for a window with no folder;
//      scripts/lib/make-window.js), AOAI_EXT_PATH, AOAI_TESTS_PATH (index.js), AOAI_RUN_LOGS,
//      AOAI_ITEST_TIMEOUT (ms, default 20 min), CHROMIUM (default /usr/bin/chromium).
'use strict';
const fs = require('fs');
const path = require('path');
const util = require('util');
const { chromium } = require('playwright-core');
const { CHROMIUM_ARGS } = require('./chromium-args');
const { windowQuery } = require('./make-window');

const env = process.env;
for (const k of ['CS_HOST', 'AOAI_WORKSPACE', 'AOAI_EXT_PATH', 'AOAI_TESTS_PATH']) {
  if (env[k] === undefined || (!env[k] && k !== 'AOAI_WORKSPACE')) { console.error(`itest-driver: ${k} is not set`); process.exit(2); }
}
const host = env.CS_HOST;
const logDir = env.AOAI_RUN_LOGS || path.join(env.AOAI_EXT_PATH, '.artifacts', 'logs', 'integration');
fs.mkdirSync(logDir, { recursive: true });
const logFile = fs.createWriteStream(path.join(logDir, `exthost-console${env.AOAI_WINDOW ? `-${env.AOAI_WINDOW}` : ''}.log`));
const timeoutMs = Number(env.AOAI_ITEST_TIMEOUT) || 20 * 60 * 1000;
const NOISE = /^(Resolv|Creating a socket|\[Service Worker\]|Updating additional builtin|ChatSessionStore)|vsda|open-vsx\.org|ENOTFOUND/;

(async () => {
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', `vscode-remote://${host}${env.AOAI_EXT_PATH}`],
    ['extensionTestsPath', `vscode-remote://${host}${env.AOAI_TESTS_PATH}`],
    ['skipWelcome', 'true'],
  ]);
  const browser = await chromium.launch({ executablePath: env.CHROMIUM || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  let finish;
  const exited = new Promise((r) => (finish = r));
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const s = util.format(...(args || []));
    logFile.write(s + '\n');
    if (!NOISE.test(s)) (type === 'error' ? process.stderr : process.stdout).write(s + '\n');
  });
  await page.exposeFunction('codeAutomationExit', (code) => finish(code));
  page.on('pageerror', (e) => logFile.write(`[page error] ${e.message}\n`));
  const url = `http://${host}/?${windowQuery(env.AOAI_WORKSPACE)}&payload=${encodeURIComponent(payload)}`;
  await page.goto(url);
  let timer;
  const code = await Promise.race([exited, new Promise((r) => (timer = setTimeout(() => r('TIMEOUT'), timeoutMs)))]);
  clearTimeout(timer);
  if (code !== 0) {
    const shots = path.join(env.AOAI_ARTIFACTS || path.join(env.AOAI_EXT_PATH, '.artifacts'), 'screenshots');
    fs.mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: path.join(shots, `integration-${env.AOAI_WINDOW || 'folder'}-exit-${code}.png`) }).catch(() => undefined);
  }
  await browser.close();
  logFile.end();
  console.log(`integration: extension host exit code ${code}`);
  process.exit(code === 0 ? 0 : 1);
})().catch((e) => { console.error('integration driver failed:', e); process.exit(2); });
