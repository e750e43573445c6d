// The command line (dist/cli.js) as a user runs it: a child process against the emulator, each command, a batch under
// bursts of 429s, shards, dry runs, the cost guard, usage errors and Ctrl-C.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startEmulator, type Emulator } from '../emulator/server';
import { makePng, makeWav } from '../fixtures/emulatorFixtures';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('command line (dist/cli.js against the emulator)', function () {
  this.timeout(120000);
  let em: Emulator;
  let dir: string;

  before(async () => {
    // The built tool is what is tested: build it (all bundles, as `npm run build` does) when it is missing or older.
    const built = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(built.status, 0, built.stderr);
    em = await startEmulator();
  });
  after(() => em.close());
  beforeEach(() => {
    em.reset();
    dir = mkdtempSync(path.join(tmpdir(), 'aoai-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function env(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH, HOME: process.env.HOME, CI: '1',
      AZURE_OPENAI_ENDPOINT: em.url, AZURE_OPENAI_API_KEY: em.apiKey,
      AZURE_OPENAI_DEPLOYMENT_TRANSCRIPTION: 'gpt-4o-transcribe', AZURE_OPENAI_MODEL_TRANSCRIPTION: 'gpt-4o-transcribe',
      ...extra,
    };
  }

  function cli(args: string[], opts: { env?: NodeJS.ProcessEnv; input?: string; onSpawn?: (child: ReturnType<typeof spawn>) => void } = {}):
    Promise<Run> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, ...args], { cwd: dir, env: opts.env ?? env(), stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
      child.stdin.end(opts.input ?? '');
      opts.onSpawn?.(child);
    });
  }

  function audioFiles(n: number, folder = 'talks'): string[] {
    mkdirSync(path.join(dir, folder), { recursive: true });
    return Array.from({ length: n }, (_, i) => {
      const name = `${folder}/clip-${String(i + 1).padStart(2, '0')}.wav`;
      writeFileSync(path.join(dir, name), makeWav(1 + (i % 3) * 0.25));
      return name;
    });
  }

  const names = (folder: string): string[] => readdirSync(path.join(dir, folder)).sort();
  const lines = (text: string): Array<Record<string, unknown>> =>
    text.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

  it('transcribe: a glob, transcripts beside the audio with the extension\'s names, one JSON line per input', async () => {
    audioFiles(3);
    const r = await cli(['transcribe', 'talks/*.wav', '--json', '--response-format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(names('talks'), ['clip-01.json', 'clip-01.wav', 'clip-02.json', 'clip-02.wav', 'clip-03.json', 'clip-03.wav']);
    const out = lines(r.stdout);
    // In the order they finish (lines stream as inputs are done).
    assert.deepEqual(out.map((l) => l.input).sort(), ['talks/clip-01.wav', 'talks/clip-02.wav', 'talks/clip-03.wav']);
    for (const l of out) {
      assert.equal(l.error, null);
      assert.equal((l.requestIds as string[]).length, 1);
      assert.ok(l.cost, 'a cost from the answer\'s usage');
    }
    // Run again: never over a file, the next free name.
    assert.equal((await cli(['transcribe', 'talks/clip-01.wav', '--response-format', 'json'])).code, 0);
    assert.ok(names('talks').includes('clip-01-2.json'));
    assert.ok(!r.stdout.includes(em.apiKey) && !r.stderr.includes(em.apiKey), 'the key is never printed');
  });

  it('translate, speak (a text file and standard input), image and edit each write the extension\'s outputs', async () => {
    audioFiles(1);
    let r = await cli(['translate', 'talks/clip-01.wav', '--out', 'out']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(names('out'), ['clip-01.en.txt']);
    writeFileSync(path.join(dir, 'line.txt'), 'Hello from a text file.');
    r = await cli(['speak', 'line.txt', '--response-format', 'wav']);
    assert.equal(r.code, 0, r.stderr);
    r = await cli(['speak'], { input: 'Hello from standard input.' });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(names('media'), ['hello-from-a-text-file.wav', 'hello-from-standard-input.mp3']);
    writeFileSync(path.join(dir, 'prompt.txt'), 'a lighthouse at dusk');
    r = await cli(['image', 'a red kite', '--prompt-file', 'prompt.txt', '--quality', 'low', '--json']);
    assert.equal(r.code, 0, r.stderr);
    // Lines come as inputs finish (two at once): compared in order of name.
    assert.deepEqual(lines(r.stdout).map((l) => l.outputs).sort(), [['media/a-lighthouse-at-dusk.png'], ['media/a-red-kite.png']]);
    writeFileSync(path.join(dir, 'cat.png'), makePng(64, 64));
    r = await cli(['edit', 'cat.png', '--prompt', 'add a hat', '--quality', 'low']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(existsSync(path.join(dir, 'cat.edited.png')));
    assert.deepEqual(em.requests.map((q) => q.operation), ['translations', 'speech', 'speech', 'generations', 'generations', 'edits']);
  });

  it('50 files at --concurrency 4 under bursts of 429s: each transcript written once, waits honoured, at most 4 in flight', async () => {
    const audio = audioFiles(50);
    // A burst of four 429s now and then, as the load test of the extension has them (test/integration/reliability).
    let stop = false;
    let bursts = 0;
    // The client retries a request twice: three 429s in a row to one file fail it. That happens only when one file is
    // left in flight to take a whole burst, so the last ten files go without bursts.
    const done = (): number => em.requests.filter((q) => q.status === 200).length;
    const burster = (async () => {
      while (!stop && done() < 40) {
        em.injectFault({ kind: bursts % 2 ? 'rate-limit-retry-after-ms' : 'rate-limit-x-ms-retry-after-ms', operation: 'transcriptions',
          times: 4, delayMs: 150 });
        bursts++;
        const mark = em.requests.length;
        while (!stop && em.requests.length < mark + 10) await new Promise((r) => setTimeout(r, 50));
      }
    })();
    let r: Run;
    try {
      r = await cli(['transcribe', 'talks/*.wav', '--concurrency', '4', '--response-format', 'text', '--json']);
    } finally {
      stop = true;
      await burster;
    }
    assert.equal(r.code, 0, r.stderr);
    const limited = em.requests.filter((q) => q.status === 429);
    assert.ok(limited.length >= 8, `only ${limited.length} 429s were served`);
    assert.deepEqual(names('talks').filter((n) => n.endsWith('.txt')), audio.map((a) => path.basename(a).replace('.wav', '.txt')));
    assert.deepEqual(names('talks').filter((n) => n.includes('.partial')), []);
    for (const q of limited) {
      const next = em.requests.find((n) => n.id > q.id && n.files[0]?.filename === q.files[0]?.filename);
      assert.ok(next && next.receivedAt - q.receivedAt >= 140, `${q.files[0]?.filename} was retried too soon`);
    }
    const successes = em.requests.filter((q) => q.status === 200).map((q) => q.files[0]?.filename).sort();
    assert.deepEqual(successes, audio.map((a) => path.basename(a)), 'a file was transcribed twice or not at all');
    assert.ok(em.stats().maxInFlight <= 4 && em.stats().maxInFlight >= 2, `${em.stats().maxInFlight} in flight at most`);
    assert.equal(lines(r.stdout).length, 50);
  });

  it('--shard K/N splits 50 inputs into disjoint shares that together are all of them', async () => {
    audioFiles(50);
    const shares: string[][] = [];
    for (let k = 1; k <= 3; k++) {
      const r = await cli(['transcribe', 'talks/*.wav', '--shard', `${k}/3`, '--dry-run', '--json']);
      assert.equal(r.code, 0, r.stderr);
      shares.push(lines(r.stdout).map((l) => l.input as string));
    }
    assert.deepEqual(shares.map((s) => s.length), [17, 17, 16]);
    const all = shares.flat();
    assert.equal(new Set(all).size, 50, 'no input in two shares');
    assert.deepEqual([...all].sort(), readdirSync(path.join(dir, 'talks')).map((n) => `talks/${n}`).sort());
    const again = await cli(['transcribe', 'talks/*.wav', '--shard', '2/3', '--dry-run', '--json']);
    assert.deepEqual(lines(again.stdout).map((l) => l.input), shares[1], 'the same share every time');
    assert.equal((await cli(['transcribe', 'talks/*.wav', '--shard', '4/3'])).code, 2);
  });

  it('--dry-run and estimate send nothing and say what would be sent and what it would cost', async () => {
    audioFiles(2);
    const r = await cli(['transcribe', 'talks/*.wav', '--dry-run', '--language', 'en'], { env: env({ AZURE_OPENAI_API_KEY: undefined }) });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /talks\/clip-01\.wav: would send .*"deployment":"gpt-4o-transcribe".*"language":"en".*≈ \$/);
    assert.match(r.stdout, /2 input\(s\), nothing sent/);
    const e = await cli(['estimate', 'image', 'a kite', '--n', '2', '--quality', 'high', '--json']);
    assert.equal(e.code, 0, e.stderr);
    const [line] = lines(e.stdout);
    assert.equal((line.request as Record<string, unknown>).n, 2);
    assert.ok((line.estimate as { usd: number }).usd > 0);
    assert.equal(em.requests.length, 0, 'nothing was sent');
    assert.deepEqual(names('talks'), ['clip-01.wav', 'clip-02.wav']);
  });

  it('--max-cost refuses a batch estimated above it, before sending anything', async () => {
    const r = await cli(['image', 'one', 'two', 'three', '--quality', 'high', '--max-cost', '0.05']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /above --max-cost \$0\.05\. Nothing was sent/);
    assert.equal(em.requests.length, 0);
    const ok = await cli(['image', 'one', '--quality', 'low', '--max-cost', '5']);
    assert.equal(ok.code, 0, ok.stderr);
  });

  it('usage errors exit 2 with a sentence that says what to set; a failed input exits 1 and the rest are done', async () => {
    audioFiles(2);
    let r = await cli(['transcribe', '--no-such-flag', 'talks/clip-01.wav']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown option '--no-such-flag'/);
    r = await cli(['transcribe', 'talks/*.wav', '--temperature', 'warm']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /a number is expected/);
    r = await cli(['transcribe', 'talks/*.wav'], { env: env({ AZURE_OPENAI_ENDPOINT: undefined }) });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /No endpoint is set\. Set AZURE_OPENAI_ENDPOINT/);
    r = await cli(['transcribe', 'missing/*.wav']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Nothing matches missing\/\*\.wav/);
    writeFileSync(path.join(dir, 'talks', 'broken.wav'), 'not audio at all');
    r = await cli(['transcribe', 'talks/*.wav', '--json']);
    assert.equal(r.code, 1);
    const out = lines(r.stdout);
    assert.equal(out.filter((l) => l.error).length, 1);
    assert.equal(out.filter((l) => !l.error).length, 2);
    assert.equal(em.requests.length, 3);
  });

  // Before: "Set azureOpenAIMedia.deployments.transcription to…", a VS Code setting the user of the tool cannot change.
  it('a wrong deployment or a bad deployment name names the flag and the variable to change, not the VS Code setting', async () => {
    audioFiles(1);
    for (const [extra, args, sentence] of [
      [{ AZURE_OPENAI_DEPLOYMENT_TRANSCRIPTION: 'nope' }, [], /The deployment "nope" does not exist on this resource\. Set --deployment/],
      [{}, ['--deployment', 'a b'], /The deployment name "a b" contains a space, slash or URL character\. Set --deployment/],
    ] as const) {
      const r = await cli(['transcribe', 'talks/*.wav', ...args], { env: env(extra) });
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, sentence);
      assert.match(r.stderr, / or AZURE_OPENAI_DEPLOYMENT_TRANSCRIPTION to /);
      assert.doesNotMatch(r.stderr, /azureOpenAIMedia\./);
    }
    const r = await cli(['speak', '-'], { input: 'hello', env: env({ AZURE_OPENAI_DEPLOYMENT_SPEECH: 'nope' }) });
    assert.match(r.stderr, /Set --deployment or AZURE_OPENAI_DEPLOYMENT_SPEECH to one of your deployment names/);
  });

  it('--settings reads azureOpenAIMedia.* from a VS Code settings file (JSON with comments)', async () => {
    audioFiles(1);
    mkdirSync(path.join(dir, '.vscode'));
    writeFileSync(path.join(dir, '.vscode', 'settings.json'), `{
      // the workspace's settings, as VS Code reads them
      "azureOpenAIMedia.deployments.transcription": "whisper",
      "azureOpenAIMedia.models.transcription": "whisper-1",
      "azureOpenAIMedia.transcription.responseFormat": "srt", /* subtitles */
      "azureOpenAIMedia.outputFolder": "speech-out",
    }`);
    const r = await cli(['transcribe', 'talks/clip-01.wav', '--settings', '.vscode/settings.json'],
      { env: env({ AZURE_OPENAI_DEPLOYMENT_TRANSCRIPTION: undefined, AZURE_OPENAI_MODEL_TRANSCRIPTION: undefined }) });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(names('talks').includes('clip-01.srt'));
    assert.equal(em.requests[0].deployment, 'whisper');
  });

  it('Ctrl-C mid-batch stops the requests in flight and leaves no partial file; what was written is whole', async () => {
    const audio = audioFiles(20);
    let r: Run | undefined;
    await cli(['transcribe', 'talks/*.wav', '--concurrency', '4', '--response-format', 'text'], {
      onSpawn: (child) => {
        void (async () => {
          // Let a few finish, then make the rest slow and interrupt while they are in flight.
          while (em.requests.filter((q) => q.status === 200).length < 4) await new Promise((res) => setTimeout(res, 20));
          em.injectFault({ kind: 'slow', operation: 'transcriptions', times: 100, delayMs: 5000 });
          const mark = em.requests.length;
          while (em.requests.length < mark + 2) await new Promise((res) => setTimeout(res, 20));
          child.kill('SIGINT');
        })();
      },
    }).then((run) => (r = run));
    assert.equal(r!.code, 130, r!.stderr);
    assert.match(r!.stderr, /Cancelled after \d+ of 20/);
    const written = names('talks').filter((n) => !n.endsWith('.wav'));
    assert.deepEqual(written.filter((n) => n.includes('.partial')), [], 'no temporary file is left');
    assert.ok(written.length >= 4 && written.length < audio.length, `${written.length} transcripts`);
    for (const n of written) assert.ok(readFileSync(path.join(dir, 'talks', n), 'utf8').length > 0, `${n} is whole`);
  });
});
