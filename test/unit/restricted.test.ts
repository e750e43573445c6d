// Restricted Mode (issue 17): `capabilities.untrustedWorkspaces.restrictedConfigurations` must hold every setting that
// changes where data or credentials go, what runs, what is read from disk or what is spent. The list is derived here
// from the settings in package.json and the catalog, so a new setting fails this test until it is classified: either
// restricted, or in SAFE with the reason a workspace may set it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fieldSpecs, OPERATIONS } from '../../src/core/catalog';
import { COST_FIELDS } from '../../src/core/cost';

const root = join(__dirname, '..', '..', '..');
type Group = { properties: Record<string, unknown> };
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  capabilities: { untrustedWorkspaces: { supported: unknown; restrictedConfigurations: string[] } };
  contributes: { configuration: Group | Group[] };
};
const configuration = manifest.contributes.configuration;
const short = (k: string): string => k.replace(/^azureOpenAIMedia\./, '');
const settings = (Array.isArray(configuration) ? configuration : [configuration]).flatMap((g) => Object.keys(g.properties)).map(short);
const restricted = new Set(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.map(short));

/** Where requests and credentials go: every connection and sign-in setting. */
const ROUTING = /^(endpoint|authentication|apiVersion|requestHeaders|gatewayKeyHeader|cloud|management\.|entra\.|deployments\.)/;
/** Which model the extension believes it talks to: decides the prices used and whether known-speaker files are read. */
const MODELS = /^models\./;
/** Read from or written to disk. */
const DISK = ['outputFolder', 'transcription.knownSpeakers'];
/** The cost guard itself. */
const GUARD = /^cost\./;
/** Fields that cost money besides those the estimate reads (partial images are billed as output tokens). */
const BILLED = ['partial_images'];

/** Settings a workspace may set, and why it is harmless: each changes only the shape of one answer. */
const SAFE: Record<string, string> = {
  'transcription.responseFormat': 'the transcript\'s format',
  'transcription.language': 'a hint to the model',
  'transcription.prompt': 'text sent with the audio to the user\'s own endpoint',
  'transcription.temperature': 'sampling',
  'transcription.timestampGranularities': 'timestamps in the answer',
  'transcription.askForOptions': 'whether quick picks are shown',
  'transcription.stream': 'how the answer arrives',
  'transcription.partsAtOnce': 'how many parts of a long recording are in flight (1–16): the same requests either way',
  'transcription.partOrder': 'the order of a long recording\'s parts: the same requests either way',
  'transcription.subtitles': 'which files are written beside the transcript, inside the workspace',
  'translation.responseFormat': 'the format',
  'translation.prompt': 'text sent with the audio',
  'translation.temperature': 'sampling',
  'speech.voice': 'the voice',
  'speech.format': 'the audio format',
  'speech.speed': 'the pace',
  'speech.instructions': 'a hint to the model',
  'image.style': 'dall-e-3\'s style, priced the same',
  'image.background': 'transparency, priced the same',
  'image.outputFormat': 'the file format, priced the same',
  'image.stream': 'how the answer arrives (partial images are restricted)',
  'imageEdit.inputFidelity': 'how closely the edit follows the input',
  'imageEdit.keepProtectedArea': 'whether the unmasked pixels are restored locally after an edit',
};

/** The settings of catalog fields that decide what an image run spends. */
function spendingSettings(): string[] {
  const keys = new Set<string>([...COST_FIELDS, ...BILLED]);
  return OPERATIONS.flatMap((op) => fieldSpecs(op).filter((f) => keys.has(f.key) && f.setting).map((f) => f.setting as string));
}

describe('Restricted Mode: restrictedConfigurations derived from the settings and the catalog', () => {
  it('restricts every setting that routes data or credentials, picks the model, touches the disk or spends', () => {
    const needed = settings.filter((k) => ROUTING.test(k) || MODELS.test(k) || GUARD.test(k) || DISK.includes(k));
    needed.push(...spendingSettings());
    const missing = [...new Set(needed)].filter((k) => !restricted.has(k));
    assert.deepEqual(missing, [], 'settings a workspace could use against the user, not restricted');
  });

  it('classifies every setting: restricted, or safe with a reason (a new setting fails here until it is)', () => {
    const unclassified = settings.filter((k) => !restricted.has(k) && !(k in SAFE));
    assert.deepEqual(unclassified, [], 'add each to restrictedConfigurations or to SAFE with why a workspace may set it');
    const stale = Object.keys(SAFE).filter((k) => !settings.includes(k) || restricted.has(k));
    assert.deepEqual(stale, [], 'SAFE names settings that are gone or restricted');
  });

  it('names only settings that exist, and says "limited"', () => {
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual([...restricted].filter((k) => !settings.includes(k)), []);
  });

  it('finds the review\'s cost-guard settings among the spending ones (image.count, quality, size, cost.*)', () => {
    for (const k of ['image.count', 'image.quality', 'image.size', 'imageEdit.count', 'cost.confirmAbove', 'cost.prices']) {
      assert.ok(restricted.has(k), k);
    }
  });
});
