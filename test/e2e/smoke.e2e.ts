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
    const line3 = fs.readFileSync(wb.file('fox.ts'), 'utf8').split(/\r?\n/)[2];
    assert.match(line3, /a watercolor fox/);
    // the whole of line 3 is selected: the cursor at its end, as many characters selected as it has
    assert.strictEqual(await wb.cursorStatus(), `Ln 3, Col ${line3.length + 1} (${line3.length} selected)`);
  });

  it('switches between light and dark themes', async () => {
    /** The workbench's theme class and the editor's background luminance (0 black … 1 white). */
    const looks = async (): Promise<{ classes: string; luminance: number }> => wb.page.evaluate(`(() => {
      const workbench = document.querySelector('.monaco-workbench');
      const editor = document.querySelector('.monaco-editor .monaco-editor-background') || workbench;
      const [r, g, b] = getComputedStyle(editor).backgroundColor.match(/[\\d.]+/g).map(Number);
      return { classes: workbench.className, luminance: (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 };
    })()`);
    await wb.openFile('fox.ts');
    await wb.setColorTheme('light');
    const light = await looks();
    await wb.screenshot('smoke-light');
    await wb.setColorTheme('dark');
    const dark = await looks();
    await wb.screenshot('smoke-dark');
    assert.match(light.classes, /(^|\s)vs(\s|$)/, `light theme classes: ${light.classes}`);
    assert.doesNotMatch(light.classes, /vs-dark/);
    assert.match(dark.classes, /(^|\s)vs-dark(\s|$)/, `dark theme classes: ${dark.classes}`);
    assert.ok(light.luminance > 0.8, `the light editor background is not light: ${light.luminance}`);
    assert.ok(dark.luminance < 0.25, `the dark editor background is not dark: ${dark.luminance}`);
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
