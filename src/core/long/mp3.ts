// MPEG audio (MP3) frames: splitting a long file on frame boundaries and joining speech parts, with no re-encoding.
// A leading ID3v2 tag is skipped, a Xing/Info/VBRI header frame (which states the whole file's length and would be
// wrong for a part) is dropped, and a trailing ID3v1 tag is left out.
import type { FileHandle } from 'node:fs/promises';
import { msg, WordedError } from '../messages';
import type { ByteSpan } from './wav';

export interface FrameHeader {
  /** 1 = MPEG-1, 2 = MPEG-2, 2.5 = MPEG-2.5. */
  version: 1 | 2 | 2.5;
  layer: 1 | 2 | 3;
  crc: boolean;
  sampleRate: number;
  channels: 1 | 2;
  /** Bytes of the whole frame, header included. */
  length: number;
  samples: number;
}

const BITRATES: Record<string, number[]> = {
  '1-1': [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  '1-2': [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  '1-3': [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  '2-1': [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  '2-2': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const SAMPLE_RATES = { 1: [44100, 48000, 32000], 2: [22050, 24000, 16000], 2.5: [11025, 12000, 8000] } as const;

/** The frame header at `o`, or undefined when the four bytes there are not one (free-format frames included). */
export function parseFrameHeader(b: Uint8Array, o: number): FrameHeader | undefined {
  if (o + 4 > b.length || b[o] !== 0xff || (b[o + 1] & 0xe0) !== 0xe0) return undefined;
  const v = (b[o + 1] >> 3) & 3;
  const l = (b[o + 1] >> 1) & 3;
  const bitrateIndex = b[o + 2] >> 4;
  const rateIndex = (b[o + 2] >> 2) & 3;
  if (v === 1 || l === 0 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return undefined;
  const version = v === 3 ? 1 : v === 2 ? 2 : 2.5;
  const layer = (4 - l) as 1 | 2 | 3;
  const table = version === 1 ? `1-${layer}` : layer === 1 ? '2-1' : '2-2';
  const bitrate = BITRATES[table][bitrateIndex] * 1000;
  const sampleRate = SAMPLE_RATES[version][rateIndex];
  const padding = (b[o + 2] >> 1) & 1;
  let length: number;
  let samples: number;
  if (layer === 1) {
    length = (Math.floor((12 * bitrate) / sampleRate) + padding) * 4;
    samples = 384;
  } else if (layer === 2 || version === 1) {
    length = Math.floor((144 * bitrate) / sampleRate) + padding;
    samples = 1152;
  } else {
    length = Math.floor((72 * bitrate) / sampleRate) + padding;
    samples = 576;
  }
  return { version, layer, crc: (b[o + 1] & 1) === 0, sampleRate, channels: b[o + 3] >> 6 === 3 ? 1 : 2, length, samples };
}

function sideInfoBytes(h: FrameHeader): number {
  if (h.version === 1) return h.channels === 1 ? 17 : 32;
  return h.channels === 1 ? 9 : 17;
}

/** Whether the frame at `o` is a Xing/Info (LAME) or VBRI header frame rather than audio. */
export function isInfoFrame(b: Uint8Array, o: number, h: FrameHeader): boolean {
  if (h.layer !== 3) return false;
  const tag = (at: number) => (at + 4 <= b.length ? String.fromCharCode(b[at], b[at + 1], b[at + 2], b[at + 3]) : '');
  const xing = o + 4 + (h.crc ? 2 : 0) + sideInfoBytes(h);
  return tag(xing) === 'Xing' || tag(xing) === 'Info' || tag(o + 36) === 'VBRI';
}

/**
 * A cheap loudness proxy for a Layer III frame, without decoding: the bits its granules spend on audio
 * (part2_3_length, read from the side info). A quiet frame needs few bits; silence needs almost none.
 * Returns the bits and main_data_begin (0 = the frame does not borrow from the bit reservoir of the frames before,
 * so a part starting there decodes cleanly from its first frame).
 */
export function frameAudioBits(b: Uint8Array, o: number, h: FrameHeader): { bits: number; mainDataBegin: number } {
  if (h.layer !== 3) return { bits: h.length * 8, mainDataBegin: 0 };
  let bit = (o + 4 + (h.crc ? 2 : 0)) * 8;
  const read = (n: number): number => {
    let v = 0;
    for (let i = 0; i < n; i++, bit++) v = (v << 1) | ((b[bit >> 3] >> (7 - (bit & 7))) & 1);
    return v;
  };
  if (o + 4 + (h.crc ? 2 : 0) + sideInfoBytes(h) > b.length) return { bits: h.length * 8, mainDataBegin: 0 };
  let bits = 0;
  if (h.version === 1) {
    const mainDataBegin = read(9);
    read(h.channels === 1 ? 5 : 3); // private bits
    read(4 * h.channels); // scfsi
    for (let gr = 0; gr < 2; gr++) {
      for (let ch = 0; ch < h.channels; ch++) {
        bits += read(12);
        read(59 - 12);
      }
    }
    return { bits, mainDataBegin };
  }
  const mainDataBegin = read(8);
  read(h.channels === 1 ? 1 : 2);
  for (let ch = 0; ch < h.channels; ch++) {
    bits += read(12);
    read(63 - 12);
  }
  return { bits, mainDataBegin };
}

export function id3v2Length(b: Uint8Array, o = 0): number {
  if (o + 10 > b.length || b[o] !== 0x49 || b[o + 1] !== 0x44 || b[o + 2] !== 0x33) return 0; // "ID3"
  const size = ((b[o + 6] & 0x7f) << 21) | ((b[o + 7] & 0x7f) << 14) | ((b[o + 8] & 0x7f) << 7) | (b[o + 9] & 0x7f);
  return 10 + size + (b[o + 5] & 0x10 ? 10 : 0); // a footer adds 10 bytes
}

/** Two frame headers belong to one stream (same version, layer and sample rate): guards against false syncs. */
function sameStream(a: FrameHeader, b: FrameHeader): boolean {
  return a.version === b.version && a.layer === b.layer && a.sampleRate === b.sampleRate;
}

export interface Mp3Frame {
  offset: number;
  header: FrameHeader;
  bits: number;
  mainDataBegin: number;
}

/**
 * Walks the audio frames of an MP3 held in a buffer, `base` being the buffer's offset in its file. Stops before
 * `limit` (an ID3v1 tag, the end) or at the first frame not wholly in the buffer, and returns where it stopped.
 * Bytes that are not a frame (junk, a tag in the middle) are skipped until the next frame that is followed by
 * another one of the same stream.
 */
export function walkFrames(
  b: Uint8Array,
  from: number,
  limit: number,
  onFrame: (f: Mp3Frame, info: boolean) => void,
  atEnd: boolean,
): number {
  let o = from;
  let previous: FrameHeader | undefined;
  while (o + 4 <= limit) {
    const h = parseFrameHeader(b, o);
    if (!h) {
      const tag = id3v2Length(b, o);
      o += tag > 0 ? tag : 1;
      previous = undefined;
      continue;
    }
    if (o + h.length > limit) break; // needs more bytes (at the end: a truncated last frame, dropped)
    const next = parseFrameHeader(b, o + h.length);
    const confirmed = (previous && sameStream(previous, h)) || (next && sameStream(next, h)) || o + h.length === limit;
    if (!confirmed) {
      if (!atEnd && o + h.length + 4 > b.length) break; // cannot confirm yet: wait for more bytes
      o++;
      continue;
    }
    const { bits, mainDataBegin } = frameAudioBits(b, o, h);
    onFrame({ offset: o, header: h, bits, mainDataBegin }, isInfoFrame(b, o, h));
    previous = h;
    o += h.length;
  }
  return o;
}

const CHUNK = 1024 * 1024;

/**
 * Cuts an MP3 file into spans of whole frames, each at most `maxBytes`. A cut is placed in the last `searchSeconds`
 * before the limit, at the frame where the surrounding ~0.2 s spend the fewest bits (the quietest), preferring a frame
 * that borrows nothing from the bit reservoir. The file is read 1 MB at a time.
 */
export async function planMp3Spans(file: FileHandle, fileSize: number, maxBytes: number, searchSeconds = 10): Promise<ByteSpan[]> {
  const head = Buffer.alloc(Math.min(fileSize, 10));
  await file.read(head, 0, head.length, 0);
  let position = id3v2Length(head);
  const tail = Buffer.alloc(128);
  let limit = fileSize;
  if (fileSize >= 128) {
    await file.read(tail, 0, 128, fileSize - 128);
    if (tail.toString('latin1', 0, 3) === 'TAG') limit = fileSize - 128;
  }

  const spans: ByteSpan[] = [];
  let partStart = -1;
  let partSamples = 0;
  let totalSamples = 0;
  let sampleRate = 0;
  let searchBytes = 0;
  let candidates: Candidate[] = [];
  const close = (end: number, samples: number): void => {
    spans.push({ start: partStart, end, startSeconds: totalSamples / sampleRate, seconds: samples / sampleRate });
    totalSamples += samples;
  };

  const onFrame = (f: Mp3Frame, info: boolean): void => {
    if (info) return;
    const h = f.header;
    if (partStart < 0) {
      partStart = f.offset;
      sampleRate = h.sampleRate;
      searchBytes = Math.min(Math.floor(maxBytes / 2), Math.floor(((h.length * h.sampleRate) / h.samples) * searchSeconds));
    }
    if (f.offset + h.length - partStart > maxBytes) {
      const cut = bestCut(candidates) ?? { offset: f.offset, samples: partSamples };
      close(cut.offset, cut.samples);
      const carried = partSamples - cut.samples;
      partStart = cut.offset;
      partSamples = carried;
      candidates = [];
    }
    if (f.offset + h.length - partStart > maxBytes - searchBytes) {
      candidates.push({ offset: f.offset, samples: partSamples, bits: f.bits, clean: f.mainDataBegin === 0 });
    }
    partSamples += h.samples;
  };

  let buffer = Buffer.alloc(0);
  let base = position;
  while (position < limit) {
    const chunk = Buffer.alloc(Math.min(CHUNK, limit - position));
    const { bytesRead } = await file.read(chunk, 0, chunk.length, position);
    if (bytesRead === 0) break;
    position += bytesRead;
    buffer = buffer.length ? Buffer.concat([buffer, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
    const atEnd = position >= limit;
    const stopped = walkFrames(buffer, 0, buffer.length, (f, info) => onFrame({ ...f, offset: base + f.offset }, info), atEnd);
    buffer = buffer.subarray(stopped);
    base += stopped;
  }
  if (partStart < 0) throw new WordedError(msg('mp3.noFrames'));
  if (partSamples > 0) close(base, partSamples);
  return spans;
}

/** The quietest candidate: the fewest bits over it and its four neighbours on each side; clean frames, then later ones win ties. */
type Candidate = { offset: number; samples: number; bits: number; clean: boolean };

function bestCut(c: Candidate[]): { offset: number; samples: number } | undefined {
  let best: { offset: number; samples: number } | undefined;
  let bestScore = Infinity;
  for (let i = c.length - 1; i > 0; i--) {
    let sum = 0;
    for (let j = Math.max(0, i - 4); j <= Math.min(c.length - 1, i + 4); j++) sum += c[j].bits;
    const score = sum * (c[i].clean ? 1 : 1.05);
    if (score < bestScore) {
      bestScore = score;
      best = c[i];
    }
  }
  return best;
}

/**
 * One MP3 from several: the first part's ID3v2 tag, then every part's audio frames in order. Later parts' ID3 tags,
 * every Xing/Info/VBRI frame (each states only its own part's length) and ID3v1 tags are dropped.
 */
export function joinMp3(parts: Uint8Array[]): Uint8Array {
  const pieces: Uint8Array[] = [];
  for (const [index, part] of parts.entries()) {
    const tag = id3v2Length(part);
    if (index === 0 && tag > 0) pieces.push(part.subarray(0, Math.min(tag, part.length)));
    const id3v1 = part.length >= 128 && Buffer.from(part.subarray(part.length - 128, part.length - 125)).toString('latin1') === 'TAG';
    const limit = id3v1 ? part.length - 128 : part.length;
    let frames = 0;
    walkFrames(part, tag, limit, (f, info) => {
      if (info) return;
      pieces.push(part.subarray(f.offset, f.offset + f.header.length));
      frames++;
    }, true);
    if (!frames) throw new WordedError(msg('join.mp3NoFrames', { index: index + 1 }));
  }
  return Buffer.concat(pieces);
}

/** Total seconds of the audio frames in an MP3 held in memory (tests and the join's log line). */
export function mp3Seconds(b: Uint8Array): number {
  let seconds = 0;
  walkFrames(b, id3v2Length(b), b.length, (f, info) => {
    if (!info) seconds += f.header.samples / f.header.sampleRate;
  }, true);
  return seconds;
}
