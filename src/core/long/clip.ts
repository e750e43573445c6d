// A short clip cut out of a recording without re-encoding: a known speaker's reference taken from the recording
// itself (2–10 s). WAV is cut by sample frames under its own header; MP3 on frame boundaries. The recording is read
// in ranges, never whole: it may be a long one.
import { extensionOf } from '../media';
import { msg, type Message } from '../messages';
import { id3v2Length, walkFrames } from './mp3';
import { parseWavBytes, wavHeaderFor, WavError } from './wav';

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

export interface Clip {
  bytes: Uint8Array;
  mime: string;
  /** Its length as cut (whole sample frames or MPEG frames). */
  seconds: number;
}

/** A clip that cannot be cut: the message says why and what to do. */
export class ClipError extends Error {
  constructor(readonly problem: Message) {
    super(problem.id);
    this.name = 'ClipError';
  }
}

/** Formats a clip can be cut from. */
export const CLIP_FORMATS = ['wav', 'mp3'] as const;

/** Enough of a WAV's head to reach its data chunk behind metadata chunks. */
const WAV_HEAD = 1024 * 1024;
const CHUNK = 1024 * 1024;

/** Cuts [start, end) seconds out of the recording `name` (its extension says the format). */
export async function cutClip(source: ByteSource, name: string, start: number, end: number): Promise<Clip> {
  if (!(Number.isFinite(start) && Number.isFinite(end) && start >= 0 && end > start)) {
    throw new ClipError(msg('speakers.clipSpan', { name, start, end }));
  }
  const ext = extensionOf(name);
  if (ext === 'wav') return cutWav(source, name, start, end);
  if (ext === 'mp3') return cutMp3(source, name, start, end);
  throw new ClipError(msg('speakers.clipFormat', { name, formats: CLIP_FORMATS.join(', ') }));
}

async function cutWav(source: ByteSource, name: string, start: number, end: number): Promise<Clip> {
  const head = await source.read(0, Math.min(source.size, WAV_HEAD));
  let layout;
  try {
    layout = parseWavBytes(head);
  } catch (err) {
    if (err instanceof WavError) throw new ClipError(msg('speakers.clipUnreadable', { name, reason: err.message }));
    throw err;
  }
  // The head may end before the data does: the data chunk's own size, bounded by the file, says how much there is.
  const declared = Buffer.from(head.buffer, head.byteOffset, head.byteLength).readUInt32LE(layout.dataOffset - 4);
  const present = source.size - layout.dataOffset;
  const dataSize = declared === 0 || declared === 0xffffffff ? present : Math.min(declared, present);
  const block = layout.blockAlign;
  const total = Math.floor(dataSize / block) * block;
  const at = (seconds: number): number => Math.min(total, Math.round((seconds * layout.byteRate) / block) * block);
  const from = at(start);
  const to = at(end);
  if (to <= from || end > total / layout.byteRate + 0.01) {
    throw new ClipError(msg('speakers.clipOutside', { name, start, end, seconds: (total / layout.byteRate).toFixed(1) }));
  }
  const samples = await source.read(layout.dataOffset + from, to - from);
  const header = wavHeaderFor(layout.fmt, samples.length);
  const bytes = new Uint8Array(header.length + samples.length);
  bytes.set(header, 0);
  bytes.set(samples, header.length);
  return { bytes, mime: 'audio/wav', seconds: samples.length / layout.byteRate };
}

async function cutMp3(source: ByteSource, name: string, start: number, end: number): Promise<Clip> {
  let limit = source.size;
  if (source.size >= 128) {
    const tail = await source.read(source.size - 128, 128);
    if (Buffer.from(tail.subarray(0, 3)).toString('latin1') === 'TAG') limit -= 128;
  }
  let position = id3v2Length(await source.read(0, Math.min(10, source.size)));
  const frames: Uint8Array[] = [];
  let time = 0;
  let taken = 0;
  let done = false;
  let buffer: Uint8Array = new Uint8Array(0);
  while (position < limit && !done) {
    const chunk = await source.read(position, Math.min(CHUNK, limit - position));
    if (!chunk.length) break;
    position += chunk.length;
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
    const view = buffer;
    // A frame belongs to the clip when it starts within [start, end): whole frames, so the cut is within one frame.
    const stopped = walkFrames(view, 0, view.length, (f, info) => {
      if (info || done) return;
      const seconds = f.header.samples / f.header.sampleRate;
      if (time >= end - seconds / 2) done = true;
      else if (time >= start - seconds / 2) {
        frames.push(view.slice(f.offset, f.offset + f.header.length));
        taken += seconds;
      }
      time += seconds;
    }, position >= limit);
    buffer = buffer.subarray(stopped);
  }
  if (!frames.length && time === 0) throw new ClipError(msg('speakers.clipUnreadable', { name, reason: 'has no MPEG audio frames' }));
  if (!done && end > time + 0.05) throw new ClipError(msg('speakers.clipOutside', { name, start, end, seconds: time.toFixed(1) }));
  return { bytes: Buffer.concat(frames), mime: 'audio/mpeg', seconds: taken };
}
