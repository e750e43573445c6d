// package.json, package.nls.json and README.md hold what the catalog says: this fails until `node
// scripts/gen-manifest.js` has written a catalog change into them (or when someone edits them by hand).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { effectiveFields, fieldSpecs, modelsFor, OPERATIONS, resolveModel } from '../../src/core/catalog';
import { applyToManifest, applyToReadme, type Manifest } from '../../src/core/catalog/manifest';
import { catalogSettings, DEFAULT_DEPLOYMENTS, DEFAULT_MODELS } from '../../src/core/catalog/settings';

const root = join(__dirname, '..', '..', '..');
const read = (name: string) => readFileSync(join(root, name), 'utf8');

describe('the catalog against package.json, package.nls.json and README.md', () => {
  const manifest = JSON.parse(read('package.json')) as Manifest;
  const nls = JSON.parse(read('package.nls.json')) as Record<string, string>;
  const properties = Object.assign({}, ...manifest.contributes.configuration.map((g) => g.properties)) as Record<string,
    Record<string, unknown>>;

  it('package.json and package.nls.json are what scripts/gen-manifest.js writes', () => {
    const next = applyToManifest(manifest, nls);
    assert.deepEqual(next.manifest, manifest, 'package.json disagrees with the catalog: run node scripts/gen-manifest.js');
    assert.deepEqual(next.nls, nls, 'package.nls.json disagrees with the catalog: run node scripts/gen-manifest.js');
  });

  it('every option with a setting has its values, bounds and default in package.json', () => {
    let checked = 0;
    for (const operation of OPERATIONS) {
      for (const field of fieldSpecs(operation)) {
        if (!field.setting) continue;
        const property = properties[`azureOpenAIMedia.${field.setting}`];
        assert.ok(property, `azureOpenAIMedia.${field.setting} is not contributed`);
        assert.deepEqual(property.default, field.default, field.setting);
        if (field.kind === 'enum') assert.deepEqual(property.enum, field.values, field.setting);
        if (field.kind === 'list') assert.deepEqual((property.items as { enum: string[] }).enum, field.values, field.setting);
        if (field.kind === 'size') assert.equal(property.enum, undefined, `${field.setting} must take any WxH`);
        if (field.kind === 'number' || field.kind === 'integer') {
          assert.equal(property.type, field.kind);
          assert.deepEqual([property.minimum, property.maximum], [field.min, field.max], field.setting);
        }
        checked++;
      }
    }
    assert.ok(checked >= 25, `${checked} settings checked`);
  });

  // Written out from the API reference (openai-python's request types and Azure's REST reference), not read from the
  // catalog: the checks above only prove package.json and the catalog agree, this one that both agree with the service.
  it('the settings offer the values and bounds the API reference gives', () => {
    const sorted = (v: unknown) => [...(v as string[])].sort();
    const enumOf = (id: string) => sorted(properties[`azureOpenAIMedia.${id}`].enum);
    const boundsOf = (id: string) => [properties[`azureOpenAIMedia.${id}`].minimum, properties[`azureOpenAIMedia.${id}`].maximum];
    // diarized_json is a transcription format (gpt-4o-transcribe-diarize); translations never had it
    assert.deepEqual(enumOf('transcription.responseFormat'), ['diarized_json', 'json', 'srt', 'text', 'verbose_json', 'vtt']);
    assert.deepEqual(enumOf('translation.responseFormat'), ['json', 'srt', 'text', 'verbose_json', 'vtt']);
    for (const op of ['transcription', 'translation']) assert.deepEqual(boundsOf(`${op}.temperature`), [0, 1], op);
    assert.deepEqual(sorted((properties['azureOpenAIMedia.transcription.timestampGranularities'].items as { enum: string[] }).enum),
      ['segment', 'word']);
    assert.deepEqual(enumOf('speech.format'), ['aac', 'flac', 'mp3', 'opus', 'pcm', 'wav']);
    assert.deepEqual(enumOf('speech.voice'),
      ['alloy', 'ash', 'ballad', 'cedar', 'coral', 'echo', 'fable', 'marin', 'nova', 'onyx', 'sage', 'shimmer', 'verse']);
    assert.deepEqual(boundsOf('speech.speed'), [0.25, 4]);
    for (const op of ['image', 'imageEdit']) {
      assert.deepEqual(enumOf(`${op}.quality`), ['auto', 'hd', 'high', 'low', 'medium', 'standard'], op);
      assert.deepEqual(boundsOf(`${op}.count`), [1, 10], op);
    }
    assert.deepEqual(enumOf('image.style'), ['natural', 'vivid']);
    assert.deepEqual(enumOf('image.background'), ['auto', 'opaque', 'transparent']);
    assert.deepEqual(boundsOf('image.partialImages'), [0, 3]);
    assert.deepEqual(enumOf('image.outputFormat'), ['jpeg', 'png'], 'Azure takes no webp');
    assert.deepEqual(enumOf('imageEdit.inputFidelity'), ['high', 'low']);
  });

  it('the models.* settings take any name and suggest the known ones; defaults are models Azure still serves', () => {
    for (const [key, model] of Object.entries(DEFAULT_MODELS)) {
      const property = properties[`azureOpenAIMedia.models.${key}`];
      assert.equal(property.enum, undefined, `models.${key} must accept any name`);
      assert.equal(property.default, model);
      assert.ok((property.examples as string[]).includes(model));
      const lifecycle = resolveModel(model).lifecycle;
      assert.ok(lifecycle?.retires && lifecycle.retires > '2026-11-30', `${model} is retired`);
    }
    for (const [key, deployment] of Object.entries(DEFAULT_DEPLOYMENTS)) {
      assert.equal(properties[`azureOpenAIMedia.deployments.${key}`].default, deployment);
    }
    assert.equal(catalogSettings()['image.size'].pattern, properties['azureOpenAIMedia.image.size'].pattern);
    assert.match('2048x1152', new RegExp(properties['azureOpenAIMedia.image.size'].pattern as string));
    assert.doesNotMatch('2048 x 1152', new RegExp(properties['azureOpenAIMedia.image.size'].pattern as string));
  });

  it('README.md has the catalog\'s models table and package.json\'s settings tables', () => {
    const readme = read('README.md');
    assert.equal(applyToReadme(readme, manifest, nls), readme, 'README.md disagrees: run node scripts/gen-manifest.js');
    for (const operation of OPERATIONS) for (const model of modelsFor(operation)) assert.ok(readme.includes(`\`${model}\``), model);
    assert.match(readme,
      /\| Image generation \| `gpt-image-2` \| 2027-04-21 \| any size: edges multiples of 16, longest 3840, ratio ≤ 3:1/);
    // A fact the README once restated by hand, now from the catalog: dall-e-3 makes one image.
    assert.equal(effectiveFields('imageGeneration', 'dall-e-3').find((f) => f.key === 'n')!.max, 1);
    assert.match(readme, /\| Image generation \| `dall-e-3` \| 2026-03-04 \| [^|]*n ≤ 1;/);
  });
});
