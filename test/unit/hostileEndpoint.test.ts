// The hostile endpoint (issue 17, finding 8): a never-ending SSE line, ten thousand partial images, a 300 MB JSON
// answer. Each operation must end with one clear error (badResponse, our sentence) in bounded time and memory, and a
// speech answer that never ends must not fill the disk. Figures are printed (HOSTILE FIGURES), bounds asserted loosely.
import * as assert from 'assert';
import { createWriteStream } from 'node:fs';
import { MediaApiError } from '../../src/core/errors';
import { makePng, makeWav, TempDir } from './coreFixtures';
import { useEmulator } from './clientHarness';
import type { HostileKind } from '../emulator/hostile';

/** Generous for a shared 2-core machine: before the fix the endless line took minutes and grew without end. */
const SECONDS = 20;
/** Above the process's memory at the start: the caps are 16 MB (transcripts) to 64 MB (lines, speech, one image). */
const GROWTH_MB = 400;

describe('a hostile endpoint: one clear error in bounded time and memory', function () {
  this.timeout(120000);
  const t = useEmulator();
  let dir: TempDir;
  const figures: Record<string, { ms: number; peakGrowthMb: number; message: string }> = {};
  before(() => {
    dir = new TempDir();
  });
  after(() => {
    console.log(`      HOSTILE FIGURES ${JSON.stringify(figures)}`);
    dir.remove();
  });

  const operations = {
    transcribe: () => t.client().transcribe({ deployment: 'gpt-4o-transcribe', model: 'gpt-4o-transcribe',
      file: { name: 'a.wav', data: makeWav(1) }, stream: true }),
    translate: () => t.client().translate({ deployment: 'whisper', file: { name: 'a.wav', data: makeWav(1) } }),
    speak: () => t.client().speak({ deployment: 'tts', model: 'tts-1', input: 'Hello.', voice: 'nova' },
      createWriteStream(dir.join(`speech-${Date.now()}.mp3`))),
    generate: () => t.client().generateImages({ deployment: 'gpt-image-1', model: 'gpt-image-1', prompt: 'A fox', size: '1024x1024',
      stream: true, partial_images: 2 }),
    edit: () => t.client().editImages({ deployment: 'gpt-image-1', model: 'gpt-image-1', prompt: 'A hat', stream: true, partial_images: 1,
      images: [{ name: 'p.png', data: makePng(64, 64) }] }),
  } as const;

  const CASES: Array<[HostileKind, keyof typeof operations, RegExp]> = [
    ['hostile-endless-line', 'transcribe', /stream sent a line over 64 MB/],
    ['hostile-endless-line', 'generate', /stream sent a line over 64 MB/],
    ['hostile-endless-line', 'edit', /stream sent a line over 64 MB/],
    ['hostile-endless-line', 'translate', /larger than 16 MB/],
    ['hostile-endless-line', 'speak', /larger than 64 MB/],
    ['hostile-partial-flood', 'generate', /more than the 2 partial image/],
    ['hostile-partial-flood', 'edit', /more than the 1 partial image/],
    ['hostile-huge-json', 'transcribe', /larger than 16 MB/],
    ['hostile-huge-json', 'translate', /larger than 16 MB/],
    ['hostile-huge-json', 'generate', /larger than 49 MB/],
    ['hostile-huge-json', 'speak', /instead of audio/],
  ];

  for (const [kind, operation, expected] of CASES) {
    it(`${kind} → ${operation}`, async () => {
      global.gc?.();
      const base = process.memoryUsage().rss;
      let peak = base;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 20);
      t.emu.injectFault({ kind, operation: operation === 'transcribe' ? 'transcriptions' : operation === 'translate' ? 'translations'
        : operation === 'speak' ? 'speech' : operation === 'generate' ? 'generations' : 'edits' });
      const started = performance.now();
      let error: unknown;
      try {
        await operations[operation]();
      } catch (err) {
        error = err;
      } finally {
        clearInterval(sampler);
      }
      const ms = Math.round(performance.now() - started);
      const peakGrowthMb = Math.round((Math.max(peak, process.memoryUsage().rss) - base) / 1048576);
      assert.ok(MediaApiError.is(error, 'badResponse'), `${kind} → ${operation}: ${String(error)}`);
      assert.match(error.message, expected);
      figures[`${kind} ${operation}`] = { ms, peakGrowthMb, message: error.message };
      assert.ok(ms < SECONDS * 1000, `${ms} ms`);
      assert.ok(peakGrowthMb < GROWTH_MB, `${peakGrowthMb} MB`);
      assert.equal(t.emu.requests.filter((r) => r.operation).length, 1, 'one request, not retried');
    });
  }
});
