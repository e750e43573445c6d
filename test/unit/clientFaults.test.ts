// Every fault the emulator injects, and what the client makes of it: retries with the announced waits, no retry once
// a streamed answer has begun, timeouts, cancellation, typed errors.
import assert from 'node:assert/strict';
import { MediaApiError } from '../../src/core/errors';
import { makePng, makeWav, TempDir, sink } from './coreFixtures';
import { useEmulator } from './clientHarness';

describe('client under injected faults (emulator)', () => {
  const t = useEmulator();
  const dir = new TempDir();
  const wavBytes = makeWav(20); // 640 KB, so a reset lands mid-upload
  const wav = dir.file('long.wav', wavBytes);
  after(() => dir.remove());
  afterEach(() => {
    for (const line of t.logger.lines) assert.ok(!line.includes(t.emu.apiKey), `key in log: ${line}`);
  });

  const transcribe = (client = t.client(), signal?: AbortSignal) =>
    client.transcribe({ deployment: 'whisper', model: 'whisper-1', file: { name: 'long.wav', path: wav } }, { signal });
  const timed = async <T>(run: () => Promise<T>): Promise<{ value?: T; error?: unknown; ms: number }> => {
    const start = Date.now();
    try {
      return { value: await run(), ms: Date.now() - start };
    } catch (error) {
      return { error, ms: Date.now() - start };
    }
  };
  const statuses = () => t.emu.requests.map((r) => r.status);

  describe('rate limits (429)', () => {
    for (const [kind, header] of [
      ['rate-limit-retry-after-ms', 'retry-after-ms'],
      ['rate-limit-x-ms-retry-after-ms', 'x-ms-retry-after-ms'],
    ] as const) {
      it(`waits what ${header} says, then succeeds`, async () => {
        t.emu.injectFault({ kind, delayMs: 400 });
        const { value, ms } = await timed(() => transcribe());
        assert.ok(value?.text);
        assert.ok(ms >= 380, `waited ${ms} ms`);
        assert.deepEqual(statuses(), [429, 200]);
        assert.ok(t.logger.lines.some((l) => /retry 1 of 2 in 400 ms as the service asked/.test(l)), t.logger.lines.join('\n'));
      });
    }

    it('waits Retry-After given in seconds', async () => {
      t.emu.injectFault({ kind: 'rate-limit-retry-after-seconds', delayMs: 1000 });
      const { value, ms } = await timed(() => transcribe());
      assert.ok(value);
      assert.ok(ms >= 950 && ms < 3000, `waited ${ms} ms`);
      assert.deepEqual(statuses(), [429, 200]);
    });

    it('waits Retry-After given as an HTTP date', async () => {
      t.emu.injectFault({ kind: 'rate-limit-retry-after-date', delayMs: 2000 });
      const { value, ms } = await timed(() => transcribe());
      assert.ok(value);
      assert.ok(ms >= 900 && ms < 3500, `waited ${ms} ms`);
      assert.deepEqual(statuses(), [429, 200]);
    });

    it('backs off exponentially when no header says how long', async () => {
      t.emu.injectFault({ kind: 'rate-limit-no-header', times: 2 });
      const { value, ms } = await timed(() => transcribe());
      assert.ok(value);
      assert.ok(ms >= 375 + 750 - 20, `waited ${ms} ms (0.5 s then 1 s, less up to 25 % jitter)`);
      assert.deepEqual(statuses(), [429, 429, 200]);
    });

    it('gives up after maxRetries with a rateLimited error that carries the wait', async () => {
      t.emu.injectFault({ kind: 'rate-limit-retry-after-ms', delayMs: 50, times: 5 });
      const err = await transcribe(t.client({ maxRetries: 2 })).catch((e: unknown) => e);
      assert.ok(MediaApiError.is(err, 'rateLimited'), String(err));
      assert.equal(err.retryAfterMs, 50);
      assert.equal(err.status, 429);
      assert.ok(err.requestId);
      assert.deepEqual(statuses(), [429, 429, 429]);
    });

    it('does not wait out a Retry-After above the cap: fails at once with the wait', async () => {
      t.emu.injectFault({ kind: 'rate-limit-retry-after-seconds', delayMs: 5000 });
      const { error, ms } = await timed(() => transcribe(t.client({ maxRetryDelayMs: 1000 })));
      assert.ok(MediaApiError.is(error, 'rateLimited'), String(error));
      assert.equal(error.retryAfterMs, 5000);
      assert.match(error.message, /5 s/);
      assert.ok(ms < 800, `took ${ms} ms`);
      assert.equal(t.emu.requests.length, 1);
    });

    it('cancelling during the wait stops at once', async () => {
      t.emu.injectFault({ kind: 'rate-limit-retry-after-ms', delayMs: 5000 });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 200);
      const { error, ms } = await timed(() => transcribe(t.client(), controller.signal));
      assert.ok(MediaApiError.is(error, 'cancelled'), String(error));
      assert.ok(ms < 1000, `took ${ms} ms`);
    });
  });

  describe('server errors and connection failures', () => {
    it('retries a 500 and succeeds', async () => {
      t.emu.injectFault({ kind: 'server-error' });
      assert.ok(await transcribe());
      assert.deepEqual(statuses(), [500, 200]);
    });

    it('retries 503 twice and succeeds', async () => {
      t.emu.injectFault({ kind: 'unavailable', times: 2 });
      assert.ok(await transcribe());
      assert.deepEqual(statuses(), [503, 503, 200]);
    });

    it('reports a server error once the retries are spent', async () => {
      t.emu.injectFault({ kind: 'server-error', times: 3 });
      const err = await transcribe().catch((e: unknown) => e);
      assert.ok(MediaApiError.is(err, 'server'), String(err));
      assert.equal(err.status, 500);
      assert.equal(t.emu.requests.length, 3);
    });

    it('re-opens the file and uploads it whole after a reset mid-upload', async () => {
      t.emu.injectFault({ kind: 'reset-mid-upload' });
      const result = await transcribe();
      assert.ok(result.text);
      assert.equal(t.emu.requests.length, 2);
      assert.equal(t.emu.requests[0].errorCode, 'ECONNRESET');
      assert.deepEqual(t.emu.requests[1].files[0],
        { field: 'file', filename: 'long.wav', contentType: 'audio/wav', size: wavBytes.length });
    });

    it('a reset with no retries left is a network error', async () => {
      t.emu.injectFault({ kind: 'reset-mid-upload' });
      const err = await transcribe(t.client({ maxRetries: 0 })).catch((e: unknown) => e);
      assert.ok(MediaApiError.is(err, 'network'), String(err));
    });

    it('a refused connection is a network error naming the endpoint setting', async () => {
      const err = await t.client({ endpoint: 'http://127.0.0.1:1', maxRetries: 0 }).speak({ deployment: 'tts', input: 'x', voice: 'alloy' },
        sink()).catch((e: unknown) => e);
      assert.ok(MediaApiError.is(err, 'network'), String(err));
      assert.match(err.message, /azureOpenAIMedia\.endpoint/);
    });
  });

  describe('slowness, timeouts and cancellation', () => {
    it('times out a slow answer', async () => {
      t.emu.injectFault({ kind: 'slow', delayMs: 3000 });
      const { error, ms } = await timed(() => transcribe(t.client({ timeoutMs: 300, maxRetries: 0 })));
      assert.ok(MediaApiError.is(error, 'timeout'), String(error));
      assert.ok(ms < 1500, `took ${ms} ms`);
    });

    it('retries after a timeout and succeeds', async () => {
      t.emu.injectFault({ kind: 'slow', delayMs: 3000 });
      const result = await transcribe(t.client({ timeoutMs: 500, maxRetries: 1 }));
      assert.ok(result.text);
      assert.equal(t.emu.requests.length, 2);
    });

    it('cancelling while the service is busy rejects at once with cancelled', async () => {
      t.emu.injectFault({ kind: 'slow', delayMs: 5000 });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 200);
      const { error, ms } = await timed(() => transcribe(t.client(), controller.signal));
      assert.ok(MediaApiError.is(error, 'cancelled'), String(error));
      assert.ok(ms < 1000, `took ${ms} ms`);
      assert.equal(t.emu.requests.length, 1, 'a cancelled call is not retried');
    });

    it('cancelling during an image stream stops the download', async () => {
      const controller = new AbortController();
      const partials: number[] = [];
      const err = await t
        .client()
        .generateImages(
          { deployment: 'gpt-image-1', model: 'gpt-image-1', prompt: 'x', size: '1024x1024', quality: 'low', stream: true,
            partial_images: 3 },
          {
            signal: controller.signal,
            onPartialImage: (p) => {
              partials.push(p.partialImageIndex);
              controller.abort();
            },
          },
        )
        .catch((e: unknown) => e);
      assert.ok(MediaApiError.is(err, 'cancelled'), String(err));
      assert.deepEqual(partials, [0]);
    });

    it('an already aborted signal sends nothing', async () => {
      const err = await transcribe(t.client(), AbortSignal.abort()).catch((e: unknown) => e);
      assert.ok(MediaApiError.is(err, 'cancelled'));
      assert.equal(t.emu.requests.length, 0);
    });
  });

  describe('broken answers (never retried once the answer has begun)', () => {
    it('a truncated image stream fails after the partial images it delivered', async () => {
      t.emu.injectFault({ kind: 'truncated-stream' });
      const partials: number[] = [];
      const err = await t
        .client({ maxRetries: 2 })
        .generateImages({ deployment: 'gpt-image-1', model: 'gpt-image-1', prompt: 'x', size: '1024x1024', quality: 'low', stream: true,
          partial_images: 2 }, { onPartialImage: (p) => partials.push(p.partialImageIndex) })
        .catch((e: unknown) => e);
      assert.ok(MediaApiError.is(err) && ['badResponse', 'network'].includes(err.code), String(err));
      assert.deepEqual(partials, [0]);
      assert.equal(t.emu.requests.length, 1);
    });

    it('a truncated speech download fails and is not retried', async () => {
      t.emu.injectFault({ kind: 'truncated-stream' });
      const err = await t.client({ maxRetries: 2 }).speak({ deployment: 'tts', input: 'A longer sentence to speak.', voice: 'alloy',
        response_format: 'wav' }, sink()).catch((e: unknown) => e);
      assert.ok(MediaApiError.is(err, 'network'), String(err));
      assert.equal(t.emu.requests.length, 1);
    });

    it('a truncated transcript is a network error, not retried', async () => {
      t.emu.injectFault({ kind: 'truncated-stream' });
      const err = await transcribe(t.client({ maxRetries: 2 })).catch((e: unknown) => e);
      assert.ok(MediaApiError.is(err) && ['network', 'badResponse'].includes(err.code), String(err));
      assert.equal(t.emu.requests.length, 1);
    });

    it('malformed JSON is a badResponse error with the request id', async () => {
      t.emu.injectFault({ kind: 'malformed-json' });
      const err = await t.client().generateImages({ deployment: 'gpt-image-1', model: 'gpt-image-1', prompt: 'x', size: '1024x1024',
        quality: 'low' }).catch((e: unknown) => e);
      assert.ok(MediaApiError.is(err, 'badResponse'), String(err));
      assert.match(err.message, /malformed JSON/);
      assert.ok(err.requestId);
      assert.equal(t.emu.requests.length, 1);
    });
  });

  describe('content filter', () => {
    it('the service shape (content_filter / innererror) names the tripped category', async () => {
      t.emu.injectFault({ kind: 'content-filter' });
      const err = await t.client().generateImages({ deployment: 'gpt-image-1', model: 'gpt-image-1', prompt: 'x',
        size: '1024x1024' }).catch((e: unknown) => e);
      assert.ok(MediaApiError.is(err, 'contentFilter'), String(err));
      assert.deepEqual(err.categories, ['violence']);
      assert.match(err.message, /content filter.*violence/);
      assert.equal(err.status, 400);
      assert.ok(err.requestId);
      assert.equal(t.emu.requests.length, 1);
    });

    it('the image shape (contentFilter / inner_error) names the tripped category', async () => {
      t.emu.injectFault({ kind: 'content-filter-image' });
      const err = await t.client().editImages({ deployment: 'gpt-image-1', model: 'gpt-image-1', prompt: 'x',
        images: [{ name: 'p.png', data: makePng(64, 64) }] }).catch((e: unknown) => e);
      assert.ok(MediaApiError.is(err, 'contentFilter'), String(err));
      assert.deepEqual(err.categories, ['violence']);
      assert.equal(err.serviceCode, 'contentFilter');
    });
  });
});
