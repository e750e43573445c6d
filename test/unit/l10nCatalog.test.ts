import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { OPERATION_FIELDS } from '../../src/core/catalog';

// The catalog's labels and descriptions are data that @vscode/l10n-dev cannot find; scripts/l10n-export.js adds them
// to the English bundle, and the forms and messages look each one up as it is. A missing one would show in English in
// every language.
const root = path.join(__dirname, '..', '..', '..');
const readBundle = (dir: string): Record<string, string> =>
  JSON.parse(readFileSync(path.join(dir, 'bundle.l10n.json'), 'utf8')) as Record<string, string>;

/** Every label and description, read from the operations' fields themselves (not through catalogStrings()). */
function catalogWords(): string[] {
  return Object.values(OPERATION_FIELDS).flatMap((fields) => fields.flatMap((f) => [f.label, f.description]));
}

describe('the catalog\'s words in the l10n bundle', () => {
  it('has every field\'s label and description in the committed l10n/bundle.l10n.json', () => {
    const bundle = readBundle(path.join(root, 'l10n'));
    const missing = catalogWords().filter((text) => bundle[text] !== text);
    assert.deepEqual(missing, [], 'run npm run l10n');
    // A few by name, so that an empty catalog could not pass.
    for (const text of ['Input fidelity', 'Timestamps', 'The voice that reads the text.', 'Width x height in pixels, or auto.']) {
      assert.equal(bundle[text], text);
    }
  });

  it('is written by the export step itself, beside every literal l10n.t message of src/', function () {
    // The export takes ~10 s of CPU; on a loaded machine its wall time passed 60 s.
    this.timeout(180_000);
    const out = mkdtempSync(path.join(tmpdir(), 'aoai-l10n-test-'));
    try {
      execFileSync(process.execPath, [path.join(root, 'scripts', 'l10n-export.js'), out], { cwd: root, stdio: 'pipe' });
      const exported = readBundle(out);
      assert.deepEqual(catalogWords().filter((text) => !(text in exported)), []);
      assert.equal(exported['Generate'], 'Generate', 'the literal messages are still there');
      assert.deepEqual(exported, readBundle(path.join(root, 'l10n')), 'the committed bundle is current (npm run l10n)');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('package.json\'s words through package.nls.json', () => {
  const manifest = readFileSync(path.join(root, 'package.json'), 'utf8');
  const nls = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;

  it('has every %key% of package.json in package.nls.json, and no key there that package.json does not use', () => {
    const keys = [...manifest.matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]);
    assert.ok(keys.length > 50, `only ${keys.length} keys`);
    assert.deepEqual(keys.filter((k) => typeof nls[k] !== 'string' || !nls[k].trim()), [], 'keys without an English text');
    assert.deepEqual(Object.keys(nls).filter((k) => !keys.includes(k)), [], 'texts no key uses');
  });

  it('says nothing a user reads as a literal: titles, descriptions and labels of contributes are all %keys%', () => {
    const shown = new RegExp(`^(${['title', 'shortTitle', 'category', 'description', 'markdownDescription', 'enumDescriptions',
      'markdownEnumDescriptions', 'label', 'name', 'contextualTitle', 'deprecationMessage', 'markdownDeprecationMessage',
      'placeholder'].join('|')})$`);
    const literal: string[] = [];
    const walk = (value: unknown, at: string, key: string): void => {
      if (typeof value === 'string') {
        if (shown.test(key) && /\p{L}/u.test(value) && !/^%[^%]+%$/.test(value)) literal.push(`${at}: ${value}`);
      } else if (Array.isArray(value)) {
        value.forEach((v, i) => walk(v, `${at}[${i}]`, key));
      } else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) walk(v, `${at}.${k}`, k);
      }
    };
    const parsed = JSON.parse(manifest) as { displayName: string; description: string; contributes: unknown };
    walk({ displayName: parsed.displayName, description: parsed.description }, '', 'description');
    walk(parsed.contributes, 'contributes', '');
    assert.deepEqual(literal, []);
  });
});
