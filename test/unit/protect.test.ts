// The protected-area check (src/core/protect): the share and mean change on images with known changes, resized and
// JPEG answers, the composite's promise (protected pixels are the original's away from the seam, editable pixels
// the model's), hostile files, and the emulator's masked answers (the area repainted, a known drift outside it).

import assert from 'node:assert/strict';
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { checkProtected, keepProtected, prepareEdit, type MaskedEditFiles } from '../../src/core/protect';
import { CHANGE_THRESHOLD, compositeProtected, measureProtected, SEAM_PIXELS } from '../../src/core/protect/measure';
import { decodeImage, editableMap, type Raster } from '../../src/core/protect/raster';
import { WordedError } from '../../src/core/messages';
import { DRIFT_REGION, DRIFT_SHIFT } from '../emulator/maskedEdit';
import { startEmulator, type Emulator } from '../emulator/server';
import { postForm, type ImagesAnswer } from '../fixtures/emulatorFixtures';

/** A smooth picture (gradients, no hard edges), like a photo's large areas. */
function picture(width: number, height: number, seed = 0): Raster {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      data[i] = Math.round(40 + (170 * x) / width + seed);
      data[i + 1] = Math.round(60 + (150 * y) / height);
      data[i + 2] = Math.round(128 + 80 * Math.sin((x + y) / 50));
      data[i + 3] = 255;
    }
  }
  return { width, height, data };
}

/** A mask transparent (editable) inside the rectangle [x0, x1) × [y0, y1). */
function rectMask(width: number, height: number, x0: number, y0: number, x1: number, y1: number): Raster {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data[(y * width + x) * 4 + 3] = x >= x0 && x < x1 && y >= y0 && y < y1 ? 0 : 255;
  }
  return { width, height, data };
}

function png(r: Raster): Uint8Array {
  const p = new PNG({ width: r.width, height: r.height });
  p.data = Buffer.from(r.data);
  return PNG.sync.write(p);
}

function files(original: Uint8Array, mask: Uint8Array, answer: Uint8Array): MaskedEditFiles {
  return { original: { name: 'cat.png', bytes: original }, mask: { name: 'cat.mask.png', bytes: mask },
    answer: { name: 'cat.edited.png', bytes: answer } };
}

/** Paints `colour` over [x0, x1) × [y0, y1) of a copy. */
function paint(r: Raster, x0: number, y0: number, x1: number, y1: number, colour: [number, number, number]): Raster {
  const data = new Uint8Array(r.data);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data.set([...colour, 255], (y * r.width + x) * 4);
  return { ...r, data };
}

describe('protected area: the measure', () => {
  const W = 200;
  const H = 100;
  const original = picture(W, H);
  const mask = rectMask(W, H, 80, 20, 140, 80); // 60 × 60 editable
  const protectedPixels = W * H - 60 * 60;

  it('finds no change when only the editable area was repainted', () => {
    const answer = paint(original, 80, 20, 140, 80, [255, 0, 0]);
    const { figure } = measureProtected(original, editableMap(mask, W, H), answer);
    assert.equal(figure.protectedPixels, protectedPixels);
    assert.equal(figure.changedPixels, 0);
    assert.equal(figure.share, 0);
    assert.equal(figure.meanChange, 0);
  });

  it('counts exactly the protected pixels of a changed region, and their mean change', () => {
    // 20 × 10 protected pixels shifted by 50 in red; the part of the region inside the mask does not count.
    const answer = new Uint8Array(original.data);
    let inside = 0;
    for (let y = 10; y < 30; y++) {
      for (let x = 60; x < 90; x++) {
        answer[(y * W + x) * 4] -= 30;
        if (x >= 80 && y >= 20) inside++;
      }
    }
    const changed = 20 * 30 - inside;
    const { figure, change } = measureProtected(original, editableMap(mask, W, H), { width: W, height: H, data: answer });
    assert.equal(figure.changedPixels, changed);
    assert.equal(figure.share, changed / protectedPixels);
    assert.ok(Math.abs(figure.meanChange - (changed * 30) / protectedPixels / 255) < 1e-9);
    assert.equal(change[15 * W + 70], 30);
    assert.equal(change[25 * W + 85], 0, 'an editable pixel has no change');
  });

  it('ignores changes at or below the threshold', () => {
    const answer = new Uint8Array(original.data);
    for (let i = 0; i < answer.length; i += 4) answer[i + 1] = Math.min(255, answer[i + 1] + CHANGE_THRESHOLD);
    const { figure } = measureProtected(original, editableMap(mask, W, H), { width: W, height: H, data: answer });
    assert.equal(figure.changedPixels, 0);
    assert.ok(figure.meanChange > 0);
  });

  it('resamples the original and the mask to a larger answer', () => {
    // The model answered at twice the size: the original scaled up, the editable area repainted, a 40 × 40 block changed.
    const big = prepareEdit(files(png(original), png(mask), png(picture(2 * W, 2 * H))));
    const answer = paint(big.original, 0, 0, 40, 40, [0, 0, 0]);
    const painted = paint(answer, 160, 40, 280, 160, [255, 255, 255]);
    const edit = prepareEdit(files(png(original), png(mask), png(painted)));
    assert.deepEqual([edit.answer.width, edit.answer.height], [2 * W, 2 * H]);
    const { figure } = checkProtected(edit);
    assert.equal(figure.protectedPixels, 4 * protectedPixels);
    // Every pixel of the black block differs from the smooth original by far more than the threshold.
    assert.equal(figure.changedPixels, 40 * 40);
    assert.equal(figure.share, 1600 / (4 * protectedPixels));
  });

  it('resamples to a smaller answer of another aspect ratio', () => {
    const small = prepareEdit(files(png(original), png(mask), png(picture(100, 80))));
    assert.deepEqual([small.original.width, small.original.height, small.editable.length], [100, 80, 8000]);
    const { figure } = checkProtected({ ...small, answer: { ...small.original } });
    assert.equal(figure.share, 0);
    // The 60 × 60 editable rectangle at half the width and 0.8 of the height: 30 × 48.
    assert.equal(figure.protectedPixels, 8000 - 30 * 48);
  });

  it('sees JPEG noise below the threshold: an unchanged answer saved as JPEG counts nothing', () => {
    for (const quality of [85, 95]) {
      const answer = jpeg.encode({ width: W, height: H, data: original.data }, quality).data;
      const { figure } = checkProtected(prepareEdit(files(png(original), png(mask), answer)));
      assert.equal(figure.changedPixels, 0, `quality ${quality}`);
      assert.ok(figure.meanChange > 0 && figure.meanChange < 0.02, `quality ${quality}: mean ${figure.meanChange}`);
    }
  });

  it('draws the heat map as a small PNG: changed cells coloured, the rest of the protected area dimmed, the mask clear', () => {
    const answer = paint(original, 0, 0, 20, 20, [0, 0, 0]);
    const edit = prepareEdit(files(png(original), png(mask), png(answer)));
    const heat = PNG.sync.read(Buffer.from(checkProtected(edit).heat));
    assert.deepEqual([heat.width, heat.height], [W, H]);
    const at = (x: number, y: number) => [...heat.data.subarray((y * W + x) * 4, (y * W + x) * 4 + 4)];
    assert.equal(at(5, 5)[0], 255);
    assert.equal(at(5, 5)[3], 230);
    assert.deepEqual(at(50, 50), [0, 0, 0, 110]);
    assert.deepEqual(at(100, 50), [0, 0, 0, 0]);
  });
});

describe('protected area: the composite', () => {
  const W = 160;
  const H = 120;
  const original = picture(W, H);
  const mask = rectMask(W, H, 50, 40, 110, 90);

  it('keeps every protected pixel away from the seam and every editable pixel of the model', () => {
    // The model repainted the mask and drifted everywhere else.
    const model = picture(W, H, 60);
    const editable = editableMap(mask, W, H);
    const out = compositeProtected(original, editable, model);
    let seam = 0;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const i = (y * W + x) * 4;
        const pixel = [...out.data.subarray(i, i + 4)];
        const inMask = x >= 50 && x < 110 && y >= 40 && y < 90;
        const dx = x < 50 ? 50 - x : x >= 110 ? x - 109 : 0;
        const dy = y < 40 ? 40 - y : y >= 90 ? y - 89 : 0;
        if (inMask) assert.deepEqual(pixel, [...model.data.subarray(i, i + 4)], `editable (${x}, ${y})`);
        else if (Math.max(dx, dy) > SEAM_PIXELS) assert.deepEqual(pixel, [...original.data.subarray(i, i + 4)], `protected (${x}, ${y})`);
        else seam++;
      }
    }
    assert.ok(seam > 0 && seam < 4 * (60 + 50 + 2 * SEAM_PIXELS) * SEAM_PIXELS, `${seam} seam pixels`);
  });

  it('blends across the seam: next to the mask mostly the model, at its end mostly the original', () => {
    const model = paint(original, 0, 0, W, H, [200, 200, 200]);
    const out = compositeProtected(original, editableMap(mask, W, H), model);
    const red = (x: number, y: number) => out.data[(y * W + x) * 4];
    const origRed = original.data[(60 * W + 49) * 4];
    assert.ok(Math.abs(red(49, 60) - 200) < Math.abs(red(49, 60) - origRed), 'next to the edge');
    const far = original.data[(60 * W + 50 - SEAM_PIXELS) * 4];
    assert.ok(Math.abs(red(50 - SEAM_PIXELS, 60) - far) < Math.abs(red(50 - SEAM_PIXELS, 60) - 200), 'at the seam\'s end');
  });

  it('writes the answer\'s format and size: PNG stays PNG, JPEG stays JPEG', () => {
    const model = picture(W * 2, H * 2, 30);
    const asPng = keepProtected(prepareEdit(files(png(original), png(mask), png(model))));
    assert.deepEqual([PNG.sync.read(Buffer.from(asPng)).width, PNG.sync.read(Buffer.from(asPng)).height], [W * 2, H * 2]);
    const asJpeg = keepProtected(prepareEdit(files(png(original), png(mask), jpeg.encode({ width: W * 2, height: H * 2,
      data: model.data }, 90).data)));
    assert.deepEqual([asJpeg[0], asJpeg[1]], [0xff, 0xd8]);
    assert.equal(jpeg.decode(asJpeg, { useTArray: true }).width, W * 2);
  });
});

describe('protected area: hostile files', () => {
  it('refuses a header that claims more pixels than the limit before decoding', () => {
    const bytes = png(picture(4, 4));
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    view.setUint32(16, 100000);
    view.setUint32(20, 100000);
    assert.throws(() => decodeImage(bytes, 'huge.png'), (e: unknown) => WordedError.is(e) && /huge\.png is 100000×100000/.test(e.message));
  });

  it('words a file that is not an image, or a broken one', () => {
    assert.throws(() => decodeImage(new TextEncoder().encode('hello'), 'a.png'),
      (e: unknown) => WordedError.is(e) && /a\.png/.test(e.message));
    const cut = png(picture(40, 40)).subarray(0, 60);
    assert.throws(() => decodeImage(cut, 'cut.png'), (e: unknown) => WordedError.is(e) && /cut\.png could not be read/.test(e.message));
  });
});

describe('emulator: masked edits keep the image outside the mask, with a known drift', () => {
  let em: Emulator;
  before(async () => {
    em = await startEmulator();
  });
  after(() => em.close());
  beforeEach(() => em.reset());

  const W = 512;
  const original = picture(W, W);
  const mask = rectMask(W, W, 192, 192, 320, 320);
  const edit = async (extra: Array<[string, string]> = []): Promise<Uint8Array> => {
    const a = await postForm(em, 'gpt-image-1', 'images/edits', [
      ['image', { data: Buffer.from(png(original)), filename: 'photo.png', type: 'image/png' }],
      ['mask', { data: Buffer.from(png(mask)), filename: 'photo.mask.png', type: 'image/png' }],
      ['prompt', 'a red balloon'], ['quality', 'low'], ...extra]);
    assert.equal(a.status, 200, a.text());
    return Buffer.from(a.json<ImagesAnswer>().data[0].b64_json, 'base64');
  };
  /** The drifted protected pixels at the answer's size, over the protected pixels. */
  const expected = (size: number) => {
    const scale = size / W;
    const drift = Math.floor(size * DRIFT_REGION[2]) * Math.floor(size * DRIFT_REGION[3]);
    const editable = 128 * scale * 128 * scale;
    return drift / (size * size - editable);
  };

  it('answers at 1024×1024 with the original upscaled, the mask repainted and exactly the drift region changed', async function () {
    this.timeout(30000);
    const answer = await edit();
    const e = prepareEdit(files(png(original), png(mask), answer));
    assert.deepEqual([e.answer.width, e.answer.height], [1024, 1024]);
    const { figure } = checkProtected(e);
    assert.equal(figure.share, expected(1024));
    assert.ok(Math.abs(figure.meanChange - (figure.share * DRIFT_SHIFT) / 255) < 1e-3, `mean ${figure.meanChange}`);
  });

  it('changes nothing outside the mask with the drift off, and drifts again after a reset', async function () {
    this.timeout(30000);
    await fetch(`${em.url}/_emulator/drift`, { method: 'POST', body: JSON.stringify({ enabled: false }) });
    const answer = await edit([['size', '1024x1024']]);
    const e = prepareEdit(files(png(original), png(mask), answer));
    assert.equal(checkProtected(e).figure.changedPixels, 0);
    em.reset();
    const drifted = prepareEdit(files(png(original), png(mask), await edit([['size', '1024x1024']])));
    assert.equal(checkProtected(drifted).figure.share, expected(1024), 'a reset turns the drift back on');
  });

  it('drifts a JPEG answer by the same share (JPEG noise stays below the threshold)', async function () {
    this.timeout(30000);
    const answer = await edit([['output_format', 'jpeg'], ['output_compression', '90'], ['size', '1024x1024']]);
    const { figure } = checkProtected(prepareEdit(files(png(original), png(mask), answer)));
    assert.ok(Math.abs(figure.share - expected(1024)) < 0.002, `share ${figure.share}, expected ${expected(1024)}`);
  });

  it('answers an undecodable image with Azure\'s invalid_value', async () => {
    const broken = Buffer.from(png(original)).subarray(0, 200);
    const a = await postForm(em, 'gpt-image-1', 'images/edits', [
      ['image', { data: broken, filename: 'photo.png', type: 'image/png' }],
      ['mask', { data: Buffer.from(png(mask)), filename: 'photo.mask.png', type: 'image/png' }], ['prompt', 'x']]);
    assert.equal(a.status, 400);
    assert.equal(a.json<{ error: { code: string } }>().error.code, 'invalid_value');
  });
});
