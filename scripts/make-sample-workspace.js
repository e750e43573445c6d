#!/usr/bin/env node
// Builds the sample workspace used by try-it and by the integration / e2e tests:
//   hello.wav (+ hello.mp3)      English speech made with espeak-ng (MP3 through lame or sox when present)
//   bonjour.wav                  French speech, for "Translate Audio File to English"
//   fox.ts, fox.py, notes.md     commented source / text for "Generate Image from Selected Comment" and speech
//   landscape.png                a 512x512 PNG, and landscape.mask.png (same size, transparent circle = area to edit)
// Usage: node scripts/make-sample-workspace.js [dir]   (default .vstest/sample-workspace; existing files are replaced)
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { spawnSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const dir = path.resolve(process.argv[2] || path.join(root, '.vstest', 'sample-workspace'));
fs.mkdirSync(dir, { recursive: true });

function have(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}
function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
}

// --- audio ----------------------------------------------------------------------------------------------------------
const ENGLISH = 'Hello from Azure OpenAI Media Studio. This short recording is here so you can try transcription.';
const FRENCH = 'Bonjour. Ceci est un court enregistrement pour essayer la traduction vers l\'anglais.';

/** A spoken-like fallback when espeak-ng is missing: one second of a 440 Hz tone, 16 kHz mono 16-bit PCM. */
function toneWav() {
  const rate = 16000, n = rate;
  const buf = Buffer.alloc(44 + n * 2);
  buf.write('RIFF', 0); buf.writeUInt32LE(36 + n * 2, 4); buf.write('WAVE', 8);
  buf.write('fmt ', 12); buf.writeUInt32LE(16, 16); buf.writeUInt16LE(1, 20); buf.writeUInt16LE(1, 22);
  buf.writeUInt32LE(rate, 24); buf.writeUInt32LE(rate * 2, 28); buf.writeUInt16LE(2, 32); buf.writeUInt16LE(16, 34);
  buf.write('data', 36); buf.writeUInt32LE(n * 2, 40);
  for (let i = 0; i < n; i++) buf.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate)), 44 + i * 2);
  return buf;
}

function speak(text, voice, file) {
  if (have('espeak-ng')) run('espeak-ng', ['-v', voice, '-s', '150', '-w', file, text]);
  else {
    console.warn(`WARNING: espeak-ng not installed (run scripts/setup-vscode-web.sh): ${path.basename(file)} is a tone, not speech`);
    fs.writeFileSync(file, toneWav());
  }
}
speak(ENGLISH, 'en-us', path.join(dir, 'hello.wav'));
speak(FRENCH, 'fr-fr', path.join(dir, 'bonjour.wav'));
const mp3 = path.join(dir, 'hello.mp3');
if (have('lame')) run('lame', ['--quiet', '-b', '64', path.join(dir, 'hello.wav'), mp3]);
else if (have('sox') && spawnSync('sox', [path.join(dir, 'hello.wav'), mp3], { stdio: 'ignore' }).status === 0) { /* done */ }
else console.warn('NOTE: neither lame nor sox with MP3 support: no hello.mp3');

// --- text -----------------------------------------------------------------------------------------------------------
fs.writeFileSync(path.join(dir, 'fox.ts'), `// Select the comment below and run "Azure OpenAI: Generate Image from Selected Comment".

// a watercolor fox reading a book under a maple tree, soft autumn light
export function greet(name: string): string {
  return \`Hello, \${name}!\`;
}

/*
 * a pixel-art lighthouse on a rocky coast at night,
 * its beam sweeping over a calm sea
 */
export const answer = 42;
`);
fs.writeFileSync(path.join(dir, 'fox.py'), `# Select the comment below and run "Azure OpenAI: Generate Image from Selected Comment".

# a watercolor fox reading a book under a maple tree, soft autumn light
def greet(name: str) -> str:
    return f"Hello, {name}!"
`);
fs.writeFileSync(path.join(dir, 'notes.md'), `# Notes

Select this line and run "Azure OpenAI: Speak Selected Text" to hear it.

<!-- a cozy reading nook with a cat asleep on a pile of books -->
`);

// --- images ---------------------------------------------------------------------------------------------------------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
/** RGBA 8-bit PNG from pixel(x, y) -> [r, g, b, a]. */
function png(width, height, pixel) {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) raw.set(pixel(x, y), row + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0); ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
const S = 512;
const inSun = (x, y) => (x - 360) ** 2 + (y - 150) ** 2 < 60 ** 2;
fs.writeFileSync(path.join(dir, 'landscape.png'), png(S, S, (x, y) => {
  if (inSun(x, y)) return [250, 200, 60, 255];
  const hill = 340 + 40 * Math.sin(x / 60);
  if (y > hill) return [40, 120 + Math.round(60 * (y - hill) / S), 50, 255];
  const t = y / hill;
  return [Math.round(90 + 100 * t), Math.round(150 + 70 * t), 235, 255];
}));
// Mask: same size; alpha 0 (transparent) where the image may change = a circle around the sun.
fs.writeFileSync(path.join(dir, 'landscape.mask.png'), png(S, S, (x, y) =>
  (x - 360) ** 2 + (y - 150) ** 2 < 100 ** 2 ? [0, 0, 0, 0] : [0, 0, 0, 255]));

console.log(dir);
