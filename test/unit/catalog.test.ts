// The catalog's rules: gpt-image-2's sizes at and past every bound, names it does not know, dated names and aliases,
// the API surface, lifecycle notices, and that what the Studio gets is plain JSON.
import assert from 'node:assert/strict';
import {
  apiSurface,
  checkSize,
  describeOperation,
  effectiveFields,
  fieldFor,
  GPT_IMAGE_2_SIZE_RULE,
  lifecycleNotice,
  modelsFor,
  OPERATIONS,
  requestOptions,
  resolveModel,
} from '../../src/core/catalog';
import { MediaApiError } from '../../src/core/errors';
import { english, type Message } from '../../src/core/messages';
import type { ImageGenerationRequest } from '../../src/core/types';
import { validateImageGeneration, validateSpeech, validateTranscription } from '../../src/core/validation';

function refusedFor(req: Partial<ImageGenerationRequest>, field: string, hint: RegExp): void {
  assert.throws(
    () => validateImageGeneration({ deployment: 'img', model: 'gpt-image-2', prompt: 'a fox', ...req }),
    (e: unknown) => MediaApiError.is(e, 'validation') && e.field === field && hint.test(e.message),
  );
}

/** A sentence of the catalog in English (the core's messages; the boundary words them in the display language). */
const said = (m: Message | undefined): string | undefined => (m ? english(m) : undefined);

describe('catalog', () => {
  describe('gpt-image-2 sizes', () => {
    const size = fieldFor('imageGeneration', 'gpt-image-2', 'size');
    const ok = (s: string) => assert.equal(checkSize(s, size), undefined, s);
    const no = (s: string, rule: RegExp) => assert.match(said(checkSize(s, size)) ?? 'accepted', rule, s);

    it('carries the rule from the sources', () => {
      assert.deepEqual(size.sizeRule, { auto: true, multipleOf: 16, maxEdge: 3840, maxRatio: 3, minPixels: 655_360, maxPixels: 8_294_400 });
      assert.deepEqual(size.sizeRule, GPT_IMAGE_2_SIZE_RULE);
    });
    it('takes auto and custom sizes such as 2048x1152', () => {
      ok('auto');
      ok('2048x1152');
      validateImageGeneration({ deployment: 'img', model: 'gpt-image-2', prompt: 'a fox', size: '2048x1152' });
      no('2048 x 1152', /WIDTHxHEIGHT/);
    });
    it('edges: multiples of 16', () => {
      ok('1024x1024');
      no('1032x1024', /multiples of 16; try 1040x1024/);
      no('1024x1025', /multiples of 16/);
    });
    it('longest edge: 3840 at most', () => {
      ok('3840x1280');
      no('3856x1296', /longest edge may be at most 3840/);
      no('1296x3856', /longest edge may be at most 3840/);
    });
    it('aspect ratio: 3:1 at most, both ways', () => {
      ok('2304x768');
      ok('768x2304');
      no('2320x768', /at most 3 times the short one \(3:1\)/);
      no('768x2320', /3:1/);
    });
    it('pixels: 655,360 to 8,294,400', () => {
      ok('1024x640');
      no('1024x624', /638,976 pixels; the size must have 655,360 to 8,294,400 pixels/);
      ok('3840x2160');
      no('3840x2176', /8,355,840 pixels; .*8,294,400/);
    });
    it('is refused before sending, naming the rule, and has no transparent background', () => {
      refusedFor({ size: '2320x768' }, 'size', /size "2320x768" is not valid for gpt-image-2: .*3:1/);
      refusedFor({ size: '1000x1000' }, 'size', /multiples of 16/);
      refusedFor({ background: 'transparent' }, 'background', /for gpt-image-2; use one of: auto, opaque/);
      refusedFor({ size: '1792x1024', n: 11 }, 'n', /from 1 to 10/);
      assert.equal(fieldFor('imageGeneration', 'gpt-image-1', 'size').sizeRule, undefined, 'gpt-image-1 keeps its three sizes');
      assert.match(said(checkSize('2048x1152', fieldFor('imageGeneration', 'gpt-image-1', 'size'))) ?? '', /use one of: auto, 1024x1024/);
    });
  });

  describe('names', () => {
    it('resolves aliases and dated names to the known model and version', () => {
      assert.equal(resolveModel('whisper-1').known, 'whisper');
      assert.equal(resolveModel('TTS-1-HD').known, 'tts-hd');
      const dated = resolveModel('gpt-image-2-2026-04-21');
      assert.deepEqual([dated.known, dated.version], ['gpt-image-2', '2026-04-21']);
      const old = resolveModel('gpt-4o-mini-tts-2025-03-20');
      assert.deepEqual([old.known, old.lifecycle?.retires, old.lifecycle?.replacement],
        ['gpt-4o-mini-tts', '2026-10-15', 'gpt-4o-mini-tts-2025-12-15']);
      assert.equal(resolveModel('gpt-4o-mini-tts').lifecycle?.retires, '2026-12-15', 'the bare name follows the newest version');
    });

    it('treats an unknown name by its family', () => {
      const image = resolveModel('gpt-image-3');
      assert.deepEqual([image.known, image.family], [undefined, 'gpt-image']);
      const size = fieldFor('imageGeneration', image, 'size');
      assert.equal(checkSize('1000x700', size), undefined, 'the service decides the sizes of a model the catalog does not know');
      assert.match(said(checkSize('big', size)) ?? '', /WIDTHxHEIGHT/);
      assert.equal(fieldFor('imageGeneration', image, 'style').supported, false, 'style is dall-e-3 only');
      assert.equal(fieldFor('imageEdit', image, 'input_fidelity').supported, true);
      assert.deepEqual(fieldFor('imageGeneration', image, 'quality').values, ['auto', 'low', 'medium', 'high']);

      const transcribe = resolveModel('gpt-5-transcribe');
      assert.equal(transcribe.family, 'gpt-transcribe');
      assert.deepEqual(fieldFor('transcription', transcribe, 'response_format').values, ['text', 'json']);
      assert.equal(fieldFor('transcription', transcribe, 'timestamp_granularities').supported, false);
      assert.equal(transcribe.operations.translation, undefined, 'only whisper translates');

      const tts = resolveModel('gpt-5-mini-tts');
      assert.equal(tts.family, 'gpt-tts');
      assert.equal(fieldFor('speech', tts, 'voice').values!.length, 13);
      validateSpeech({ deployment: 'd', model: 'gpt-5-mini-tts', input: 'hi', voice: 'marin', instructions: 'slowly' });
    });

    it('gives a name that shows nothing only the API\'s own limits', async () => {
      const any = resolveModel('contoso-media');
      assert.deepEqual([any.known, any.family, any.lifecycle], [undefined, undefined, undefined]);
      for (const operation of OPERATIONS) {
        assert.ok(any.operations[operation], operation);
        assert.ok(effectiveFields(operation, any).every((f) => f.supported || said(f.reason)?.includes('API')), operation);
      }
      validateImageGeneration({ deployment: 'd', model: 'contoso-media', prompt: 'p', size: '640x480', style: 'vivid',
        background: 'transparent' });
      assert.throws(() => validateImageGeneration({ deployment: 'd', model: 'contoso-media', prompt: 'p', n: 11 }), /from 1 to 10/);
      assert.throws(() => validateImageGeneration({ deployment: 'd', model: 'contoso-media', prompt: 'p'.repeat(32_001) }),
        /at most 32000/);
      await assert.rejects(
        validateTranscription({ deployment: 'd', model: 'contoso-media', file: { name: 'a.wav', data: new Uint8Array(8) },
          temperature: 2 }),
        /temperature must be a number from 0 to 1 \(got 2\)/,
      );
    });
  });

  it('offers v1-only fields on the v1 surface only', () => {
    assert.equal(apiSurface('v1'), 'v1');
    assert.equal(apiSurface(' V1 '), 'v1');
    assert.equal(apiSurface('2025-04-01-preview'), 'dated');
    assert.equal(apiSurface(undefined), 'dated');
    // chunking_strategy was v1-only; a live report shows the diarize model needing it on 2025-03-01-preview
    // (docs/SPEAKERS-STREAMING-COST.md), so both surfaces take it now.
    assert.equal(fieldFor('transcription', 'gpt-4o-transcribe-diarize', 'chunking_strategy', 'dated').supported, true);
    assert.equal(fieldFor('transcription', 'gpt-4o-transcribe-diarize', 'chunking_strategy', 'v1').supported, true);
    assert.equal(fieldFor('transcription', 'whisper', 'chunking_strategy', 'v1').supported, false, 'whisper has no chunking');
  });

  it('warns of a model retired or retiring within 30 days, with the date and the replacement', () => {
    const today = new Date('2026-11-30T09:00:00Z');
    assert.deepEqual(lifecycleNotice('gpt-image-1', today), {
      model: 'gpt-image-1',
      status: 'retired',
      retires: '2026-10-23',
      replacement: 'gpt-image-2',
      message: { id: 'lifecycle.retired', args: { model: 'gpt-image-1', date: '2026-10-23', replacement: 'gpt-image-2' } },
    });
    assert.equal(said(lifecycleNotice('gpt-image-1', today)?.message),
      'gpt-image-1 was retired on Azure on 2026-10-23; deploy gpt-image-2 instead.');
    assert.equal(lifecycleNotice('gpt-image-1.5', today)?.status, 'retiring');
    assert.equal(said(lifecycleNotice('whisper-1', today)?.message),
      'whisper-1 retires on Azure on 2026-12-15; Azure names no successor yet.');
    assert.equal(lifecycleNotice('gpt-image-2', today), undefined);
    assert.equal(lifecycleNotice('contoso-media', today), undefined);
    // The 30-day edge: 2026-12-15 is 30 days after 2026-11-15 and 31 after 2026-11-14.
    assert.equal(lifecycleNotice('whisper', new Date('2026-11-15T00:00:00Z'))?.status, 'retiring');
    assert.equal(lifecycleNotice('whisper', new Date('2026-11-14T00:00:00Z')), undefined);
    assert.deepEqual(modelsFor('imageEdit', { current: true, today }), ['gpt-image-2', 'gpt-image-1-mini', 'gpt-image-1.5']);
    assert.deepEqual(modelsFor('imageGeneration', { current: true, today: new Date('2026-12-20T00:00:00Z') }),
      ['gpt-image-2', 'gpt-image-1-mini']);
  });

  it('describes an operation as plain JSON, complete enough to render a form', () => {
    for (const operation of OPERATIONS) {
      for (const model of ['gpt-image-2', 'gpt-4o-mini-tts', 'whisper', 'contoso-media']) {
        const view = describeOperation(operation, model, 'v1');
        assert.deepEqual(JSON.parse(JSON.stringify(view)), view, `${operation} ${model}`);
        for (const f of view.fields) assert.ok(f.label && f.description && f.wire && f.kind, `${operation}.${f.key}`);
      }
    }
    const speech = describeOperation('speech', 'tts-1');
    assert.deepEqual(speech.limits, { maxInput: 4096 });
    assert.equal(speech.fields.find((f) => f.key === 'voice')!.default, 'alloy');
    const edit = describeOperation('imageEdit', 'dall-e-3');
    assert.equal(edit.supported, false);
    assert.deepEqual(edit.files.map((f) => f.field), ['image', 'mask']);
    const format = describeOperation('transcription', 'gpt-4o-transcribe').fields[0];
    assert.deepEqual([format.key, format.values, format.default], ['response_format', ['text', 'json'], 'text']);
    const timestamps = describeOperation('transcription', 'gpt-4o-transcribe').fields.find((f) => f.key === 'timestamp_granularities')!;
    assert.match(said(timestamps.reason)!, /\(it is for whisper\)/);
  });

  it('builds a request from settings: values the model takes, the service\'s defaults left out', () => {
    const settings: Record<string, unknown> = {
      'image.count': 4, 'image.size': '2048x1152', 'image.quality': 'hd', 'image.style': 'vivid', 'image.background': 'auto',
      'image.outputFormat': 'png', 'image.stream': true, 'image.partialImages': 2,
    };
    const read = (id: string) => settings[id];
    assert.deepEqual(requestOptions('imageGeneration', 'gpt-image-2', read), {
      n: 4, size: '2048x1152', output_format: 'png', stream: true, partial_images: 2,
    });
    assert.deepEqual(requestOptions('imageGeneration', 'dall-e-3', read, { quality: 'hd' }), { quality: 'hd', style: 'vivid' });
    const audio = { 'transcription.responseFormat': 'verbose_json', 'transcription.timestampGranularities': ['word'],
      'transcription.language': '' };
    assert.deepEqual(requestOptions('transcription', 'whisper', (id) => audio[id as keyof typeof audio]), {
      response_format: 'verbose_json', timestamp_granularities: ['word'],
    });
    assert.deepEqual(requestOptions('transcription', 'whisper', (id) => audio[id as keyof typeof audio],
      { response_format: 'srt', language: '' }), {
      response_format: 'srt',
    }, 'timestamps from the settings are dropped once the caller picks another format; "" means detect');
  });
});
