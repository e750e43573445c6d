// How the e2e tests run: mocha in Node (scripts/run-e2e.sh) loads this file with `--require`, then every
// out/test/e2e/*.e2e.js. Each test opens workbenches through ./harness (one shared headless Chromium); this root-hook
// plugin screenshots every open workbench when a test fails (.artifacts/screenshots/FAILED-<test>-<n>.png) and closes
// the browser at the end.
import type { Context } from 'mocha';
import { closeAll, openWorkbenches } from './harness';

export const mochaHooks = {
  async afterEach(this: Context): Promise<void> {
    const test = this.currentTest;
    if (!test || test.state !== 'failed') return;
    let n = 0;
    for (const wb of openWorkbenches()) {
      const file = await wb.screenshot(`FAILED-${test.fullTitle()}-${++n}`).catch(() => undefined);
      if (file) console.log(`      screenshot: ${file}`);
    }
  },
  async afterAll(): Promise<void> {
    await closeAll();
  },
};
