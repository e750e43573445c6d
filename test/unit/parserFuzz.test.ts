// Fuzzing the parsers of recordings the extension did not write (issue 17, finding 2): a few thousand random and
// mutated WAV and MP3 headers, from a fixed seed so a failure is reproducible. Each case must end with the parser's
// own error (a WordedError: WavError, ClipError, the MP3 messages) or a result; never another exception, never a read
// or allocation larger than the file, never longer than CASE_MS. Before the fix a `fmt ` size of 0x80000000 aborted
// Node (`Assertion failed: args[3]->IsInt32()`) and 65,535 channels of 8-bit samples took 25 s for one cut.
import * as assert from 'assert';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { WordedError } from '../../src/core/messages';
import { bytesSource, cutClip } from '../../src/core/long/clip';
import { joinMp3, mp3Seconds, planMp3Spans, walkFrames } from '../../src/core/long/mp3';
import { joinWav, parseWavBytes, planWavSpans, readWavLayout } from '../../src/core/long/wav';
import { wavSeconds } from '../../src/core/speakers';
import { fmtChunk, TempDir } from './coreFixtures';
import { lame } from './longFixtures';

const SEED = 0x17_2026;
const CASES = 1500;
/** Per case: generous for a slow shared machine, far below the seconds-to-minutes the crafted headers took before. */
const CASE_MS = 1500;

/** mulberry32: a small seeded generator, so every run tries the same files. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A file handle over bytes in memory that fails the test when asked for more bytes than the file holds. */
function handleOver(bytes: Buffer, reads: { largest: number }): FileHandle {
  return {
    read(buffer: Buffer, offset: number, length: number, position: number) {
      reads.largest = Math.max(reads.largest, buffer.length);
      assert.ok(buffer.length <= bytes.length, `a read of ${buffer.length} bytes from a ${bytes.length}-byte file`);
      const n = Math.max(0, Math.min(length, bytes.length - position));
      bytes.copy(buffer, offset, position, position + n);
      return Promise.resolve({ bytesRead: n, buffer });
    },
  } as unknown as FileHandle;
}

function wavOf(fmt: Buffer, data: Buffer): Buffer {
  const head = Buffer.alloc(20);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(4 + 8 + fmt.length + 8 + data.length, 4);
  head.write('WAVE', 8, 'latin1');
  head.write('fmt ', 12, 'latin1');
  head.writeUInt32LE(fmt.length, 16);
  const dataHead = Buffer.alloc(8);
  dataHead.write('data', 0, 'latin1');
  dataHead.writeUInt32LE(data.length, 4);
  return Buffer.concat([head, fmt, dataHead, data]);
}

/** What a mutation may change: the header's numbers, set to the edge values parsers trip on. */
const EDGES = [0, 1, 2, 3, 7, 8, 15, 16, 17, 255, 0x7fff, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];

function mutate(base: Buffer, next: () => number): Buffer {
  const b = Buffer.from(base);
  const edits = 1 + Math.floor(next() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(next() * Math.min(b.length, 64));
    const kind = next();
    if (kind < 0.4 && at + 4 <= b.length) b.writeUInt32LE(EDGES[Math.floor(next() * EDGES.length)] >>> 0, at);
    else if (kind < 0.7 && at + 2 <= b.length) b.writeUInt16LE(EDGES[Math.floor(next() * EDGES.length)] & 0xffff, at);
    else b[at] = Math.floor(next() * 256);
  }
  const cut = next();
  return cut < 0.1 ? b.subarray(0, Math.floor(next() * b.length)) : b;
}

function randomBytes(next: () => number, magic: string): Buffer {
  const b = Buffer.alloc(12 + Math.floor(next() * 600));
  for (let i = 0; i < b.length; i++) b[i] = Math.floor(next() * 256);
  if (magic === 'wav') {
    b.write('RIFF', 0, 'latin1');
    b.write('WAVE', 8, 'latin1');
  } else {
    b[0] = 0xff;
    b[1] = 0xe0 | b[1];
  }
  return b;
}

/** Runs one parser on one input: its own error or a value is fine, anything else fails, and so does a slow case. */
async function survive(what: string, run: () => unknown): Promise<'ok' | 'refused'> {
  const started = performance.now();
  let outcome: 'ok' | 'refused' = 'ok';
  try {
    await run();
  } catch (err) {
    if (err instanceof assert.AssertionError) throw err;
    assert.ok(WordedError.is(err), `${what}: threw ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
    outcome = 'refused';
  }
  const ms = performance.now() - started;
  assert.ok(ms < CASE_MS, `${what}: took ${Math.round(ms)} ms`);
  return outcome;
}

describe('parsers under fuzzed headers (WAV, MP3, clips)', function () {
  this.timeout(300000);
  let tmp: TempDir;
  let mp3: Buffer;
  const wavs: Buffer[] = [];

  before(() => {
    tmp = new TempDir();
    const dir = tmp.path;
    const tone = Buffer.alloc(8000 * 3);
    for (let i = 0; i < tone.length; i++) tone[i] = 128 + Math.round(60 * Math.sin(i / 5) * (i % 8000 < 6000 ? 1 : 0.01));
    wavs.push(wavOf(fmtChunk(1, 1, 8000, 8), tone)); // 8 kHz 8-bit mono: a cut every few KB
    const pcm16 = Buffer.alloc(16000 * 2 * 2);
    for (let i = 0; i < pcm16.length / 2; i++) pcm16.writeInt16LE(Math.round(9000 * Math.sin(i / 9)), i * 2);
    wavs.push(wavOf(fmtChunk(1, 2, 16000, 16), pcm16));
    wavs.push(wavOf(fmtChunk(3, 1, 8000, 32), Buffer.alloc(8000 * 4)));
    const input = `${dir}/tone.wav`;
    writeFileSync(input, wavs[1]);
    execFileSync(lame(), ['--silent', '-b', '32', '--cbr', '--add-id3v2', input, `${dir}/tone.mp3`]);
    mp3 = readFileSync(`${dir}/tone.mp3`);
  });
  after(() => tmp.remove());

  it(`WAV: ${CASES} mutated and random files end in a WavError or a layout, reading no more than the file`, async () => {
    const next = random(SEED);
    const seen = { ok: 0, refused: 0, largestRead: 0 };
    for (let i = 0; i < CASES; i++) {
      const bytes = next() < 0.8 ? mutate(wavs[i % wavs.length], next) : randomBytes(next, 'wav');
      const what = `WAV case ${i} (${bytes.subarray(0, 48).toString('hex')})`;
      const reads = { largest: 0 };
      seen[await survive(`${what} readWavLayout/planWavSpans`, async () => {
        const handle = handleOver(bytes, reads);
        const layout = await readWavLayout(handle, bytes.length);
        await planWavSpans(handle, layout, 16 * 1024, 1);
      })]++;
      await survive(`${what} parseWavBytes`, () => parseWavBytes(bytes));
      await survive(`${what} joinWav`, () => joinWav([bytes, bytes]));
      await survive(`${what} wavSeconds`, () => wavSeconds(bytes));
      await survive(`${what} cutClip`, () => cutClip(bytesSource(bytes), 'x.wav', next() * 2, 2 + next() * 2));
      seen.largestRead = Math.max(seen.largestRead, reads.largest);
    }
    console.log(`      WAV FUZZ ${JSON.stringify(seen)}`);
    assert.ok(seen.ok > 50 && seen.refused > 50, `the cases should exercise both outcomes: ${JSON.stringify(seen)}`);
  });

  it(`MP3: ${CASES} mutated and random files end in the parser's own error or frames, in bounded time`, async () => {
    const next = random(SEED + 1);
    const seen = { ok: 0, refused: 0 };
    for (let i = 0; i < CASES; i++) {
      let bytes: Buffer;
      if (next() < 0.8) {
        // Mutate the ID3 tag and the first frames, or frames somewhere in the middle.
        const at = next() < 0.5 ? 0 : Math.floor(next() * (mp3.length - 64));
        bytes = Buffer.concat([mp3.subarray(0, at), mutate(mp3.subarray(at), next)]);
      } else bytes = randomBytes(next, 'mp3');
      const what = `MP3 case ${i}`;
      const reads = { largest: 0 };
      seen[await survive(`${what} planMp3Spans`, () => planMp3Spans(handleOver(bytes, reads), bytes.length, 4096, 1))]++;
      await survive(`${what} walkFrames`, () => walkFrames(bytes, 0, bytes.length, () => undefined, true));
      await survive(`${what} joinMp3`, () => joinMp3([bytes, bytes]));
      await survive(`${what} mp3Seconds`, () => mp3Seconds(bytes));
      await survive(`${what} cutClip`, () => cutClip(bytesSource(bytes), 'x.mp3', next(), 1 + next()));
    }
    console.log(`      MP3 FUZZ ${JSON.stringify(seen)}`);
    assert.ok(seen.ok > 50, `the cases should exercise frames: ${JSON.stringify(seen)}`);
  });

  it('refuses the review\'s crafted headers at once: a 2 GB fmt chunk, 65,535 channels, a blockAlign that disagrees', async () => {
    const data = Buffer.alloc(300 * 1024, 0x80);
    const huge = wavOf(fmtChunk(1, 1, 16000, 16), data);
    huge.writeUInt32LE(0x80000000, 16);
    const channels = wavOf(fmtChunk(1, 1, 16000, 8), data);
    channels.writeUInt16LE(65535, 22); // channels; blockAlign and byteRate still say mono
    const align = wavOf(fmtChunk(1, 2, 16000, 16), data);
    align.writeUInt16LE(1, 32); // blockAlign 1 for 2 × 16 bits
    for (const [name, bytes] of [['2 GB fmt', huge], ['65535 channels', channels], ['blockAlign 1', align]] as const) {
      const started = performance.now();
      await assert.rejects(readWavLayout(handleOver(bytes, { largest: 0 }), bytes.length), (err) => WordedError.is(err), name);
      assert.throws(() => parseWavBytes(bytes), (err) => WordedError.is(err), name);
      assert.ok(performance.now() - started < 100, name);
    }
  });
});
