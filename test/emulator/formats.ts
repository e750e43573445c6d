// Reading what clients upload: audio container sniffing, WAV duration, PNG and JPEG dimensions.

export type AudioContainer = 'wav' | 'mp3' | 'flac' | 'ogg' | 'mp4' | 'webm';

/** The container a file's first bytes show, or undefined when they are no audio the service takes. */
export function sniffAudio(head: Buffer): AudioContainer | undefined {
  if (head.length >= 12 && head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WAVE') return 'wav';
  if (head.length >= 4 && head.toString('latin1', 0, 4) === 'fLaC') return 'flac';
  if (head.length >= 4 && head.toString('latin1', 0, 4) === 'OggS') return 'ogg';
  if (head.length >= 12 && head.toString('latin1', 4, 8) === 'ftyp') return 'mp4';
  if (head.length >= 4 && head.readUInt32BE(0) === 0x1a45dfa3) return 'webm';
  if (head.length >= 3 && head.toString('latin1', 0, 3) === 'ID3') return 'mp3';
  // An MPEG audio frame sync: 11 set bits, a layer that is not "reserved".
  if (head.length >= 2 && head[0] === 0xff && (head[1] & 0xe0) === 0xe0 && (head[1] & 0x06) !== 0) return 'mp3';
  return undefined;
}

/** Which containers each accepted extension may hold. */
export const EXTENSION_CONTAINERS: Record<string, AudioContainer[]> = {
  flac: ['flac'],
  mp3: ['mp3'],
  mpga: ['mp3'],
  mpeg: ['mp3', 'mp4'],
  mp4: ['mp4'],
  m4a: ['mp4'],
  ogg: ['ogg'],
  oga: ['ogg'],
  wav: ['wav'],
  webm: ['webm'],
};

export interface WavInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  byteRate: number;
  dataOffset: number;
  dataSize: number;
}

/** Parses a RIFF/WAVE header from the head of a file. Returns undefined when the head is not a usable WAV. */
export function parseWav(head: Buffer): WavInfo | undefined {
  if (sniffAudio(head) !== 'wav') return undefined;
  let off = 12;
  let fmt: Omit<WavInfo, 'dataOffset' | 'dataSize'> | undefined;
  while (off + 8 <= head.length) {
    const id = head.toString('latin1', off, off + 4);
    const size = head.readUInt32LE(off + 4);
    if (id === 'fmt ' && off + 24 <= head.length) {
      fmt = {
        channels: head.readUInt16LE(off + 10),
        sampleRate: head.readUInt32LE(off + 12),
        byteRate: head.readUInt32LE(off + 16),
        bitsPerSample: head.readUInt16LE(off + 22),
      };
    } else if (id === 'data') {
      if (!fmt || fmt.byteRate === 0) return undefined;
      return { ...fmt, dataOffset: off + 8, dataSize: size };
    }
    off += 8 + size + (size & 1);
  }
  return undefined;
}

/**
 * The exact length of an MPEG audio stream, from every frame header as the bytes stream past (so a part of a long MP3
 * is answered with timestamps from its real length, not an estimate). Skips ID3v2 tags and a Xing/Info/VBRI frame;
 * `seconds()` is undefined when the bytes were no MPEG audio.
 */
export class Mp3Meter {
  private carry: Buffer = Buffer.alloc(0);
  private skip = 0;
  private started = false;
  private samples = 0;
  private rate = 0;
  private frames = 0;
  private dead = false;

  private checked = false;

  push(data: Buffer): void {
    if (this.dead) return;
    let b = this.carry.length ? Buffer.concat([this.carry, data]) : data;
    if (!this.checked) {
      if (b.length < 4) {
        this.carry = Buffer.from(b);
        return;
      }
      this.checked = true;
      // Only a file that starts as MPEG audio (an ID3 tag or a frame) is measured: other containers keep their estimate.
      if (sniffAudio(b.subarray(0, 4)) !== 'mp3') {
        this.dead = true;
        return;
      }
    }
    let o = Math.min(this.skip, b.length);
    this.skip -= o;
    while (o + 10 <= b.length) {
      if (b.toString('latin1', o, o + 3) === 'ID3') {
        const size = ((b[o + 6] & 0x7f) << 21) | ((b[o + 7] & 0x7f) << 14) | ((b[o + 8] & 0x7f) << 7) | (b[o + 9] & 0x7f);
        const total = 10 + size + (b[o + 5] & 0x10 ? 10 : 0);
        if (o + total > b.length) {
          this.skip = o + total - b.length;
          o = b.length;
          break;
        }
        o += total;
        continue;
      }
      const h = mpegFrame(b, o);
      if (!h) {
        if (!this.started && o > 64 * 1024) {
          this.dead = true; // no frame in the first 64 KB: not MPEG audio
          return;
        }
        o++;
        continue;
      }
      if (o + h.length + 4 > b.length) break; // wait for the next header to confirm this one
      if (!mpegFrame(b, o + h.length)) {
        o++;
        continue;
      }
      const side = h.mpeg1 ? (h.mono ? 17 : 32) : h.mono ? 9 : 17;
      const tag = b.toString('latin1', o + 4 + side, o + 8 + side);
      const info = h.layer3 && (tag === 'Xing' || tag === 'Info' || b.toString('latin1', o + 36, o + 40) === 'VBRI');
      if (!(info && !this.started)) {
        this.samples += h.samples;
        this.frames++;
      }
      this.started = true;
      this.rate = h.rate;
      o += h.length;
    }
    b = b.subarray(o);
    this.carry = Buffer.from(b.subarray(0, 64 * 1024 + 16)); // a frame is at most a few KB
  }

  seconds(): number | undefined {
    if (this.dead || !this.frames) return undefined;
    // The last frame, held back for confirmation, is counted when it is whole.
    const h = this.carry.length >= 4 ? mpegFrame(this.carry, 0) : undefined;
    const tail = h && h.length <= this.carry.length ? h.samples : 0;
    return (this.samples + tail) / this.rate;
  }
}

interface MpegFrame {
  length: number;
  samples: number;
  rate: number;
  mpeg1: boolean;
  mono: boolean;
  layer3: boolean;
}

function mpegFrame(b: Buffer, o: number): MpegFrame | undefined {
  if (o + 4 > b.length || b[o] !== 0xff || (b[o + 1] & 0xe0) !== 0xe0) return undefined;
  const version = (b[o + 1] >> 3) & 3; // 0 = 2.5, 2 = 2, 3 = 1
  const layer = 4 - ((b[o + 1] >> 1) & 3);
  const bri = b[o + 2] >> 4;
  const sri = (b[o + 2] >> 2) & 3;
  if (version === 1 || layer === 4 || bri === 0 || bri === 15 || sri === 3) return undefined;
  const mpeg1 = version === 3;
  const kbps = mpeg1
    ? [
        [32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
        [32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
        [32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
      ][layer - 1][bri - 1]
    : layer === 1
      ? [32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256][bri - 1]
      : [8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160][bri - 1];
  const rate = [[11025, 12000, 8000], [], [22050, 24000, 16000], [44100, 48000, 32000]][version][sri];
  const pad = (b[o + 2] >> 1) & 1;
  const bps = kbps * 1000;
  const samples = layer === 1 ? 384 : layer === 2 || mpeg1 ? 1152 : 576;
  const length = layer === 1 ? (Math.floor((12 * bps) / rate) + pad) * 4 : Math.floor(((samples / 8) * bps) / rate) + pad;
  return { length, samples, rate, mpeg1, mono: b[o + 3] >> 6 === 3, layer3: layer === 3 };
}

/** Seconds of audio in a file: exact for WAV, estimated from typical bit rates for compressed containers. */
export function audioDuration(head: Buffer, size: number): number {
  const wav = parseWav(head);
  if (wav) {
    const present = Math.max(0, size - wav.dataOffset);
    const bytes = wav.dataSize === 0xffffffff || wav.dataSize === 0 ? present : Math.min(wav.dataSize, present);
    return bytes / wav.byteRate;
  }
  const kbps: Record<AudioContainer, number> = { wav: 768, mp3: 128, flac: 700, ogg: 96, mp4: 128, webm: 96 };
  const container = sniffAudio(head) ?? 'mp3';
  return (size * 8) / (kbps[container] * 1000);
}

export interface ImageInfo {
  format: 'png' | 'jpeg' | 'webp' | 'gif';
  width: number;
  height: number;
  /** PNG only: whether pixels carry alpha (colour type 4 or 6, or a tRNS chunk). */
  hasAlpha?: boolean;
}

/** Reads an image's format and dimensions from its first bytes (PNG IHDR, JPEG SOFn). */
export function readImageInfo(head: Buffer): ImageInfo | undefined {
  if (head.length >= 24 && head.readUInt32BE(0) === 0x89504e47 && head.readUInt32BE(4) === 0x0d0a1a0a) {
    if (head.toString('latin1', 12, 16) !== 'IHDR') return undefined;
    const colourType = head[25];
    let hasAlpha = colourType === 4 || colourType === 6;
    // Look for tRNS among the chunks that are present in the head.
    let off = 8;
    while (!hasAlpha && off + 8 <= head.length) {
      const len = head.readUInt32BE(off);
      const type = head.toString('latin1', off + 4, off + 8);
      if (type === 'tRNS') hasAlpha = true;
      if (type === 'IDAT' || type === 'IEND') break;
      off += 12 + len;
    }
    return { format: 'png', width: head.readUInt32BE(16), height: head.readUInt32BE(20), hasAlpha };
  }
  if (head.length >= 4 && head[0] === 0xff && head[1] === 0xd8) {
    let off = 2;
    while (off + 4 <= head.length) {
      if (head[off] !== 0xff) {
        off++;
        continue;
      }
      const marker = head[off + 1];
      if (marker === 0xff) {
        off++;
        continue;
      }
      if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        off += 2;
        continue;
      }
      const len = head.readUInt16BE(off + 2);
      const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
      if (isSof) {
        if (off + 9 > head.length) return undefined;
        return { format: 'jpeg', height: head.readUInt16BE(off + 5), width: head.readUInt16BE(off + 7) };
      }
      if (marker === 0xda || marker === 0xd9) return undefined;
      off += 2 + len;
    }
    return undefined;
  }
  if (head.length >= 12 && head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP') {
    return { format: 'webp', width: 0, height: 0 };
  }
  if (head.length >= 10 && head.toString('latin1', 0, 3) === 'GIF') {
    return { format: 'gif', width: head.readUInt16LE(6), height: head.readUInt16LE(8) };
  }
  return undefined;
}
