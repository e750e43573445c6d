// Cutting a short clip (a known speaker's reference, 2–10 s) out of a recording: a span the user chose in the Studio
// (cutClip: seconds of the whole file) or a carried speaker's turn in a long recording's first part (partClip: seconds
// of the part, a byte range of the file). The file is read in ranges, never whole: it may be a long one.
// WAV: the span's sample frames, made mono 16-bit at most ~24 kHz where the encoding can be read (8 s then stay under
// ~400 KB however rich the recording; a reference only has to carry a voice), else copied under the file's own format.
// MP3: the whole frames of the span, as they are. Other containers (a long recording's ffmpeg parts): ffmpeg decodes.
import type { FileHandle } from 'node:fs/promises';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extensionOf } from '../media';
import { msg, reasonOf, WordedError, type Message } from '../messages';
import { run } from './ffmpeg';
import type { AudioPart, AudioPlan } from './plan';
import { id3v2Length, walkFrames } from './mp3';
import { parseWavBytes, readAt, sampleReader, wavHeaderFor, WavError, type WavLayout } from './wav';

/** Random access to a file's bytes (a file handle on disk, or bytes already read). */
export interface ByteSource {
  readonly size: number;
  read(position: number, length: number): Promise<Uint8Array>;
}

export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: (position, length) => Promise.resolve(bytes.subarray(position, Math.min(bytes.length, position + length))),
  };
}

/** The file at `path` as a ByteSource for the time of `use`. */
export async function withFileSource<T>(path: string, use: (source: ByteSource) => Promise<T>): Promise<T> {
  const handle = await open(path, 'r');
  try {
    return await use(handleSource(handle, (await handle.stat()).size));
  } finally {
    await handle.close();
  }
}

function handleSource(handle: FileHandle, size: number): ByteSource {
  return { size, read: (position, length) => readAt(handle, position, Math.max(0, Math.min(length, size - position))) };
}

export interface Clip {
  bytes: Uint8Array;
  mimeType: string;
  /** Its length as cut (whole sample frames or MPEG frames). */
  seconds: number;
}

/** A clip that cannot be cut: the message says why and what to do (`message` is its English, for the log). */
export class ClipError extends WordedError {
  constructor(problem: Message) {
    super(problem);
    this.name = 'ClipError';
  }
}

/** Formats a clip can be cut from without ffmpeg. */
export const CLIP_FORMATS = ['wav', 'mp3'] as const;

/** The highest sample rate a converted WAV clip keeps (the rate is divided by a whole number to get under it). */
const CLIP_MAX_RATE = 24000;
/** Enough of a WAV's head to reach its data chunk behind metadata chunks. */
const WAV_HEAD = 1024 * 1024;
const CHUNK = 1024 * 1024;

/** Cuts [start, end) seconds out of the recording `name` (its extension says the format). */
export async function cutClip(source: ByteSource, name: string, start: number, end: number): Promise<Clip> {
  checkSpan(name, start, end);
  const ext = extensionOf(name);
  if (ext === 'wav') {
    const head = await source.read(0, Math.min(source.size, WAV_HEAD));
    const layout = readLayout(name, () => parseWavBytes(head));
    // The head may end before the data does: the data chunk's own size, bounded by the file, says how much there is.
    const declared = Buffer.from(head.buffer, head.byteOffset, head.byteLength).readUInt32LE(layout.dataOffset - 4);
    const present = source.size - layout.dataOffset;
    const dataSize = declared === 0 || declared === 0xffffffff ? present : Math.min(declared, present);
    return cutWav(source, name, { ...layout, dataSize }, start, end);
  }
  if (ext === 'mp3') {
    let limit = source.size;
    if (source.size >= 128) {
      const tail = await source.read(source.size - 128, 128);
      if (Buffer.from(tail.subarray(0, 3)).toString('latin1') === 'TAG') limit -= 128; // an ID3v1 tag
    }
    const from = id3v2Length(await source.read(0, Math.min(10, source.size)));
    return cutMp3(source, name, from, limit, start, end);
  }
  throw new ClipError(msg('speakers.clipFormat', { name, formats: CLIP_FORMATS.join(', ') }));
}

/**
 * `seconds` from `start` (seconds from the part's start) of a long recording's part, cut as the plan's kind allows;
 * undefined when nothing here can cut it (an ffmpeg part without ffmpeg). A span running past the part's end (a turn's
 * end as the transcript gives it) is cut at the end of the part.
 */
export function partClip(
  plan: Pick<AudioPlan, 'kind' | 'ffmpeg'>,
  part: AudioPart,
  start: number,
  seconds: number,
  signal?: AbortSignal,
): Promise<Clip> | undefined {
  const { name, path, range, header } = part.upload;
  const end = start < part.seconds ? Math.min(start + seconds, part.seconds) : start + seconds;
  if (plan.kind === 'ffmpeg') {
    return plan.ffmpeg && path !== undefined ? ffmpegClip(plan.ffmpeg, path, name, start, end, signal) : undefined;
  }
  if (path === undefined || !range || (plan.kind === 'wav' && !header)) {
    return Promise.reject(new ClipError(msg('speakers.clipNotRange', { name })));
  }
  return withFileSource(path, (source) => {
    checkSpan(name, start, end);
    if (plan.kind === 'mp3') return cutMp3(source, name, range.start, range.end, start, end);
    // The part's own header describes its samples: [range.start, range.end) of the file.
    const layout = readLayout(name, () => parseWavBytes(header!));
    return cutWav(source, name, { ...layout, dataOffset: range.start, dataSize: range.end - range.start }, start, end);
  });
}

function checkSpan(name: string, start: number, end: number): void {
  if (!(Number.isFinite(start) && Number.isFinite(end) && start >= 0 && end > start)) {
    throw new ClipError(msg('speakers.clipSpan', { name, start, end }));
  }
}

function readLayout(name: string, parse: () => WavLayout): WavLayout {
  try {
    return parse();
  } catch (err) {
    if (err instanceof WavError) throw new ClipError(msg('speakers.clipUnreadable', { name, reason: reasonOf(err) }));
    throw err;
  }
}

/** [start, end) seconds of the samples at [layout.dataOffset, + layout.dataSize) of the source. */
async function cutWav(source: ByteSource, name: string, layout: WavLayout, start: number, end: number): Promise<Clip> {
  const block = layout.blockAlign;
  const total = Math.floor(layout.dataSize / block) * block;
  const at = (seconds: number): number => Math.min(total, Math.round((seconds * layout.byteRate) / block) * block);
  const from = at(start);
  const to = at(end);
  if (to <= from || end > total / layout.byteRate + 0.01) {
    throw new ClipError(msg('speakers.clipOutside', { name, start, end, seconds: (total / layout.byteRate).toFixed(1) }));
  }
  return smallWav(layout, Buffer.from(await source.read(layout.dataOffset + from, to - from)));
}

/** Whole sample frames as a WAV of their own: mono 16-bit at most CLIP_MAX_RATE where they can be read, else as they are. */
function smallWav(layout: WavLayout, samples: Buffer): Clip {
  const block = layout.blockAlign;
  const frames = Math.floor(samples.length / block);
  const read = sampleReader(layout);
  const small = layout.formatTag === 1 && layout.channels === 1 && layout.bitsPerSample === 16 && layout.sampleRate <= CLIP_MAX_RATE;
  if (!read || small) {
    // Already small (copied sample for sample), or an encoding this code cannot read (ADPCM, µ-law…): still a valid WAV.
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

/**
 * [start, end) seconds of the MPEG frames at [from, limit) of the source: whole frames from the one whose middle is at
 * `start` on, as many as fit in the span, so the clip is never longer than asked (a carried clip stays at most its 8 s)
 * and less than a frame (26 ms at 44.1 kHz) shorter.
 */
async function cutMp3(source: ByteSource, name: string, from: number, limit: number, start: number, end: number): Promise<Clip> {
  const frames: Uint8Array[] = [];
  let time = 0;
  let taken = 0;
  let done = false;
  let buffer: Uint8Array = new Uint8Array(0);
  for (let position = from; position < limit && !done;) {
    const chunk = await source.read(position, Math.min(CHUNK, limit - position));
    if (!chunk.length) break;
    position += chunk.length;
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
    const view = buffer;
    const stopped = walkFrames(view, 0, view.length, (f, info) => {
      if (info || done) return;
      const seconds = f.header.samples / f.header.sampleRate;
      if (frames.length && taken + seconds > end - start + 1e-9) done = true;
      else if (time >= start - seconds / 2) {
        frames.push(view.slice(f.offset, f.offset + f.header.length));
        taken += seconds;
      }
      time += seconds;
    }, position >= limit);
    buffer = buffer.subarray(stopped);
  }
  if (!frames.length && time === 0) throw new ClipError(msg('speakers.clipUnreadable', { name, reason: msg('mp3.noFrames') }));
  if (!done && end > time + 0.05) throw new ClipError(msg('speakers.clipOutside', { name, start, end, seconds: time.toFixed(1) }));
  return { bytes: Buffer.concat(frames), mimeType: 'audio/mpeg', seconds: taken };
}

/** [start, end) seconds of an audio file (`name` for messages), decoded by ffmpeg to a mono 16 kHz 16-bit WAV. */
async function ffmpegClip(exe: string, input: string, name: string, start: number, end: number, signal?: AbortSignal): Promise<Clip> {
  checkSpan(name, start, end);
  const dir = await mkdtemp(join(tmpdir(), 'aoai-media-clip-'));
  try {
    const out = join(dir, 'clip.wav');
    const args = ['-hide_banner', '-nostdin', '-v', 'error', '-ss', start.toFixed(3), '-t', (end - start).toFixed(3), '-i', input,
      '-vn', '-ac', '1', '-ar', '16000', '-c:a', 'pcm_s16le', out];
    const { code, stderr } = await run(exe, args, signal);
    if (code !== 0) {
      throw new ClipError(msg('speakers.clipFfmpeg', { name, reason: stderr.trim().split('\n').pop() || `exit code ${code}` }));
    }
    const bytes = await readFile(out);
    const layout = readLayout(name, () => parseWavBytes(bytes));
    return { bytes, mimeType: 'audio/wav', seconds: layout.dataSize / layout.byteRate };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
