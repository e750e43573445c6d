import * as assert from 'node:assert/strict';
import type { MediaConfiguration } from '../../src/services/configuration';
import { capabilitiesFor, defaultsFor, pcmToWav, PLAYABLE_SPEECH } from '../../src/studio/capabilities';

function config(models: Partial<MediaConfiguration['models']> = {}): MediaConfiguration {
  // The settings' shape with the defaults package.json declares (written out: configuration.ts imports vscode).
  return {
    endpoint: 'https://example.openai.azure.com',
    apiVersion: '2025-04-01-preview',
    authentication: 'apiKey',
    outputFolder: 'media',
    deployments: { transcription: 'whisper', translation: 'whisper', speech: 'tts', image: 'img', imageEdit: 'img-edit' },
    models: { transcription: 'whisper-1', speech: 'tts-1', image: 'gpt-image-1', imageEdit: 'gpt-image-1', ...models },
    transcription: { responseFormat: 'srt', language: '', prompt: '', temperature: 0, timestampGranularities: ['word'],
      askForOptions: true, stream: false, subtitles: [], knownSpeakers: {} },
    translation: { responseFormat: 'text', prompt: '', temperature: 0 },
    speech: { voice: 'coral', format: 'mp3', speed: 1, instructions: 'calm' },
    image: { size: '1792x1024', quality: 'hd', count: 4, style: 'vivid', background: 'transparent', outputFormat: 'png', stream: true,
      partialImages: 2 },
    imageEdit: { size: 'auto', quality: 'auto', count: 1, inputFidelity: 'high' },
    entra: { tenantId: '', scope: '', authorityHost: '' },
    requestHeaders: {},
    gatewayKeyHeader: '',
    cost: { confirmAbove: 0, prices: {} },
  };
}

describe('Studio capabilities: only what the configured model takes', () => {
  it('offers gpt-image-1 its options and hides dall-e-3 only ones', () => {
    const caps = capabilitiesFor(config()).image;
    assert.equal(caps.maxPrompt, 32000);
    assert.equal(caps.maxImages, 10);
    assert.deepEqual(caps.sizes, ['auto', '1024x1024', '1024x1536', '1536x1024']);
    assert.equal(caps.style, false);
    assert.equal(caps.background, true);
    assert.equal(caps.streaming, true);
  });

  it('offers dall-e-3 style, one image, no streaming, no background, and no edits', () => {
    const caps = capabilitiesFor(config({ image: 'dall-e-3', imageEdit: 'dall-e-3' }));
    assert.equal(caps.image.maxPrompt, 4000);
    assert.equal(caps.image.maxImages, 1);
    assert.equal(caps.image.style, true);
    assert.equal(caps.image.background, false);
    assert.equal(caps.image.outputFormat, false);
    assert.equal(caps.image.streaming, false);
    assert.deepEqual(caps.image.qualities, ['standard', 'hd']);
    assert.equal(caps.imageEdit.supported, false);
  });

  it('gives each transcription model its own formats; timestamps only with verbose_json models', () => {
    assert.deepEqual(capabilitiesFor(config()).transcription.formats, ['text', 'srt', 'vtt', 'json', 'verbose_json']);
    const gpt = capabilitiesFor(config({ transcription: 'gpt-4o-transcribe' })).transcription;
    assert.deepEqual(gpt.formats, ['text', 'json']);
    assert.equal(gpt.granularities, false);
    const d = defaultsFor(config({ transcription: 'gpt-4o-transcribe' })).transcription;
    assert.equal(d.response_format, 'text', 'srt, which the model cannot return, falls back to the first format it returns');
    assert.equal(d.timestamp_granularities, undefined);
  });

  it('limits voices and instructions per speech model', () => {
    const tts = capabilitiesFor(config()).speech;
    assert.deepEqual(tts.voices, ['alloy', 'echo', 'fable', 'onyx', 'nova', 'shimmer']);
    assert.equal(tts.instructions, false);
    assert.equal(defaultsFor(config()).speech.voice, 'alloy', 'coral is not a tts-1 voice');
    assert.equal(defaultsFor(config()).speech.instructions, undefined);
    const mini = capabilitiesFor(config({ speech: 'gpt-4o-mini-tts' })).speech;
    assert.ok(mini.voices.includes('coral'));
    assert.equal(mini.instructions, true);
    assert.equal(defaultsFor(config({ speech: 'gpt-4o-mini-tts' })).speech.instructions, 'calm');
  });

  it('drops image defaults the model does not take', () => {
    const d = defaultsFor(config()).image;
    assert.equal(d.size, undefined, '1792x1024 is a dall-e-3 size');
    assert.equal(d.quality, undefined, 'hd is a dall-e-3 quality');
    assert.equal(d.n, 4);
    assert.equal(d.style, undefined);
    const e = defaultsFor(config({ imageEdit: 'gpt-image-1-mini' })).imageEdit;
    assert.equal(e.input_fidelity, undefined, 'gpt-image-1-mini takes no input_fidelity');
  });

  it('says AAC does not play in a webview and wraps raw PCM as WAV', () => {
    assert.equal(PLAYABLE_SPEECH.aac, false);
    assert.equal(PLAYABLE_SPEECH.pcm, true);
    const wav = pcmToWav(new Uint8Array([1, 0, 2, 0]));
    const view = new DataView(wav.buffer);
    assert.equal(new TextDecoder().decode(wav.subarray(0, 4)), 'RIFF');
    assert.equal(new TextDecoder().decode(wav.subarray(8, 16)), 'WAVEfmt ');
    assert.equal(view.getUint32(24, true), 24000);
    assert.equal(view.getUint16(34, true), 16);
    assert.equal(view.getUint32(40, true), 4);
    assert.deepEqual([...wav.subarray(44)], [1, 0, 2, 0]);
  });
});
