// Masked edits answered like the GPT image models: the picture is the input image at the answer's size, repainted
// where the mask is fully transparent, and (as the real models do, who redraw the whole picture) with a known drift
// outside the mask: a colour shift over the top-left quarter-by-quarter of the answer. A test knows exactly which
// protected pixels changed: those of DRIFT_REGION the mask does not make editable. `maskDrift: false` turns it off.
// Written apart from src/core/protect so that a test of that code compares it with an independent answer.

import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

/** The drifted rectangle, as fractions of the answer's width and height: [left, top, right, bottom). */
export const DRIFT_REGION = [0, 0, 0.25, 0.25] as const;
/** Each colour channel of a drifted pixel moves by exactly this much (up when below 128, else down). */
export const DRIFT_SHIFT = 40;

export interface MaskedBase {
  width: number;
  height: number;
  /** The input image at the answer's size (bilinear, pixel centres aligned), RGBA. */
  rgba: Uint8Array;
  /** 1 where the mask is fully transparent (sampled at the nearest pixel), else 0. */
  editable: Uint8Array;
  /** Whether the input has any pixel that is not opaque (the answer then keeps an alpha channel). */
  hasAlpha: boolean;
}

function decode(bytes: Buffer): { width: number; height: number; data: Uint8Array } {
  if (bytes[0] === 0x89) {
    const png = PNG.sync.read(bytes);
    return { width: png.width, height: png.height, data: png.data };
  }
  const j = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: 100 });
  return { width: j.width, height: j.height, data: j.data };
}

/** The input image and mask at the answer's size; `image` and `mask` are the whole files. */
export function maskedBase(image: Buffer, mask: Buffer, width: number, height: number): MaskedBase {
  const src = decode(image);
  const m = decode(mask);
  const rgba = new Uint8Array(width * height * 4);
  const editable = new Uint8Array(width * height);
  let hasAlpha = false;
  for (let y = 0; y < height; y++) {
    const fy = Math.min(src.height - 1, Math.max(0, ((y + 0.5) * src.height) / height - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(src.height - 1, y0 + 1);
    const my = Math.min(m.height - 1, Math.floor(((y + 0.5) * m.height) / height));
    for (let x = 0; x < width; x++) {
      const fx = Math.min(src.width - 1, Math.max(0, ((x + 0.5) * src.width) / width - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(src.width - 1, x0 + 1);
      const o = (y * width + x) * 4;
      for (let k = 0; k < 4; k++) {
        const at = (xx: number, yy: number): number => src.data[(yy * src.width + xx) * 4 + k];
        const top = at(x0, y0) + (at(x1, y0) - at(x0, y0)) * (fx - x0);
        const bottom = at(x0, y1) + (at(x1, y1) - at(x0, y1)) * (fx - x0);
        rgba[o + k] = Math.round(top + (bottom - top) * (fy - y0));
      }
      if (rgba[o + 3] !== 255) hasAlpha = true;
      const mx = Math.min(m.width - 1, Math.floor(((x + 0.5) * m.width) / width));
      editable[y * width + x] = m.data[(my * m.width + mx) * 4 + 3] === 0 ? 1 : 0;
    }
  }
  return { width, height, rgba, editable, hasAlpha };
}

/** The answer's pixels: `painted` (the prompt's picture) inside the mask, the base outside, drifted when `drift`. */
export function paintMasked(base: MaskedBase, painted: Uint8Array, drift: boolean): Uint8Array {
  const { width, height } = base;
  const out = new Uint8Array(base.rgba);
  const right = Math.floor(width * DRIFT_REGION[2]);
  const bottom = Math.floor(height * DRIFT_REGION[3]);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      const o = p * 4;
      if (base.editable[p]) {
        out.set(painted.subarray(o, o + 4), o);
        out[o + 3] = 255;
      } else if (drift && x < right && y < bottom) {
        for (let k = 0; k < 3; k++) out[o + k] = out[o + k] < 128 ? out[o + k] + DRIFT_SHIFT : out[o + k] - DRIFT_SHIFT;
      }
    }
  }
  return out;
}
