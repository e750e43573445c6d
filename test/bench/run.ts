// The bench: this extension side by side with the openai SDK's AzureOpenAI and the wire floor, against the
// emulator in a child process. Prints one table and writes bench/results.json. Asserts nothing about speed.
//   npm run bench                 (scripts/bench.sh: deps, build, then this; activation in code-server under the lock)
//   npm run bench -- --smoke      (small sizes, one run each, no code-server: that it runs, not how fast)
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AzureOpenAI } from 'openai';
import { AzureOpenAIMediaClient } from '../../src/core/client';
import { mapBounded } from '../../src/core/concurrency';
import { audioLimit, transcribeAny, type PartOrder } from '../../src/core/long';
import type { TranscriptionRequest } from '../../src/core/types';
import type { RecordedRequest } from '../emulator/server';
import { makeWav, writeLargeWav } from '../unit/coreFixtures';
import { writePatternWav } from '../unit/longFixtures';

const smoke = process.argv.includes('--smoke');
const ROOT = resolve(__dirname, '..', '..', '..');
const OUT = join(ROOT, 'bench', 'results.json');
const KEY = 'bench-key';
const API_VERSION = '2025-04-01-preview';
const MB = 1024 * 1024;

const UPLOAD_BYTES = smoke ? 1 * MB : 24 * MB;
const UPLOAD_RUNS = smoke ? 1 : 5;
const GENERATIONS = smoke ? 6 : 300;
const BATCH_FILES = smoke ? 8 : 40;
const BATCH_LATENCY_MS = 250;
const BATCH_CONCURRENCY = 4;
const STREAM_REQUESTS = smoke ? 1 : 5;
// A two-hour recording: 16-bit mono WAV at 14 kHz is 202 MB, nine parts under the 25 MB limit. The smoke keeps the
// two hours and the nine parts but at 2 kHz (29 MB) with the limit lowered to match, and a faster pace.
const LONG_SECONDS = 2 * 3600;
const LONG_RATE = smoke ? 2000 : 14000;
const LONG_LIMIT = smoke ? Math.round(3.5 * MB) : audioLimit();
/** The emulator's pace: seconds of delay per minute of audio (a 13-minute part: 13 s; 0.7 s in the smoke). */
const LONG_PACE = smoke ? 0.05 : 1;
const PROTECT_RUNS = smoke ? 1 : 7;

const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;
const now = (): number => performance.timeOrigin + performance.now();
const newClient = (url: string): AzureOpenAIMediaClient =>
  new AzureOpenAIMediaClient({
    endpoint: url,
    apiVersion: API_VERSION,
    auth: { type: 'apiKey', getKey: () => Promise.resolve(KEY) },
    maxRetries: 0,
  });

async function startEmulator(): Promise<{ url: string; stop(): void }> {
  const cli = join(__dirname, '..', 'emulator', 'cli.js');
  const child = spawn(process.execPath, [cli, '--port', '0', '--key', KEY], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /EMULATOR_URL=(\S+)/.exec(out);
      if (m) ok(m[1]);
    });
    child.once('exit', (code) => fail(new Error(`emulator exited with ${code}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

async function control(url: string, method: string, route: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${url}/_emulator/${route}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`emulator ${route}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

interface UploadRun { mode: string; ms: number; rssGrowthMb: number }

/** Alternating fresh processes: floor, ext, sdk, floor, ext, sdk, … */
function uploads(url: string, file: string, warm: string): Record<'floor' | 'ext' | 'sdk', UploadRun[]> {
  const runs: Record<'floor' | 'ext' | 'sdk', UploadRun[]> = { floor: [], ext: [], sdk: [] };
  for (let i = 0; i < UPLOAD_RUNS; i++) {
    for (const mode of ['floor', 'ext', 'sdk'] as const) {
      const args = ['--expose-gc', join(__dirname, 'upload-child.js'), mode, url, KEY, file, warm];
      const child = spawnSync(process.execPath, args, { encoding: 'utf8' });
      if (child.status !== 0) throw new Error(`upload ${mode} failed: ${child.stderr}`);
      runs[mode].push(JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as UploadRun);
    }
  }
  return runs;
}

/** Small image generations in sequence, alternating this client and the SDK request by request. */
async function overhead(url: string): Promise<{ ext: number; sdk: number }> {
  const client = newClient(url);
  const sdk = new AzureOpenAI({ endpoint: url, apiKey: KEY, apiVersion: API_VERSION, deployment: 'gpt-image-1-mini', maxRetries: 0 });
  const request = {
    model: 'gpt-image-1-mini', prompt: 'a dot', size: '1024x1024', quality: 'low', output_format: 'jpeg', output_compression: 10,
  } as const;
  const ext = async () => client.generateImages({ deployment: 'gpt-image-1-mini', ...request });
  const viaSdk = async () => sdk.images.generate(request);
  await ext();
  await viaSdk();
  const times = { ext: [] as number[], sdk: [] as number[] };
  for (let i = 0; i < GENERATIONS; i++) {
    for (const [name, run] of [['ext', ext], ['sdk', viaSdk]] as const) {
      const started = performance.now();
      await run();
      times[name].push(performance.now() - started);
    }
  }
  await control(url, 'POST', 'reset', {});
  return { ext: median(times.ext), sdk: median(times.sdk) };
}

/** Partial images: the emulator records when it wrote each event; the callback records when it got it. */
async function streamLatency(url: string): Promise<number[]> {
  const client = newClient(url);
  const latencies: number[] = [];
  for (let r = 0; r < STREAM_REQUESTS; r++) {
    await control(url, 'POST', 'reset', {});
    const received: number[] = [];
    await client.generateImages(
      {
        deployment: 'gpt-image-1-mini', model: 'gpt-image-1-mini', prompt: 'a dot', size: '1024x1024', quality: 'low',
        output_format: 'jpeg', stream: true, partial_images: 3,
      },
      { onPartialImage: () => received.push(now()) },
    );
    const recs = (await control(url, 'GET', 'requests')) as RecordedRequest[];
    const emitted = recs.find((q) => q.operation === 'generations')?.eventTimes ?? [];
    received.forEach((t, i) => {
      if (emitted[i] !== undefined) latencies.push(t - emitted[i]);
    });
  }
  return latencies;
}

/** Files through the commands' own bounded-concurrency code, each answer held by the emulator for the latency. */
async function batch(url: string, dir: string): Promise<number> {
  const client = newClient(url);
  const files = Array.from({ length: BATCH_FILES }, (_, i) => {
    const path = join(dir, `clip-${i}.wav`);
    writeFileSync(path, makeWav(0.5));
    return path;
  });
  await control(url, 'POST', 'reset', {});
  await control(url, 'POST', 'faults', { kind: 'slow', delayMs: BATCH_LATENCY_MS, times: BATCH_FILES, operation: 'transcriptions' });
  const started = performance.now();
  const results = await mapBounded(files, BATCH_CONCURRENCY, (path) =>
    client.transcribe({ deployment: 'whisper', model: 'whisper-1', file: { name: 'clip.wav', path }, response_format: 'json' }),
  );
  const ms = performance.now() - started;
  const failed = results.filter((r) => r.status === 'rejected');
  if (failed.length) throw new Error(`batch: ${failed.length} failed: ${String(failed[0].reason)}`);
  return ms;
}

/**
 * The same batch through the command line (dist/cli.js as a CI job runs it): wall time from spawn to exit, and the
 * process's peak RSS (reported by a preloaded exit hook, since a parent cannot read a child's).
 */
async function cliBatch(url: string, dir: string): Promise<{ ms: number; peakMb: number }> {
  const folder = join(dir, 'cli-batch');
  mkdirSync(folder, { recursive: true });
  for (let i = 0; i < BATCH_FILES; i++) writeFileSync(join(folder, `clip-${String(i).padStart(2, '0')}.wav`), makeWav(0.5));
  const hook = join(dir, 'peak-rss.js');
  writeFileSync(hook, "process.on('exit', () => process.stderr.write(`PEAK_RSS_KB ${process.resourceUsage().maxRSS}\\n`));\n");
  await control(url, 'POST', 'reset', {});
  await control(url, 'POST', 'faults', { kind: 'slow', delayMs: BATCH_LATENCY_MS, times: BATCH_FILES, operation: 'transcriptions' });
  const started = performance.now();
  const run = await new Promise<{ code: number | null; stderr: string }>((done, fail) => {
    const args = ['transcribe', 'cli-batch/*.wav', '--concurrency', String(BATCH_CONCURRENCY), '--response-format', 'json',
      '--deployment', 'whisper', '--model', 'whisper-1'];
    const child = spawn(process.execPath, ['--require', hook, join(ROOT, 'dist', 'cli.js'), ...args], {
      cwd: dir, env: { PATH: process.env.PATH, CI: '1', AZURE_OPENAI_ENDPOINT: url, AZURE_OPENAI_API_KEY: KEY },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.resume();
    child.on('error', fail);
    child.on('close', (code) => done({ code, stderr }));
  });
  const ms = performance.now() - started;
  if (run.code !== 0) throw new Error(`cli batch: exit ${run.code}: ${run.stderr}`);
  const peak = /PEAK_RSS_KB (\d+)/.exec(run.stderr);
  return { ms, peakMb: peak ? Number(peak[1]) / 1024 : NaN };
}

interface LongRun { order: PartOrder; wallMs: number; partMs: number[]; parts: number }

/**
 * A two-hour recording in nine parts, once in each order, against the emulator holding every answer in proportion to
 * its audio (its pace): the wall time, and each part's own time from request to answer.
 */
async function longAudio(url: string, dir: string): Promise<LongRun[]> {
  const path = join(dir, 'lecture.wav');
  await writePatternWav(path, 44 + LONG_SECONDS * LONG_RATE * 2, LONG_RATE);
  const client = newClient(url);
  const request: TranscriptionRequest = {
    deployment: 'whisper', model: 'whisper-1', file: { name: 'lecture.wav', path }, response_format: 'json', prompt: 'Contoso, Fabrikam.',
  };
  const runs: LongRun[] = [];
  for (const order of ['chain', 'twoRounds'] as const) {
    await control(url, 'POST', 'reset', {});
    await control(url, 'POST', 'pace', { secondsPerAudioMinute: LONG_PACE });
    const partMs: number[] = [];
    const started = performance.now();
    await transcribeAny(request, true, async (r, signal) => {
      const t0 = performance.now();
      const result = await client.transcribe(r, { signal });
      partMs.push(performance.now() - t0);
      return result;
    }, { order, limit: LONG_LIMIT });
    runs.push({ order, wallMs: performance.now() - started, partMs, parts: partMs.length });
  }
  await control(url, 'POST', 'reset', {});
  rmSync(path, { force: true });
  return runs;
}

/** Speech streamed to a file: when the first byte is on disk, and when the last is. */
async function speech(url: string, dir: string): Promise<{ firstByteMs: number; lastByteMs: number; bytes: number }> {
  const client = newClient(url);
  const path = join(dir, 'speech.wav');
  const out = createWriteStream(path);
  let firstByteMs: number | undefined;
  const started = performance.now();
  const poll = setInterval(() => {
    if (firstByteMs === undefined && statSync(path, { throwIfNoEntry: false })?.size) firstByteMs = performance.now() - started;
  }, 1);
  const input = 'The quick brown fox jumps over the lazy dog. '.repeat(smoke ? 4 : 90).slice(0, 4096);
  const result = await client.speak({ deployment: 'tts', model: 'tts-1', input, voice: 'alloy', response_format: 'wav' }, out);
  const lastByteMs = performance.now() - started;
  clearInterval(poll);
  return { firstByteMs: firstByteMs ?? lastByteMs, lastByteMs, bytes: result.bytes };
}

/** A masked edit's protected-area check and composite at 1536×1024 PNG, in a fresh process (protect-child.ts). */
function protectedArea(): { ms: number; peakRssGrowthMb: number } {
  const args = ['--expose-gc', join(__dirname, 'protect-child.js'), String(PROTECT_RUNS)];
  const child = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`protected-area bench failed: ${child.stderr}`);
  const r = JSON.parse(child.stdout) as { ms: number[]; peakRssGrowthMb: number };
  return { ms: median(r.ms), peakRssGrowthMb: r.peakRssGrowthMb };
}

/** The activation figures from code-server (scripts/bench-activation.sh), or a reason why there are none. */
function activation(): { ms: number | null; selfMs: number | null; note?: string } {
  if (smoke) return { ms: null, selfMs: null, note: 'not measured in --smoke (it needs code-server and Chromium)' };
  if (process.env.AOAI_BENCH_NO_ACTIVATION) return { ms: null, selfMs: null, note: 'AOAI_BENCH_NO_ACTIVATION is set' };
  const out = join(ROOT, 'bench', '.activation.json');
  rmSync(out, { force: true });
  const script = join(ROOT, 'scripts', 'bench-activation.sh');
  const run = spawnSync('flock', ['/tmp/aoai-vscode.lock', 'bash', script, out], { stdio: ['ignore', 'inherit', 'inherit'] });
  try {
    const r = JSON.parse(readFileSync(out, 'utf8')) as { ms: number[]; selfMs: number[] };
    if (run.status !== 0 || !r.ms.length) throw new Error(`exit ${run.status}`);
    return { ms: median(r.ms), selfMs: median(r.selfMs) };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return { ms: null, selfMs: null, note: `code-server run failed (${why}); see .artifacts/logs/bench-*` };
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'aoai-bench-'));
  const emulator = await startEmulator();
  const notes: Record<string, string> = {};
  try {
    const file = join(dir, 'long-meeting.wav');
    const warm = join(dir, 'warm.wav');
    await writeLargeWav(file, UPLOAD_BYTES);
    writeFileSync(warm, makeWav(1));
    const bundle = statSync(join(ROOT, 'dist', 'extension.js')).size / 1024;

    const size = `${(UPLOAD_BYTES / MB).toFixed(0)} MB`;
    console.log(`bench${smoke ? ' (smoke)' : ''}: emulator ${emulator.url}, upload ${size} × ${UPLOAD_RUNS} alternating runs`);
    const up = uploads(emulator.url, file, warm);
    const over = await overhead(emulator.url);
    const latencies = await streamLatency(emulator.url);
    const batchMs = await batch(emulator.url, dir);
    const cli = await cliBatch(emulator.url, dir);
    const speak = await speech(emulator.url, dir);
    const long = await longAudio(emulator.url, dir);
    // The slowest part alone: the chain's parts each go without company, so theirs are the single parts' own times.
    const chain = long.find((r) => r.order === 'chain')!;
    const rounds = long.find((r) => r.order === 'twoRounds')!;
    const slowestMs = Math.max(...chain.partMs);
    const kept = protectedArea();
    const act = activation();
    if (act.note) notes.activation_ms = act.note;

    const med = (mode: 'floor' | 'ext' | 'sdk', k: 'ms' | 'rssGrowthMb') => median(up[mode].map((r) => r[k]));
    const idealMs = Math.ceil(BATCH_FILES / BATCH_CONCURRENCY) * BATCH_LATENCY_MS;
    const results = {
      upload_time_ratio_vs_floor: round(med('ext', 'ms') / med('floor', 'ms')),
      upload_time_ratio_vs_sdk: round(med('ext', 'ms') / med('sdk', 'ms')),
      upload_rss_growth_mb: round(med('ext', 'rssGrowthMb'), 1),
      sdk_upload_rss_growth_mb: round(med('sdk', 'rssGrowthMb'), 1),
      overhead_ratio_vs_sdk: round(over.ext / over.sdk),
      stream_latency_ms_median: latencies.length ? round(median(latencies)) : null,
      batch_ratio_vs_ideal: round(batchMs / idealMs),
      cli_batch_ratio_vs_ideal: round(cli.ms / idealMs),
      cli_peak_rss_mb: round(cli.peakMb, 1),
      long_audio_wall_ratio: round(rounds.wallMs / slowestMs),
      long_audio_wall_ratio_chain: round(chain.wallMs / slowestMs),
      activation_bundle_kb: round(bundle, 1),
      protected_area_1536x1024_ms: round(kept.ms, 0),
      protected_area_peak_rss_growth_mb: round(kept.peakRssGrowthMb, 1),
      activation_ms: act.ms === null ? null : round(act.ms, 1),
      notes: {
        ...notes,
        ...(latencies.length ? {} : { stream_latency_ms_median: 'the emulator recorded no event times' }),
      } as Record<string, string>,
      details: {
        smoke,
        upload_bytes: UPLOAD_BYTES,
        upload_runs: up,
        floor_upload_rss_growth_mb: round(med('floor', 'rssGrowthMb'), 1),
        generation_median_ms: { ext: round(over.ext), sdk: round(over.sdk), requests: GENERATIONS },
        stream_latency_samples: latencies.length,
        batch_ms: round(batchMs, 0),
        batch_ideal_ms: idealMs,
        cli_batch_ms: round(cli.ms, 0),
        long_audio: {
          seconds: LONG_SECONDS, parts: rounds.parts, limit_bytes: LONG_LIMIT, sample_rate: LONG_RATE, seconds_per_audio_minute: LONG_PACE,
          slowest_part_ms: round(slowestMs, 0),
          ...Object.fromEntries(long.map((r) => [r.order, { wall_ms: round(r.wallMs, 0), part_ms: r.partMs.map((ms) => round(ms, 0)) }])),
        },
        speech_to_disk: { first_byte_ms: round(speak.firstByteMs, 1), last_byte_ms: round(speak.lastByteMs, 1), bytes: speak.bytes },
        activation_self_reported_ms: act.selfMs,
      },
    };

    const ms = (m: 'ext' | 'sdk' | 'floor') => `${med(m, 'ms').toFixed(0)} ms`;
    const rss = (m: 'ext' | 'sdk' | 'floor') => `${med(m, 'rssGrowthMb').toFixed(1)} MB`;
    const rows: Array<[string, string, string, string]> = [
      [`${size} transcription: time (median)`, ms('ext'), ms('sdk'), ms('floor')],
      [`${size} transcription: RSS growth`, rss('ext'), rss('sdk'), rss('floor')],
      [`image generation, median of ${GENERATIONS}`, `${over.ext.toFixed(2)} ms`, `${over.sdk.toFixed(2)} ms`, ''],
      ['partial image: emit → callback (median)', `${results.stream_latency_ms_median ?? '–'} ms`, '', ''],
      [`batch ${BATCH_FILES} files, ${BATCH_LATENCY_MS} ms, ×${BATCH_CONCURRENCY}`, `${batchMs.toFixed(0)} ms (ideal ${idealMs})`, '', ''],
      [`CLI: ${BATCH_FILES} files, ${BATCH_LATENCY_MS} ms, --concurrency ${BATCH_CONCURRENCY}`,
        `${cli.ms.toFixed(0)} ms (ideal ${idealMs}), peak RSS ${cli.peakMb.toFixed(0)} MB`, '', ''],
      [`2 h recording, ${rounds.parts} parts: wall / slowest part`,
        `${round(rounds.wallMs / slowestMs)}× two rounds, ${round(chain.wallMs / slowestMs)}× chain ` +
        `(part ${(slowestMs / 1000).toFixed(1)} s)`, '', ''],
      ['speech to disk: first / last byte', `${speak.firstByteMs.toFixed(1)} / ${speak.lastByteMs.toFixed(1)} ms`, '', ''],
      [`masked edit 1536×1024 PNG: measure + composite (median of ${PROTECT_RUNS})`,
        `${kept.ms.toFixed(0)} ms, peak RSS +${kept.peakRssGrowthMb.toFixed(1)} MB`, '', ''],
      ['activation bundle (dist/extension.js)', `${bundle.toFixed(1)} KB`, '', ''],
      ['activation in code-server (median)', act.ms === null ? `– (${act.note})` : `${act.ms} ms (activate: ${act.selfMs} ms)`, '', ''],
    ];
    const header: [string, string, string, string] = ['', 'this extension', 'openai SDK (AzureOpenAI)', 'floor (raw node:http)'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
    console.log([line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n'));
    const ratios = Object.entries(results).filter(([k]) => k !== 'notes' && k !== 'details').map(([k, v]) => `${k}=${JSON.stringify(v)}`);
    console.log(ratios.join('  '));
    mkdirSync(join(ROOT, 'bench'), { recursive: true });
    writeFileSync(smoke ? join(ROOT, 'bench', 'results.smoke.json') : OUT, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`wrote ${smoke ? 'bench/results.smoke.json' : 'bench/results.json'}`);
  } finally {
    emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
