// Cutting a short clip (a known speaker's reference) out of a long recording's part, read from disk in a small range.
// WAV: the clip's samples, made mono 16-bit and brought down to at most ~24 kHz where the encoding can be read (a
// reference of 8 s then stays under ~400 KB, however rich the recording), else copied as they are under the part's
// own format. MP3: the whole frames that lie inside the stretch. Other containers: ffmpeg decodes the stretch to WAV.
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './ffmpeg';
import type { AudioPart } from './longAudio';
import { walkFrames, type Mp3Frame } from './mp3';
import { parseWavBytes, readAt, sampleReader, wavHeaderFor } from './wav';

export interface Clip {
  bytes: Uint8Array;
  mimeType: string;
  /** The clip's exact length. */
  seconds: number;
}

/** The highest sample rate a converted WAV clip keeps (the rate is divided by a whole number to get under it). */
const CLIP_MAX_RATE = 24000;

/** `seconds` of a WAV part from `start` (seconds from the part's start), as a WAV of its own. */
export async function wavClip(part: AudioPart, start: number, seconds: number): Promise<Clip> {
  const { path, range, header } = part.upload;
  if (path === undefined || !range || !header) throw new Error('the part is not a range of a WAV file on disk');
  const layout = parseWavBytes(header);
  const block = layout.blockAlign;
  const partBytes = range.end - range.start;
  const from = Math.min(partBytes, Math.floor((start * layout.byteRate) / block) * block);
  const length = Math.min(partBytes - from, Math.floor((seconds * layout.byteRate) / block) * block);
  const handle = await open(path, 'r');
  let samples: Buffer;
  try {
    samples = await readAt(handle, range.start + from, length);
  } finally {
    await handle.close();
  }
  const frames = Math.floor(samples.length / block);
  const read = sampleReader(layout);
  if (!read) {
    // An encoding this code cannot read (ADPCM, µ-law…): the bytes under the part's own format, still a valid WAV.
    const data = samples.subarray(0, frames * block);
    const bytes = Buffer.concat([wavHeaderFor(layout.fmt, data.length), data]);
    return { bytes, mimeType: 'audio/wav', seconds: frames / layout.sampleRate };
  }
  const step = Math.max(1, Math.ceil(layout.sampleRate / CLIP_MAX_RATE)); // 44.1 kHz -> 22.05, 48 kHz -> 24
  const rate = Math.round(layout.sampleRate / step);
  const out = Math.floor(frames / step);
  const pcm = Buffer.alloc(out * 2);
  const width = layout.bitsPerSample / 8;
  for (let i = 0; i < out; i++) {
    // Each output sample is the mean of `step` input frames over every channel: mono, and a plain low-pass before the drop.
    let sum = 0;
    for (let f = i * step; f < (i + 1) * step; f++) {
      for (let c = 0; c < layout.channels; c++) sum += read(samples, f * block + c * width);
    }
    const v = sum / (step * layout.channels);
    pcm.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(v * 32767))), i * 2);
  }
  return { bytes: Buffer.concat([pcmWavHeader(rate, pcm.length), pcm]), mimeType: 'audio/wav', seconds: out / rate };
}

function pcmWavHeader(rate: number, dataBytes: number): Uint8Array {
  const fmt = Buffer.alloc(16);
  fmt.writeUInt16LE(1, 0); // PCM
  fmt.writeUInt16LE(1, 2); // mono
  fmt.writeUInt32LE(rate, 4);
  fmt.writeUInt32LE(rate * 2, 8);
  fmt.writeUInt16LE(2, 12);
  fmt.writeUInt16LE(16, 14);
  return wavHeaderFor(fmt, dataBytes);
}

/** The whole MPEG audio frames of an MP3 part that lie inside [start, start + seconds) (seconds from the part's start). */
export async function mp3Clip(part: AudioPart, start: number, seconds: number): Promise<Clip> {
  const { path, range } = part.upload;
  if (path === undefined || !range) throw new Error('the part is not a range of an MP3 file on disk');
  const end = start + seconds;
  const frames: Buffer[] = [];
  let t = 0;
  let taken = 0;
  const handle = await open(path, 'r');
  try {
    let buffer: Buffer = Buffer.alloc(0);
    for (let position = range.start; position < range.end && t < end;) {
      const chunk = await readAt(handle, position, Math.min(1024 * 1024, range.end - position));
      if (!chunk.length) break;
      position += chunk.length;
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
      const stopped = walkFrames(buffer, 0, buffer.length, (f: Mp3Frame, info: boolean) => {
        if (info) return;
        const length = f.header.samples / f.header.sampleRate;
        if (t >= start && t + length <= end + 1e-9) {
          frames.push(Buffer.from(buffer.subarray(f.offset, f.offset + f.header.length)));
          taken += length;
        }
        t += length;
      }, position >= range.end);
      buffer = buffer.subarray(stopped);
    }
  } finally {
    await handle.close();
  }
  if (!frames.length) throw new Error('no MPEG audio frames lie in that stretch');
  return { bytes: Buffer.concat(frames), mimeType: 'audio/mpeg', seconds: taken };
}

/** `seconds` of an audio file from `start`, decoded by ffmpeg to a mono 16 kHz 16-bit WAV. */
export async function ffmpegClip(exe: string, input: string, start: number, seconds: number, signal?: AbortSignal): Promise<Clip> {
  const dir = await mkdtemp(join(tmpdir(), 'aoai-media-clip-'));
  try {
    const out = join(dir, 'clip.wav');
    const args = ['-hide_banner', '-nostdin', '-v', 'error', '-ss', start.toFixed(3), '-t', seconds.toFixed(3), '-i', input,
      '-vn', '-ac', '1', '-ar', '16000', '-c:a', 'pcm_s16le', out];
    const { code, stderr } = await run(exe, args, signal);
    if (code !== 0) throw new Error(`ffmpeg could not cut the clip: ${stderr.trim().split('\n').pop() ?? `exit code ${code}`}`);
    const bytes = await readFile(out);
    const layout = parseWavBytes(bytes);
    return { bytes, mimeType: 'audio/wav', seconds: layout.dataSize / layout.byteRate };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
