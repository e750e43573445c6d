// Memory and time of a long recording: writes a 200 MB WAV (tone bursts and silences), starts the emulator in a child
// process (its own buffering is not counted), then plans the parts and transcribes them through the client into one
// verbose_json transcript while sampling this process's memory. Prints the figures; asserts nothing.
//   npx tsc -p . && node --expose-gc out/test/bench/long-audio-memory.js [MB] [--live]
// With --live every sample follows a full garbage collection: it counts what is still referenced, not buffers already
// dropped but not yet collected (V8 collects external memory lazily, so plain RSS peaks include garbage).
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AzureOpenAIMediaClient } from '../../src/core/client';
import { transcribeAny } from '../../src/core/long';
import { planAudioParts } from '../../src/core/long/longAudio';
import { audioLimit } from '../../src/core/long';
import { writePatternWav } from '../unit/longFixtures';

const MAX_AUDIO_BYTES = audioLimit();

const MB = 1024 * 1024;
const fileMb = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 200);
const live = process.argv.includes('--live');
const fmt = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;

async function startEmulatorProcess(): Promise<{ url: string; key: string; stop(): void }> {
  const key = 'bench-key';
  const cli = join(__dirname, '..', 'emulator', 'cli.js');
  const child = spawn(process.execPath, [cli, '--port', '0', '--key', key], { stdio: ['ignore', 'pipe', 'inherit'] });
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

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'aoai-long-bench-'));
  const emulator = await startEmulatorProcess();
  try {
    const path = join(dir, 'meeting.wav');
    const { seconds } = await writePatternWav(path, fileMb * MB);
    const client = new AzureOpenAIMediaClient({
      endpoint: emulator.url,
      auth: { type: 'apiKey', getKey: () => Promise.resolve(emulator.key) },
    });
    gc();
    const base = process.memoryUsage();
    let peakRss = base.rss;
    let peakHeap = base.heapUsed;
    let peakExternal = base.external + base.arrayBuffers;
    const timer = setInterval(() => {
      if (live) gc();
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
      peakExternal = Math.max(peakExternal, m.external + m.arrayBuffers);
    }, live ? 20 : 5);
    const planStarted = Date.now();
    const plan = await planAudioParts({ name: 'meeting.wav', path }, MAX_AUDIO_BYTES);
    const planMs = Date.now() - planStarted;
    const started = Date.now();
    const result = await transcribeAny(
      { deployment: 'whisper', model: 'whisper-1', file: { name: 'meeting.wav', path }, response_format: 'verbose_json' },
      true,
      (r, signal) => client.transcribe(r, { signal }),
    );
    const ms = Date.now() - started;
    clearInterval(timer);
    const segments = result.format === 'verbose_json' ? result.segments.length : 0;
    const duration = result.format === 'verbose_json' ? result.duration : 0;
    console.log(`file            ${fmt(fileMb * MB)} WAV, ${(seconds / 60).toFixed(1)} min of 16 kHz mono`);
    console.log(`parts           ${plan.parts.length}: ${plan.parts.map((p) => fmt(p.bytes)).join(', ')}`);
    console.log(`plan (quiet cuts) ${planMs} ms; split + upload + transcribe + merge ${ms} ms (emulator on localhost)`);
    console.log(`transcript      ${segments} segments, duration ${duration} s (audio ${seconds.toFixed(3)} s)`);
    console.log(`baseline        rss ${fmt(base.rss)}, heap ${fmt(base.heapUsed)}`);
    console.log(`peak growth${live ? ' (live)' : '       '} rss +${fmt(peakRss - base.rss)}, heap +${fmt(peakHeap - base.heapUsed)}, ` +
      `external+arrayBuffers +${fmt(peakExternal - base.external - base.arrayBuffers)}  (file ${fmt(fileMb * MB)})`);
  } finally {
    emulator.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

void main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
