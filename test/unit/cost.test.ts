// Estimates equal the price table's arithmetic; the actual cost follows the `usage` the emulator answers with.
import assert from 'node:assert/strict';
import { PRICES, type ImagePrice, type TranscriptionPrice } from '../../src/core/catalog/prices';
import { actualCost, estimate, imageOutputTokens, mergePrices, noEstimateReason, SPEECH_CHARACTERS_PER_MINUTE } from '../../src/core/cost';
import { useEmulator } from './clientHarness';
import { makeWav } from './coreFixtures';

const close = (actual: number | undefined, expected: number): void => {
  assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-12, `${actual} ≠ ${expected}`);
};

// The expected figures below are written out by hand from catalog/prices.ts (and its gpt-image-2 token rule), not
// recomputed with the code under test: a changed table or rule must change these numbers deliberately.
describe('cost: estimates from the price table', () => {
  it('audio: minutes × the per-minute price', () => {
    close(estimate('whisper-1', { operation: 'transcription', seconds: 150 })?.usd, 0.015); // 2.5 min × $0.006
    close(estimate('gpt-4o-mini-transcribe', { operation: 'transcription', seconds: 90 })?.usd, 0.0045); // 1.5 min × $0.003
    close(estimate('gpt-4o-transcribe-diarize', { operation: 'transcription', seconds: 600 })?.usd, 0.06); // 10 min × $0.006
    assert.equal(estimate('whisper-1', { operation: 'transcription', seconds: 150 })?.basis, '2.50 min × $0.006/min');
    close(estimate('whisper-1', { operation: 'translation', seconds: 60 })?.usd, 0.006);
  });

  it('speech: characters × the per-character price, or minutes of speech for per-minute models', () => {
    close(estimate('tts-1', { operation: 'speech', characters: 4096 })?.usd, 0.06144); // 4096 / 1M × $15
    close(estimate('tts-1-hd', { operation: 'speech', characters: 4096 })?.usd, 0.12288); // 4096 / 1M × $30
    close(estimate('gpt-4o-mini-tts', { operation: 'speech', characters: 1800 })?.usd, 0.03); // 1800 / 900 = 2 min × $0.015
    assert.equal(SPEECH_CHARACTERS_PER_MINUTE, 900);
    assert.equal(estimate('tts-1', { operation: 'speech', characters: 4096 })?.basis, '4096 characters × $15.00/1M');
  });

  it('images: n × the per-image price for the quality and size; auto means high quality and the larger size', () => {
    close(estimate('gpt-image-1', { operation: 'imageGeneration', n: 3, quality: 'medium', size: '1024x1024' })?.usd, 0.126); // 3 × $0.042
    close(estimate('gpt-image-1', { operation: 'imageGeneration', n: 2, quality: 'low', size: '1536x1024' })?.usd, 0.032); // 2 × $0.016
    close(estimate('gpt-image-1', { operation: 'imageGeneration', n: 1, quality: 'auto', size: 'auto' })?.usd, 0.25);
    // 4 × $0.052
    close(estimate('gpt-image-1-mini', { operation: 'imageGeneration', n: 4, quality: 'high', size: '1024x1536' })?.usd, 0.208);
    close(estimate('dall-e-3', { operation: 'imageGeneration', n: 1, quality: 'hd', size: '1792x1024' })?.usd, 0.12);
    close(estimate('dall-e-3', { operation: 'imageGeneration', n: 1, size: '1024x1024' })?.usd, 0.04);
    assert.equal(estimate('gpt-image-1', { operation: 'imageGeneration', n: 2, quality: 'high', size: '1024x1536' })?.basis,
      '2 images × high × 1024x1536 × $0.25');
  });

  it('gpt-image-2: n × the output tokens of the size and quality × $30 per 1M image tokens', () => {
    // high, 1024x1024: q 96, s = floor((2·96·1024 + 1024) / 2048) = 96, ceil(96·96·(2,000,000 + 1,048,576) / 4,000,000) = 7024
    close(estimate('gpt-image-2', { operation: 'imageGeneration', n: 1, quality: 'high', size: '1024x1024' })?.usd, 0.21072);
    // high, 1536x1024: s = floor((196,608 + 1536) / 3072) = 64, ceil(96·64·3,572,864 / 4,000,000) = 5488
    close(estimate('gpt-image-2', { operation: 'imageGeneration', n: 1, quality: 'high', size: '1536x1024' })?.usd, 0.16464);
    // medium, 1024x1536, n 2: s = floor(99,840 / 3072) = 32, ceil(48·32·3,572,864 / 4,000,000) = 1372; 2 × 1372 × $30 / 1M
    close(estimate('gpt-image-2', { operation: 'imageGeneration', n: 2, quality: 'medium', size: '1024x1536' })?.usd, 0.08232);
    // low, 1024x1024: s = 16, ceil(16·16·3,048,576 / 4,000,000) = 196
    close(estimate('gpt-image-2', { operation: 'imageGeneration', n: 1, quality: 'low', size: '1024x1024' })?.usd, 0.00588);
    // 1792x1024 high: the calculator's 5063 tokens
    close(estimate('gpt-image-2', { operation: 'imageGeneration', n: 1, quality: 'high', size: '1792x1024' })?.usd, 0.15189);
    // auto size and quality: the dearest of the usual sizes at high (1024x1024, 7024 tokens)
    const auto = estimate('gpt-image-2', { operation: 'imageGeneration', n: 1, quality: 'auto', size: 'auto' });
    close(auto?.usd, 0.21072);
    assert.equal(auto?.basis, '1 image × high × auto (≤ 1024x1024) ≈ 7024 image tokens each × $30.00/1M');
  });

  it('gpt-image-2: the token rule gives the figures OpenAI\'s calculator gives', () => {
    const rule = (PRICES['gpt-image-2'] as ImagePrice).outputTokens!;
    assert.equal(imageOutputTokens(rule, 'high', 1024, 1024), 7024);
    assert.equal(imageOutputTokens(rule, 'high', 1536, 1024), 5488);
    assert.equal(imageOutputTokens(rule, 'high', 1792, 1024), 5063);
    assert.equal(imageOutputTokens(rule, 'high', 3584, 2048), 12329);
    assert.equal(imageOutputTokens(rule, 'high', 1024, 1536), 5488, 'portrait and landscape cost the same');
  });

  it('finds a price by the catalog\'s name for an alias or a dated model', () => {
    close(estimate('tts-1-hd', { operation: 'speech', characters: 1e6 })?.usd, 30);
    close(estimate('gpt-4o-mini-transcribe-2025-12-15', { operation: 'transcription', seconds: 60 })?.usd, 0.003);
  });

  it('gives no estimate where the table has no fitting price', () => {
    assert.equal(estimate('some-new-model', { operation: 'transcription', seconds: 60 }), undefined);
    assert.equal(estimate('tts-1', { operation: 'imageGeneration', n: 1 }), undefined);
    assert.equal(estimate('dall-e-3', { operation: 'imageGeneration', n: 1, quality: 'low' }), undefined);
    assert.equal(estimate('gpt-image-1.5', { operation: 'imageGeneration', n: 1, quality: 'low' }), undefined, 'no price in the table');
    assert.deepEqual(noEstimateReason('some-new-model'), { why: 'unknown', afterRun: false });
    assert.deepEqual(noEstimateReason('dall-e-3'), { why: 'noFit', afterRun: false });
    assert.deepEqual(noEstimateReason('gpt-image-1'), { why: 'noFit', afterRun: true });
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
    close(estimate('gpt-image-1', { operation: 'imageGeneration', n: 1, quality: 'low', size: '1024x1024' }, prices)?.usd, 0.02);
    const high = (PRICES['gpt-image-1'] as ImagePrice).perImage.high!.square;
    close(estimate('gpt-image-1', { operation: 'imageGeneration', n: 1, quality: 'high', size: '1024x1024' }, prices)?.usd, high);
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

  it('from a usage written out: the figures by hand', () => {
    // gpt-image-1: 50 text tokens × $5 + 4160 image tokens × $40, per 1M
    close(actualCost('gpt-image-1', { input_tokens: 50, input_tokens_details: { text_tokens: 50, image_tokens: 0 }, output_tokens: 4160 })
      ?.usd, 0.16665);
    // gpt-image-2 edit: 40 text × $5 + 1000 image × $8 in, 7024 out × $30
    close(actualCost('gpt-image-2', { input_tokens: 1040, input_tokens_details: { text_tokens: 40, image_tokens: 1000 },
      output_tokens: 7024 })?.usd, 0.0002 + 0.008 + 0.21072);
    // whisper: 30 s of duration = 0.5 min × $0.006
    close(actualCost('whisper-1', { type: 'duration', seconds: 30 })?.usd, 0.003);
    // gpt-4o-transcribe: 1000 audio × $6 + 20 text × $2.50 in, 100 out × $10
    close(actualCost('gpt-4o-transcribe', { type: 'tokens', input_tokens: 1020,
      input_token_details: { audio_tokens: 1000, text_tokens: 20 }, output_tokens: 100 })?.usd, 0.00705);
  });

  it('no usage, no cost', () => {
    assert.equal(actualCost('gpt-image-1', undefined), undefined);
    assert.equal(actualCost('tts-1', { input_tokens: 3 }), undefined);
    assert.equal(actualCost('dall-e-3', { output_tokens: 3 }), undefined);
  });
});
