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
