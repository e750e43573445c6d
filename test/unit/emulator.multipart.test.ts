// The emulator's streaming multipart parser: boundaries split across any chunking, bounded memory for files.

import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { boundaryOf, MultipartError, parseMultipart } from '../emulator/multipart';

const boundary = '----emulatorBoundary7MA4YWxkTrZu0gW';

function body(parts: Array<{ disposition: string; type?: string; data: Buffer | string }>,
  opts: { preamble?: string; epilogue?: string } = {}): Buffer {
  const chunks: Buffer[] = [Buffer.from(opts.preamble ?? '')];
  for (const p of parts) {
    const type = p.type ? `Content-Type: ${p.type}\r\n` : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${p.disposition}\r\n${type}\r\n`));
    chunks.push(Buffer.from(p.data));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n${opts.epilogue ?? ''}`));
  return Buffer.concat(chunks);
}

function chunked(buf: Buffer, size: number): Readable {
  const pieces: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) pieces.push(buf.subarray(i, i + size));
  return Readable.from(pieces);
}

describe('emulator: multipart parser', () => {
  const sample = body(
    [
      { disposition: 'form-data; name="model"', data: 'whisper-1' },
      { disposition: 'form-data; name="prompt"', data: 'Line one\r\nline two with --dashes and \r\n-- near misses' },
      { disposition: 'form-data; name="file"; filename="talk \\"1\\".wav"', type: 'audio/wav',
        data: Buffer.from([0, 1, 2, 13, 10, 45, 45, 255]) },
      { disposition: 'form-data; name="timestamp_granularities[]"', data: 'word' },
      { disposition: 'form-data; name="timestamp_granularities[]"', data: 'segment' },
    ],
    { preamble: 'ignored preamble\r\n', epilogue: 'ignored epilogue' },
  );

  for (const size of [1, 2, 3, 7, 64, 100000]) {
    it(`parses the same form whatever the chunk size (${size} bytes)`, async () => {
      const form = await parseMultipart(chunked(sample, size), boundary);
      assert.deepEqual(form.fields, {
        model: ['whisper-1'],
        prompt: ['Line one\r\nline two with --dashes and \r\n-- near misses'],
        'timestamp_granularities[]': ['word', 'segment'],
      });
      assert.equal(form.files.length, 1);
      const [f] = form.files;
      assert.equal(f.field, 'file');
      assert.equal(f.filename, 'talk "1".wav');
      assert.equal(f.contentType, 'audio/wav');
      assert.equal(f.size, 8);
      assert.deepEqual([...f.head], [0, 1, 2, 13, 10, 45, 45, 255]);
    });
  }

  it('counts a large file as it streams and keeps only a bounded head', async () => {
    const big = Buffer.alloc(24 * 1024 * 1024, 0x5a);
    const seen: number[] = [];
    const form = await parseMultipart(chunked(body([{ disposition: 'form-data; name="file"; filename="big.wav"', data: big }]), 65536),
      boundary, {
      headLimit: 4096,
      onFileBytes: (f) => seen.push(f.size),
    });
    assert.equal(form.files[0].size, big.length);
    assert.equal(form.files[0].head.length, 4096);
    assert.ok(seen.length > 100, 'sizes reported while streaming');
    assert.ok(seen.every((v, i) => i === 0 || v >= seen[i - 1]));
  });

  it('reads the boundary from the content type, quoted or not', () => {
    assert.equal(boundaryOf('multipart/form-data; boundary=abc'), 'abc');
    assert.equal(boundaryOf('multipart/form-data; charset=utf-8; boundary="a b:c"'), 'a b:c');
    assert.equal(boundaryOf('Multipart/Form-Data;boundary=xyz'), 'xyz');
    assert.equal(boundaryOf('multipart/form-data'), undefined);
    assert.equal(boundaryOf('application/json'), undefined);
    assert.equal(boundaryOf(undefined), undefined);
  });

  it('rejects a body without its closing boundary, after reading it all', async () => {
    const truncated = sample.subarray(0, sample.length - 30);
    await assert.rejects(parseMultipart(chunked(truncated, 5), boundary), MultipartError);
  });

  it('rejects parts without a form-data disposition or a name', async () => {
    const noName = body([{ disposition: 'form-data; filename="a.wav"', data: 'x' }]);
    await assert.rejects(parseMultipart(chunked(noName, 3), boundary), /no name/);
    const raw = Buffer.from(`--${boundary}\r\nContent-Type: text/plain\r\n\r\nhello\r\n--${boundary}--\r\n`);
    await assert.rejects(parseMultipart(chunked(raw, 4), boundary), /Content-Disposition/);
  });

  it('limits text fields', async () => {
    const long = body([{ disposition: 'form-data; name="prompt"', data: 'x'.repeat(2000) }]);
    await assert.rejects(parseMultipart(chunked(long, 100), boundary, { fieldLimit: 1000 }), /too long/);
  });
});
