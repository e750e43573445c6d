// Memory of a 24 MB transcription upload: writes a 24 MB WAV, starts the emulator in a child process (so that its
// own buffering is not counted), transcribes the file through the client while sampling process.memoryUsage(), and
// prints the peaks against the file size. Prints numbers; asserts nothing.
//   npm run bench        (= tsc -p . && node --expose-gc out/test/bench/upload-memory.js)
import { spawn } from 'node:child_process';
import { readFile, rm, stat } from 'node:fs/promises';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AzureOpenAIMediaClient } from '../../src/core/client';
import { makeWav, writeLargeWav } from '../unit/coreFixtures';

const FILE_BYTES = 24 * 1024 * 1024;
const MB = 1024 * 1024;
const fmt = (bytes: number) => `${(bytes / MB).toFixed(1).padStart(6)} MB`;

type Sample = NodeJS.MemoryUsage;

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect) {
    collect();
    collect();
  }
}

async function startEmulatorProcess(): Promise<{ url: string; key: string; stop(): void }> {
  const key = 'bench-key';
  const child = spawn(process.execPath, [join(__dirname, '..', 'emulator', 'cli.js'), '--port', '0', '--key', key], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /EMULATOR_URL=(\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  return { url, key, stop: () => child.kill('SIGTERM') };
}

/**
 * Samples memory every 2 ms while `run` works. With `live`, every sample is taken right after a full garbage
 * collection, so it counts only what is still referenced (not buffers already dropped but not yet collected).
 */
async function measure<T>(run: () => Promise<T>, live = false): Promise<{ result: T; base: Sample; peak: Sample; samples: number;
  ms: number }> {
  gc();
  const base = process.memoryUsage();
  const peak = { ...base };
  let samples = 0;
  const sample = () => {
    if (live) gc();
    const m = process.memoryUsage();
    samples++;
    for (const k of Object.keys(peak) as Array<keyof Sample>) if (m[k] > peak[k]) peak[k] = m[k];
  };
  const timer = setInterval(sample, live ? 20 : 2);
  const started = Date.now();
  try {
    const result = await run();
    sample();
    return { result, base, peak, samples, ms: Date.now() - started };
  } finally {
    clearInterval(timer);
  }
}

function report(title: string, m: { base: Sample; peak: Sample; samples: number; ms: number }, fileBytes: number): void {
  console.log(`\n${title}  (${m.ms} ms, ${m.samples} samples)`);
  console.log('               baseline       peak      delta   delta / file size');
  for (const k of ['rss', 'heapUsed', 'external', 'arrayBuffers'] as const) {
    const delta = m.peak[k] - m.base[k];
    console.log(`  ${k.padEnd(12)} ${fmt(m.base[k])} ${fmt(m.peak[k])} ${fmt(delta)}   ` +
      `${((delta / fileBytes) * 100).toFixed(1).padStart(5)} %`);
  }
}

async function main(): Promise<void> {
  if (!(globalThis as { gc?: unknown }).gc) console.log('(run with --expose-gc for a cleaner baseline)');
  const dir = mkdtempSync(join(tmpdir(), 'aoai-bench-'));
  const path = join(dir, 'long-meeting.wav');
  const emulator = await startEmulatorProcess();
  try {
    await writeLargeWav(path, FILE_BYTES);
    const size = (await stat(path)).size;
    console.log(`file: ${path}  ${size} bytes (${fmt(size).trim()}); emulator in a child process at ${emulator.url}`);
    const client = new AzureOpenAIMediaClient({ endpoint: emulator.url,
      auth: { type: 'apiKey', getKey: () => Promise.resolve(emulator.key) },
      maxRetries: 0 });
    // One small warm-up call so that module loading and connection set-up are not counted.
    await client.transcribe({ deployment: 'whisper', model: 'whisper-1', file: { name: 'warm.wav', data: makeWav(1) } });
    const transcribe = () => client.transcribe({ deployment: 'whisper', model: 'whisper-1', file: { name: 'long-meeting.wav', path },
      response_format: 'json' });

    const upload = await measure(transcribe);
    report('streamed upload from disk (client.transcribe with a path): all memory, garbage included', upload, size);
    console.log(`  transcript: ${JSON.stringify(upload.result.text.slice(0, 60))}…`);
    const hasGc = Boolean((globalThis as { gc?: unknown }).gc);
    const live = hasGc ? await measure(transcribe, true) : undefined;
    if (live) report('the same upload, live memory only (a full GC before each sample)', live, size);

    const whole = await measure(async () => {
      const bytes = await readFile(path);
      return bytes.length;
    });
    report('for comparison: the same file read whole into memory (fs.readFile)', whole, size);
    const growth = (m: { base: Sample; peak: Sample }, k: keyof Sample) => m.peak[k] - m.base[k];
    console.log(`\nsummary for a ${fmt(size).trim()} file:`);
    console.log(`  peak RSS ${fmt(upload.peak.rss).trim()} (growth ${fmt(growth(upload, 'rss')).trim()}), peak heapUsed ` +
      `${fmt(upload.peak.heapUsed).trim()}, peak arrayBuffers growth ${fmt(growth(upload, 'arrayBuffers')).trim()} (read buffers ` +
        `awaiting GC)`);
    if (live) console.log(`  live (after GC) peak growth: arrayBuffers ${fmt(growth(live, 'arrayBuffers')).trim()}, external ` +
      `${fmt(growth(live, 'external')).trim()}, heapUsed ${fmt(growth(live, 'heapUsed')).trim()}`);
    console.log(`  reading the file whole instead grows arrayBuffers by ${fmt(growth(whole, 'arrayBuffers')).trim()}`);
  } finally {
    emulator.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
