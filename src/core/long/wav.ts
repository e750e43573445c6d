// WAV (RIFF/WAVE) layout, splitting by samples and joining. The file is read through a file handle in small ranges:
// a long recording is never held in memory, and each part is its own valid WAV (the original `fmt ` chunk, a `data`
// chunk of the part's samples, sizes written for that part).
import type { FileHandle } from 'node:fs/promises';
import { msg, reasonOf, WordedError } from '../messages';

export interface WavLayout {
  /** The `fmt ` chunk's body, copied verbatim into every part (keeps WAVE_FORMAT_EXTENSIBLE intact). */
  fmt: Uint8Array;
  formatTag: number;
  channels: number;
  sampleRate: number;
  byteRate: number;
  blockAlign: number;
  bitsPerSample: number;
  dataOffset: number;
  /** Bytes of samples actually present (a streamed WAV's 0 or 0xFFFFFFFF size is replaced by what the file holds). */
  dataSize: number;
}

/** Why a WAV cannot be read, split or joined: a message to put after the file's name ("talk.wav is not a RIFF/WAVE file"). */
export class WavError extends WordedError {}

const PCM = 1;
const FLOAT = 3;
const EXTENSIBLE = 0xfffe;
/** A `fmt ` chunk is 16 (PCM), 18 or 40 (extensible) bytes; anything larger is not a format description. */
const FMT_MIN = 16;
const FMT_MAX = 1024;
/** More channels than any recording the service takes (WAVE_FORMAT_EXTENSIBLE names 18 speaker positions). */
const MAX_CHANNELS = 32;
const SAMPLE_BITS = new Set([8, 16, 24, 32, 64]);
const MAX_SAMPLE_RATE = 768000;
/** Chunks before the data: a real file has a handful (fmt, fact, LIST, bext, JUNK…). */
const MAX_CHUNKS = 256;

/** Reads the RIFF chunks of a WAV file until its `data` chunk. */
export async function readWavLayout(file: FileHandle, fileSize: number): Promise<WavLayout> {
  const head = await readAt(file, 0, 12);
  if (head.toString('latin1', 0, 4) !== 'RIFF' || head.toString('latin1', 8, 12) !== 'WAVE') {
    throw new WavError(msg('wav.notRiff'));
  }
  let offset = 12;
  let fmt: Buffer | undefined;
  for (let chunks = 0; offset + 8 <= fileSize; chunks++) {
    // Each chunk costs a read: a file of millions of empty chunks would keep the host busy for minutes.
    if (chunks >= MAX_CHUNKS) throw new WavError(msg('wav.tooManyChunks', { max: MAX_CHUNKS }));
    const chunk = await readAt(file, offset, 8);
    const id = chunk.toString('latin1', 0, 4);
    const size = chunk.readUInt32LE(4);
    if (!/^[\x20-\x7e]{4}$/.test(id)) throw new WavError(msg('wav.badChunk'));
    // Sizes come from the file: a chunk (other than a streamed data chunk) may not run past its end, so no read or
    // allocation is ever larger than the file.
    if (id !== 'data' && offset + 8 + size > fileSize) throw new WavError(msg('wav.badChunk'));
    if (id === 'fmt ') {
      if (size < FMT_MIN || size > FMT_MAX) throw new WavError(msg('wav.badFmt'));
      fmt = await readAt(file, offset + 8, size);
    } else if (id === 'data') {
      if (!fmt) throw new WavError(msg('wav.dataFirst'));
      const present = fileSize - (offset + 8);
      const dataSize = size === 0 || size === 0xffffffff ? present : Math.min(size, present);
      return layoutOf(fmt, offset + 8, dataSize);
    }
    offset += 8 + size + (size & 1); // chunks are padded to an even length
  }
  throw new WavError(msg('wav.noData'));
}

/** The same, for a WAV held in memory (speech parts). */
export function parseWavBytes(bytes: Uint8Array): WavLayout {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < 12 || b.toString('latin1', 0, 4) !== 'RIFF' || b.toString('latin1', 8, 12) !== 'WAVE') {
    throw new WavError(msg('wav.notRiff'));
  }
  let offset = 12;
  let fmt: Buffer | undefined;
  for (let chunks = 0; offset + 8 <= b.length; chunks++) {
    if (chunks >= MAX_CHUNKS) throw new WavError(msg('wav.tooManyChunks', { max: MAX_CHUNKS }));
    const id = b.toString('latin1', offset, offset + 4);
    const size = b.readUInt32LE(offset + 4);
    if (id !== 'data' && offset + 8 + size > b.length) throw new WavError(msg('wav.badChunk'));
    if (id === 'fmt ') {
      if (size < FMT_MIN || size > FMT_MAX) throw new WavError(msg('wav.badFmt'));
      fmt = b.subarray(offset + 8, offset + 8 + size);
    } else if (id === 'data') {
      if (!fmt) throw new WavError(msg('wav.noFmt'));
      const present = b.length - (offset + 8);
      return layoutOf(fmt, offset + 8, size === 0 || size === 0xffffffff ? present : Math.min(size, present));
    }
    offset += 8 + size + (size & 1);
  }
  throw new WavError(msg('wav.noData'));
}

function layoutOf(fmt: Buffer, dataOffset: number, dataSize: number): WavLayout {
  const layout: WavLayout = {
    fmt: Uint8Array.from(fmt),
    formatTag: fmt.readUInt16LE(0),
    channels: fmt.readUInt16LE(2),
    sampleRate: fmt.readUInt32LE(4),
    byteRate: fmt.readUInt32LE(8),
    blockAlign: fmt.readUInt16LE(12),
    bitsPerSample: fmt.readUInt16LE(14),
    dataOffset,
    dataSize: 0,
  };
  if (!layout.blockAlign || !layout.byteRate || !layout.channels) throw new WavError(msg('wav.zeroLayout'));
  // Every loop over samples steps by blockAlign and reads channels × bits: a header whose numbers disagree would make
  // them read past a frame (NaN energies, minutes of work per cut). Compressed encodings (ADPCM…) state their own
  // block size and are only ever cut on it, so only PCM and float are held to channels × bits / 8.
  if (layout.channels > MAX_CHANNELS || !layout.sampleRate || layout.sampleRate > MAX_SAMPLE_RATE) {
    throw new WavError(msg('wav.badLayout'));
  }
  const tag = encodingOf(layout);
  if (tag === PCM || tag === FLOAT) {
    const frame = (layout.channels * layout.bitsPerSample) / 8;
    if (!SAMPLE_BITS.has(layout.bitsPerSample) || layout.blockAlign !== frame || layout.byteRate !== frame * layout.sampleRate) {
      throw new WavError(msg('wav.badLayout'));
    }
  } else if (layout.byteRate > layout.blockAlign * MAX_SAMPLE_RATE) {
    throw new WavError(msg('wav.badLayout'));
  }
  layout.dataSize = dataSize - (dataSize % layout.blockAlign); // a trailing partial sample frame is dropped
  return layout;
}

/** A WAV header (RIFF, the given fmt chunk body, a data chunk header) for `dataSize` bytes of samples. */
export function wavHeaderFor(fmt: Uint8Array, dataSize: number): Uint8Array {
  const fmtPadded = fmt.length + (fmt.length & 1);
  const header = Buffer.alloc(12 + 8 + fmtPadded + 8);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(Math.min(0xffffffff, header.length - 8 + dataSize + (dataSize & 1)), 4);
  header.write('WAVE', 8, 'latin1');
  header.write('fmt ', 12, 'latin1');
  header.writeUInt32LE(fmt.length, 16);
  Buffer.from(fmt).copy(header, 20);
  header.write('data', 20 + fmtPadded, 'latin1');
  header.writeUInt32LE(Math.min(0xffffffff, dataSize), 24 + fmtPadded);
  return header;
}

/** A planned part: bytes [start, end) of the file's samples, and where it sits in time. */
export interface ByteSpan {
  start: number;
  end: number;
  /** Seconds from the start of the recording. */
  startSeconds: number;
  seconds: number;
}

/**
 * Cuts the samples into spans whose WAV (header included) stays within `maxBytes`. Each cut is moved back to the
 * quietest 20 ms in the `searchSeconds` before the limit (RMS over sample frames), when the format is PCM or float;
 * other encodings are cut on a block boundary at the limit.
 */
export async function planWavSpans(file: FileHandle, layout: WavLayout, maxBytes: number, searchSeconds = 10): Promise<ByteSpan[]> {
  const headerBytes = wavHeaderFor(layout.fmt, 0).length;
  const block = layout.blockAlign;
  const maxData = Math.floor((maxBytes - headerBytes) / block) * block;
  if (maxData < layout.byteRate) throw new WavError(msg('wav.partsTooSmall', { bytes: maxBytes }));
  const spans: ByteSpan[] = [];
  let start = 0;
  while (start < layout.dataSize) {
    let end = Math.min(layout.dataSize, start + maxData);
    if (end < layout.dataSize) {
      const searchBytes = Math.min(Math.floor((searchSeconds * layout.byteRate) / block) * block, Math.floor(maxData / 2 / block) * block);
      end = await quietestCut(file, layout, end - searchBytes, end);
    }
    spans.push({ start, end, startSeconds: start / layout.byteRate, seconds: (end - start) / layout.byteRate });
    start = end;
  }
  return spans;
}

/** The data offset (block-aligned, in [from, to]) where a 20 ms window is quietest; `to` when it cannot tell. */
async function quietestCut(file: FileHandle, layout: WavLayout, from: number, to: number): Promise<number> {
  const sampleOf = sampleReader(layout);
  if (!sampleOf || to <= from) return to;
  const block = layout.blockAlign;
  const windowBytes = Math.max(block, Math.floor((layout.sampleRate * 0.02)) * block);
  const bytes = await readAt(file, layout.dataOffset + from, to - from);
  let best = to;
  let bestEnergy = Infinity;
  let sum = 0;
  let windows = 0;
  // Windows are scored from the end backwards, so among equally quiet windows the latest (largest part) wins.
  for (let w = bytes.length - windowBytes; w >= 0; w -= windowBytes) {
    let energy = 0;
    for (let o = w; o < w + windowBytes; o += block) {
      for (let c = 0; c < layout.channels; c++) {
        const v = sampleOf(bytes, o + (c * layout.bitsPerSample) / 8);
        energy += v * v;
      }
    }
    sum += energy;
    windows++;
    if (energy < bestEnergy) {
      bestEnergy = energy;
      best = from + w + Math.floor(windowBytes / 2 / block) * block; // the middle of the quiet window
    }
  }
  // Only a window clearly quieter than the rest is a pause worth cutting at; evenly loud audio is cut at the limit.
  return windows && bestEnergy < (sum / windows) * 0.25 ? best : to;
}

/** The format tag, or for WAVE_FORMAT_EXTENSIBLE the one its SubFormat GUID starts with. */
function encodingOf(layout: Pick<WavLayout, 'formatTag' | 'fmt'>): number {
  if (layout.formatTag === EXTENSIBLE && layout.fmt.length >= 26) return Buffer.from(layout.fmt).readUInt16LE(24);
  return layout.formatTag;
}

/** A reader of one sample as a number in [-1, 1], for the encodings whose loudness can be read directly. */
export function sampleReader(layout: WavLayout): ((b: Buffer, offset: number) => number) | undefined {
  const tag = encodingOf(layout);
  if (tag === PCM) {
    switch (layout.bitsPerSample) {
      case 8:
        return (b, o) => (b[o] - 128) / 128;
      case 16:
        return (b, o) => b.readInt16LE(o) / 32768;
      case 24:
        return (b, o) => b.readIntLE(o, 3) / 8388608;
      case 32:
        return (b, o) => b.readInt32LE(o) / 2147483648;
    }
  }
  if (tag === FLOAT && layout.bitsPerSample === 32) return (b, o) => b.readFloatLE(o);
  if (tag === FLOAT && layout.bitsPerSample === 64) return (b, o) => b.readDoubleLE(o);
  return undefined;
}

/**
 * One WAV from several: their samples in order under a header written for the total length. The parts must share
 * their format (the service answers every part of one request in the same one).
 */
export function joinWav(parts: Uint8Array[]): Uint8Array {
  const layouts = parts.map((p, i) => {
    try {
      return parseWavBytes(p);
    } catch (err) {
      throw new WavError(msg('join.badPart', { index: i + 1, reason: reasonOf(err) }));
    }
  });
  const first = layouts[0];
  for (const [i, l] of layouts.entries()) {
    const same = l.channels === first.channels && l.sampleRate === first.sampleRate;
    if (!same || l.bitsPerSample !== first.bitsPerSample || l.formatTag !== first.formatTag) {
      throw new WavError(msg('join.wavFormat', { index: i + 1 }));
    }
  }
  const total = layouts.reduce((sum, l) => sum + l.dataSize, 0);
  const header = wavHeaderFor(first.fmt, total);
  const out = Buffer.alloc(header.length + total + (total & 1));
  Buffer.from(header).copy(out, 0);
  let at = header.length;
  for (const [i, l] of layouts.entries()) {
    Buffer.from(parts[i].buffer, parts[i].byteOffset + l.dataOffset, l.dataSize).copy(out, at);
    at += l.dataSize;
  }
  return out;
}

export async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let read = 0;
  while (read < length) {
    const { bytesRead } = await file.read(buffer, read, length - read, position + read);
    if (bytesRead === 0) break;
    read += bytesRead;
  }
  return read === length ? buffer : buffer.subarray(0, read);
}
