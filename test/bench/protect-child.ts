// The protected-area check and composite of a masked edit at 1536×1024 (src/core/protect), in a fresh process so that
// the memory figure is its own: decode the original, the mask and the answer (PNG), measure, draw the heat map, build
// and encode the composite. The files are made before measuring: a smooth picture, a mask with a 512×384 hole, the
// answer drifted over a region and repainted in the hole (as the emulator answers).
// Usage: node --expose-gc protect-child.js RUNS  → prints one JSON line {ms: [...], peakRssGrowthMb, share} (after one
// warm-up run).
import { PNG } from 'pngjs';
import { checkProtected, keepProtected, prepareEdit } from '../../src/core/protect';

const runs = Number(process.argv[2] ?? 5);
const W = 1536;
const H = 1024;

function png(fill: (x: number, y: number) => [number, number, number, number]): Uint8Array {
  const p = new PNG({ width: W, height: H });
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) p.data.set(fill(x, y), (y * W + x) * 4);
  }
  return PNG.sync.write(p);
}

const colour = (x: number, y: number): [number, number, number, number] =>
  [Math.round(40 + (170 * x) / W), Math.round(60 + (150 * y) / H), Math.round(128 + 80 * Math.sin((x + y) / 50)), 255];
const hole = (x: number, y: number): boolean => x >= 512 && x < 1024 && y >= 320 && y < 704;
const original = png(colour);
const mask = png((x, y) => [0, 0, 0, hole(x, y) ? 0 : 255]);
const answer = png((x, y) => {
  if (hole(x, y)) return [250, 40, 40, 255];
  const c = colour(x, y);
  return x < 384 && y < 256 ? [c[0] + 40, c[1] + 40, c[2] < 128 ? c[2] + 40 : c[2] - 40, 255] : c;
});

const gc = (globalThis as { gc?: () => void }).gc;
const ms: number[] = [];
let peak = 0;
let share = 0;
const once = (): Uint8Array => keepProtected(prepareEdit({ original: { name: 'original.png', bytes: original },
  mask: { name: 'mask.png', bytes: mask }, answer: { name: 'answer.png', bytes: answer } }));
once(); // warm-up, not counted: the first run also compiles the code
gc?.();
const base = process.memoryUsage().rss;
for (let i = 0; i < runs; i++) {
  const started = performance.now();
  const edit = prepareEdit({ original: { name: 'original.png', bytes: original }, mask: { name: 'mask.png', bytes: mask },
    answer: { name: 'answer.png', bytes: answer } });
  peak = Math.max(peak, process.memoryUsage().rss);
  share = checkProtected(edit).figure.share;
  peak = Math.max(peak, process.memoryUsage().rss);
  const composite = keepProtected(edit);
  peak = Math.max(peak, process.memoryUsage().rss);
  ms.push(performance.now() - started);
  if (!composite.length) throw new Error('no composite');
  gc?.();
}
console.log(JSON.stringify({ ms, peakRssGrowthMb: (peak - base) / (1024 * 1024), share }));
