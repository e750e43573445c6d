// Pictures the emulator answers with: a hand-written PNG encoder (zlib + CRC-32) and JPEG through jpeg-js, drawing
// a cheap pattern whose colours and shapes are seeded by the prompt so different prompts give different images.

import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import * as jpeg from 'jpeg-js';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(...parts: Buffer[]): number {
  let c = 0xffffffff;
  for (const part of parts) for (let i = 0; i < part.length; i++) c = CRC_TABLE[(c ^ part[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(head.subarray(4), data), 0);
  return Buffer.concat([head, data, crc]);
}

/** Encodes 8-bit RGBA pixels as a PNG (colour type 6 when `alpha`, else 2), rows filtered with Sub. */
export function encodePng(width: number, height: number, rgba: Uint8Array, alpha: boolean): Buffer {
  const channels = alpha ? 4 : 3;
  const stride = width * channels + 1;
  const raw = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    raw[row] = 1; // Sub: each byte minus the byte one pixel to the left
    let prev0 = 0;
    let prev1 = 0;
    let prev2 = 0;
    let prev3 = 0;
    for (let x = 0; x < width; x++) {
      const s = (y * width + x) * 4;
      const d = row + 1 + x * channels;
      const r = rgba[s];
      const g = rgba[s + 1];
      const b = rgba[s + 2];
      raw[d] = (r - prev0) & 0xff;
      raw[d + 1] = (g - prev1) & 0xff;
      raw[d + 2] = (b - prev2) & 0xff;
      prev0 = r;
      prev1 = g;
      prev2 = b;
      if (alpha) {
        const a = rgba[s + 3];
        raw[d + 3] = (a - prev3) & 0xff;
        prev3 = a;
      }
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = alpha ? 6 : 2;
  ihdr[10] = 0; // deflate
  ihdr[11] = 0; // adaptive filtering
  ihdr[12] = 0; // no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw, { level: 6 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

export interface PictureSpec {
  prompt: string;
  width: number;
  height: number;
  /** Which of several images of one request (changes the picture a little). */
  index: number;
  transparent: boolean;
  /** 0..1: how finished the picture is; partial images are coarser. */
  detail: number;
}

function hsl(h: number, s: number, l: number): [number, number, number] {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number): number => {
    const k = (n + h * 12) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

/** Draws the prompt's picture as RGBA: a posterised two-colour gradient with rings, coarse when unfinished. */
export function drawPicture(spec: PictureSpec): Uint8Array {
  const seed = createHash('sha256').update(`${spec.prompt}\u0000${spec.index}`).digest();
  const hueA = seed[0] / 255;
  const hueB = (hueA + 0.25 + (seed[1] / 255) * 0.5) % 1;
  const colA = hsl(hueA, 0.65, 0.45);
  const colB = hsl(hueB, 0.7, 0.6);
  const cx = (0.2 + (seed[2] / 255) * 0.6) * spec.width;
  const cy = (0.2 + (seed[3] / 255) * 0.6) * spec.height;
  const ringSpacing = 24 + seed[4];
  const angle = (seed[5] / 255) * Math.PI;
  const ux = Math.cos(angle);
  const uy = Math.sin(angle);
  const diag = Math.abs(ux) * spec.width + Math.abs(uy) * spec.height;
  const levels = 12;
  // Unfinished pictures are drawn in blocks: 64 px, then 16, then 4, then every pixel.
  const block = spec.detail >= 1 ? 1 : Math.max(1, Math.round(64 / Math.pow(4, Math.floor(spec.detail * 3))));
  const out = new Uint8Array(spec.width * spec.height * 4);
  const words = new Uint32Array(out.buffer); // little-endian RGBA
  const palette = new Uint32Array(2 * (levels + 1) * 2);
  for (let ring = 0; ring < 2; ring++) {
    for (let level = 0; level <= levels; level++) {
      const t = level / levels;
      const w = ring ? t : 1 - t;
      const r = Math.round(colA[0] * (1 - w) + colB[0] * w);
      const g = Math.round(colA[1] * (1 - w) + colB[1] * w);
      const b = Math.round(colA[2] * (1 - w) + colB[2] * w);
      for (let clear = 0; clear < 2; clear++) {
        palette[(ring * (levels + 1) + level) * 2 + clear] = ((clear ? 0 : 255) << 24 | (b << 16) | (g << 8) | r) >>> 0;
      }
    }
  }
  const clearBeyond = spec.transparent ? Math.min(spec.width, spec.height) * 0.45 : Infinity;
  for (let by = 0; by < spec.height; by += block) {
    const y = by + block / 2;
    const dy2 = (y - cy) * (y - cy);
    const rowEnd = Math.min(by + block, spec.height);
    for (let bx = 0; bx < spec.width; bx += block) {
      const x = bx + block / 2;
      const along = ((x * ux + y * uy) / diag + 1) % 1;
      const dist = Math.sqrt((x - cx) * (x - cx) + dy2);
      const ring = Math.floor(dist / ringSpacing) & 1;
      const level = Math.floor(along * levels);
      const colour = palette[(ring * (levels + 1) + level) * 2 + (dist > clearBeyond ? 1 : 0)];
      const colEnd = Math.min(bx + block, spec.width);
      if (block === 1) words[by * spec.width + bx] = colour;
      else for (let yy = by; yy < rowEnd; yy++) words.fill(colour, yy * spec.width + bx, yy * spec.width + colEnd);
    }
  }
  return out;
}

export type PictureFormat = 'png' | 'jpeg';

const cache = new Map<string, Buffer>();

/** The prompt's picture as a PNG or JPEG file (the last few are kept, so repeated requests stay cheap). */
export function renderPicture(spec: PictureSpec, format: PictureFormat, jpegQuality = 90): Buffer {
  const key = JSON.stringify([spec.prompt, spec.width, spec.height, spec.index, spec.transparent, spec.detail, format, jpegQuality]);
  const hit = cache.get(key);
  if (hit) return hit;
  const file = encodePicture(drawPicture(spec), spec.width, spec.height, format, jpegQuality, spec.transparent);
  cache.set(key, file);
  while (cache.size > 24) cache.delete(cache.keys().next().value as string);
  return file;
}

/** RGBA pixels as a PNG (with alpha when `alpha`) or a JPEG at `jpegQuality`. */
export function encodePicture(rgba: Uint8Array, width: number, height: number, format: PictureFormat, jpegQuality: number,
  alpha: boolean): Buffer {
  return format === 'jpeg'
    ? jpeg.encode({ width, height, data: rgba }, Math.max(1, Math.min(100, jpegQuality))).data
    : encodePng(width, height, rgba, alpha);
}
