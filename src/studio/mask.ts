// The mask writer: the strokes painted in the Studio become the PNG that images/edits takes as `mask`. Pure pixel
// logic (no `vscode`, no DOM) so plain mocha tests it. The API's rule: a PNG of the image's exact dimensions whose
// fully transparent pixels (alpha 0) mark where the image may change; everything else is opaque and kept.

import { deflateSync } from 'node:zlib';
import type { MaskPaint, MaskStroke } from '../shared/protocol';

/**
 * Rasterises strokes into a coverage map of `width * height` bytes: 1 where the user painted (to be edited), 0
 * elsewhere. Strokes apply in order: `paint` sets, `erase` clears. A stroke is a chain of capsules of diameter
 * `size` (a single point is a disc); a pixel is covered when its centre lies within `size / 2` of the chain.
 * Coordinates outside the image are clipped, never written.
 */
export function rasterizeMask(width: number, height: number, strokes: readonly MaskStroke[]): Uint8Array {
  assertDimensions(width, height);
  const coverage = new Uint8Array(width * height);
  for (const stroke of strokes) applyStroke(coverage, width, height, stroke);
  return coverage;
}

/** Applies one stroke to a coverage map in place. */
export function applyStroke(coverage: Uint8Array, width: number, height: number, stroke: MaskStroke): void {
  const value = stroke.mode === 'paint' ? 1 : 0;
  const r = Math.max(0.5, stroke.size / 2);
  const pts = stroke.points;
  if (pts.length < 2) return;
  if (pts.length === 2) {
    stampSegment(coverage, width, height, pts[0], pts[1], pts[0], pts[1], r, value);
    return;
  }
  for (let i = 0; i + 3 < pts.length; i += 2) {
    stampSegment(coverage, width, height, pts[i], pts[i + 1], pts[i + 2], pts[i + 3], r, value);
  }
}

/**
 * Fills the pixels whose centres lie within `r` of the segment (x0,y0)-(x1,y1). The capsule is convex, so each
 * row meets it in one interval: the hull of the row's intervals through the two end discs and the band between
 * them. Cost is one interval per row plus a native `fill`, not a distance test per pixel.
 */
function stampSegment(
  coverage: Uint8Array,
  width: number,
  height: number,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  r: number,
  value: number,
): void {
  if (![x0, y0, x1, y1, r].every(Number.isFinite)) return;
  const minY = Math.max(0, Math.floor(Math.min(y0, y1) - r));
  const maxY = Math.min(height - 1, Math.ceil(Math.max(y0, y1) + r));
  if (Math.max(x0, x1) + r < 0 || Math.min(x0, x1) - r > width) return;
  const dx = x1 - x0;
  const dy = y1 - y0;
  const len = Math.hypot(dx, dy);
  const ux = len === 0 ? 0 : dx / len;
  const uy = len === 0 ? 0 : dy / len;
  for (let y = minY; y <= maxY; y++) {
    const py = y + 0.5;
    let lo = Infinity;
    let hi = -Infinity;
    for (const [cx, cy] of [
      [x0, y0],
      [x1, y1],
    ]) {
      const h = r * r - (py - cy) * (py - cy);
      if (h >= 0) {
        const half = Math.sqrt(h);
        lo = Math.min(lo, cx - half);
        hi = Math.max(hi, cx + half);
      }
    }
    if (len > 0) {
      // Along the segment: 0 <= (x-x0)*ux + (py-y0)*uy <= len; across it: |(x-x0)*(-uy) + (py-y0)*ux| <= r.
      const along = linearRange(ux, (py - y0) * uy, 0, len);
      const across = linearRange(-uy, (py - y0) * ux, -r, r);
      const a = Math.max(along[0], across[0]);
      const b = Math.min(along[1], across[1]);
      if (a <= b) {
        lo = Math.min(lo, x0 + a);
        hi = Math.max(hi, x0 + b);
      }
    }
    if (lo > hi) continue;
    // Pixel x is covered when its centre x + 0.5 lies in [lo, hi].
    const first = Math.max(0, Math.ceil(lo - 0.5));
    const last = Math.min(width - 1, Math.floor(hi - 0.5));
    if (first <= last) coverage.fill(value, y * width + first, y * width + last + 1);
  }
}

/** The range of t for which lo <= k*t + c <= hi (all t, or none, when k is 0). */
function linearRange(k: number, c: number, lo: number, hi: number): [number, number] {
  if (Math.abs(k) < 1e-12) return c >= lo && c <= hi ? [-Infinity, Infinity] : [Infinity, -Infinity];
  const a = (lo - c) / k;
  const b = (hi - c) / k;
  return a <= b ? [a, b] : [b, a];
}

/**
 * Rows the rasteriser will visit for these strokes: the host refuses a mask above a budget before drawing it, so a
 * hostile page cannot keep the extension host busy.
 */
export function maskCost(strokes: readonly MaskStroke[], height: number): number {
  let rows = 0;
  for (const s of strokes) {
    const r = Math.max(0.5, s.size / 2);
    const p = s.points;
    const segments = Math.max(1, p.length / 2 - 1);
    for (let i = 0; i < segments; i++) {
      const ya = p[2 * i + 1];
      const yb = p.length >= 2 * i + 4 ? p[2 * i + 3] : ya;
      rows += Math.min(height, Math.abs(ya - yb) + 2 * r + 2);
    }
  }
  return rows;
}

export const MASK_ROW_BUDGET = 50_000_000;

/**
 * Encodes a coverage map as an RGBA PNG: covered pixels are fully transparent black (0,0,0,0), the rest opaque
 * black (0,0,0,255). Filter type 0 on every row; the runs of equal bytes deflate to a few kilobytes.
 */
export function encodeMaskPng(width: number, height: number, coverage: Uint8Array): Uint8Array {
  assertDimensions(width, height);
  if (coverage.length !== width * height) throw new RangeError('coverage does not match the dimensions');
  const stride = width * 4 + 1;
  const raw = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const rowStart = y * stride; // raw[rowStart] = 0: filter "None"
    const src = y * width;
    for (let x = 0; x < width; x++) {
      raw[rowStart + 1 + x * 4 + 3] = coverage[src + x] ? 0 : 255;
    }
  }
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter
  ihdr[12] = 0; // no interlace
  const idat = deflateSync(raw, { level: 9 });
  return concat([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', new Uint8Array(0))]);
}

/** The mask PNG for what the user painted, at the image's own dimensions. */
export function writeMask(paint: MaskPaint): Uint8Array {
  if (maskCost(paint.strokes, paint.height) > MASK_ROW_BUDGET) throw new RangeError('the mask has too many strokes');
  return encodeMaskPng(paint.width, paint.height, rasterizeMask(paint.width, paint.height, paint.strokes));
}

/** Whether any stroke leaves at least one pixel painted (an all-opaque mask would edit nothing). */
export function paintsAnything(coverage: Uint8Array): boolean {
  for (let i = 0; i < coverage.length; i++) if (coverage[i]) return true;
  return false;
}

export const PNG_SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
export const MAX_MASK_SIDE = 8192;

function assertDimensions(width: number, height: number): void {
  for (const v of [width, height]) {
    if (!Number.isInteger(v) || v < 1 || v > MAX_MASK_SIDE) throw new RangeError(`mask side ${v} is out of range`);
  }
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

let crcTable: Uint32Array | undefined;

/** CRC-32 (ISO 3309, the one PNG chunks carry). */
export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
