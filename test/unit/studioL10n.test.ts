import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import type { OperationView } from '../../src/core/catalog';
import type { Message } from '../../src/core/messages';

// The Studio page's forms in a pseudo-locale: the page's own modules (src/webview/form.ts and l10n.ts, which the root
// tsconfig leaves to the page's) bundled in memory as esbuild.mjs bundles the page, with the qps-ploc bundle made
// from the committed English one. A label, hint or size rule the bundle lacks would come out without its [ ].
const root = path.join(__dirname, '..', '..', '..');

interface Page {
  setBundle(strings: Record<string, string> | undefined): void;
  wordsOf(m: Message): string;
  shownFields(view: OperationView, values: Record<string, unknown>): Array<{ key: string; label: string; description: string }>;
  formProblems(view: OperationView, values: Record<string, unknown>): string[];
  describeOperation(operation: string, model: string): OperationView;
  checkSize(size: string, field: unknown): Message | undefined;
}

function loadPage(): Page {
  const built = buildSync({
    stdin: {
      contents: "export { shownFields, formProblems } from './src/webview/form'; export { setBundle, wordsOf } from './src/webview/l10n';" +
        " export { describeOperation, checkSize } from './src/core/catalog';",
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'error',
  });
  const mod = { exports: {} as Page };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const run = new Function('module', 'exports', 'require', built.outputFiles[0].text) as (m: unknown, e: unknown, r: unknown) => void;
  run(mod, mod.exports, require);
  return mod.exports;
}

describe('the Studio page\'s forms in a pseudo-locale', () => {
  const page = loadPage();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { pseudoBundle } = require(path.join(root, 'scripts', 'lib', 'pseudo-l10n.js')) as {
    pseudoBundle: (b: Record<string, string>) => Record<string, string>;
  };
  const english = JSON.parse(readFileSync(path.join(root, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
  const wrapped = /^\[.*\]$/s;

  before(() => page.setBundle(pseudoBundle(english)));
  after(() => page.setBundle(undefined));

  it('shows every label and hint of every tab translated', () => {
    const views = [['transcription', 'whisper'], ['transcription', 'gpt-4o-transcribe-diarize'], ['translation', 'whisper'],
      ['speech', 'gpt-4o-mini-tts'], ['imageGeneration', 'gpt-image-2'], ['imageGeneration', 'dall-e-3'], ['imageEdit', 'gpt-image-1']];
    let count = 0;
    for (const [operation, model] of views) {
      const view = page.describeOperation(operation, model);
      // every companion set, so that fields shown only with another one (compression with jpeg) are seen too
      for (const f of page.shownFields(view, { response_format: 'verbose_json', output_format: 'jpeg', stream: true })) {
        assert.match(f.label, wrapped, `${operation} ${f.key} label`);
        assert.match(f.description, wrapped, `${operation} ${f.key} description`);
        count++;
      }
    }
    assert.ok(count >= 30, `only ${count} fields shown`);
    const language = page.shownFields(page.describeOperation('transcription', 'whisper'), {}).find((f) => f.key === 'language');
    assert.equal(language?.label, '[Láñgúágé]');
  });

  it('says why a value is refused in the display language: a size rule, a pattern', () => {
    const view = page.describeOperation('imageGeneration', 'gpt-image-2');
    const [size] = page.formProblems(view, { size: '1000x1000' });
    assert.equal(size, '[[Sízé]: [bóth édgés múst bé múltíplés óf 16; trý 1008x1008]]');
    const [language] = page.formProblems(page.describeOperation('transcription', 'whisper'), { language: 'english' });
    assert.match(language, /^\[\[Láñgúágé\]: \[Thé spókéñ láñgúágé/);
    const field = view.fields.find((f) => f.key === 'size')!;
    assert.equal(page.wordsOf(page.checkSize('4096x1024', field)!), '[thé lóñgést édgé máý bé át móst 3840 píxéls]');
  });

  it('shows the English as it is with no bundle (the display language is English)', () => {
    page.setBundle(undefined);
    try {
      const [size] = page.formProblems(page.describeOperation('imageGeneration', 'gpt-image-2'), { size: '1000x1000' });
      assert.equal(size, 'Size: both edges must be multiples of 16; try 1008x1008');
    } finally {
      page.setBundle(pseudoBundle(english));
    }
  });
});
