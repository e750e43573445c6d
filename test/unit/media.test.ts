import assert from 'node:assert/strict';
import { extensionOf, mimeTypeForName, readImageSize, readImageSizeFromFile } from '../../src/core/media';
import { makeJpegHeader, makePng, TempDir } from './coreFixtures';

describe('media helpers', () => {
  it('maps file names to real MIME types', () => {
    const cases: Record<string, string> = {
      'a.wav': 'audio/wav', 'b.MP3': 'audio/mpeg', 'c.mpga': 'audio/mpeg', 'd.m4a': 'audio/mp4', 'e.mp4': 'audio/mp4',
      'f.ogg': 'audio/ogg', 'g.webm': 'audio/webm', 'h.flac': 'audio/flac', 'i.png': 'image/png', 'j.jpg': 'image/jpeg',
      'k.JPEG': 'image/jpeg', 'l.bin': 'application/octet-stream', noext: 'application/octet-stream',
    };
    for (const [name, type] of Object.entries(cases)) assert.equal(mimeTypeForName(name), type, name);
    assert.equal(extensionOf('/x/y.z/file.Wav'), 'wav');
    assert.equal(extensionOf('.hidden'), '');
  });

  it('reads PNG and JPEG dimensions from their headers', () => {
    assert.deepEqual(readImageSize(makePng(3, 5)), { width: 3, height: 5, format: 'png' });
    assert.deepEqual(readImageSize(makeJpegHeader(1536, 1024)), { width: 1536, height: 1024, format: 'jpeg' });
    assert.equal(readImageSize(Buffer.from('GIF89a....................')), undefined);
    assert.equal(readImageSize(makePng(3, 5).subarray(0, 20)), undefined);
  });

  it('reads a JPEG frame header far into the file', async () => {
    const dir = new TempDir();
    try {
      const path = dir.file('big-exif.jpg', makeJpegHeader(640, 480, 60000 + 65535 * 0));
      assert.deepEqual(await readImageSizeFromFile(path), { width: 640, height: 480, format: 'jpeg' });
      // Several APP segments pushing SOF past the first 64 KB read.
      const segs = Array.from({ length: 3 }, () => {
        const b = Buffer.alloc(4 + 60000);
        b.writeUInt16BE(0xffe1, 0);
        b.writeUInt16BE(60002, 2);
        return b;
      });
      const head = makeJpegHeader(800, 600);
      const far = Buffer.concat([head.subarray(0, 2), ...segs, head.subarray(2)]);
      assert.deepEqual(await readImageSizeFromFile(dir.file('far.jpg', far)), { width: 800, height: 600, format: 'jpeg' });
    } finally {
      dir.remove();
    }
  });
});
