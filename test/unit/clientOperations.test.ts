// Every operation and every response format, against the emulator.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { MediaApiError } from '../../src/core/errors';
import { readImageSize } from '../../src/core/media';
import type { AudioResponseFormat, SpeechFormat, TranslationResponseFormat } from '../../src/core/types';
import { makePng, makeWav, TempDir, sink } from './coreFixtures';
import { useEmulator } from './clientHarness';

describe('client operations against the emulator', () => {
  const t = useEmulator();
  const dir = new TempDir();
  const wavBytes = makeWav(2);
  const wav = dir.file('meeting.wav', wavBytes);
  const SPOKEN = 'They asked for faster previews.';
  const photo = dir.file('photo.png', makePng(1024, 1024));
  const photo2 = dir.file('second.png', makePng(1024, 1024));
  const mask = dir.file('mask.png', makePng(1024, 1024, 0));
  after(() => dir.remove());

  describe('transcriptions', () => {
    for (const format of ['json', 'text', 'srt', 'verbose_json', 'vtt'] as AudioResponseFormat[]) {
      it(`whisper-1 returns ${format}`, async () => {
        const result = await t.client().transcribe({ deployment: 'whisper', model: 'whisper-1', file: { name: 'meeting.wav', path: wav },
          response_format: format, language: 'en' });
        assert.equal(result.format, format);
        // The emulator's transcript of this 2 s recording (test/emulator/transcript.ts: five words, chosen by its bytes).
        assert.equal(result.text, {
          json: SPOKEN, verbose_json: SPOKEN, text: `${SPOKEN}\n`,
          srt: `1\n00:00:00,000 --> 00:00:02,000\n${SPOKEN}\n\n`, vtt: `WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n${SPOKEN}\n\n`,
        }[format as string]);
        assert.ok(result.requestId, 'the request id is kept');
        if (result.format === 'verbose_json') {
          assert.equal(result.task, 'transcribe');
          assert.deepEqual(result.segments.map((s) => [s.start, s.end, s.text]), [[0, 2, ` ${SPOKEN}`]]);
          assert.equal(result.segments[0].avg_logprob, -0.18);
          assert.equal(result.duration, 2);
        }
        const rec = t.emu.requests[0];
        assert.equal(rec.status, 200);
        assert.equal(rec.operation, 'transcriptions');
        assert.equal(rec.auth, 'apiKey');
        assert.deepEqual(rec.files, [{ field: 'file', filename: 'meeting.wav', contentType: 'audio/wav', size: wavBytes.length }]);
        assert.deepEqual(rec.fields.model, ['whisper-1']);
      });
    }

    it('whisper-1 verbose_json with word and segment timestamps via timestamp_granularities[]', async () => {
      const result = await t.client().transcribe({ deployment: 'whisper', model: 'whisper-1', file: { name: 'meeting.wav', path: wav },
        response_format: 'verbose_json', timestamp_granularities: ['word', 'segment'] });
      assert.equal(result.format, 'verbose_json');
      if (result.format === 'verbose_json') {
        assert.deepEqual(result.words.map((w) => [w.word, w.start, w.end]), [
          ['They', 0, 0.34], ['asked', 0.4, 0.74], ['for', 0.8, 1.14], ['faster', 1.2, 1.54], ['previews', 1.6, 1.94]]);
        assert.equal(result.segments.length, 1);
      }
      assert.deepEqual(t.emu.requests[0].fields['timestamp_granularities[]'], ['word', 'segment']);
    });

    it('gpt-4o-transcribe returns json with usage, from in-memory bytes', async () => {
      const result = await t.client().transcribe({ deployment: 'gpt-4o-transcribe', model: 'gpt-4o-transcribe',
        file: { name: 'memo.wav', data: wavBytes }, prompt: 'Product names' });
      assert.equal(result.format, 'json');
      if (result.format === 'json') assert.ok(result.usage);
      assert.equal(t.emu.requests[0].files[0].contentType, 'audio/wav');
    });
  });

  describe('translations', () => {
    for (const format of ['json', 'text', 'srt', 'verbose_json', 'vtt'] as TranslationResponseFormat[]) {
      it(`returns ${format}`, async () => {
        const result = await t.client().translate({ deployment: 'whisper', file: { name: 'meeting.wav', path: wav },
          response_format: format, temperature: 0.3, prompt: 'In English.' });
        assert.equal(result.format, format);
        assert.equal(result.text, {
          json: SPOKEN, verbose_json: SPOKEN, text: `${SPOKEN}\n`,
          srt: `1\n00:00:00,000 --> 00:00:02,000\n${SPOKEN}\n\n`, vtt: `WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n${SPOKEN}\n\n`,
        }[format as string]);
        if (result.format === 'verbose_json') assert.equal(result.task, 'translate');
        const rec = t.emu.requests[0];
        assert.equal(rec.operation, 'translations');
        assert.deepEqual(rec.fields.temperature, ['0.3']);
      });
    }
  });

  describe('speech', () => {
    const magic: Partial<Record<SpeechFormat, (b: Buffer) => boolean>> = {
      wav: (b) => b.subarray(0, 4).toString() === 'RIFF' && b.subarray(8, 12).toString() === 'WAVE',
      flac: (b) => b.subarray(0, 4).toString() === 'fLaC',
      opus: (b) => b.subarray(0, 4).toString() === 'OggS',
      mp3: (b) => b.subarray(0, 3).toString() === 'ID3' || (b[0] === 0xff && (b[1] & 0xe0) === 0xe0),
      aac: (b) => b[0] === 0xff && (b[1] & 0xf6) === 0xf0,
    };
    // The emulator's audio for this text at speed 1.25, by format (24 kHz, 16-bit; the compressed ones stand-ins).
    const size: Record<string, number> = { mp3: 5184, opus: 487, aac: 330, flac: 61570, wav: 61484, pcm: 61440 };
    for (const format of ['mp3', 'opus', 'aac', 'flac', 'wav', 'pcm'] as SpeechFormat[]) {
      it(`streams ${format} into the destination`, async () => {
        const out = dir.join(`speech.${format}`);
        const { createWriteStream } = await import('node:fs');
        const result = await t.client().speak({ deployment: 'tts', model: 'tts-1', input: 'Hello from the emulator.', voice: 'nova',
          response_format: format, speed: 1.25 }, createWriteStream(out));
        const bytes = readFileSync(out);
        assert.equal(result.bytes, size[format]);
        assert.equal(bytes.length, result.bytes);
        assert.ok(result.requestId);
        const check = magic[format];
        if (check) assert.ok(check(bytes), `${format} starts with its signature`);
        const rec = t.emu.requests[0];
        assert.equal(rec.headers.accept, 'application/octet-stream');
        assert.match(rec.contentType ?? '', /^application\/json/);
        assert.deepEqual(rec.json, { model: 'tts-1', input: 'Hello from the emulator.', voice: 'nova', response_format: format,
          speed: 1.25 });
      });
    }

    it('gpt-4o-mini-tts takes the newer voices and instructions', async () => {
      const { createWriteStream } = await import('node:fs');
      const result = await t.client().speak({ deployment: 'gpt-4o-mini-tts', model: 'gpt-4o-mini-tts', input: 'Calm words.', voice: 'coral',
        instructions: 'Speak slowly.' }, createWriteStream(dir.join('mini.mp3')));
      assert.equal(result.bytes, 3024);
      assert.equal((t.emu.requests[0].json as { instructions?: string }).instructions, 'Speak slowly.');
    });
  });

  describe('image generations', () => {
    it('gpt-image-1 returns base64 PNGs of the asked size with usage', async () => {
      const result = await t.client().generateImages({ deployment: 'gpt-image-1', model: 'gpt-image-1', prompt: 'A lighthouse', n: 2,
        size: '1536x1024', quality: 'low', background: 'opaque' });
      assert.equal(result.streamed, false);
      assert.equal(result.data.length, 2);
      for (const image of result.data) {
        assert.deepEqual(readImageSize(Buffer.from(image.b64_json ?? '', 'base64')), { width: 1536, height: 1024, format: 'png' });
      }
      assert.ok(result.usage?.total_tokens);
      assert.ok(result.requestId);
      const json = t.emu.requests[0].json as Record<string, unknown>;
      assert.equal(json.response_format, undefined);
      assert.equal(json.stream, undefined);
    });

    it('gpt-image-1-mini returns JPEG when output_format is jpeg', async () => {
      const result = await t.client().generateImages({ deployment: 'gpt-image-1-mini', model: 'gpt-image-1-mini', prompt: 'A fox',
        size: '1024x1024', output_format: 'jpeg', output_compression: 60 });
      assert.deepEqual(readImageSize(Buffer.from(result.data[0].b64_json ?? '', 'base64')), { width: 1024, height: 1024, format: 'jpeg' });
    });

    it('dall-e-3 returns a URL with revised_prompt and filter results; downloadImage fetches it', async () => {
      const client = t.client();
      const result = await client.generateImages({ deployment: 'dall-e-3', model: 'dall-e-3', prompt: 'A red bicycle', size: '1792x1024',
        quality: 'hd', style: 'natural', response_format: 'url', user: 'tester' });
      const image = result.data[0];
      assert.ok(image.url);
      assert.ok(image.revised_prompt);
      assert.ok(image.content_filter_results || image.prompt_filter_results, 'filter results are kept');
      const bytes = await client.downloadImage(image.url);
      assert.deepEqual(readImageSize(bytes), { width: 1792, height: 1024, format: 'png' });
    });

    it('an expired or unknown result URL is reported as no longer available', async () => {
      const err = await t.client().downloadImage(`${t.emu.url}/_emulator/files/00000000-gone.png?sig=x`).catch((e: unknown) => e);
      assert.ok(MediaApiError.is(err, 'badResponse'), String(err));
      assert.equal(err.status, 404);
      assert.match(err.message, /no longer available.*generate the image again/);
    });

    it('dall-e-3 returns b64_json when asked', async () => {
      const result = await t.client().generateImages({ deployment: 'dall-e-3', model: 'dall-e-3', prompt: 'A boat',
        response_format: 'b64_json' });
      assert.ok(result.data[0].b64_json);
      assert.equal(result.data[0].url, undefined);
    });

    it('streams partial images to the callback, then the completed image', async () => {
      const partials: number[] = [];
      const result = await t.client().generateImages(
        { deployment: 'gpt-image-1', model: 'gpt-image-1', prompt: 'A mountain', size: '1024x1024', stream: true, partial_images: 3 },
        { onPartialImage: (p) => partials.push(p.partialImageIndex) },
      );
      assert.deepEqual(partials, [0, 1, 2]);
      assert.equal(result.streamed, true);
      assert.equal(result.data.length, 1);
      assert.ok(readImageSize(Buffer.from(result.data[0].b64_json ?? '', 'base64')));
      assert.ok(result.usage);
      const json = t.emu.requests[0].json as Record<string, unknown>;
      assert.equal(json.stream, true);
      assert.equal(json.partial_images, 3);
    });

    it('falls back to a plain request when the deployment rejects streaming, and logs it', async () => {
      const partials: number[] = [];
      // A model the catalog does not know may stream as far as the client knows; the dall-e-3 deployment refuses.
      const result = await t.client().generateImages(
        { deployment: 'dall-e-3', model: 'contoso-image', prompt: 'A tree', stream: true, partial_images: 2 },
        { onPartialImage: (p) => partials.push(p.partialImageIndex) },
      );
      assert.equal(result.streamed, false);
      assert.equal(result.data.length, 1);
      assert.deepEqual(partials, []);
      assert.deepEqual(t.emu.requests.map((r) => r.status), [400, 200]);
      const second = t.emu.requests[1].json as Record<string, unknown>;
      assert.equal(second.stream, undefined);
      assert.equal(second.partial_images, undefined);
      assert.ok(t.logger.lines.some((l) => /^warn .*rejected streaming.*without stream/.test(l)), t.logger.lines.join('\n'));
    });
  });

  describe('image edits', () => {
    it('edits one image with a mask and input_fidelity', async () => {
      const result = await t.client().editImages({ deployment: 'gpt-image-1', model: 'gpt-image-1', prompt: 'Add a hat',
        images: [{ name: 'photo.png', path: photo }], mask: { name: 'mask.png', path: mask }, size: '1024x1024', input_fidelity: 'high',
        quality: 'medium' });
      assert.equal(result.data.length, 1);
      assert.ok(readImageSize(Buffer.from(result.data[0].b64_json ?? '', 'base64')));
      const rec = t.emu.requests[0];
      assert.equal(rec.status, 200);
      assert.deepEqual(rec.files.map((f) => [f.field, f.filename, f.contentType]),
        [['image', 'photo.png', 'image/png'], ['mask', 'mask.png', 'image/png']]);
    });

    it('edits with the output options of gpt-image models (JPEG out)', async () => {
      const result = await t.client().editImages({ deployment: 'gpt-image-1', model: 'gpt-image-1', prompt: 'Sepia',
        images: [{ name: 'photo.png', path: photo }], output_format: 'jpeg', output_compression: 70, background: 'opaque' });
      assert.equal(readImageSize(Buffer.from(result.data[0].b64_json ?? '', 'base64'))?.format, 'jpeg');
      assert.deepEqual(t.emu.requests[0].fields.output_compression, ['70']);
    });

    it('edits several images sent as image[]', async () => {
      const result = await t.client().editImages({ deployment: 'gpt-image-1-mini', model: 'gpt-image-1-mini', prompt: 'Combine',
        images: [{ name: 'photo.png', path: photo }, { name: 'second.png', path: photo2 }], n: 2 });
      assert.equal(result.data.length, 2);
      assert.deepEqual(t.emu.requests[0].files.map((f) => f.field), ['image[]', 'image[]']);
    });

    it('streams an edit with partial images', async () => {
      const partials: number[] = [];
      const result = await t.client().editImages(
        { deployment: 'gpt-image-1', model: 'gpt-image-1', prompt: 'Make it night', images: [{ name: 'photo.png', path: photo }],
          stream: true, partial_images: 1 },
        { onPartialImage: (p) => partials.push(p.partialImageIndex) },
      );
      assert.deepEqual(partials, [0]);
      assert.equal(result.streamed, true);
      assert.deepEqual(t.emu.requests[0].fields.stream, ['true']);
    });
  });

  describe('service-side errors', () => {
    it('an unknown deployment is DeploymentNotFound naming the setting', async () => {
      const err = await t.client().transcribe({ deployment: 'nope', model: 'whisper-1', file: { name: 'meeting.wav', path: wav } }).catch(
        (e: unknown) => e);
      assert.ok(MediaApiError.is(err, 'deploymentNotFound'), String(err));
      assert.equal(err.setting, 'deployment');
      assert.equal(err.status, 404);
      assert.match(err.message, /"nope".*azureOpenAIMedia\.deployments\.transcription/);
      assert.ok(err.requestId);
      assert.equal(t.emu.requests.length, 1, '404 is not retried');
    });

    it('an unsupported api-version names azureOpenAIMedia.apiVersion', async () => {
      const err = await t.client({ apiVersion: '2019-01-01' }).generateImages({ deployment: 'gpt-image-1', model: 'gpt-image-1',
        prompt: 'x' }).catch((e: unknown) => e);
      assert.ok(MediaApiError.is(err, 'apiVersion'), String(err));
      assert.equal(err.setting, 'apiVersion');
      assert.match(err.message, /azureOpenAIMedia\.apiVersion/);
    });

    it('a deployment whose model cannot do the operation names the deployment setting', async () => {
      const err = await t.client().speak({ deployment: 'whisper', input: 'x', voice: 'alloy' }, sink()).catch((e: unknown) => e);
      assert.ok(MediaApiError.is(err, 'badRequest'), String(err));
      assert.equal(err.setting, 'deployment');
      assert.match(err.message, /azureOpenAIMedia\.deployments\.speech/);
    });

    it('every kind of invalid request is refused by the client with the field named, and nothing reaches the service', async () => {
      const c = t.client();
      const file = { name: 'meeting.wav', path: wav };
      const img = [{ name: 'photo.png', path: photo }];
      const cases: Array<[string, () => Promise<unknown>]> = [
        ['file', () => c.transcribe({ deployment: 'whisper', model: 'whisper-1', file: { name: 'meeting.txt', path: wav } })],
        ['response_format', () => c.transcribe({ deployment: 'gpt-4o-transcribe', model: 'gpt-4o-transcribe', file,
          response_format: 'vtt' })],
        ['timestamp_granularities', () => c.transcribe({ deployment: 'whisper', model: 'whisper-1', file,
          timestamp_granularities: ['word'] })],
        ['temperature', () => c.translate({ deployment: 'whisper', file, temperature: 2 })],
        ['language', () => c.transcribe({ deployment: 'whisper', model: 'whisper-1', file, language: 'German' })],
        ['input', () => c.speak({ deployment: 'tts', input: 'x'.repeat(4097), voice: 'alloy' }, sink())],
        ['voice', () => c.speak({ deployment: 'tts', model: 'tts-1', input: 'x', voice: 'sage' }, sink())],
        ['speed', () => c.speak({ deployment: 'tts', input: 'x', voice: 'alloy', speed: 5 }, sink())],
        ['response_format', () => c.speak({ deployment: 'tts', input: 'x', voice: 'alloy', response_format: 'ogg' as never }, sink())],
        ['instructions', () => c.speak({ deployment: 'tts', model: 'tts-1', input: 'x', voice: 'alloy', instructions: 'calm' }, sink())],
        ['size', () => c.generateImages({ deployment: 'gpt-image-1', model: 'gpt-image-1', prompt: 'x', size: '1792x1024' })],
        ['quality', () => c.generateImages({ deployment: 'dall-e-3', model: 'dall-e-3', prompt: 'x', quality: 'low' })],
        ['style', () => c.generateImages({ deployment: 'gpt-image-1', model: 'gpt-image-1', prompt: 'x', style: 'vivid' })],
        ['background', () => c.generateImages({ deployment: 'dall-e-3', model: 'dall-e-3', prompt: 'x', background: 'opaque' })],
        ['response_format', () => c.generateImages({ deployment: 'gpt-image-1', model: 'gpt-image-1', prompt: 'x',
          response_format: 'url' })],
        ['partial_images', () => c.generateImages({ deployment: 'gpt-image-1', model: 'gpt-image-1', prompt: 'x', partial_images: 2 })],
        ['partial_images', () => c.generateImages({ deployment: 'gpt-image-1', model: 'gpt-image-1', prompt: 'x', stream: true,
          partial_images: 4 })],
        ['prompt', () => c.generateImages({ deployment: 'dall-e-3', model: 'dall-e-3', prompt: 'x'.repeat(4001) })],
        ['n', () => c.generateImages({ deployment: 'dall-e-3', model: 'dall-e-3', prompt: 'x', n: 2 })],
        ['model', () => c.editImages({ deployment: 'dall-e-3', model: 'dall-e-3', prompt: 'x', images: img })],
        ['mask', () => c.editImages({ deployment: 'gpt-image-1', model: 'gpt-image-1', prompt: 'x', images: img,
          mask: { name: 'm.png', data: makePng(512, 512, 0) } })],
        ['input_fidelity', () => c.editImages({ deployment: 'gpt-image-1-mini', model: 'gpt-image-1-mini', prompt: 'x', images: img,
          input_fidelity: 'high' })],
        ['deployment', () => c.editImages({ deployment: '', model: 'gpt-image-1', prompt: 'x', images: img })],
      ];
      for (const [field, run] of cases) {
        await assert.rejects(run(), (e: unknown) => MediaApiError.is(e, 'validation') && e.field === field,
          `expected a validation error on ${field}`);
      }
      assert.equal(t.emu.requests.length, 0);
    });

    it('validation stops a bad request before anything is sent', async () => {
      await assert.rejects(t.client().generateImages({ deployment: 'dall-e-3', model: 'dall-e-3', prompt: 'x', n: 2 }),
        (e: unknown) => MediaApiError.is(e, 'validation') && e.field === 'n');
      await assert.rejects(t.client().editImages({ deployment: 'dall-e-3', model: 'dall-e-3', prompt: 'x',
        images: [{ name: 'photo.png', path: photo }] }), (e: unknown) => MediaApiError.is(e, 'validation') && e.field === 'model');
      await assert.rejects(t.client({ endpoint: 'http://example.com' }).speak({ deployment: 'tts', input: 'x', voice: 'alloy' }, sink()),
        (e: unknown) => MediaApiError.is(e, 'validation') && e.setting === 'endpoint');
      assert.equal(t.emu.requests.length, 0);
    });
  });
});
