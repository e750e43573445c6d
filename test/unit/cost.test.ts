// Estimates equal the price table's arithmetic; the actual cost follows the `usage` the emulator answers with.
import assert from 'node:assert/strict';
import { PRICES, type ImagePrice, type SpeechPrice, type TranscriptionPrice } from '../../src/core/catalog/prices';
import { actualCost, estimate, mergePrices, SPEECH_CHARACTERS_PER_MINUTE } from '../../src/core/cost';
import { useEmulator } from './clientHarness';
import { makeWav } from './coreFixtures';

const close = (actual: number | undefined, expected: number): void => {
  assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-12, `${actual} ≠ ${expected}`);
};

describe('cost: estimates from the price table', () => {
  it('audio: minutes × the per-minute price', () => {
    const whisper = PRICES.whisper as TranscriptionPrice;
    close(estimate('whisper-1', { operation: 'transcription', seconds: 150 })?.usd, 2.5 * whisper.usdPerMinute);
    const mini = PRICES['gpt-4o-mini-transcribe'] as TranscriptionPrice;
    close(estimate('gpt-4o-mini-transcribe', { operation: 'transcription', seconds: 90 })?.usd, 1.5 * mini.usdPerMinute);
    assert.equal(estimate('whisper-1', { operation: 'transcription', seconds: 150 })?.basis, '2.50 min × $0.006/min');
    close(estimate('whisper-1', { operation: 'translation', seconds: 60 })?.usd, whisper.usdPerMinute);
  });

  it('speech: characters × the per-character price, or minutes of speech for per-minute models', () => {
    const tts = PRICES['tts-hd'] as SpeechPrice;
    close(estimate('tts-1-hd', { operation: 'speech', characters: 4096 })?.usd, (4096 / 1e6) * tts.usdPer1MCharacters!);
    const mini = PRICES['gpt-4o-mini-tts'] as SpeechPrice;
    close(estimate('gpt-4o-mini-tts', { operation: 'speech', characters: 1800 })?.usd, (
      1800 / SPEECH_CHARACTERS_PER_MINUTE) * mini.usdPerMinute!);
  });

  it('images: n × the price for the quality and size; auto means high quality and the larger size', () => {
    const img = PRICES['gpt-image-1'] as ImagePrice;
    close(estimate('gpt-image-1', { operation: 'image', n: 3, quality: 'medium', size: '1024x1024' })?.usd,
      3 * img.perImage.medium!.square);
    close(estimate('gpt-image-1', { operation: 'image', n: 2, quality: 'low', size: '1536x1024' })?.usd, 2 * img.perImage.low!.large);
    close(estimate('gpt-image-1', { operation: 'image', n: 1, quality: 'auto', size: 'auto' })?.usd, img.perImage.high!.large);
    const dalle = PRICES['dall-e-3'] as ImagePrice;
    close(estimate('dall-e-3', { operation: 'image', n: 1, quality: 'hd', size: '1792x1024' })?.usd, dalle.perImage.hd!.large);
    close(estimate('dall-e-3', { operation: 'image', n: 1, size: '1024x1024' })?.usd, dalle.perImage.standard!.square);
  });

  it('finds a price by the catalog\'s name for an alias or a dated model', () => {
    close(estimate('tts-1-hd', { operation: 'speech', characters: 1e6 })?.usd, (PRICES['tts-hd'] as SpeechPrice).usdPer1MCharacters!);
    const mini = PRICES['gpt-4o-mini-transcribe'] as TranscriptionPrice;
    close(estimate('gpt-4o-mini-transcribe-2025-12-15', { operation: 'transcription', seconds: 60 })?.usd, mini.usdPerMinute);
    assert.equal(estimate('gpt-image-2', { operation: 'image', n: 1, quality: 'high', size: '1024x1024' }), undefined,
      'no per-image price');
  });

  it('gives no estimate where the table has no fitting price', () => {
    assert.equal(estimate('some-new-model', { operation: 'transcription', seconds: 60 }), undefined);
    assert.equal(estimate('tts-1', { operation: 'image', n: 1 }), undefined);
    assert.equal(estimate('dall-e-3', { operation: 'image', n: 1, quality: 'low' }), undefined);
  });

  it('a user price replaces the table figure; malformed entries are ignored and named', () => {
    const { prices, ignored } = mergePrices({
      'whisper-1': { usdPerMinute: 0.01 },
      'gpt-image-1': { perImage: { low: { square: 0.02, large: 0.03 } } },
      'my-model': { kind: 'speech', usdPer1MCharacters: 20 },
      broken: { kind: 'nonsense' },
      'tts-1': { usdPer1MCharacters: 'cheap' },
    });
    close(estimate('whisper-1', { operation: 'transcription', seconds: 60 }, prices)?.usd, 0.01);
    close(estimate('gpt-image-1', { operation: 'image', n: 1, quality: 'low', size: '1024x1024' }, prices)?.usd, 0.02);
    const high = (PRICES['gpt-image-1'] as ImagePrice).perImage.high!.square;
    close(estimate('gpt-image-1', { operation: 'image', n: 1, quality: 'high', size: '1024x1024' }, prices)?.usd, high);
    close(estimate('my-model', { operation: 'speech', characters: 1e6 }, prices)?.usd, 20);
    assert.deepEqual(ignored.sort(), ['broken', 'tts-1']);
    assert.equal(prices.tts, PRICES.tts);
  });
});

describe('cost: the actual cost from usage', () => {
  const t = useEmulator();

  it('a gpt-4o transcription: audio and text tokens in, text tokens out', async () => {
    const result = await t.client().transcribe({ deployment: 'gpt-4o-transcribe', model: 'gpt-4o-transcribe', file: { name: 'a.wav',
      data: makeWav(6) } });
    assert.ok(result.format === 'json' && result.usage);
    const u = result.usage as { input_token_details: { audio_tokens: number; text_tokens: number }; output_tokens: number };
    const p = PRICES['gpt-4o-transcribe'] as TranscriptionPrice;
    const expected = (u.input_token_details.audio_tokens * p.audioInPer1M! + u.input_token_details.text_tokens * p.textInPer1M!
      + u.output_tokens * p.textOutPer1M!) / 1e6;
    close(actualCost('gpt-4o-transcribe', result.usage)?.usd, expected);
    assert.ok(expected > 0);
  });

  it('a whisper transcription: its duration usage × the per-minute price', async () => {
    const result = await t.client().transcribe({ deployment: 'whisper', model: 'whisper-1', file: { name: 'a.wav', data: makeWav(30) } });
    assert.ok(result.format === 'json');
    close(actualCost('whisper-1', result.format === 'json' ? result.usage : undefined)?.usd, 0.5 * (
      PRICES.whisper as TranscriptionPrice).usdPerMinute);
  });

  it('a gpt-image generation: text tokens in, image tokens out', async () => {
    const result = await t.client().generateImages({ deployment: 'gpt-image-1', model: 'gpt-image-1', prompt: 'a lighthouse at dusk',
      quality: 'low', size: '1024x1024' });
    assert.ok(result.usage);
    const p = PRICES['gpt-image-1'] as ImagePrice;
    const u = result.usage;
    const expected = (u.input_tokens_details!.text_tokens! * p.textInPer1M! + u.input_tokens_details!.image_tokens! * p.imageInPer1M!
      + u.output_tokens! * p.imageOutPer1M!) / 1e6;
    close(actualCost('gpt-image-1', result.usage)?.usd, expected);
  });

  it('no usage, no cost', () => {
    assert.equal(actualCost('gpt-image-1', undefined), undefined);
    assert.equal(actualCost('tts-1', { input_tokens: 3 }), undefined);
    assert.equal(actualCost('dall-e-3', { output_tokens: 3 }), undefined);
  });
});
