// What a masked edit changed outside its mask, and how to put it back. The GPT image models take the mask as
// guidance and redraw the whole picture, so pixels the mask protects come back changed; this measures how many
// (share and mean change), draws where (a heat map), and builds the composite: the original outside the mask, the
// model's pixels inside, with a short feathered seam on the protected side. Pure pixel logic, no `vscode`.

import type { Raster } from './raster';

/** A protected pixel counts as changed when a channel moved by more than this (of 255): above JPEG noise at q≥85. */
export const CHANGE_THRESHOLD = 24;
/** Above this share of changed protected pixels the command says so, and "ask" offers to keep the protected area. */
export const NOTICE_SHARE = 0.01;
/** Width of the seam, in pixels of the answer, over which the composite blends from the model's pixels to the original's. */
export const SEAM_PIXELS = 6;

export interface ProtectedFigure {
  /** Changed protected pixels / protected pixels, 0–1 (0 when nothing is protected). */
  share: number;
  /** The mean change over the protected pixels, 0–1 of full scale (the largest channel difference per pixel). */
  meanChange: number;
  protectedPixels: number;
  changedPixels: number;
  /** The size compared at: the answer's. */
  width: number;
  height: number;
}

/**
 * Compares `answer` with `original` (same size) on the pixels `editable` marks 0. Returns the figure and each
 * pixel's change (0 on editable pixels), which the heat map draws.
 */
export function measureProtected(original: Raster, editable: Uint8Array, answer: Raster): { figure: ProtectedFigure; change: Uint8Array } {
  const { width, height } = answer;
  assertSame(original, answer, editable);
  const a = original.data;
  const b = answer.data;
  const change = new Uint8Array(width * height);
  let protectedPixels = 0;
  let changedPixels = 0;
  let total = 0;
  for (let p = 0, i = 0; p < change.length; p++, i += 4) {
    if (editable[p]) continue;
    protectedPixels++;
    let d = 0;
    // Two fully transparent pixels are the same whatever colour they carry.
    if (a[i + 3] !== 0 || b[i + 3] !== 0) {
      d = Math.max(Math.abs(a[i] - b[i]), Math.abs(a[i + 1] - b[i + 1]), Math.abs(a[i + 2] - b[i + 2]), Math.abs(a[i + 3] - b[i + 3]));
    }
    change[p] = d;
    total += d;
    if (d > CHANGE_THRESHOLD) changedPixels++;
  }
  return {
    figure: {
      share: protectedPixels ? changedPixels / protectedPixels : 0,
      meanChange: protectedPixels ? total / protectedPixels / 255 : 0,
      protectedPixels,
      changedPixels,
      width,
      height,
    },
    change,
  };
}

/**
 * The composite: the model's pixels where `editable`, the original's elsewhere, blended over `seam` pixels on the
 * protected side of the edge (so no protected pixel farther than `seam` from the editable area differs from the
 * original, and no editable pixel differs from the model's).
 */
export function compositeProtected(original: Raster, editable: Uint8Array, answer: Raster, seam = SEAM_PIXELS): Raster {
  const { width, height } = answer;
  assertSame(original, answer, editable);
  const distance = distanceToEditable(editable, width, height, seam + 1);
  const out = new Uint8Array(width * height * 4);
  const a = original.data;
  const b = answer.data;
  // Whole pixels are copied as 32-bit words; only the seam is blended channel by channel.
  const a32 = words(a);
  const b32 = words(b);
  const out32 = new Uint32Array(out.buffer);
  for (let p = 0, i = 0; p < distance.length; p++, i += 4) {
    const d = distance[p];
    if (d === 0) out32[p] = b32[p];
    else if (d > seam) out32[p] = a32[p];
    else {
      const w = 1 - d / (seam + 1); // the model's weight: near 1 at the edge, 0 past the seam
      for (let k = 0; k < 4; k++) out[i + k] = Math.round(a[i + k] + (b[i + k] - a[i + k]) * w);
    }
  }
  return { width, height, data: out };
}

/**
 * Distance (chamfer 1 / 1.4, two passes) from each pixel to the nearest editable one, capped at `cap`: 0 on editable
 * pixels, `cap` for any pixel farther away (and for all of them when nothing is editable).
 */
export function distanceToEditable(editable: Uint8Array, width: number, height: number, cap: number): Float32Array {
  const d = new Float32Array(width * height);
  for (let p = 0; p < d.length; p++) d[p] = editable[p] ? 0 : cap;
  const diag = Math.SQRT2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      let v = d[p];
      if (v === 0) continue;
      if (x > 0) v = Math.min(v, d[p - 1] + 1);
      if (y > 0) {
        v = Math.min(v, d[p - width] + 1);
        if (x > 0) v = Math.min(v, d[p - width - 1] + diag);
        if (x < width - 1) v = Math.min(v, d[p - width + 1] + diag);
      }
      d[p] = v;
    }
  }
  for (let y = height - 1; y >= 0; y--) {
    for (let x = width - 1; x >= 0; x--) {
      const p = y * width + x;
      let v = d[p];
      if (v === 0) continue;
      if (x < width - 1) v = Math.min(v, d[p + 1] + 1);
      if (y < height - 1) {
        v = Math.min(v, d[p + width] + 1);
        if (x < width - 1) v = Math.min(v, d[p + width + 1] + diag);
        if (x > 0) v = Math.min(v, d[p + width - 1] + diag);
      }
      d[p] = Math.min(cap, v);
    }
  }
  return d;
}

/**
 * Where the protected area changed, as an overlay at most `maxSide` pixels on its longer side (the page scales it over
 * the result): changed cells in yellow to red by how much, the unchanged protected area dimmed, the editable area
 * clear. Drawn over the picture itself, so it reads the same in every colour theme.
 */
export function heatMap(change: Uint8Array, editable: Uint8Array, width: number, height: number, maxSide = 512): Raster {
  const step = Math.max(1, Math.ceil(Math.max(width, height) / maxSide));
  const w = Math.ceil(width / step);
  const h = Math.ceil(height / step);
  const out = new Uint8Array(w * h * 4);
  for (let cy = 0; cy < h; cy++) {
    for (let cx = 0; cx < w; cx++) {
      let most = 0;
      let kept = 0;
      for (let y = cy * step; y < Math.min(height, (cy + 1) * step); y++) {
        for (let x = cx * step; x < Math.min(width, (cx + 1) * step); x++) {
          const p = y * width + x;
          if (editable[p]) continue;
          kept++;
          if (change[p] > most) most = change[p];
        }
      }
      const o = (cy * w + cx) * 4;
      if (!kept) continue; // all editable: left clear
      if (most > CHANGE_THRESHOLD) {
        const t = Math.min(1, (most - CHANGE_THRESHOLD) / 96);
        out[o] = 255;
        out[o + 1] = Math.round(220 * (1 - t));
        out[o + 2] = Math.round(60 * t);
        out[o + 3] = 230;
      } else {
        out[o + 3] = 110; // dimmed black
      }
    }
  }
  return { width: w, height: h, data: out };
}

/** RGBA bytes as one 32-bit word per pixel (copied when the bytes do not start on a word boundary). */
function words(data: Uint8Array): Uint32Array {
  const aligned = data.byteOffset % 4 === 0 ? data : new Uint8Array(data);
  return new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4);
}

function assertSame(original: Raster, answer: Raster, editable: Uint8Array): void {
  if (original.width !== answer.width || original.height !== answer.height || editable.length !== answer.width * answer.height) {
    throw new RangeError('the original, the answer and the mask must be resampled to one size first');
  }
}
