// The client on the v1 route, against the emulator: each of the five operations goes to /openai/v1/{operation}
// with no api-version and the deployment name as `model`; the dated route keeps the model's name there.
import assert from 'node:assert/strict';
import { AzureOpenAIMediaClient, type ClientOptions } from '../../src/core/client';
import { MediaApiError } from '../../src/core/errors';
import { readImageSize } from '../../src/core/media';
import { startEmulator, type Emulator, type RecordedRequest } from '../emulator/server';
import { makePng, makeWav, sink, TempDir } from './coreFixtures';

describe('client on the v1 route (emulator)', () => {
  let emu: Emulator;
  const dir = new TempDir();
  const wav = dir.file('meeting.wav', makeWav(2));
  const photo = dir.file('photo.png', makePng(1024, 1024));
  // Deployment names that differ from the model names, so the wire shows which one travels as `model`.
  const deployments = { 'team-stt': 'whisper-1', 'team-tts': 'gpt-4o-mini-tts', 'team-images': 'gpt-image-1' };
  before(async () => {
    emu = await startEmulator({ deployments });
  });
  beforeEach(() => emu.reset());
  after(async () => {
    await emu.close();
    dir.remove();
  });

  const client = (over: Partial<ClientOptions> = {}): AzureOpenAIMediaClient =>
    new AzureOpenAIMediaClient({
      endpoint: emu.url,
      apiVersion: 'v1',
      auth: { type: 'apiKey', getKey: () => Promise.resolve(emu.apiKey) },
      maxRetries: 0,
      ...over,
    });

  /** The one request made, checked for the v1 wire shape; returns it for operation-specific checks. */
  function v1Request(path: string, deployment: string): RecordedRequest {
    assert.equal(emu.requests.length, 1, JSON.stringify(emu.requests.map((r) => [r.path, r.status, r.errorCode])));
    const rec = emu.requests[0];
    assert.equal(rec.status, 200, rec.errorCode);
    assert.equal(rec.route, 'v1');
    assert.equal(rec.path, `/openai/v1/${path}`);
    assert.equal(rec.apiVersion, undefined, 'no api-version query on v1');
    assert.equal(rec.deployment, deployment);
    return rec;
  }

  const audio = { name: 'meeting.wav', path: wav };
  const SPOKEN = 'They asked for faster previews.';

  it('transcriptions: multipart model = the deployment', async () => {
    const result = await client().transcribe({ deployment: 'team-stt', model: 'whisper-1', file: audio, response_format: 'verbose_json' });
    // The emulator's transcript of this 2 s recording (test/emulator/transcript.ts: five words, chosen by its bytes).
    assert.equal(result.text, SPOKEN);
    assert.deepEqual(v1Request('audio/transcriptions', 'team-stt').fields.model, ['team-stt']);
  });

  it('translations: multipart model = the deployment (the dated route sends none)', async () => {
    const result = await client().translate({ deployment: 'team-stt', file: audio });
    assert.equal(result.text, SPOKEN);
    assert.deepEqual(v1Request('audio/translations', 'team-stt').fields.model, ['team-stt']);
  });

  it('speech: JSON model = the deployment', async () => {
    const out = sink();
    const request = { input: 'Hello from v1.', voice: 'coral', response_format: 'wav', instructions: 'calm' } as const;
    const result = await client().speak({ deployment: 'team-tts', model: 'gpt-4o-mini-tts', ...request }, out);
    assert.ok(result.bytes > 44);
    const json = v1Request('audio/speech', 'team-tts').json as Record<string, unknown>;
    assert.equal(json.model, 'team-tts');
    assert.equal(json.instructions, 'calm');
  });

  it('image generations: JSON model = the deployment, plain and streamed', async () => {
    const image = { deployment: 'team-images', model: 'gpt-image-1', prompt: 'a lighthouse', quality: 'low' } as const;
    const plain = await client().generateImages({ ...image, size: '1536x1024' });
    assert.deepEqual(readImageSize(Buffer.from(plain.data[0].b64_json!, 'base64')), { width: 1536, height: 1024, format: 'png' });
    assert.equal((v1Request('images/generations', 'team-images').json as Record<string, unknown>).model, 'team-images');
    emu.reset();
    const partials: number[] = [];
    const streamed = await client().generateImages(
      { ...image, stream: true, partial_images: 1 },
      { onPartialImage: (p) => partials.push(p.partialImageIndex) },
    );
    assert.equal(streamed.streamed, true);
    assert.deepEqual(partials, [0]);
    const json = v1Request('images/generations', 'team-images').json as Record<string, unknown>;
    assert.deepEqual([json.model, json.stream], ['team-images', true]);
  });

  it('image edits: multipart model = the deployment', async () => {
    const images = [{ name: 'photo.png', path: photo }];
    const result = await client().editImages({ deployment: 'team-images', model: 'gpt-image-1', prompt: 'add a boat', images });
    assert.equal(result.data.length, 1);
    const rec = v1Request('images/edits', 'team-images');
    assert.deepEqual(rec.fields.model, ['team-images']);
    assert.deepEqual(rec.files.map((f) => f.field), ['image']);
  });

  it('takes V1 in any case and spacing; an unknown deployment names the setting to fix', async () => {
    await client({ apiVersion: ' V1 ' }).translate({ deployment: 'team-stt', file: audio });
    v1Request('audio/translations', 'team-stt');
    await assert.rejects(
      client().generateImages({ deployment: 'nobody', model: 'gpt-image-1', prompt: 'x' }),
      (e: unknown) => MediaApiError.is(e, 'deploymentNotFound') && e.setting === 'deployment' && /"nobody"/.test(e.message),
    );
  });

  it('the dated route is unchanged: deployment in the path, api-version, the model name as model', async () => {
    await client({ apiVersion: undefined }).transcribe({ deployment: 'team-stt', model: 'whisper-1', file: audio });
    const rec = emu.requests[0];
    assert.equal(rec.status, 200, rec.errorCode);
    assert.equal(rec.route, 'deployments');
    assert.equal(rec.path, '/openai/deployments/team-stt/audio/transcriptions');
    assert.equal(rec.apiVersion, '2025-04-01-preview');
    assert.deepEqual(rec.fields.model, ['whisper-1']);
  });
});
