// The multipart body: exact framing and length, and a file read into reused buffers that arrives intact through a
// slow reader (backpressure), with a file that changes under the upload reported instead of sent short.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { truncateSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { CHUNK, createMultipartBody, formParts } from '../../src/core/multipart';
import { TempDir } from './coreFixtures';

async function collect(body: Buffer | AsyncIterable<Uint8Array>): Promise<Buffer> {
  if (Buffer.isBuffer(body)) return body;
  const out: Buffer[] = [];
  for await (const chunk of body) out.push(Buffer.from(chunk)); // copied: the body reuses its buffers
  return Buffer.concat(out);
}

describe('multipart bodies', () => {
  const dir = new TempDir();
  after(() => dir.remove());

  it('frames fields and files exactly, with a Content-Length that matches and escaped names', async () => {
    const path = dir.file('a"b.wav', Buffer.from('RIFFdata'));
    const parts = formParts({ model: 'whisper-1', n: 2, skip: undefined, 'timestamp_granularities': ['word', 'segment'] }, [
      { name: 'file', file: { name: 'a"b.wav', path } },
      { name: 'image[]', file: { name: 'x.png', data: new Uint8Array([1, 2, 3]) } },
    ]);
    const body = await createMultipartBody(parts);
    const bytes = await collect(body.body);
    const boundary = /boundary=(\S+)$/.exec(body.headers['content-type'])?.[1];
    assert.ok(boundary);
    assert.equal(Number(body.headers['content-length']), bytes.length);
    const d = `--${boundary}\r\nContent-Disposition: form-data; name=`;
    assert.equal(
      bytes.toString('latin1'),
      `${d}"model"\r\n\r\nwhisper-1\r\n${d}"n"\r\n\r\n2\r\n${d}"timestamp_granularities[]"\r\n\r\nword\r\n` +
        `${d}"timestamp_granularities[]"\r\n\r\nsegment\r\n` +
        `${d}"file"; filename="a%22b.wav"\r\nContent-Type: audio/wav\r\n\r\nRIFFdata\r\n` +
        `${d}"image[]"; filename="x.png"\r\nContent-Type: image/png\r\n\r\n\x01\x02\x03\r\n--${boundary}--\r\n`,
    );
  });

  it('sends fields only as one buffer', async () => {
    const body = await createMultipartBody(formParts({ prompt: 'a cat' }, []));
    assert.ok(Buffer.isBuffer(body.body));
  });

  it('streams a file of many chunks through a slow reader byte for byte', async function () {
    this.timeout(20000);
    const data = randomBytes(CHUNK * 9 + 12345);
    const path = dir.file('big.wav', data);
    let received = '';
    let receivedLength = 0;
    const server = createServer((req, res) => {
      const hash = createHash('sha256');
      let n = 0;
      req.on('data', (chunk: Buffer) => {
        hash.update(chunk);
        receivedLength += chunk.length;
        // Pause now and then so that the socket fills and the sender has to wait for 'drain'.
        if (++n % 4 === 0) {
          req.pause();
          setTimeout(() => req.resume(), 5);
        }
      });
      req.on('end', () => {
        received = hash.digest('hex');
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const body = await createMultipartBody([{ name: 'file', file: { name: 'big.wav', path } }]);
      const expected = createHash('sha256');
      const boundary = /boundary=(\S+)$/.exec(body.headers['content-type'])?.[1];
      expected.update(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.wav"\r\nContent-Type: audio/wav\r\n\r\n`,
      );
      expected.update(data);
      expected.update(`\r\n--${boundary}--\r\n`);
      const res = await request(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, {
        method: 'POST',
        headers: body.headers,
        body: body.body as unknown as Buffer,
      });
      await res.body.text();
      assert.equal(receivedLength, Number(body.headers['content-length']));
      assert.equal(received, expected.digest('hex'), 'the bytes on the wire differ from the file');
    } finally {
      server.close();
    }
  });

  it('stops with a clear error when the file becomes shorter during the upload', async () => {
    const path = dir.file('shrinks.wav', randomBytes(CHUNK * 3));
    const body = await createMultipartBody([{ name: 'file', file: { name: 'shrinks.wav', path } }]);
    truncateSync(path, CHUNK);
    await assert.rejects(collect(body.body), /shrinks\.wav became shorter/);
  });

  it('fails before sending when a file cannot be opened', async () => {
    const missing = dir.file('x', Buffer.alloc(0)) + '-missing';
    await assert.rejects(createMultipartBody([{ name: 'file', file: { name: 'gone.wav', path: missing } }]), /ENOENT/);
  });
});
