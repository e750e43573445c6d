import * as assert from 'node:assert/strict';
import type { OperationId } from '../../src/core/catalog';
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
      askForOptions: true, stream: false, subtitles: [], knownSpeakers: {}, partOrder: 'twoRounds', partsAtOnce: 8 },
    translation: { responseFormat: 'text', prompt: '', temperature: 0 },
    speech: { voice: 'coral', format: 'mp3', speed: 1, instructions: 'calm' },
    image: { size: '1792x1024', quality: 'hd', count: 4, style: 'vivid', background: 'transparent', outputFormat: 'png', stream: true,
      partialImages: 2 },
    imageEdit: { size: 'auto', quality: 'auto', count: 1, inputFidelity: 'high', keepProtectedArea: 'ask' },
    entra: { tenantId: '', scope: '', authorityHost: '', trustedOrigins: [] },
    cloud: 'auto',
    management: { endpoint: '' },
    requestHeaders: {},
    gatewayKeyHeader: '',
    cost: { confirmAbove: 0, prices: {} },
  };
}

type Caps = ReturnType<typeof capabilitiesFor>;
const op = (caps: Caps, id: OperationId) => caps.operations[id];
const field = (caps: Caps, id: OperationId, key: string) => op(caps, id).fields.find((f) => f.key === key)!;
const takes = (caps: Caps, id: OperationId, key: string) => field(caps, id, key).supported;

describe('Studio capabilities: only what the configured model takes', () => {
  it('offers gpt-image-1 its options and hides dall-e-3 only ones', () => {
    const caps = capabilitiesFor(config());
    assert.equal(op(caps, 'imageGeneration').limits.maxInput, 32000);
    assert.equal(field(caps, 'imageGeneration', 'n').max, 10);
    assert.deepEqual(field(caps, 'imageGeneration', 'size').values, ['auto', '1024x1024', '1024x1536', '1536x1024']);
    assert.equal(takes(caps, 'imageGeneration', 'style'), false);
    assert.equal(takes(caps, 'imageGeneration', 'background'), true);
    assert.equal(takes(caps, 'imageGeneration', 'stream'), true);
    assert.equal(caps.deployments.imageGeneration, 'img');
    assert.equal(caps.settings.imageGeneration, 'azureOpenAIMedia.models.image');
  });

  it('offers dall-e-3 style, one image, no streaming, no background, and no edits', () => {
    const caps = capabilitiesFor(config({ image: 'dall-e-3', imageEdit: 'dall-e-3' }));
    assert.equal(op(caps, 'imageGeneration').limits.maxInput, 4000);
    assert.equal(field(caps, 'imageGeneration', 'n').max, 1);
    assert.equal(takes(caps, 'imageGeneration', 'style'), true);
    assert.equal(takes(caps, 'imageGeneration', 'background'), false);
    assert.equal(takes(caps, 'imageGeneration', 'output_format'), false);
    assert.equal(takes(caps, 'imageGeneration', 'stream'), false);
    assert.deepEqual(field(caps, 'imageGeneration', 'quality').values, ['standard', 'hd']);
    assert.equal(op(caps, 'imageEdit').supported, false);
  });

  it('gives each transcription model its own formats; timestamps only with verbose_json models', () => {
    assert.deepEqual(field(capabilitiesFor(config()), 'transcription', 'response_format').values, ['text', 'srt', 'vtt', 'json',
      'verbose_json']);
    const gpt = capabilitiesFor(config({ transcription: 'gpt-4o-transcribe' }));
    assert.deepEqual(field(gpt, 'transcription', 'response_format').values, ['text', 'json']);
    assert.equal(takes(gpt, 'transcription', 'timestamp_granularities'), false);
    const d = defaultsFor(config({ transcription: 'gpt-4o-transcribe' })).transcription;
    assert.equal(d.response_format, 'text', 'srt, which the model cannot return, falls back to the first format it returns');
    assert.equal(d.timestamp_granularities, undefined);
  });

  it('starts a diarizing model on the transcript by speaker, with known speakers its own control (not a form value)', () => {
    const caps = capabilitiesFor(config({ transcription: 'gpt-4o-transcribe-diarize' }));
    assert.equal(takes(caps, 'transcription', 'known_speaker_names'), true);
    assert.equal(takes(capabilitiesFor(config({ transcription: 'gpt-4o-transcribe' })), 'transcription', 'known_speaker_names'), false);
    const d = defaultsFor(config({ transcription: 'gpt-4o-transcribe-diarize' })).transcription;
    assert.equal(d.response_format, 'diarized_json');
    assert.equal(d.known_speaker_names, undefined);
    assert.equal(defaultsFor(config({ transcription: 'gpt-4o-transcribe' })).transcription.response_format, 'text');
  });

  it('limits voices and instructions per speech model', () => {
    const tts = capabilitiesFor(config());
    assert.deepEqual(field(tts, 'speech', 'voice').values, ['alloy', 'echo', 'fable', 'onyx', 'nova', 'shimmer']);
    assert.equal(takes(tts, 'speech', 'instructions'), false);
    assert.equal(defaultsFor(config()).speech.voice, 'alloy', 'coral is not a tts-1 voice');
    assert.equal(defaultsFor(config()).speech.instructions, undefined);
    const mini = capabilitiesFor(config({ speech: 'gpt-4o-mini-tts' }));
    assert.ok(field(mini, 'speech', 'voice').values?.includes('coral'));
    assert.equal(takes(mini, 'speech', 'instructions'), true);
    assert.equal(defaultsFor(config({ speech: 'gpt-4o-mini-tts' })).speech.instructions, 'calm');
  });

  it('replaces image settings the model does not take with the catalog\'s defaults', () => {
    const d = defaultsFor(config()).imageGeneration;
    assert.equal(d.size, '1024x1024', '1792x1024 is a dall-e-3 size');
    assert.equal(d.quality, 'auto', 'hd is a dall-e-3 quality');
    assert.equal(d.n, 4);
    assert.equal(d.style, undefined);
    assert.equal(d.response_format, undefined, 'the host sets it');
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
