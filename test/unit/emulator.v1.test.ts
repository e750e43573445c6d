// The emulator's v1 route (`/openai/v1/{operation}`, the deployment named by `model`) and the newer image models:
// gpt-image-2's size rule at and past each bound, its refused transparent background, gpt-image-1.5 and -1-mini.

import assert from 'node:assert/strict';
import { AI_AZURE_RESOURCE, startEmulator, type Emulator } from '../emulator/server';
import {
  answer, assertAzureError, form, makePng, makeWav, parsePng, postJson, type Answer, type FormValue, type ImagesAnswer,
} from '../fixtures/emulatorFixtures';

function v1Url(em: Emulator, path: string, apiVersion?: string): string {
  return `${em.url}/openai/v1/${path}${apiVersion === undefined ? '' : `?api-version=${encodeURIComponent(apiVersion)}`}`;
}

interface V1Options {
  apiVersion?: string;
  headers?: Record<string, string>;
}

async function v1Json(em: Emulator, path: string, body: unknown, opts: V1Options = {}): Promise<Answer> {
  return answer(
    await fetch(v1Url(em, path, opts.apiVersion), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'api-key': em.apiKey, ...opts.headers },
      body: JSON.stringify(body),
    }),
  );
}

async function v1Form(em: Emulator, path: string, entries: Array<[string, FormValue]>, apiVersion?: string): Promise<Answer> {
  return answer(await fetch(v1Url(em, path, apiVersion), { method: 'POST', headers: { 'api-key': em.apiKey }, body: form(entries) }));
}

const wav = (): FormValue => ({ data: makeWav(1), filename: 'talk.wav', type: 'audio/wav' });
const png = (w = 1024, h = 1024): FormValue => ({ data: makePng(w, h), filename: 'photo.png', type: 'image/png' });

describe('emulator: the v1 route', () => {
  let em: Emulator;
  before(async () => {
    em = await startEmulator({ deployments: { 'team-speech': 'gpt-4o-mini-tts', 'brand-art': 'gpt-image-2' } });
  });
  after(() => em.close());
  beforeEach(() => em.reset());

  it('serves the five operations with the deployment named by model, and records the route', async function () {
    this.timeout(30000);
    const answers = [
      await v1Form(em, 'audio/transcriptions', [['model', 'whisper'], ['file', wav()]]),
      await v1Form(em, 'audio/translations', [['model', 'whisper'], ['file', wav()]]),
      await v1Json(em, 'audio/speech', { model: 'team-speech', input: 'Hello there.', voice: 'coral' }),
      await v1Json(em, 'images/generations', { model: 'gpt-image-1', prompt: 'a lighthouse', quality: 'low' }),
      await v1Form(em, 'images/edits', [['model', 'gpt-image-1'], ['prompt', 'add a boat'], ['image', png()], ['quality', 'low']]),
    ];
    for (const a of answers) assert.equal(a.status, 200, a.text());
    assert.deepEqual(
      em.requests.map((r) => [r.route, r.operation, r.deployment, r.apiVersion, r.status]),
      [
        ['v1', 'transcriptions', 'whisper', undefined, 200],
        ['v1', 'translations', 'whisper', undefined, 200],
        ['v1', 'speech', 'team-speech', undefined, 200],
        ['v1', 'generations', 'gpt-image-1', undefined, 200],
        ['v1', 'edits', 'gpt-image-1', undefined, 200],
      ],
    );
  });

  it('takes api-version=preview and refuses any other api-version as the service does', async () => {
    const ok = await v1Json(em, 'images/generations', { model: 'gpt-image-1', prompt: 'x', quality: 'low' }, { apiVersion: 'preview' });
    assert.equal(ok.status, 200, ok.text());
    assert.equal(em.requests[0].apiVersion, 'preview');
    for (const version of ['2025-04-01-preview', '2024-10-21', 'v1', 'latest', '']) {
      const a = await v1Json(em, 'images/generations', { model: 'gpt-image-1', prompt: 'x' }, { apiVersion: version });
      const error = assertAzureError(a, 400, 'BadRequest');
      assert.equal(error.message, 'api-version query parameter is not allowed when using /v1 path', version);
    }
  });

  it('requires model (JSON or multipart), and a model that names a deployment of the resource', async () => {
    assertAzureError(await v1Json(em, 'audio/speech', { input: 'Hi', voice: 'alloy' }), 400, 'no_model_name');
    assertAzureError(await v1Json(em, 'audio/speech', { model: '', input: 'Hi', voice: 'alloy' }), 400, 'no_model_name');
    assertAzureError(await v1Form(em, 'audio/transcriptions', [['file', wav()]]), 400, 'no_model_name');
    assertAzureError(await v1Json(em, 'audio/speech', { model: 7, input: 'Hi', voice: 'alloy' }), 400, 'invalid_type', 'model');
    // A model's name is not a deployment's: the default whisper deployment serves whisper-1.
    assertAzureError(await v1Form(em, 'audio/transcriptions', [['model', 'whisper-1'], ['file', wav()]]), 404, 'DeploymentNotFound');
    assertAzureError(await v1Json(em, 'images/generations', { model: 'nobody', prompt: 'x' }), 404, 'DeploymentNotFound');
    // The header the refusal names routes too.
    const headers = { 'x-ms-model-mesh-model-name': 'tts' };
    const viaHeader = await v1Json(em, 'audio/speech', { input: 'Hi', voice: 'alloy' }, { headers });
    assert.equal(viaHeader.status, 200, viaHeader.text());
  });

  it('refuses an operation the deployment model does not do, and a body it cannot read', async () => {
    assertAzureError(await v1Json(em, 'audio/speech', { model: 'whisper', input: 'Hi', voice: 'alloy' }), 400, 'OperationNotSupported');
    const dalleEdit = await v1Form(em, 'images/edits', [['model', 'dall-e-3'], ['prompt', 'x'], ['image', png()]]);
    assertAzureError(dalleEdit, 400, 'OperationNotSupported');
    const wrongType = await answer(
      await fetch(v1Url(em, 'audio/transcriptions'), {
        method: 'POST',
        headers: { 'api-key': em.apiKey, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'whisper' }),
      }),
    );
    assertAzureError(wrongType, 400, 'invalid_content_type');
    assert.equal((await answer(await fetch(v1Url(em, 'audio/voices'), { method: 'POST', headers: { 'api-key': em.apiKey } }))).status, 404);
  });

  it('checks the body by the deployment model once routed, as on the deployments route', async () => {
    const instructed = await v1Json(em, 'audio/speech', { model: 'tts', input: 'Hi', voice: 'alloy', instructions: 'calm' });
    assertAzureError(instructed, 400, 'unsupported_parameter', 'instructions');
    const wide = await v1Json(em, 'images/generations', { model: 'gpt-image-1', prompt: 'x', size: '2048x1152' });
    assertAzureError(wide, 400, 'invalid_value', 'size');
  });

  it('faults hit v1 requests only once a deployment is resolved', async () => {
    em.injectFault({ kind: 'server-error', operation: 'speech' });
    assertAzureError(await v1Json(em, 'audio/speech', { model: 'nobody', input: 'Hi', voice: 'alloy' }), 404, 'DeploymentNotFound');
    const hit = await v1Json(em, 'audio/speech', { model: 'tts', input: 'Hi', voice: 'alloy' });
    assert.equal(hit.status, 500);
    assert.equal(em.requests[1].fault, 'server-error');
  });

  it('takes Entra tokens for https://ai.azure.com on v1 only; cognitiveservices tokens on both routes', async () => {
    const tokenFor = async (resource: string): Promise<string> => {
      const r = await fetch(`${em.tokenEndpoint}?resource=${encodeURIComponent(resource)}&api-version=2019-08-01`, {
        headers: { 'x-identity-header': em.identityHeader },
      });
      return ((await r.json()) as { access_token: string }).access_token;
    };
    const ai = `Bearer ${await tokenFor(AI_AZURE_RESOURCE)}`;
    const body = { model: 'tts', input: 'Hi', voice: 'alloy' };
    const noKey = async (url: string, authorization: string): Promise<number> =>
      (await fetch(url, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify(body) }))
        .status;
    assert.equal(await noKey(v1Url(em, 'audio/speech'), ai), 200);
    const deploymentsUrl = `${em.url}/openai/deployments/tts/audio/speech?api-version=2025-04-01-preview`;
    assert.equal(await noKey(deploymentsUrl, ai), 401);
    const cognitive = `Bearer ${em.issueToken()}`;
    assert.equal(await noKey(v1Url(em, 'audio/speech'), cognitive), 200);
    assert.equal(await noKey(deploymentsUrl, cognitive), 200);
  });

  it('keeps the deployments route as it was: api-version required, model not routing', async () => {
    assert.equal((await postJson(em, 'tts', 'audio/speech', { model: 'anything', input: 'Hi', voice: 'alloy' })).status, 200);
    assert.equal(em.requests[0].route, 'deployments');
    assertAzureError(await postJson(em, 'tts', 'audio/speech', { input: 'Hi', voice: 'alloy' }, undefined, null), 404, '404');
  });
});

describe('emulator: gpt-image-2, gpt-image-1.5 and gpt-image-1-mini deployments', () => {
  let em: Emulator;
  before(async () => {
    em = await startEmulator({ deployments: { 'brand-art': 'gpt-image-2' } });
  });
  after(() => em.close());
  beforeEach(() => em.reset());

  const generate = (body: Record<string, unknown>, deployment = 'gpt-image-2') =>
    postJson(em, deployment, 'images/generations', { prompt: 'a quiet harbour', quality: 'low', ...body });
  const sizeOf = (a: Answer): string => {
    const facts = parsePng(Buffer.from(a.json<ImagesAnswer>().data[0].b64_json, 'base64'));
    return `${facts.width}x${facts.height}`;
  };

  it('draws custom sizes at each bound of the rule (edges of 16, 3840 longest, 3:1, 655,360-8,294,400 pixels)', async function () {
    this.timeout(120000);
    for (const size of ['2048x1152', '1040x1024', '3072x1024', '1024x3072', '1024x640', '3840x2160']) {
      const a = await generate({ size });
      assert.equal(a.status, 200, `${size}: ${a.text().slice(0, 300)}`);
      assert.equal(sizeOf(a), size);
      assert.equal(a.json<ImagesAnswer>().size, size);
    }
    const auto = await generate({ size: 'auto' });
    assert.equal(auto.status, 200, auto.text());
    assert.equal(sizeOf(auto), '1024x1024');
  });

  it('refuses each size just past a bound, naming the rule', async () => {
    const cases: Array<[string, RegExp]> = [
      ['1032x1024', /multiples of 16/],
      ['1024x1030', /multiples of 16/],
      ['3856x1296', /longest edge must be at most 3840/],
      ['3088x1024', /aspect ratio must be between 1:3 and 3:1/],
      ['1024x3088', /aspect ratio must be between 1:3 and 3:1/],
      ['1008x640', /between 655360 and 8294400 pixels/],
      ['3840x2176', /between 655360 and 8294400 pixels/],
      ['1024X1024', /WIDTHxHEIGHT/],
      ['big', /WIDTHxHEIGHT/],
      ['0x0', /aspect ratio|pixels/],
    ];
    for (const [size, rule] of cases) {
      const error = assertAzureError(await generate({ size }), 400, 'invalid_value', 'size');
      assert.match(String(error.message), rule, size);
    }
  });

  it('refuses a transparent background, webp, dall-e qualities, and n outside 1-10', async function () {
    this.timeout(60000);
    const error = assertAzureError(await generate({ background: 'transparent' }), 400, 'invalid_value', 'background');
    assert.match(String(error.message), /gpt-image-2/);
    assertAzureError(await generate({ background: 'transparent', output_format: 'png' }), 400, 'invalid_value', 'background');
    assertAzureError(await generate({ output_format: 'webp' }), 400, 'invalid_value', 'output_format');
    for (const quality of ['standard', 'hd']) assertAzureError(await generate({ quality }), 400, 'invalid_value', 'quality');
    for (const n of [0, 11]) assertAzureError(await generate({ n }), 400, 'invalid_value', 'n');
    for (const quality of ['low', 'medium', 'high', 'auto']) {
      assert.equal((await generate({ quality, size: '1024x640' })).status, 200, quality);
    }
    for (const body of [{ background: 'opaque' }, { background: 'auto' }, { output_format: 'jpeg', output_compression: 50 }]) {
      assert.equal((await generate({ ...body, size: '1024x640' })).status, 200, JSON.stringify(body));
    }
    const ten = await generate({ n: 10, size: '1024x640' });
    assert.equal(ten.status, 200, ten.text());
    assert.equal(ten.json<ImagesAnswer>().data.length, 10);
  });

  it('edits at a custom size and takes input_fidelity', async function () {
    this.timeout(30000);
    const a = await answer(
      await fetch(`${em.url}/openai/deployments/gpt-image-2/images/edits?api-version=2025-04-01-preview`, {
        method: 'POST',
        headers: { 'api-key': em.apiKey },
        body: form([['image', png()], ['prompt', 'add a kite'], ['size', '1536x864'], ['input_fidelity', 'high'], ['quality', 'low']]),
      }),
    );
    assert.equal(a.status, 200, a.text());
    assert.equal(sizeOf(a), '1536x864');
  });

  it('decides by the deployment model, not its name', async () => {
    const art = await generate({ size: '2048x1152' }, 'brand-art');
    assert.equal(art.status, 200, art.text());
    assert.equal(sizeOf(art), '2048x1152');
    assertAzureError(await generate({ background: 'transparent' }, 'brand-art'), 400, 'invalid_value', 'background');
  });

  it('refuses to serve a deployment of a model it has no rules for', async () => {
    await assert.rejects(startEmulator({ deployments: { future: 'gpt-image-9' } }), /Deployment 'future'.*'gpt-image-9'/);
  });

  it('keeps gpt-image-1.5 and gpt-image-1-mini on the fixed sizes, with transparency', async () => {
    for (const deployment of ['gpt-image-1.5', 'gpt-image-1-mini']) {
      assertAzureError(await generate({ size: '2048x1152' }, deployment), 400, 'invalid_value', 'size');
      const a = await generate({ size: '1536x1024', background: 'transparent' }, deployment);
      assert.equal(a.status, 200, `${deployment}: ${a.text()}`);
      assert.equal(parsePng(Buffer.from(a.json<ImagesAnswer>().data[0].b64_json, 'base64')).colourType, 6);
    }
  });
});
