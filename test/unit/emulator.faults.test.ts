// Faults on demand, the control routes other processes use, and the CLI.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { startEmulator, type Emulator, type FaultKind } from '../emulator/server';
import { assertAzureError, makeWav, opUrl, postForm, postJson, readSse, type ImagesAnswer } from '../fixtures/emulatorFixtures';

const image = { prompt: 'a quiet street', quality: 'low' };

describe('emulator: faults', () => {
  let em: Emulator;
  before(async () => {
    em = await startEmulator();
  });
  after(() => em.close());
  beforeEach(() => em.reset());

  const generate = () => postJson(em, 'gpt-image-1', 'images/generations', image);

  const rateLimits: Array<[FaultKind, string, (v: string) => void]> = [
    ['rate-limit-retry-after-ms', 'retry-after-ms', (v) => assert.equal(v, '750')],
    ['rate-limit-x-ms-retry-after-ms', 'x-ms-retry-after-ms', (v) => assert.equal(v, '750')],
    ['rate-limit-retry-after-seconds', 'retry-after', (v) => assert.equal(v, '2')],
    [
      'rate-limit-retry-after-date',
      'retry-after',
      (v) => {
        const at = Date.parse(v);
        assert.ok(Number.isFinite(at), v);
        assert.match(v, /GMT$/);
        assert.ok(at > Date.now() - 1000 && at < Date.now() + 5000);
      },
    ],
  ];
  for (const [kind, header, check] of rateLimits) {
    it(`${kind}: 429 with ${header}, then success`, async () => {
      em.injectFault({ kind, delayMs: kind === 'rate-limit-retry-after-seconds' ? 2000 : 750 });
      const a = await generate();
      const err = assertAzureError(a, 429, '429');
      assert.match(String(err.message), /exceeded call rate limit/);
      check(a.headers.get(header) ?? '');
      assert.equal((await generate()).status, 200);
      assert.equal(em.requests[0].fault, kind);
    });
  }

  it('rate-limit-no-header: 429 without any retry hint', async () => {
    em.injectFault({ kind: 'rate-limit-no-header' });
    const a = await generate();
    assertAzureError(a, 429, '429');
    for (const h of ['retry-after', 'retry-after-ms', 'x-ms-retry-after-ms']) assert.equal(a.headers.get(h), null, h);
  });

  it('server-error: 500 for `times` requests, then success', async () => {
    em.injectFault({ kind: 'server-error', times: 2 });
    assertAzureError(await generate(), 500, 'InternalServerError');
    assertAzureError(await generate(), 500, 'InternalServerError');
    assert.equal((await generate()).status, 200);
    assert.deepEqual(em.requests.map((r) => r.status), [500, 500, 200]);
  });

  it('unavailable: 503', async () => {
    em.injectFault({ kind: 'unavailable' });
    assertAzureError(await generate(), 503, 'ServiceUnavailable');
  });

  it('unauthorized: 401 even with the right key, in the shape of the auth used', async () => {
    em.injectFault({ kind: 'unauthorized', times: 2 });
    assertAzureError(await generate(), 401, '401');
    assertAzureError(await postJson(em, 'gpt-image-1', 'images/generations', image, { authorization: `Bearer ${em.issueToken()}` }), 401,
      'PermissionDenied');
    assert.equal((await generate()).status, 200);
  });

  it('only hits the operation it names', async () => {
    em.injectFault({ kind: 'server-error', operation: 'speech' });
    assert.equal((await generate()).status, 200);
    const a = await postJson(em, 'tts', 'audio/speech', { input: 'hello', voice: 'alloy', response_format: 'pcm' });
    assertAzureError(a, 500);
  });

  it('does not spend a fault on a request that fails auth', async () => {
    em.injectFault({ kind: 'unavailable' });
    assertAzureError(await postJson(em, 'gpt-image-1', 'images/generations', image, { 'api-key': 'wrong' }), 401);
    assertAzureError(await generate(), 503);
  });

  it('reset-mid-upload: the connection drops while the file is still uploading', async function () {
    this.timeout(20000);
    em.injectFault({ kind: 'reset-mid-upload' });
    const started = Date.now();
    await assert.rejects(
      postForm(em, 'whisper', 'audio/transcriptions',
        [['model', 'whisper-1'], ['file', { data: makeWav(300), filename: 'long.wav', type: 'audio/wav' }]]),
      (err: Error) => err instanceof TypeError, // fetch failed: the socket was reset
    );
    assert.ok(Date.now() - started < 10000);
    assert.equal(em.requests[0].status, 0);
    assert.equal(em.requests[0].errorCode, 'ECONNRESET');
    assert.equal((await postForm(em, 'whisper', 'audio/transcriptions',
      [['model', 'whisper-1'], ['file', { data: makeWav(2), filename: 'a.wav', type: 'audio/wav' }]])).status, 200);
  });

  it('slow: holds the answer past a client timeout, and answers normally when waited for', async () => {
    em.injectFault({ kind: 'slow', delayMs: 1500 });
    const started = Date.now();
    await assert.rejects(
      fetch(opUrl(em, 'gpt-image-1', 'images/generations'), {
        method: 'POST',
        headers: { 'api-key': em.apiKey, 'content-type': 'application/json' },
        body: JSON.stringify(image),
        signal: AbortSignal.timeout(300),
      }),
      (err: Error) => err.name === 'TimeoutError',
    );
    assert.ok(Date.now() - started < 1200);
    em.injectFault({ kind: 'slow', delayMs: 400 });
    const t0 = Date.now();
    const a = await generate();
    assert.equal(a.status, 200);
    assert.ok(Date.now() - t0 >= 400);
  });

  it('records a client that gives up, mid-upload or waiting, as 499', async function () {
    this.timeout(20000);
    em.injectFault({ kind: 'slow', delayMs: 10000 }); // so the answer cannot come before the abort
    const fd = new FormData();
    fd.append('model', 'whisper-1');
    fd.append('file', new Blob([makeWav(700)], { type: 'audio/wav' }), 'a.wav');
    const controller = new AbortController();
    const upload = fetch(opUrl(em, 'whisper', 'audio/transcriptions'),
      { method: 'POST', headers: { 'api-key': em.apiKey }, body: fd, signal: controller.signal });
    for (let i = 0; i < 200 && em.requests.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    await assert.rejects(upload);
    for (let i = 0; i < 200 && em.requests[0]?.status === 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(em.requests[0].status, 499);
    assert.equal(em.requests[0].errorCode, 'ClientClosedRequest');
  });

  it('truncated-stream: an SSE stream stops mid-event', async () => {
    em.injectFault({ kind: 'truncated-stream' });
    const r = await fetch(opUrl(em, 'gpt-image-1', 'images/generations'), {
      method: 'POST',
      headers: { 'api-key': em.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ ...image, stream: true, partial_images: 2 }),
    });
    assert.equal(r.status, 200);
    await assert.rejects(readSse(r));
  });

  it('truncated-stream: a speech download is cut after its first bytes', async () => {
    em.injectFault({ kind: 'truncated-stream', operation: 'speech' });
    const r = await fetch(opUrl(em, 'tts', 'audio/speech'), {
      method: 'POST',
      headers: { 'api-key': em.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ input: 'A longer sentence to speak.', voice: 'alloy', response_format: 'wav' }),
    });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'audio/wav');
    const reader = r.body!.getReader() as ReadableStreamDefaultReader<Uint8Array>;
    let got = 0;
    await assert.rejects(async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        got += value.length;
      }
    });
    assert.ok(got > 0, 'some bytes arrived before the cut');
  });

  it('forbidden: 403 in the shape of the auth used', async () => {
    em.injectFault({ kind: 'forbidden', times: 2 });
    assertAzureError(await generate(), 403, '403');
    assertAzureError(await postJson(em, 'gpt-image-1', 'images/generations', image, { authorization: `Bearer ${em.issueToken()}` }), 403,
      'PermissionDenied');
    assert.equal((await generate()).status, 200);
  });

  it('reset-mid-download: status and part of the body arrive, then the connection is reset', async () => {
    em.injectFault({ kind: 'reset-mid-download' });
    const r = await fetch(opUrl(em, 'gpt-image-1', 'images/generations'), {
      method: 'POST',
      headers: { 'api-key': em.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify(image),
    });
    assert.equal(r.status, 200);
    const expected = Number(r.headers.get('content-length'));
    let got = 0;
    await assert.rejects(async () => {
      const reader = (r.body as ReadableStream<Uint8Array>).getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        got += value.length;
      }
    });
    assert.ok(got > 0 && got < expected, `${got} of ${expected} bytes`);
    assert.equal(em.requests[0].fault, 'reset-mid-download');
  });

  it('counts the requests in flight and the most at once', async () => {
    em.injectFault({ kind: 'slow', delayMs: 300, times: 3 });
    await Promise.all([generate(), generate(), generate()]);
    assert.deepEqual(em.stats(), { inFlight: 0, maxInFlight: 3 });
    em.reset();
    await generate();
    assert.deepEqual(em.stats(), { inFlight: 0, maxInFlight: 1 });
  });

  it('truncated-stream: a JSON answer is cut short of its Content-Length', async () => {
    em.injectFault({ kind: 'truncated-stream' });
    const r = await fetch(opUrl(em, 'whisper', 'audio/transcriptions'), {
      method: 'POST',
      headers: { 'api-key': em.apiKey },
      body: (() => {
        const fd = new FormData();
        fd.append('model', 'whisper-1');
        fd.append('file', new Blob([makeWav(3)], { type: 'audio/wav' }), 'a.wav');
        return fd;
      })(),
    });
    assert.equal(r.status, 200);
    await assert.rejects(r.text());
  });

  it('malformed-json: 200 with a body that is not JSON', async () => {
    em.injectFault({ kind: 'malformed-json' });
    const a = await generate();
    assert.equal(a.status, 200);
    assert.match(a.headers.get('content-type') ?? '', /application\/json/);
    assert.throws(() => a.json(), SyntaxError);
  });

  it('content-filter: the chat-style refusal with innererror.content_filter_result', async () => {
    em.injectFault({ kind: 'content-filter' });
    const err = assertAzureError(await generate(), 400, 'content_filter', 'prompt');
    const inner = err.innererror as { code: string; content_filter_result: Record<string, { filtered: boolean; severity?: string }> };
    assert.equal(inner.code, 'ResponsibleAIPolicyViolation');
    assert.equal(inner.content_filter_result.violence.filtered, true);
    assert.equal(inner.content_filter_result.violence.severity, 'high');
    assert.equal(inner.content_filter_result.hate.filtered, false);
  });

  it('content-filter-image: the image refusal with code contentFilter', async () => {
    em.injectFault({ kind: 'content-filter-image' });
    const a = await generate();
    const err = assertAzureError(a, 400, 'contentFilter');
    assert.match(String(err.message), /safety system/);
    assert.ok(Number.isInteger(a.json<ImagesAnswer>().created));
    const inner = err.inner_error as { content_filter_results: Record<string, { filtered: boolean }> };
    assert.equal(inner.content_filter_results.violence.filtered, true);
  });

  it('content filters refuse only valid requests; an invalid one gets its own error and keeps the fault', async () => {
    em.injectFault({ kind: 'content-filter' });
    assertAzureError(await postJson(em, 'gpt-image-1', 'images/generations', { prompt: 'x', size: 'huge' }), 400, 'invalid_value');
    assertAzureError(await generate(), 400, 'content_filter');
  });

  it('rejects an unknown fault kind, operation, count or delay', () => {
    assert.throws(() => em.injectFault({ kind: 'meteor' as FaultKind }), /Unknown fault kind/);
    assert.throws(() => em.injectFault({ kind: 'slow', operation: 'chat' as 'speech' }), /Unknown operation/);
    assert.throws(() => em.injectFault({ kind: 'slow', times: 0 }), /positive integer/);
    assert.throws(() => em.injectFault({ kind: 'slow', delayMs: -5 }), /milliseconds/);
  });
});

describe('emulator: control routes', () => {
  let em: Emulator;
  before(async () => {
    em = await startEmulator();
  });
  after(() => em.close());
  beforeEach(() => em.reset());

  const control = (route: string, init?: RequestInit) => fetch(`${em.url}/_emulator/${route}`, init);

  it('GET /_emulator/requests lists what was received', async () => {
    await postJson(em, 'tts', 'audio/speech', { input: 'hi', voice: 'alloy', response_format: 'pcm' });
    const list = (await (await control('requests')).json()) as Array<{ operation: string; status: number }>;
    assert.equal(list.length, 1);
    assert.equal(list[0].operation, 'speech');
    assert.equal(list[0].status, 200);
  });

  it('POST /_emulator/faults injects a fault for the next request', async () => {
    const r = await control('faults', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'unavailable', operation: 'generations' }) });
    assert.equal(r.status, 200);
    assertAzureError(await postJson(em, 'gpt-image-1', 'images/generations', image), 503);
  });

  it('POST /_emulator/faults refuses an unknown kind and bad JSON', async () => {
    assert.equal((await control('faults', { method: 'POST', body: JSON.stringify({ kind: 'nope' }) })).status, 400);
    assert.equal((await control('faults', { method: 'POST', body: '{' })).status, 400);
  });

  it('DELETE /_emulator/faults drops pending faults', async () => {
    em.injectFault({ kind: 'server-error', times: 5 });
    assert.equal((await control('faults', { method: 'DELETE' })).status, 200);
    assert.equal((await postJson(em, 'gpt-image-1', 'images/generations', image)).status, 200);
  });

  it('POST /_emulator/pace holds transcriptions and translations in proportion to their audio, until a reset', async () => {
    const wav = (seconds: number) => ({ data: makeWav(seconds), filename: 'talk.wav', type: 'audio/wav' });
    const timed = async (path: string, seconds: number) => {
      const started = Date.now();
      assert.equal((await postForm(em, 'whisper', path, [['model', 'whisper-1'], ['file', wav(seconds)]])).status, 200);
      return Date.now() - started;
    };
    const json = { method: 'POST', headers: { 'content-type': 'application/json' } };
    assert.equal((await control('pace', { ...json, body: JSON.stringify({ secondsPerAudioMinute: 6 }) })).status, 200);
    // 6 s per minute: 2 s of audio waits 200 ms, 12 s waits 1.2 s; a translation the same.
    const short = await timed('audio/transcriptions', 2);
    const long = await timed('audio/transcriptions', 12);
    assert.ok(short >= 190 && short < 1000, `2 s of audio: ${short} ms`);
    assert.ok(long >= 1190, `12 s of audio: ${long} ms`);
    assert.ok((await timed('audio/translations', 12)) >= 1190);
    assert.deepEqual(em.requests.map((r) => [r.audioSeconds, r.pacedMs]), [[2, 200], [12, 1200], [12, 1200]]);
    assert.equal((await control('pace', { ...json, body: JSON.stringify({ secondsPerAudioMinute: -1 }) })).status, 400);
    assert.equal((await control('pace', { ...json, body: '{' })).status, 400);
    em.reset();
    assert.ok((await timed('audio/transcriptions', 12)) < 1000, 'a reset restores the pace the emulator started with (none)');
  });

  it('POST /_emulator/reset forgets requests and faults', async () => {
    em.injectFault({ kind: 'server-error' });
    await postJson(em, 'tts', 'audio/speech', { input: 'hi', voice: 'alloy' }, { 'api-key': 'wrong' });
    assert.equal((await control('reset', { method: 'POST' })).status, 200);
    assert.equal(em.requests.length, 0);
    assert.equal((await postJson(em, 'gpt-image-1', 'images/generations', image)).status, 200);
  });

  it('POST /_emulator/tokens issues a bearer token; POST /_emulator/tokens/revoke revokes all', async () => {
    const { access_token } = (await (await control('tokens?ttl=600', { method: 'POST' })).json()) as { access_token: string };
    const auth = { authorization: `Bearer ${access_token}` };
    assert.equal((await postJson(em, 'gpt-image-1', 'images/generations', image, auth)).status, 200);
    assert.equal((await control('tokens/revoke', { method: 'POST' })).status, 200);
    assertAzureError(await postJson(em, 'gpt-image-1', 'images/generations', image, auth), 401, 'PermissionDenied');
  });

  it('GET /_emulator/health describes the deployments and the token endpoint', async () => {
    const body = (await (await control('health')).json()) as { ok: boolean; deployments: Record<string, string>; tokenEndpoint: string };
    assert.equal(body.ok, true);
    assert.equal(body.deployments['dall-e-3'], 'dall-e-3');
    assert.equal(body.deployments.whisper, 'whisper-1');
    assert.equal(body.tokenEndpoint, em.tokenEndpoint);
  });

  it('answers 404 for an unknown control route, and like Blob Storage for an unknown file', async () => {
    assert.equal((await control('nothing-here')).status, 404);
    const missing = await control('files/missing.png');
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('x-ms-error-code'), 'BlobNotFound');
    assert.match(await missing.text(), /<Code>BlobNotFound<\/Code>/);
  });

  it('POST /_emulator/files/expire makes dall-e-3 result URLs answer 403 like an expired SAS', async () => {
    const a = await postJson(em, 'dall-e-3', 'images/generations', { prompt: 'a kite' });
    const { url } = a.json<ImagesAnswer>().data[0];
    assert.match(new URL(url).searchParams.get('se') ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal((await fetch(url)).status, 200);
    assert.equal((await control('files/expire', { method: 'POST' })).status, 200);
    const expired = await fetch(url);
    assert.equal(expired.status, 403);
    assert.equal(expired.headers.get('x-ms-error-code'), 'AuthenticationFailed');
  });
});

describe('emulator: CLI', () => {
  it('starts on the asked port with the asked key, prints its URL and stops on SIGTERM', async function () {
    this.timeout(20000);
    const cli = path.join(__dirname, '..', 'emulator', 'cli.js');
    const child = spawn(process.execPath, [cli, '--port', '0', '--key', 'cli-key', '--identity-header', 'cli-header'],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const out = await new Promise<string>((resolve, reject) => {
        let buf = '';
        child.stdout.on('data', (c: Buffer) => {
          buf += c.toString();
          if (buf.includes('IDENTITY_HEADER=')) resolve(buf);
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${buf}`)));
      });
      const url = /^EMULATOR_URL=(http:\/\/127\.0\.0\.1:\d+)$/m.exec(out)?.[1];
      assert.ok(url, out);
      assert.match(out, new RegExp(`^IDENTITY_ENDPOINT=${url}/_emulator/token$`, 'm'));
      assert.match(out, /^IDENTITY_HEADER=cli-header$/m);
      const ok = await fetch(`${url}/openai/deployments/tts/audio/speech?api-version=2025-04-01-preview`, {
        method: 'POST',
        headers: { 'api-key': 'cli-key', 'content-type': 'application/json' },
        body: JSON.stringify({ input: 'hi', voice: 'alloy', response_format: 'pcm' }),
      });
      assert.equal(ok.status, 200);
      const token = await fetch(`${url}/_emulator/token?resource=https://cognitiveservices.azure.com&api-version=2019-08-01`,
        { headers: { 'X-IDENTITY-HEADER': 'cli-header' } });
      assert.equal(token.status, 200);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    }
  });
});
