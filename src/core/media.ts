// File-type facts the client needs without reading whole files: MIME types by name and image dimensions by header.
import { open } from 'node:fs/promises';

const MIME_TYPES: Record<string, string> = {
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  mpeg: 'audio/mpeg',
  mpga: 'audio/mpeg',
  mp4: 'audio/mp4',
  m4a: 'audio/mp4',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/ogg',
  webm: 'audio/webm',
  flac: 'audio/flac',
  aac: 'audio/aac',
  pcm: 'audio/pcm',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
};

/** The lower-case extension of a file name, without the dot ('' when there is none). */
export function extensionOf(name: string): string {
  const base = name.replace(/^.*[\\/]/, '');
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** The MIME type a file part should carry, from its name; `application/octet-stream` when unknown. */
export function mimeTypeForName(name: string): string {
  return MIME_TYPES[extensionOf(name)] ?? 'application/octet-stream';
}

export interface ImageSizeInfo {
  width: number;
  height: number;
  format: 'png' | 'jpeg';
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Reads width and height from a PNG or JPEG header; undefined when the bytes are neither (or cut too short). */
export function readImageSize(bytes: Uint8Array): ImageSizeInfo | undefined {
  if (bytes.length >= 24 && PNG_SIGNATURE.every((b, i) => bytes[i] === b)) {
    // IHDR is always the first chunk: length(4) type(4) width(4) height(4).
    if (String.fromCharCode(bytes[12], bytes[13], bytes[14], bytes[15]) !== 'IHDR') return undefined;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return { width: view.getUint32(16), height: view.getUint32(20), format: 'png' };
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let i = 2;
    while (i + 3 < bytes.length) {
      if (bytes[i] !== 0xff) return undefined;
      const marker = bytes[i + 1];
      if (marker === 0xff) {
        i += 1; // fill byte
        continue;
      }
      if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        i += 2; // markers without a length
        continue;
      }
      const length = (bytes[i + 2] << 8) | bytes[i + 3];
      const isStartOfFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
      if (isStartOfFrame) {
        if (i + 8 >= bytes.length) return undefined;
        const height = (bytes[i + 5] << 8) | bytes[i + 6];
        const width = (bytes[i + 7] << 8) | bytes[i + 8];
        return { width, height, format: 'jpeg' };
      }
      if (marker === 0xd9 || marker === 0xda || length < 2) return undefined; // end or scan data before a frame
      i += 2 + length;
    }
  }
  return undefined;
}

/**
 * Reads an image file's dimensions from its header, reading more of the file only while a JPEG's frame header has
 * not been reached (EXIF thumbnails can push it far in). Never reads more than `limit` bytes.
 */
export async function readImageSizeFromFile(path: string, limit = 4 * 1024 * 1024): Promise<ImageSizeInfo | undefined> {
  const handle = await open(path, 'r');
  try {
    let size = 64 * 1024;
    for (;;) {
      const buffer = Buffer.alloc(size);
      const { bytesRead } = await handle.read(buffer, 0, size, 0);
      const info = readImageSize(buffer.subarray(0, bytesRead));
      if (info || bytesRead < size || size >= limit) return info;
      size = Math.min(size * 4, limit);
    }
  } finally {
    await handle.close();
  }
}
