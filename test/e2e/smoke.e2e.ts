// Smoke test of the e2e harness: the workbench comes up with the sample workspace and the extension, and a command
// of the extension runs from the palette (F1 + title).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { harnessEnv, openWorkbench, type Workbench } from './harness';

describe('e2e smoke: workbench', function () {
  this.timeout(180000);
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench({ name: 'smoke' });
  });
  after(async () => {
    await wb?.close();
  });

  it('shows the sample workspace in the explorer', async () => {
    for (const f of ['hello.wav', 'fox.ts', 'landscape.png', 'landscape.mask.png']) {
      assert.ok(await (await wb.explorerRow(f)).isVisible(), `${f} not in the explorer`);
    }
    await wb.screenshot('smoke-workbench');
  });

  it('opens a file and selects a line', async () => {
    await wb.openFile('fox.ts');
    assert.match(await wb.activeTab(), /fox\.ts/);
    await wb.selectLines(3);
    assert.match(await wb.editorText(), /a watercolor fox/);
  });

  it('switches between light and dark themes', async () => {
    await wb.setColorTheme('light');
    await wb.screenshot('smoke-light');
    await wb.setColorTheme('dark');
    await wb.screenshot('smoke-dark');
  });

  it('lists every command the extension contributes in the palette, as "Azure OpenAI: <title>"', async () => {
    const root = harnessEnv().extensionPath;
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      contributes?: {
        commands?: Array<{ command: string; title: string; category?: string }>;
        menus?: { commandPalette?: Array<{ command: string; when?: string }> };
      };
    };
    const nlsFile = path.join(root, 'package.nls.json');
    const nls = fs.existsSync(nlsFile) ? (JSON.parse(fs.readFileSync(nlsFile, 'utf8')) as Record<string, string>) : {};
    const text = (s: string) => s.replace(/^%(.+)%$/, (m, key: string) => nls[key] ?? m);
    const commands = manifest.contributes?.commands ?? [];
    assert.ok(commands.length > 0, 'package.json contributes no commands');
    // commands deliberately kept out of the palette (menus.commandPalette with when: false) are not expected there
    const hidden = new Set((manifest.contributes?.menus?.commandPalette ?? []).filter((m) => m.when === 'false').map((m) => m.command));
    const missing: string[] = [];
    for (const c of commands.filter((c) => !hidden.has(c.command))) {
      const title = c.category ? `${text(c.category)}: ${text(c.title)}` : text(c.title);
      if (!(await wb.paletteHasCommand(title))) missing.push(title);
    }
    assert.deepStrictEqual(missing, [], 'not in the command palette');
  });
});
