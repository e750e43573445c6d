import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { ESLint as ESLintClass, Linter } from 'eslint';

// The layer rule (eslint.config.mjs, scripts/lib/eslint-layers.mjs) on deliberate wrong imports: the entries of the
// real config that hold the layers run over small sources placed, by name, in each folder of src/. (The type-aware
// entries are left out: they need each file in a tsconfig, and these files exist only in memory.)
const root = path.join(__dirname, '..', '..', '..');
// tsc compiles import() to require() for CommonJS, and Node 20 cannot require the ES modules of the config and ESLint.
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

let eslint: ESLintClass;

before(async () => {
  const { ESLint } = (await importEsm('eslint')) as { ESLint: typeof ESLintClass };
  const tseslint = (await importEsm('typescript-eslint')) as { default: { parser: Linter.Parser } };
  const config = ((await importEsm(path.join(root, 'eslint.config.mjs'))) as { default: Linter.Config[] }).default;
  const layerEntries = config.filter((c) => c.rules && ('layers/allowed-imports' in c.rules || 'no-restricted-imports' in c.rules));
  assert.equal(layerEntries.length, 2, 'the config has the layer rule and the vscode rule');
  eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.default.parser } }, ...layerEntries],
  });
});

/** The layer messages ESLint gives for `code` as the file `file` (a path below the repository). */
async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('the layer rule', () => {
  it('refuses the page importing the host', async () => {
    assert.deepEqual(await problems('src/webview/fixture.ts', "import { x } from '../studio/panel';\n"), [
      "layers/allowed-imports: src/webview/ may not import src/studio/ ('../studio/panel'): it may import src/core/, src/shared/.",
    ]);
  });

  it('counts type-only imports and re-exports', async () => {
    const code = "import type { X } from '../studio/validate';\nexport { y } from '../services/log';\nexport type { X };\n";
    assert.equal((await problems('src/shared/fixture.ts', code)).length, 2);
  });

  it('refuses the core importing anything above it, from any depth', async () => {
    const code = "import { y } from '../../shared/protocol';\nimport { z } from '../catalog';\n";
    assert.deepEqual(await problems('src/core/long/fixture.ts', code), [
      "layers/allowed-imports: src/core/ may not import src/shared/ ('../../shared/protocol'): it may import nothing outside itself.",
    ]);
  });

  it('refuses services importing the Studio and studio importing commands', async () => {
    assert.equal((await problems('src/services/fixture.ts', "import { a } from '../studio/paths';\n")).length, 1);
    assert.equal((await problems('src/studio/fixture.ts', "import { a } from '../commands/configure';\n")).length, 1);
  });

  it('refuses vscode in the core, the shared folder and the page, and allows it in the host', async () => {
    for (const file of ['src/core/fixture.ts', 'src/shared/fixture.ts', 'src/webview/fixture.ts']) {
      assert.deepEqual(await problems(file, "import * as vscode from 'vscode';\nexport const v = vscode;\n"), [
        "no-restricted-imports: 'vscode' import is restricted from being used. " +
          'Only src/services, src/commands, src/studio and the top files import vscode.',
      ], file);
    }
    assert.deepEqual(await problems('src/services/fixture.ts', "import * as vscode from 'vscode';\nexport const v = vscode;\n"), []);
  });

  it('allows what the layers allow', async () => {
    const code = "import { a } from '../core/catalog';\nimport { b } from '../shared/protocol';\nimport { c } from './output';\n";
    assert.deepEqual(await problems('src/services/fixture.ts', code), []);
    assert.deepEqual(await problems('src/extension.ts', "import { r } from './runtime';\nimport { s } from './studio/panel';\n"), []);
  });
});
