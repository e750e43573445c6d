// The client against throwaway local servers: the exact bytes on the wire, redirects, SSE timing, cancellation.
import assert from 'node:assert/strict';
import { readdirSync, readlinkSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AzureOpenAIMediaClient, type ClientOptions } from '../../src/core/client';
import { MediaApiError } from '../../src/core/errors';
import type { Logger } from '../../src/core/types';
import { makeJpegHeader, makePng, makeWav, TempDir, sink } from './coreFixtures';

interface Part {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

function parseMultipart(body: Buffer, contentType: string): Part[] {
  const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
  assert.ok(boundary, `no boundary in ${contentType}`);
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let pos = body.indexOf(delimiter);
  while (pos !== -1) {
    const start = pos + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    const raw = body.subarray(start + 2, next - 2); // skip CRLF after the delimiter and before the next
    const headerEnd = raw.indexOf('\r\n\r\n');
    const headers = raw.subarray(0, headerEnd).toString();
    const disposition = /content-disposition: form-data; name="([^"]+)"(?:; filename="([^"]+)")?/i.exec(headers);
    assert.ok(disposition, headers);
    parts.push({
      name: disposition[1],
      filename: disposition[2],
      contentType: /content-type: (.+)/i.exec(headers)?.[1]?.trim(),
      data: raw.subarray(headerEnd + 4),
    });
    pos = next;
  }
  return parts;
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void | Promise<void>;

async function serve(handler: Handler, readBody = true): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    if (!readBody) {
      void handler(req, res, Buffer.alloc(0));
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => void handler(req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const KEY = 'k3y-sup3r-s3cr3t-value';

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, trace: (m) => lines.push(m), info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) };
}

function client(url: string, over: Partial<ClientOptions> = {}): AzureOpenAIMediaClient {
  return new AzureOpenAIMediaClient({ endpoint: url, auth: { type: 'apiKey', getKey: () => Promise.resolve(KEY) }, maxRetries: 0,
    ...over });
}

describe('client on the wire (throwaway servers)', () => {
  const dir = new TempDir();
  const wavBytes = makeWav(0.5);
  const wav = dir.file('clip.wav', wavBytes);
  after(() => dir.remove());

  it('sends a transcription as streamed multipart with file name, MIME type, [] array names and Content-Length', async () => {
    let seen: { url?: string; headers?: IncomingMessage['headers']; parts?: Part[]; length?: number } = {};
    const srv = await serve((req, res, body) => {
      seen = { url: req.url, headers: req.headers, parts: parseMultipart(body, req.headers['content-type'] ?? ''), length: body.length };
      res.writeHead(200, { 'content-type': 'application/json', 'apim-request-id': 'apim-1' });
      res.end(JSON.stringify({ text: 'hello', task: 'transcribe', language: 'english', duration: 0.5,
        segments: [{ id: 0, seek: 0, start: 0, end: 0.5, text: 'hello', tokens: [1, 2], temperature: 0, avg_logprob: -0.1,
        compression_ratio: 1, no_speech_prob: 0.01 }], words: [{ word: 'hello', start: 0, end: 0.4 }] }));
    });
    try {
      const result = await client(`${srv.url}/openai/`).transcribe({
        deployment: 'my-dep', model: 'whisper-1', file: { name: 'clip.wav', path: wav }, language: 'en',
        response_format: 'verbose_json', timestamp_granularities: ['word', 'segment'], temperature: 0.2,
      });
      assert.equal(seen.url, '/openai/deployments/my-dep/audio/transcriptions?api-version=2025-04-01-preview');
      assert.equal(seen.headers?.['api-key'], KEY);
      assert.equal(seen.headers?.authorization, undefined);
      assert.equal(Number(seen.headers?.['content-length']), seen.length);
      const parts = seen.parts ?? [];
      const field = (name: string) => parts.filter((p) => p.name === name).map((p) => p.data.toString());
      assert.deepEqual(field('model'), ['whisper-1']);
      assert.deepEqual(field('language'), ['en']);
      assert.deepEqual(field('response_format'), ['verbose_json']);
      assert.deepEqual(field('temperature'), ['0.2']);
      assert.deepEqual(field('timestamp_granularities[]'), ['word', 'segment']);
      const file = parts.find((p) => p.name === 'file');
      assert.equal(file?.filename, 'clip.wav');
      assert.equal(file?.contentType, 'audio/wav');
      assert.ok(file?.data.equals(wavBytes), 'the file bytes arrive unchanged');
      assert.equal(result.format, 'verbose_json');
      assert.equal(result.requestId, 'apim-1');
      if (result.format === 'verbose_json') {
        assert.equal(result.segments[0].avg_logprob, -0.1);
        assert.deepEqual(result.words, [{ word: 'hello', start: 0, end: 0.4 }]);
        assert.equal(result.duration, 0.5);
      }
    } finally {
      await srv.close();
    }
  });

  it('sends several edit images as image[] with their own MIME types, plus the mask', async () => {
    let parts: Part[] = [];
    const srv = await serve((req, res, body) => {
      parts = parseMultipart(body, req.headers['content-type'] ?? '');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ created: 5, data: [{ b64_json: 'AAAA' }], usage: { total_tokens: 3 } }));
    });
    try {
      const png = makePng(8, 8);
      const result = await client(srv.url).editImages({
        deployment: 'gpt-image-1', model: 'gpt-image-1', prompt: 'hat',
        images: [{ name: 'a.png', data: png }, { name: 'b.jpg', path: dir.file('b.jpg', makeJpegHeader(8, 8)) }],
        mask: { name: 'm.png', data: makePng(8, 8, 0) }, n: 1, input_fidelity: 'high',
      });
      const files = parts.filter((p) => p.filename).map((p) => [p.name, p.filename, p.contentType]);
      assert.deepEqual(files, [['image[]', 'a.png', 'image/png'], ['image[]', 'b.jpg', 'image/jpeg'], ['mask', 'm.png', 'image/png']]);
      assert.ok(parts[parts.findIndex((p) => p.filename === 'a.png')].data.equals(png));
      assert.equal(parts.find((p) => p.name === 'input_fidelity')?.data.toString(), 'high');
      assert.equal(parts.find((p) => p.name === 'response_format'), undefined, 'gpt-image models get no response_format');
      assert.deepEqual(result, { created: 5, data: [{ b64_json: 'AAAA' }], usage: { total_tokens: 3 }, streamed: false,
        requestId: undefined });
    } finally {
      await srv.close();
    }
  });

  it('does not follow a redirect while a key is attached', async () => {
    let leaked = false;
    const other = await serve((_req, res) => {
      leaked = true;
      res.end('{}');
    });
    const srv = await serve((_req, res) => {
      res.writeHead(307, { location: `${other.url}/openai/deployments/x/audio/speech` });
      res.end();
    });
    try {
      await assert.rejects(
        client(srv.url).speak({ deployment: 'tts', input: 'hi', voice: 'alloy' }, sink()),
        (e: unknown) => MediaApiError.is(e) && e.status === 307 && e.setting === 'endpoint' && /redirect/.test(e.message),
      );
      assert.equal(leaked, false);
    } finally {
      await srv.close();
      await other.close();
    }
  });

  it('hands each partial image to the callback before the rest of the stream arrives', async () => {
    let callbackFired!: () => void;
    const fired = new Promise<void>((r) => (callbackFired = r));
    const order: string[] = [];
    const srv = await serve(async (req, res, body) => {
      assert.equal((JSON.parse(body.toString()) as { stream?: boolean }).stream, true);
      assert.equal(req.headers.accept, 'text/event-stream');
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(': hello\r\n\r\nevent: image_generation.partial_image\r\ndata: ' +
        '{"type":"image_generation.partial_image","b64_json":"UDA=","partial_image_index":0,"output_format":"png","created_at":7}\r\n\r\n');
      await fired;
      order.push('server continues');
      res.write('event: image_generation.completed\ndata: {"type":"image_generation.completed","b64_json":"RklOQUw=",\ndata: ' +
        '"usage":{"total_tokens":9}}\n\n');
      res.end('data: [DONE]\n\n');
    });
    try {
      const result = await client(srv.url).generateImages(
        { deployment: 'gpt-image-1', model: 'gpt-image-1', prompt: 'cat', stream: true, partial_images: 1 },
        {
          onPartialImage: (p) => {
            order.push(`partial ${p.partialImageIndex} ${p.b64_json} ${p.outputFormat}`);
            callbackFired();
          },
        },
      );
      assert.deepEqual(order, ['partial 0 UDA= png', 'server continues']);
      assert.equal(result.streamed, true);
      assert.equal(result.created, 7);
      assert.deepEqual(result.data, [{ b64_json: 'RklOQUw=' }]);
      assert.deepEqual(result.usage, { total_tokens: 9 });
    } finally {
      await srv.close();
    }
  });

  it('turns an `event: error` in the stream into a typed error', async () => {
    const srv = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'x-request-id': 'xr-9' });
      const error = { code: 'content_filter', message: 'blocked',
        innererror: { code: 'ResponsibleAIPolicyViolation', content_filter_result: { violence: { filtered: true, severity: 'high' } } } };
      res.end(`event: error\ndata: ${JSON.stringify({ error })}\n\n`);
    });
    try {
      await assert.rejects(
        client(srv.url).generateImages({ deployment: 'd', model: 'gpt-image-1', prompt: 'x', stream: true }),
        (e: unknown) => MediaApiError.is(e, 'contentFilter') && e.categories?.[0] === 'violence' && e.requestId === 'xr-9',
      );
    } finally {
      await srv.close();
    }
  });

  it('treats a data payload carrying `error` as an error even without an error event, and a stream without a completed image as broken',
    async () => {
    let mode = 0;
    const srv = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      if (mode++ === 0) res.end('data: {"type":"error","error":{"code":"server_error","message":"image job failed"}}\n\n');
      else res.end('event: image_generation.partial_image\ndata: ' +
        '{"type":"image_generation.partial_image","b64_json":"AA==","partial_image_index":0}\n\n');
    });
    try {
      const c = client(srv.url);
      const req = { deployment: 'd', model: 'gpt-image-1' as const, prompt: 'x', stream: true };
      await assert.rejects(c.generateImages(req), (e: unknown) => MediaApiError.is(e, 'server') && /image job failed/.test(e.message));
      await assert.rejects(c.generateImages(req), (e: unknown) => MediaApiError.is(e, 'badResponse') &&
        /before an image was completed/.test(e.message));
    } finally {
      await srv.close();
    }
  });

  it('maps 413 and 403 without retrying them, and retries 408', async () => {
    const plan: number[] = [413, 403, 408, 200];
    let hits = 0;
    const srv = await serve((_req, res) => {
      const status = plan[hits++] ?? 200;
      res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': `req-${hits}` });
      res.end(status === 200 ? JSON.stringify({ text: 'ok' })
        : JSON.stringify({ error: { code: String(status), message: `status ${status}` } }));
    });
    try {
      const c = client(srv.url, { maxRetries: 1 });
      const run = () => c.transcribe({ deployment: 'w', model: 'whisper-1', file: { name: 'clip.wav', path: wav } });
      await assert.rejects(run(), (e: unknown) => MediaApiError.is(e, 'tooLarge') && e.status === 413 && e.requestId === 'req-1' &&
        /25 MB/.test(e.message));
      await assert.rejects(run(), (e: unknown) => MediaApiError.is(e, 'forbidden') && e.setting === 'apiKey' && e.requestId === 'req-2');
      assert.equal(hits, 2, 'neither was retried');
      const result = await run();
      assert.equal(result.text, 'ok');
      assert.equal(hits, 4, '408 was retried once');
    } finally {
      await srv.close();
    }
  });

  it('never puts the key in an error message or a log line, even when the server echoes it', async () => {
    const logger = recordingLogger();
    const srv = await serve((req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'invalid', message: `bad key ${String(req.headers['api-key'])}` } }));
    });
    try {
      const err = await client(srv.url, { logger }).speak({ deployment: 'tts', input: 'hi', voice: 'alloy' }, sink()).catch(
        (e: unknown) => e);
      assert.ok(MediaApiError.is(err, 'badRequest'));
      assert.ok(!err.message.includes(KEY), err.message);
      assert.match(err.message, /bad key \*\*\*/);
      assert.deepEqual(logger.lines.map((l) => l.replace(/\d+ ms/, 'N ms')), [
        'speech: POST /openai/deployments/tts/audio/speech?api-version=2025-04-01-preview (attempt 1, api-key)',
        'speech: 400 invalid in N ms',
      ]);
      for (const line of logger.lines) assert.ok(!line.includes(KEY), line);
    } finally {
      await srv.close();
    }
  });

  it('stops an upload at once when the signal aborts, and closes the file', async () => {
    const big = dir.file('big.wav', makeWav(60)); // ~1.9 MB, read slowly by the server
    let received = 0;
    const srv = await serve((req) => {
      req.on('data', (c: Buffer) => {
        received += c.length;
        req.pause();
        setTimeout(() => req.resume(), 200);
      });
    }, false);
    try {
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(), 150);
      await assert.rejects(
        client(srv.url).transcribe({ deployment: 'w', model: 'whisper-1', file: { name: 'big.wav', path: big } },
          { signal: controller.signal }),
        (e: unknown) => MediaApiError.is(e, 'cancelled'),
      );
      assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
      assert.ok(received < 1_900_000, `server got ${received} bytes`);
      await new Promise((r) => setTimeout(r, 50));
      const open = readdirSync('/proc/self/fd').filter((fd) => {
        try {
          return readlinkSync(`/proc/self/fd/${fd}`) === big;
        } catch {
          return false;
        }
      });
      assert.deepEqual(open, [], 'no descriptor of the uploaded file is left open');
    } finally {
      await srv.close();
    }
  });

  it('stops a speech download at once when the signal aborts, keeping what arrived', async () => {
    const srv = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'audio/mpeg' });
      res.write(Buffer.alloc(1000, 1));
      const timer = setInterval(() => res.write(Buffer.alloc(1000, 2)), 300);
      res.on('close', () => clearInterval(timer));
    });
    try {
      const controller = new AbortController();
      const out = sink();
      const started = Date.now();
      setTimeout(() => controller.abort(), 150);
      await assert.rejects(
        client(srv.url).speak({ deployment: 'tts', input: 'hi', voice: 'alloy' }, out, { signal: controller.signal }),
        (e: unknown) => MediaApiError.is(e, 'cancelled'),
      );
      assert.ok(Date.now() - started < 500, `took ${Date.now() - started} ms`);
      assert.equal(out.bytes().length, 1000, 'the first chunk was written as it arrived');
    } finally {
      await srv.close();
    }
  });

  it('times out a request whose answer never comes', async () => {
    const srv = await serve(() => undefined);
    try {
      await assert.rejects(
        client(srv.url, { timeoutMs: 200 }).speak({ deployment: 'tts', input: 'hi', voice: 'alloy' }, sink()),
        (e: unknown) => MediaApiError.is(e, 'timeout'),
      );
    } finally {
      await srv.close();
    }
  });

  it('re-opens the file for a retry after the connection was reset mid-upload', async () => {
    const big = dir.file('reset.wav', makeWav(30));
    const bigBytes = makeWav(30);
    let attempts = 0;
    let lastBody = Buffer.alloc(0);
    const srv = await serve((req, res) => {
      attempts++;
      const chunks: Buffer[] = [];
      let got = 0;
      req.on('data', (c: Buffer) => {
        chunks.push(c);
        got += c.length;
        if (attempts === 1 && got > 100_000) req.socket.destroy();
      });
      req.on('end', () => {
        lastBody = Buffer.concat(chunks);
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nhi\n');
      });
    }, false);
    try {
      const result = await client(srv.url, { maxRetries: 1 }).transcribe({ deployment: 'w', model: 'whisper-1',
        file: { name: 'reset.wav', path: big }, response_format: 'vtt' });
      assert.equal(attempts, 2);
      assert.deepEqual(result, { format: 'vtt', text: 'WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nhi\n', requestId: undefined });
      const file = parseMultipart(lastBody, `boundary=${/--([^\r]+)/.exec(lastBody.toString('latin1'))?.[1]}`).find(
        (p) => p.name === 'file');
      assert.ok(file?.data.equals(bigBytes), 'the retry sent the whole file again');
    } finally {
      await srv.close();
    }
  });

  it('follows redirects when downloading a result URL, without credentials', async () => {
    const png = makePng(4, 4);
    let authSeen: string | undefined;
    let gatewaySeen: string | undefined;
    const srv = await serve((req, res) => {
      gatewaySeen ??= req.headers['ocp-apim-subscription-key'] as string | undefined;
      if (req.url?.startsWith('/blob/start')) {
        res.writeHead(302, { location: '/blob/final.png' });
        res.end();
        return;
      }
      authSeen = req.headers['api-key'] as string | undefined ?? req.headers.authorization;
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(png);
    });
    try {
      const logger = recordingLogger();
      const headers = { 'ocp-apim-subscription-key': 'gateway-secret' };
      const bytes = await client(srv.url, { logger, headers }).downloadImage(`${srv.url}/blob/start?se=2026&sig=SECRETSIGNATURE`);
      assert.ok(Buffer.from(bytes).equals(png));
      assert.equal(authSeen, undefined);
      assert.equal(gatewaySeen, undefined, 'the gateway key went to the result URL');
      // Each request logged by host and path (the redirect's own path after it), never the query.
      const host = new URL(srv.url).host;
      assert.deepEqual(logger.lines.map((l) => l.replace(/\d+ ms/, 'N ms')), [
        `image download: GET ${host}/blob/start (attempt 1)`,
        'image download: 302 in N ms',
        `image download: following a redirect to ${host}`,
        `image download: GET ${host}/blob/final.png (attempt 1)`,
        'image download: 200 in N ms',
      ]);
      for (const line of logger.lines) assert.ok(!line.includes('SECRETSIGNATURE'), `SAS signature in log: ${line}`);
    } finally {
      await srv.close();
    }
  });
});
