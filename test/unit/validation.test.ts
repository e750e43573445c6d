import assert from 'node:assert/strict';
import { effectiveFields, fieldFor, uploadLimit, type OperationId } from '../../src/core/catalog';
import {
  validateImageEdit,
  validateImageGeneration,
  validateSpeech,
  validateTranscription,
  validateTranslation,
} from '../../src/core/validation';
import type { ImageEditRequest, ImageGenerationRequest, SpeechRequest, TranscriptionRequest } from '../../src/core/types';
import { makeJpegHeader, makePng, makeWav, rejectsAsInvalid as rejects, TempDir } from './coreFixtures';


describe('validation before sending', () => {
  const dir = new TempDir();
  const wav = dir.file('clip.wav', makeWav(0.2));
  const png = dir.file('photo.png', makePng(32, 16));
  const jpg = dir.file('photo.jpg', makeJpegHeader(32, 16));
  const mask = dir.file('mask.png', makePng(32, 16, 0));
  const wrongMask = dir.file('mask-small.png', makePng(16, 16, 0));
  after(() => dir.remove());

  /** The values `model` takes for `key`, from the catalog. */
const valuesOf = (operation: OperationId, model: string, key: string): string[] => fieldFor(operation, model, key).values!;

  const tr = (over: Partial<TranscriptionRequest> = {}): TranscriptionRequest => ({
    deployment: 'whisper', model: 'whisper-1', file: { name: 'clip.wav', path: wav }, ...over,
  });

  describe('transcriptions and translations', () => {
    it('accepts a valid request for each model and format it supports', async () => {
      // Written out from the API reference, not read from the catalog the validator uses: the catalog must list
      // exactly these, and the validator must take each.
      const formats: Array<[string, string[]]> = [
        ['whisper', ['json', 'srt', 'text', 'verbose_json', 'vtt']],
        ['whisper-1', ['json', 'srt', 'text', 'verbose_json', 'vtt']],
        ['gpt-4o-transcribe', ['json', 'text']],
        ['gpt-4o-mini-transcribe', ['json', 'text']],
        ['gpt-4o-mini-transcribe-2025-12-15', ['json', 'text']],
      ];
      for (const [model, expected] of formats) {
        assert.deepEqual([...valuesOf('transcription', model, 'response_format')].sort(), expected, model);
        for (const format of expected) {
          await validateTranscription(tr({ model, response_format: format as TranscriptionRequest['response_format'] }));
        }
      }
      await validateTranscription(tr({
        response_format: 'verbose_json', timestamp_granularities: ['word', 'segment'], language: 'en', temperature: 0.4, prompt: 'names',
      }));
      await validateTranslation({ deployment: 'whisper', file: { name: 'clip.wav', data: makeWav(0.1) }, response_format: 'srt' });
    });

    it('requires a deployment and a model that transcribes', async () => {
      await rejects(() => validateTranscription(tr({ deployment: ' ' })), 'deployment', /azureOpenAIMedia\.deployments\.transcription/);
      await rejects(() => validateTranscription(tr({ model: '' })), 'model', /models\.transcription.*gpt-4o-mini-transcribe/);
      await rejects(
        () => validateTranscription(tr({ model: 'gpt-image-2' })),
        'model', /cannot transcribe audio; use a deployment of .*gpt-4o-mini-transcribe/,
      );
      await rejects(
        () => validateTranslation({ deployment: '', file: { name: 'clip.wav', path: wav } }),
        'deployment', /deployments\.translation/,
      );
    });

    it('rejects response formats the model cannot return', async () => {
      await rejects(
        () => validateTranscription(tr({ model: 'gpt-4o-transcribe', response_format: 'srt' })),
        'response_format', /for gpt-4o-transcribe; use one of: text, json\./,
      );
      await rejects(
        () => validateTranscription(tr({ model: 'gpt-4o-transcribe-diarize', response_format: 'vtt' })),
        'response_format', /use one of: text, json, diarized_json\./,
      );
      await rejects(
        () => validateTranscription(tr({ response_format: 'xml' as never })),
        'response_format', /one of: text, srt, vtt, json, verbose_json/,
      );
    });

    it('checks temperature, language, prompt and timestamp rules', async () => {
      await rejects(() => validateTranscription(tr({ temperature: 1.5 })), 'temperature', /from 0 to 1/);
      await rejects(() => validateTranscription(tr({ temperature: Number.NaN })), 'temperature', /from 0 to 1/);
      await rejects(
        () => validateTranslation({ deployment: 'w', file: { name: 'clip.wav', path: wav }, temperature: -0.1 }),
        'temperature', /from 0 to 1/,
      );
      await rejects(() => validateTranscription(tr({ language: 'english' })), 'language', /two-letter ISO-639-1/);
      await rejects(
        () => validateTranscription(tr({ model: 'gpt-4o-transcribe-diarize', prompt: 'hi' })),
        'prompt', /gpt-4o-transcribe-diarize has no prompt option.*clear prompt/,
      );
      await rejects(() => validateTranscription(tr({ timestamp_granularities: ['word'] })), 'timestamp_granularities', /verbose_json/);
      await rejects(
        () => validateTranscription(tr({ model: 'gpt-4o-transcribe', timestamp_granularities: ['word'] })),
        'timestamp_granularities', /no timestamp_granularities option \(it is for whisper\)/,
      );
      await rejects(
        () => validateTranscription(tr({ response_format: 'verbose_json', timestamp_granularities: ['line' as never] })),
        'timestamp_granularities', /word, segment/,
      );
    });

    it('checks the audio file: present, a supported type, not empty, at most 25 MB', async () => {
      await rejects(() => validateTranscription(tr({ file: { name: 'gone.wav', path: dir.join('gone.wav') } })), 'file', /cannot be read/);
      await rejects(
        () => validateTranscription(tr({ file: { name: 'notes.txt', path: wav } })),
        'file', /flac, mp3, mp4, mpeg, mpga, m4a, ogg, wav, webm/,
      );
      await rejects(() => validateTranscription(tr({ file: { name: 'a.wav', data: new Uint8Array(0) } })), 'file', /empty/);
      const big = dir.join('big.mp3');
      const { openSync, ftruncateSync, closeSync } = await import('node:fs');
      const fd = openSync(big, 'w');
      ftruncateSync(fd, uploadLimit('transcription', 'file') + 1);
      closeSync(fd);
      await rejects(() => validateTranscription(tr({ file: { name: 'big.mp3', path: big } })), 'file', /25 MB.*Compress/);
      const fdOk = openSync(big, 'w');
      ftruncateSync(fdOk, uploadLimit('transcription', 'file'));
      closeSync(fdOk);
      await validateTranscription(tr({ file: { name: 'big.mp3', path: big } }));
      await rejects(() => validateTranscription(tr({ file: undefined as never })), 'file', /choose a file/);
    });
  });

  describe('speech', () => {
    const sp = (over: Partial<SpeechRequest> = {}): SpeechRequest => ({
      deployment: 'tts', model: 'tts-1', input: 'Hello', voice: 'alloy', ...over,
    });
    it('accepts every voice a model speaks and every format', () => {
      // From the API reference: tts-1 speaks six voices, gpt-4o-mini-tts thirteen; six output formats for all.
      const classic = ['alloy', 'echo', 'fable', 'nova', 'onyx', 'shimmer'];
      const voices: Array<[string, string[]]> = [
        ['tts-1', classic],
        ['tts-1-hd', classic],
        ['gpt-4o-mini-tts', [...classic, 'ash', 'ballad', 'cedar', 'coral', 'marin', 'sage', 'verse'].sort()],
      ];
      for (const [model, expected] of voices) {
        assert.deepEqual([...valuesOf('speech', model, 'voice')].sort(), expected, model);
        for (const voice of expected) validateSpeech(sp({ model, voice: voice as SpeechRequest['voice'] }));
      }
      const formats = ['aac', 'flac', 'mp3', 'opus', 'pcm', 'wav'];
      assert.deepEqual([...valuesOf('speech', 'tts-1', 'response_format')].sort(), formats);
      for (const f of formats) validateSpeech(sp({ response_format: f as SpeechRequest['response_format'], speed: 0.25 }));
      validateSpeech(sp({ model: 'gpt-4o-mini-tts', voice: 'coral', instructions: 'Cheerful.' }));
      validateSpeech(sp({ input: 'x'.repeat(4096), speed: 4 }));
    });
    it('checks input length, voice per model, format, speed and instructions', async () => {
      await rejects(() => validateSpeech(sp({ input: '  ' })), 'input', /empty/);
      await rejects(() => validateSpeech(sp({ input: 'x'.repeat(4097) })), 'input', /4097 characters.*at most 4096/);
      validateSpeech(sp({ input: '😀'.repeat(4096) })); // 4096 characters, 8192 UTF-16 code units
      await rejects(() => validateSpeech(sp({ input: '😀'.repeat(4097) })), 'input', /4097 characters/);
      await rejects(
        () => validateSpeech(sp({ voice: 'coral' })),
        'voice', /"coral" is not valid for tts-1; use one of: alloy, echo, fable, onyx, nova, shimmer/,
      );
      await rejects(() => validateSpeech(sp({ voice: 'bob' as never, model: undefined })), 'voice', /alloy/);
      await rejects(() => validateSpeech(sp({ response_format: 'ogg' as never })), 'response_format', /mp3, opus, aac, flac, wav, pcm/);
      await rejects(() => validateSpeech(sp({ speed: 0.2 })), 'speed', /0.25 to 4/);
      await rejects(() => validateSpeech(sp({ speed: 4.5 })), 'speed', /0.25 to 4/);
      await rejects(() => validateSpeech(sp({ instructions: 'calm' })), 'instructions', /gpt-4o-mini-tts/);
      await rejects(() => validateSpeech(sp({ model: 'gpt-4o-mini-tts', instructions: 'y'.repeat(4097) })), 'instructions', /at most 4096/);
      await rejects(
        () => validateSpeech(sp({ model: 'whisper' })),
        'model', /whisper cannot speak text; use a deployment of gpt-4o-mini-tts/,
      );
      await rejects(() => validateSpeech(sp({ deployment: '' })), 'deployment', /deployments\.speech/);
    });
  });

  describe('image generations', () => {
    const gen = (over: Partial<ImageGenerationRequest> = {}): ImageGenerationRequest => ({
      deployment: 'img', model: 'gpt-image-1', prompt: 'a cat', ...over,
    });
    it('accepts every size and quality a model supports', () => {
      // From the API reference: the sizes and qualities each model takes (gpt-image-2 takes any size within its rules,
      // the ones here are the ones it suggests).
      const gptSizes = ['1024x1024', '1024x1536', '1536x1024', 'auto'];
      const gptQualities = ['auto', 'high', 'low', 'medium'];
      const models: Array<[string, string[], string[]]> = [
        ['gpt-image-1', gptSizes, gptQualities],
        ['gpt-image-1-mini', gptSizes, gptQualities],
        ['gpt-image-1.5', gptSizes, gptQualities],
        ['gpt-image-2', [...gptSizes, '2048x1152', '3840x2160'].sort(), gptQualities],
        ['dall-e-3', ['1024x1024', '1024x1792', '1792x1024'], ['hd', 'standard']],
      ];
      for (const [model, sizes, qualities] of models) {
        assert.deepEqual([...valuesOf('imageGeneration', model, 'size')].sort(), sizes, model);
        assert.deepEqual([...valuesOf('imageGeneration', model, 'quality')].sort(), qualities, model);
        for (const size of sizes) {
          for (const quality of qualities) {
            validateImageGeneration(gen({ model, size, quality: quality as ImageGenerationRequest['quality'] }));
          }
        }
      }
      validateImageGeneration(gen({ model: 'dall-e-3', style: 'natural', response_format: 'url' }));
      validateImageGeneration(gen({ n: 10, background: 'transparent', output_format: 'png', stream: true, partial_images: 3 }));
      validateImageGeneration(gen({ output_format: 'jpeg', output_compression: 50, stream: true, partial_images: 0 }));
    });
    it('checks prompt length, n, size, quality and response_format per model', async () => {
      await rejects(() => validateImageGeneration(gen({ prompt: '' })), 'prompt', /empty/);
      await rejects(() => validateImageGeneration(gen({ model: 'dall-e-3', prompt: 'p'.repeat(4001) })), 'prompt', /at most 4000/);
      await rejects(() => validateImageGeneration(gen({ prompt: 'p'.repeat(32001) })), 'prompt', /at most 32000/);
      validateImageGeneration(gen({ prompt: 'p'.repeat(32000) }));
      await rejects(() => validateImageGeneration(gen({ model: 'dall-e-3', n: 2 })), 'n', /from 1 to 1/);
      await rejects(() => validateImageGeneration(gen({ n: 11 })), 'n', /from 1 to 10/);
      await rejects(() => validateImageGeneration(gen({ n: 1.5 })), 'n', /whole number/);
      await rejects(() => validateImageGeneration(gen({ size: '1792x1024' })), 'size', /for gpt-image-1.*1024x1536/);
      await rejects(() => validateImageGeneration(gen({ model: 'dall-e-3', size: '1536x1024' })), 'size', /1792x1024/);
      await rejects(() => validateImageGeneration(gen({ quality: 'hd' })), 'quality', /low, medium, high/);
      await rejects(() => validateImageGeneration(gen({ model: 'dall-e-3', quality: 'high' })), 'quality', /standard, hd/);
      await rejects(
        () => validateImageGeneration(gen({ response_format: 'url' })),
        'response_format', /gpt-image-1 has no response_format option \(it is for dall-e-3\)/,
      );
      await rejects(
        () => validateImageGeneration(gen({ model: 'whisper' })),
        'model', /whisper cannot generate images; use a deployment of gpt-image-2/,
      );
      await rejects(() => validateImageGeneration(gen({ model: 'dall-e-3', stream: true })), 'stream', /dall-e-3 has no stream option/);
    });
    it('checks style, background, output format and compression per model', async () => {
      await rejects(() => validateImageGeneration(gen({ style: 'vivid' })), 'style', /dall-e-3/);
      await rejects(() => validateImageGeneration(gen({ model: 'dall-e-3', style: 'sepia' as never })), 'style', /vivid, natural/);
      await rejects(() => validateImageGeneration(gen({ model: 'dall-e-3', background: 'transparent' })), 'background', /gpt-image/);
      await rejects(() => validateImageGeneration(gen({ model: 'dall-e-3', output_format: 'jpeg' })), 'output_format', /gpt-image/);
      await rejects(() => validateImageGeneration(gen({ output_format: 'webp' as never })), 'output_format', /webp/);
      await rejects(() => validateImageGeneration(gen({ background: 'transparent', output_format: 'jpeg' })), 'background', /png/);
      await rejects(() => validateImageGeneration(gen({ output_compression: 50 })), 'output_compression', /jpeg/);
      await rejects(
        () => validateImageGeneration(gen({ output_format: 'jpeg', output_compression: 101 })),
        'output_compression', /0 to 100/,
      );
    });
    it('allows partial_images 0-3 and only with stream', async () => {
      await rejects(() => validateImageGeneration(gen({ partial_images: 2 })), 'partial_images', /stream/);
      await rejects(() => validateImageGeneration(gen({ stream: true, partial_images: 4 })), 'partial_images', /0 to 3/);
      await rejects(() => validateImageGeneration(gen({ stream: true, partial_images: -1 })), 'partial_images', /0 to 3/);
    });
  });

  describe('image edits', () => {
    const edit = (over: Partial<ImageEditRequest> = {}): ImageEditRequest => ({
      deployment: 'img', model: 'gpt-image-1', prompt: 'add a hat', images: [{ name: 'photo.png', path: png }], ...over,
    });
    it('accepts PNG and JPEG inputs, several images, a matching mask, input_fidelity on gpt-image-1', async () => {
      await validateImageEdit(edit({ mask: { name: 'mask.png', path: mask }, input_fidelity: 'high', size: '1024x1024', n: 2 }));
      await validateImageEdit(edit({ images: [{ name: 'photo.jpg', path: jpg }, { name: 'p.png', data: makePng(8, 8) }] }));
      await validateImageEdit(edit({
        model: 'gpt-image-1-mini', stream: true, partial_images: 1, mask: { name: 'm.png', data: makePng(32, 16, 0) },
      }));
    });
    it('allows edits only on gpt-image models and input_fidelity only on gpt-image-1', async () => {
      await rejects(() => validateImageEdit(edit({ model: 'dall-e-3' })), 'model', /cannot edit images.*gpt-image-1/);
      await rejects(() => validateImageEdit(edit({ model: 'gpt-image-1-mini', input_fidelity: 'high' })), 'input_fidelity', /gpt-image-1/);
      await rejects(() => validateImageEdit(edit({ deployment: '' })), 'deployment', /deployments\.imageEdit/);
    });
    it('checks the images: present, PNG or JPEG, at most 16', async () => {
      await rejects(() => validateImageEdit(edit({ images: [] })), 'image', /choose the image/);
      await rejects(
        () => validateImageEdit(edit({ images: [{ name: 'x.png', data: Buffer.from('not an image at all, really') }] })),
        'image', /PNG or JPEG/,
      );
      await rejects(
        () => validateImageEdit(edit({ images: Array.from({ length: 17 }, () => ({ name: 'photo.png', path: png })) })),
        'image', /at most 16/,
      );
      await rejects(
        () => validateImageEdit(edit({ images: [{ name: 'gone.png', path: dir.join('gone.png') }] })),
        'image', /cannot be read/,
      );
    });
    it('requires the mask to be a PNG under 4 MB with the image dimensions', async () => {
      await rejects(() => validateImageEdit(edit({ mask: { name: 'mask.jpg', path: jpg } })), 'mask', /must be a PNG/);
      await rejects(
        () => validateImageEdit(edit({ mask: { name: 'mask-small.png', path: wrongMask } })),
        'mask', /16x16 but the image is 32x16/,
      );
      const huge = Buffer.concat([makePng(32, 16, 0), Buffer.alloc(uploadLimit('imageEdit', 'mask'))]);
      await rejects(() => validateImageEdit(edit({ mask: { name: 'huge.png', data: huge } })), 'mask', /under 4 MB/);
    });
    it('applies the shared image rules (prompt, n, size, quality, partial_images)', async () => {
      await rejects(() => validateImageEdit(edit({ prompt: '' })), 'prompt', /empty/);
      await rejects(() => validateImageEdit(edit({ n: 0 })), 'n', /from 1 to 10/);
      await rejects(() => validateImageEdit(edit({ size: '1024x1792' })), 'size', /1536x1024/);
      await rejects(() => validateImageEdit(edit({ quality: 'standard' })), 'quality', /low, medium, high/);
      await rejects(() => validateImageEdit(edit({ partial_images: 1 })), 'partial_images', /stream/);
      await rejects(() => validateImageEdit(edit({ background: 'transparent', output_format: 'jpeg' })), 'background', /png/);
      await rejects(() => validateImageEdit(edit({ output_compression: 20 })), 'output_compression', /jpeg/);
      await validateImageEdit(edit({ background: 'transparent', output_format: 'png' }));
    });
  });

  it('exposes the capability tables the UI offers', () => {
    const take = (operation: OperationId, model: string, key: string) => fieldFor(operation, model, key).supported;
    assert.equal(fieldFor('imageGeneration', 'dall-e-3', 'n').max, 1);
    assert.equal(take('imageGeneration', 'dall-e-3', 'stream'), false);
    assert.equal(take('imageEdit', 'gpt-image-1-mini', 'size'), true);
    assert.equal(take('imageEdit', 'gpt-image-1-mini', 'input_fidelity'), false);
    assert.equal(take('imageGeneration', 'dall-e-3', 'style'), true);
    assert.equal(take('imageGeneration', 'dall-e-3', 'background'), false);
    assert.equal(valuesOf('speech', 'tts-1-hd', 'voice').length, 6);
    assert.equal(valuesOf('speech', 'gpt-4o-mini-tts', 'voice').length, 13);
    assert.equal(effectiveFields('imageEdit', 'dall-e-3').every((f) => !f.supported), true, 'dall-e-3 does not edit');
  });
});
