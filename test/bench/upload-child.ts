// One measured transcription upload in a fresh process (so RSS growth is this upload's own), by one of three senders:
//   ext    this extension's client (client.transcribe with a path)
//   sdk    the openai SDK's AzureOpenAI (audio.transcriptions.create with a read stream)
//   floor  the same multipart bytes piped raw from a file stream into node:http
// Usage: node upload-child.js MODE URL KEY FILE WARMUP_FILE  → prints one JSON line {ms, rssGrowthMb, status}.
// The warm-up upload of a small file (same sender) loads modules and opens the connection before measuring.
import { createReadStream, readFileSync, statSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { basename } from 'node:path';
import { AzureOpenAI } from 'openai';
import { AzureOpenAIMediaClient } from '../../src/core/client';

const [mode, url, key, file, warmFile] = process.argv.slice(2);
const API_VERSION = '2025-04-01-preview';
const DEPLOYMENT = 'whisper';

type Send = (path: string) => Promise<string>;

function extSender(): Send {
  const auth = { type: 'apiKey' as const, getKey: () => Promise.resolve(key) };
  const client = new AzureOpenAIMediaClient({ endpoint: url, apiVersion: API_VERSION, auth, maxRetries: 0 });
  return async (path) => {
    const file = { name: basename(path), path };
    const result = await client.transcribe({ deployment: DEPLOYMENT, model: 'whisper-1', file, response_format: 'json' });
    return result.text;
  };
}

function sdkSender(): Send {
  const client = new AzureOpenAI({ endpoint: url, apiKey: key, apiVersion: API_VERSION, deployment: DEPLOYMENT, maxRetries: 0 });
  return async (path) => {
    const result = await client.audio.transcriptions.create({ model: 'whisper-1', file: createReadStream(path), response_format: 'json' });
    return result.text;
  };
}

/** The wire floor: the multipart head, the file piped from a read stream, the tail, with a fixed Content-Length. */
function floorSender(): Send {
  const agent = new Agent({ keepAlive: true });
  return (path) =>
    new Promise((resolve, reject) => {
      const boundary = '----AzureOpenAIMediaBenchFloor0123456789';
      const disposition = `--${boundary}\r\nContent-Disposition: form-data; name=`;
      const head = Buffer.from(
        `${disposition}"model"\r\n\r\nwhisper-1\r\n${disposition}"response_format"\r\n\r\njson\r\n` +
          `${disposition}"file"; filename="${basename(path)}"\r\nContent-Type: audio/wav\r\n\r\n`,
      );
      const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
      const length = head.length + statSync(path).size + tail.length;
      const target = new URL(`${url}/openai/deployments/${DEPLOYMENT}/audio/transcriptions?api-version=${API_VERSION}`);
      const req = request(target, {
        method: 'POST',
        agent,
        headers: { 'api-key': key, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': length },
      });
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          if (res.statusCode === 200) resolve((JSON.parse(text) as { text: string }).text);
          else reject(new Error(`${res.statusCode} ${text}`));
        });
      });
      req.on('error', reject);
      req.write(head);
      const stream = createReadStream(path);
      stream.on('error', reject);
      stream.on('end', () => req.end(tail));
      stream.pipe(req, { end: false });
    });
}

/** Linux: VmRSS / VmHWM in bytes; writing 5 to clear_refs resets the high-water mark to the current RSS. */
function procStatus(field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const send = mode === 'ext' ? extSender() : mode === 'sdk' ? sdkSender() : mode === 'floor' ? floorSender() : undefined;
  if (!send) throw new Error(`unknown mode ${mode}`);
  await send(warmFile);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const exactPeak = resetPeak();
  const base = procStatus('VmRSS') ?? process.memoryUsage().rss;
  let sampledPeak = base;
  // Without a resettable high-water mark (not Linux), sample; on Linux the kernel's figure is exact and costs nothing.
  const sampler = exactPeak ? undefined : setInterval(() => (sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss)), 2);
  const started = performance.now();
  const text = await send(file);
  const ms = performance.now() - started;
  if (sampler) clearInterval(sampler);
  const peak = exactPeak ? (procStatus('VmHWM') ?? base) : Math.max(sampledPeak, process.memoryUsage().rss);
  process.stdout.write(`${JSON.stringify({ mode, ms, rssGrowthMb: (peak - base) / 1048576, transcriptChars: text.length })}\n`);
  process.exit(0);
}

main().catch((err: unknown) => {
  process.stderr.write(`upload-child ${mode}: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
