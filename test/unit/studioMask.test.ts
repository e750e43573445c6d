import * as assert from 'node:assert/strict';
import {
  crc32,
  encodeMaskPng,
  maskCost,
  MASK_ROW_BUDGET,
  paintsAnything,
  rasterizeMask,
  writeMask,
} from '../../src/studio/mask';
import type { MaskStroke } from '../../src/shared/protocol';
import { parsePng } from '../fixtures/emulatorFixtures';

/** The mask's pixels: an RGBA PNG read by the fixtures' reader (signature, CRCs, IHDR), each row unfiltered. */
function decodePng(bytes: Uint8Array): { width: number; height: number; colorType: number; rgba: Uint8Array } {
  const { width, height, colourType, raw } = parsePng(Buffer.from(bytes));
  assert.equal(colourType, 6, 'RGBA');
  const stride = width * 4;
  const rgba = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    assert.equal(filter, 0, 'filter None');
    rgba.set(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)), y * stride);
  }
  return { width, height, colorType: colourType, rgba };
}

const alphaAt = (png: { width: number; rgba: Uint8Array }, x: number, y: number): number => png.rgba[(y * png.width + x) * 4 + 3];

/** The definition, pixel by pixel: covered when the pixel centre is within size/2 of a segment. */
function bruteForce(width: number, height: number, strokes: MaskStroke[]): Uint8Array {
  const out = new Uint8Array(width * height);
  for (const s of strokes) {
    const r = Math.max(0.5, s.size / 2);
    const segs: number[][] = [];
    if (s.points.length === 2) segs.push([s.points[0], s.points[1], s.points[0], s.points[1]]);
    for (let i = 0; i + 3 < s.points.length; i += 2) segs.push(s.points.slice(i, i + 4));
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const px = x + 0.5;
        const py = y + 0.5;
        for (const [x0, y0, x1, y1] of segs) {
          const dx = x1 - x0;
          const dy = y1 - y0;
          const l2 = dx * dx + dy * dy;
          const t = l2 === 0 ? 0 : Math.min(1, Math.max(0, ((px - x0) * dx + (py - y0) * dy) / l2));
          const ex = px - (x0 + t * dx);
          const ey = py - (y0 + t * dy);
          if (ex * ex + ey * ey <= r * r) {
            out[y * width + x] = s.mode === 'paint' ? 1 : 0;
            break;
          }
        }
      }
    }
  }
  return out;
}

describe('Studio mask writer', () => {
  it('writes a PNG of the exact dimensions, opaque where unpainted', () => {
    const png = decodePng(writeMask({ width: 37, height: 23, strokes: [] }));
    assert.equal(png.width, 37);
    assert.equal(png.height, 23);
    for (let i = 0; i < 37 * 23; i++) assert.equal(png.rgba[i * 4 + 3], 255);
  });

  it('makes the painted area fully transparent and leaves the rest opaque', () => {
    const png = decodePng(writeMask({ width: 100, height: 80, strokes: [{ mode: 'paint', size: 20, points: [50, 40] }] }));
    assert.equal(alphaAt(png, 50, 40), 0, 'centre painted');
    assert.equal(alphaAt(png, 50 + 8, 40), 0, 'inside the radius');
    assert.equal(alphaAt(png, 50 + 11, 40), 255, 'outside the radius');
    assert.equal(alphaAt(png, 0, 0), 255);
    assert.equal(alphaAt(png, 99, 79), 255);
    // Only alpha 0 and 255: a mask is binary, there is no half-edited pixel.
    for (let i = 0; i < 100 * 80; i++) assert.ok(png.rgba[i * 4 + 3] === 0 || png.rgba[i * 4 + 3] === 255);
    // RGB stays black everywhere.
    for (let i = 0; i < 100 * 80; i++) assert.equal(png.rgba[i * 4] + png.rgba[i * 4 + 1] + png.rgba[i * 4 + 2], 0);
  });

  it('draws a line of the brush width between points', () => {
    const c = rasterizeMask(60, 20, [{ mode: 'paint', size: 4, points: [5, 10, 55, 10] }]);
    for (let x = 5; x < 55; x++) {
      assert.equal(c[9 * 60 + x], 1, `row 9, x ${x}`);
      assert.equal(c[10 * 60 + x], 1, `row 10, x ${x}`);
      assert.equal(c[13 * 60 + x], 0, `row 13, x ${x}`);
      assert.equal(c[6 * 60 + x], 0, `row 6, x ${x}`);
    }
  });

  it('erases what was painted, in stroke order', () => {
    const paint: MaskStroke = { mode: 'paint', size: 30, points: [20, 20] };
    const erase: MaskStroke = { mode: 'erase', size: 10, points: [20, 20] };
    const c = rasterizeMask(40, 40, [paint, erase]);
    assert.equal(c[20 * 40 + 20], 0, 'erased centre');
    assert.equal(c[20 * 40 + 32], 1, 'ring still painted');
    const again = rasterizeMask(40, 40, [paint, erase, paint]);
    assert.equal(again[20 * 40 + 20], 1, 'painted over again');
    // Undo is dropping the last stroke: the page keeps the list and sends what is left.
    assert.deepEqual(rasterizeMask(40, 40, [paint, erase, paint].slice(0, 2)), c);
  });

  it('matches the pixel-centre definition on random strokes', () => {
    let seed = 12345;
    const rand = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    for (let trial = 0; trial < 25; trial++) {
      const w = 20 + Math.floor(rand() * 50);
      const h = 20 + Math.floor(rand() * 50);
      const strokes: MaskStroke[] = [];
      for (let k = 0; k < 1 + Math.floor(rand() * 4); k++) {
        const pts: number[] = [];
        for (let p = 0; p < 1 + Math.floor(rand() * 5); p++) pts.push(rand() * (w + 20) - 10, rand() * (h + 20) - 10);
        strokes.push({ mode: rand() < 0.75 ? 'paint' : 'erase', size: 1 + rand() * 15, points: pts });
      }
      const fast = rasterizeMask(w, h, strokes);
      const slow = bruteForce(w, h, strokes);
      let differ = 0;
      for (let i = 0; i < fast.length; i++) if (fast[i] !== slow[i]) differ++;
      assert.equal(differ, 0, `trial ${trial}: ${differ} pixels differ`);
    }
  });

  it('clips strokes outside the image without writing past it', () => {
    const c = rasterizeMask(10, 10, [
      { mode: 'paint', size: 6, points: [-100, -100, -50, -50] },
      { mode: 'paint', size: 6, points: [500, 5, 900, 5] },
      { mode: 'paint', size: 4, points: [-5, 5, 15, 5] },
    ]);
    assert.equal(c.length, 100);
    assert.equal(paintsAnything(rasterizeMask(10, 10, [{ mode: 'paint', size: 6, points: [-100, -100, -50, -50] }])), false);
    for (let x = 0; x < 10; x++) assert.equal(c[5 * 10 + x], 1);
  });

  it('keeps a fully painted 1536x1024 mask far under the 4 MB limit', () => {
    const bytes = writeMask({ width: 1536, height: 1024, strokes: [{ mode: 'paint', size: 4000, points: [768, 512] }] });
    assert.ok(bytes.length < 4 * 1024 * 1024, `${bytes.length} bytes`);
    const png = decodePng(bytes);
    assert.equal(png.width, 1536);
    assert.equal(png.height, 1024);
    assert.equal(alphaAt(png, 0, 0), 0);
    assert.equal(alphaAt(png, 1535, 1023), 0);
  });

  it('refuses dimensions that are not whole positive pixels and a coverage of the wrong length', () => {
    assert.throws(() => rasterizeMask(0, 10, []), RangeError);
    assert.throws(() => rasterizeMask(10.5, 10, []), RangeError);
    assert.throws(() => rasterizeMask(9000, 10, []), RangeError);
    assert.throws(() => encodeMaskPng(4, 4, new Uint8Array(15)), RangeError);
  });

  it('refuses a mask that would keep the host busy past the budget', () => {
    const huge: MaskStroke = { mode: 'paint', size: 1024, points: [] };
    for (let i = 0; i < 20000; i++) huge.points.push(i % 2 ? 0 : 4000, i % 2 ? 4000 : 0);
    const strokes = Array.from({ length: 10 }, () => huge);
    assert.ok(maskCost(strokes, 4096) > MASK_ROW_BUDGET);
    assert.throws(() => writeMask({ width: 4096, height: 4096, strokes }), /too many strokes/);
  });

  it('computes the standard CRC-32', () => {
    assert.equal(crc32(new TextEncoder().encode('123456789')), 0xcbf43926);
    assert.equal(crc32(new Uint8Array(0)), 0);
  });
});
