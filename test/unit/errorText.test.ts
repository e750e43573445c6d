import * as assert from 'node:assert/strict';
import Module from 'node:module';
import { categoryArg, english, MESSAGES, msg, term, WordedError, type MessageId } from '../../src/core/messages';
import { joinWav } from '../../src/core/long/wav';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { MediaApiError } from '../../src/core/errors';

// errorText.ts imports `vscode`; plain Node has none, so `vscode.l10n.t` is stood in for by what VS Code does with no
// translation loaded: fill the named placeholders of the English it was given.
const calls: string[] = [];
/** A loaded bundle (English message → translation), as VS Code has for a display language; none by default. */
let bundle: Record<string, string> | undefined;
const fakeVscode = {
  l10n: {
    t(message: string, args?: Record<string, unknown>): string {
      calls.push(message);
      const translated = bundle ? (bundle[message] ?? message) : message;
      return translated.replace(/\{(\w+)\}/g, (whole, name: string) => (args && name in args ? String(args[name]) : whole));
    },
  },
};
type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const loader = Module as unknown as { _load: Loader };
const original = loader._load;
loader._load = (request, parent, isMain) => (request === 'vscode' ? fakeVscode : original(request, parent, isMain));
const { categoryNames, errorSummary, errorText, localize } =
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('../../src/services/errorText') as typeof import('../../src/services/errorText');
loader._load = original;

/** Sample arguments: every placeholder of the English gets a distinct value, so a swapped or dropped one shows. */
function sampleArgs(id: MessageId): Record<string, string> {
  const args: Record<string, string> = {};
  for (const [, name] of MESSAGES[id].matchAll(/\{(\w+)\}/g)) args[name] = `<${name}:${id.length}>`;
  return args;
}

describe('error text at the boundary (services/errorText.ts)', () => {
  it('says in English exactly what the core says, for every id, with every argument in its place', () => {
    for (const id of Object.keys(MESSAGES) as MessageId[]) {
      const args = sampleArgs(id);
      const core = english(msg(id, args));
      assert.equal(localize(msg(id, args)), core, id);
      for (const value of Object.values(args)) assert.ok(core.includes(value), `${id} drops an argument in the core`);
    }
  });

  it('writes each sentence once: no literal l10n.t call in src/ repeats a sentence of core/sentences.ts', () => {
    const src = path.join(__dirname, '..', '..', '..', 'src');
    const sentences = new Set<string>(Object.values(MESSAGES));
    const twice: string[] = [];
    let literals = 0;
    for (const file of readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(path.join(src, file), 'utf8');
      for (const [, literal] of text.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) {
        literals++;
        if (sentences.has(literal.replace(/\\(.)/g, '$1'))) twice.push(`${file}: ${literal}`);
      }
    }
    assert.ok(literals > 300, `the scan found the l10n.t calls (${literals})`);
    assert.deepEqual(twice, []);
  });

  it('passes each sentence to vscode.l10n.t, nested messages included, and keeps plain-string errors as they are', () => {
    calls.length = 0;
    const err = new MediaApiError('validation', msg('validation.range', {
      field: 'n', what: msg('what.wholeNumber'), min: 1, max: 10, narrowed: msg('validation.forModel', { model: 'dall-e-3' }), got: 11,
    }), { field: 'n' });
    assert.equal(err.messageId, 'validation.range');
    assert.equal(errorSummary(err), 'n must be a whole number from 1 to 10 for dall-e-3 (got 11).');
    assert.equal(errorSummary(err), err.summary);
    assert.deepEqual(calls.sort(), [MESSAGES['validation.forModel'], MESSAGES['validation.range'], MESSAGES['what.wholeNumber'],
      MESSAGES['validation.forModel'], MESSAGES['validation.range'], MESSAGES['what.wholeNumber']].sort());
    assert.equal(localize(msg('cancelled.request')), 'The request was cancelled.');
    const plain = new MediaApiError('server', 'Made from a plain string.');
    assert.equal(plain.messageId, undefined);
    assert.equal(errorSummary(plain), 'Made from a plain string.');
  });

  it('keeps a catalog word argument as it is in English (the log) and in a language with no bundle', () => {
    const m = msg('validation.pattern', { field: 'language', value: 'eng', label: term('Language'), description: term('Two letters.') });
    assert.equal(english(m), 'language "eng" does not fit; Language: Two letters.');
    assert.equal(localize(m), english(m));
  });

  it('names the content filter\'s categories in words: known ones by their message, others as Azure spells them', () => {
    assert.equal(categoryNames(['violence', 'self_harm', 'some_new_one']), 'violence, self-harm, some new one');
    const filtered = new MediaApiError('contentFilter', msg('response.contentFilterCategories', { what: msg('response.filterInput'),
      categories: ['hate', 'protected_material_code'].map(categoryArg) }));
    assert.equal(filtered.summary,
      'Azure OpenAI\'s content filter blocked the prompt or input (hate, protected code). Rephrase the request to avoid those categories.');
    assert.equal(errorSummary(filtered), filtered.summary);
  });

  it('words the core\'s other errors (WordedError) at the boundary, nested reasons included', () => {
    const root = path.join(__dirname, '..', '..', '..');
    const englishBundle = JSON.parse(readFileSync(path.join(root, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { pseudoBundle } = require(path.join(root, 'scripts', 'lib', 'pseudo-l10n.js')) as {
      pseudoBundle: (b: Record<string, string>) => Record<string, string>;
    };
    const joinError = (() => {
      try {
        joinWav([new Uint8Array(8)]);
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    assert.ok(WordedError.is(joinError), 'joinWav throws a WordedError');
    assert.equal((joinError as Error).message, 'Part 1 is not a RIFF/WAVE file', 'the English for the log');
    assert.equal(errorText(joinError), 'Part 1 is not a RIFF/WAVE file');
    assert.equal(errorText(new Error('EACCES: permission denied')), 'EACCES: permission denied', 'Node\'s words stay as they are');
    bundle = pseudoBundle(englishBundle);
    try {
      assert.equal(errorText(joinError), '[Párt 1 {reason}]'.replace('{reason}', '[ís ñót á RÍFF/WÁVÉ fílé]'));
      assert.equal(errorText(new MediaApiError('validation', msg('client.noText'))), '[Thé tráñsçrípt hád ñó téxt fíéld.]');
    } finally {
      bundle = undefined;
    }
  });

  it('finds every sentence in the committed English bundle: a pseudo-locale shows each one translated', () => {
    const root = path.join(__dirname, '..', '..', '..');
    const english = JSON.parse(readFileSync(path.join(root, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { pseudoBundle } = require(path.join(root, 'scripts', 'lib', 'pseudo-l10n.js')) as {
      pseudoBundle: (b: Record<string, string>) => Record<string, string>;
    };
    bundle = pseudoBundle(english);
    try {
      const untranslated: string[] = [];
      for (const id of Object.keys(MESSAGES) as MessageId[]) {
        const args = sampleArgs(id);
        const shown = localize(msg(id, args));
        if (!/^\[.*\]$/s.test(shown) || Object.values(args).some((v) => !shown.includes(v))) untranslated.push(`${id}: ${shown}`);
      }
      assert.deepEqual(untranslated, [], 'not in l10n/bundle.l10n.json (run npm run l10n)');
      const nested = localize(msg('validation.modelCannot', { model: 'tts', verb: term('edit images'), models: 'gpt-image-1',
        where: '' }));
      assert.equal(nested, '[tts çáññót [édít ímágés]; úsé á déplóýméñt óf gpt-image-1.]');
      // A catalog word as an argument is looked up as it is (the export step puts the catalog's words in the bundle).
      const pattern = localize(msg('validation.pattern', { field: 'language', value: 'eng', label: term('Language'),
        description: term('The spoken language as a two-letter ISO-639-1 code (en, de, fr); empty to detect it.') }));
      assert.match(pattern, /^\[language "eng" dóés ñót fít; \[Láñgúágé\]: \[Thé spókéñ láñgúágé ás á twó-léttér ÍSÓ-639-1/);
    } finally {
      bundle = undefined;
    }
  });
});
