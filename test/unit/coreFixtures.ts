// Test fixtures for the core client tests: real WAV and PNG files, and a JPEG header, written to a temp folder.
import { mkdtempSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { Writable } from 'node:stream';
import assert from 'node:assert/strict';
import { MediaApiError } from '../../src/core/errors';
import { encodePng } from '../emulator/images';
import { wavHeader } from '../emulator/speech';

/** A valid RGBA PNG; `alpha` 0 makes it fully transparent (a mask). */
export function makePng(width: number, height: number, alpha = 255): Buffer {
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < rgba.length; i += 4) rgba.set([200, 80, 40, alpha], i);
  return encodePng(width, height, rgba, true);
}

/** The start of a baseline JPEG: SOI, an APP0 segment, then SOF0 with the size. Enough for header parsing. */
export function makeJpegHeader(width: number, height: number, app0Padding = 16): Buffer {
  const app0 = Buffer.alloc(4 + app0Padding);
  app0.writeUInt16BE(0xffe0, 0);
  app0.writeUInt16BE(2 + app0Padding, 2);
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 255, width >> 8, width & 255, 0x03, 1, 0x22, 0, 2, 0x11, 1,
    3, 0x11, 1]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.from([0xff, 0xd9])]);
}

// One WAV maker for every test (the emulator's tests and the core's).
export { makeWav } from '../fixtures/emulatorFixtures';

/** A WAV `fmt ` chunk's body: format tag (1 PCM, 7 µ-law…), channels, sample rate, bits per sample. */
export function fmtChunk(tag: number, channels: number, rate: number, bits: number): Buffer {
  const fmt = Buffer.alloc(16);
  const block = (channels * bits) / 8;
  fmt.writeUInt16LE(tag, 0);
  fmt.writeUInt16LE(channels, 2);
  fmt.writeUInt32LE(rate, 4);
  fmt.writeUInt32LE(rate * block, 8);
  fmt.writeUInt16LE(block, 12);
  fmt.writeUInt16LE(bits, 14);
  return fmt;
}

/** Writes a WAV of about `totalBytes` to disk in 1 MB pieces (never holding it whole). */
export async function writeLargeWav(path: string, totalBytes: number, sampleRate = 16000): Promise<void> {
  const dataBytes = Math.floor((totalBytes - 44) / 2) * 2;
  const out = createWriteStream(path);
  out.write(wavHeader(dataBytes, sampleRate));
  const piece = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < piece.length / 2; i++) piece.writeInt16LE(Math.round(6000 * Math.sin((2 * Math.PI * 330 * i) / sampleRate)), i * 2);
  await writeRepeating(out, piece, dataBytes);
}

export class TempDir {
  readonly path = mkdtempSync(join(tmpdir(), 'aoai-core-'));
  file(name: string, data: Buffer | string): string {
    const p = join(this.path, name);
    writeFileSync(p, data);
    return p;
  }
  join(name: string): string {
    return join(this.path, name);
  }
  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

/** An in-memory destination (no file that could outlive the test folder); `bytes()` returns what was written. */
export function sink(): Writable & { bytes(): Buffer } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  return Object.assign(stream, { bytes: () => Buffer.concat(chunks) });
}

/** Asserts a validation error on `field` whose message matches `hint` (what to change). */
export async function rejectsAsInvalid(run: () => unknown, field: string, hint: RegExp): Promise<void> {
  await assert.rejects(
    async () => {
      await run();
    },
    (e: unknown) => {
      assert.ok(MediaApiError.is(e, 'validation'), `expected a validation error, got ${String(e)}`);
      assert.equal(e.field, field, e.message);
      assert.match(e.message, hint);
      return true;
    },
  );
}

/** Writes `piece` over and over (the last time cut short) until `bytes` are written, then ends the stream. */
export async function writeRepeating(out: NodeJS.WritableStream, piece: Buffer, bytes: number): Promise<void> {
  for (let left = bytes; left > 0;) {
    const n = Math.min(left, piece.length);
    if (!out.write(n === piece.length ? piece : piece.subarray(0, n))) await once(out, 'drain');
    left -= n;
  }
  out.end();
  await once(out, 'finish');
}
