// Synthesised speech: a voiced, syllable-shaped tone whose length follows the text, in every format the service
// offers. WAV, PCM, FLAC (verbatim subframes) and MP3 (MPEG-1 Layer III frames whose spectrum carries the tone) are
// made sample by sample here; Opus (Ogg) and AAC (ADTS) are valid streams of silent frames, since a real encoder
// for them is out of reach in plain Node. Everything is produced in chunks so a long text streams.

import { createHash } from 'node:crypto';

export const SPEECH_SAMPLE_RATE = 24000;

/** Seconds of speech for a text: about fifteen characters a second at speed 1. */
export function speechSeconds(text: string, speed: number): number {
  return Math.max(0.5, (Array.from(text).length / 15) / speed);
}

const VOICE_PITCH: Record<string, number> = {
  alloy: 170, ash: 125, ballad: 140, coral: 200, echo: 115, fable: 160, onyx: 95, nova: 215, sage: 185,
  shimmer: 225, verse: 135, marin: 205, cedar: 110,
};

class Voice {
  /** Per character: loudness (0 for spaces and punctuation) and a pitch factor. */
  private readonly loud: Float32Array;
  private readonly lift: Float32Array;
  private readonly slot: number;
  private readonly pitch: number;
  private phase = 0;
  constructor(text: string, voice: string, readonly seconds: number, private readonly rate: number) {
    const chars = Array.from(text);
    this.loud = new Float32Array(Math.max(1, chars.length));
    this.lift = new Float32Array(Math.max(1, chars.length));
    chars.forEach((ch, i) => {
      const letter = /\p{L}|\p{N}/u.test(ch);
      this.loud[i] = !letter ? 0 : /[aeiouyàâäéèêëîïôöùûü]/i.test(ch) ? 1 : 0.55;
      this.lift[i] = 1 + (0.04 * (((ch.codePointAt(0) ?? 0) % 5) - 2)) / 2;
    });
    this.slot = seconds / Math.max(1, chars.length);
    this.pitch = VOICE_PITCH[voice] ?? 160;
  }
  /** Loudness 0..1 and pitch at time t. */
  at(t: number): { amp: number; f0: number } {
    const i = Math.min(this.loud.length - 1, Math.floor(t / this.slot));
    const frac = Math.min(1, Math.max(0, t / this.slot - i));
    const amp = this.loud[i] * Math.sin(Math.PI * frac);
    const f0 = this.pitch * (this.lift[i] + 0.08 * Math.sin(2 * Math.PI * 3 * t));
    return { amp, f0 };
  }
  /** The next `count` samples (16-bit) starting at sample `start`. */
  samples(start: number, count: number): Int16Array {
    const out = new Int16Array(count);
    const twoPi = 2 * Math.PI;
    const last = this.loud.length - 1;
    let vibrato = 0;
    for (let k = 0; k < count; k++) {
      const t = (start + k) / this.rate;
      const pos = t / this.slot;
      const i = Math.min(last, Math.floor(pos));
      if ((k & 63) === 0) vibrato = 0.08 * Math.sin(twoPi * 3 * t);
      this.phase += (twoPi * this.pitch * (this.lift[i] + vibrato)) / this.rate;
      if (this.phase > twoPi) this.phase -= twoPi;
      const loud = this.loud[i];
      if (loud === 0) continue;
      const frac = pos - i;
      const amp = loud * Math.sin(Math.PI * (frac > 1 ? 1 : frac));
      const sn = Math.sin(this.phase);
      const cs = Math.cos(this.phase);
      // fundamental + half the second harmonic + a quarter of the third (sin 2x = 2 sin cos, sin 3x = 3 sin - 4 sin^3)
      const v = sn + cs * sn + 0.25 * (3 * sn - 4 * sn * sn * sn);
      out[k] = Math.round(amp * 0.3 * 32767 * (v / 1.75));
    }
    return out;
  }
}

export interface SpeechSpec {
  text: string;
  voice: string;
  speed: number;
  format: 'mp3' | 'opus' | 'aac' | 'flac' | 'wav' | 'pcm';
}

const CHUNK = 8192;

function* pcmChunks(spec: SpeechSpec, rate: number): Generator<Int16Array> {
  const seconds = speechSeconds(spec.text, spec.speed);
  const total = Math.round(seconds * rate);
  const voice = new Voice(spec.text, spec.voice, seconds, rate);
  for (let start = 0; start < total; start += CHUNK) yield voice.samples(start, Math.min(CHUNK, total - start));
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function le16(samples: Int16Array): Buffer {
  const b = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  return LITTLE_ENDIAN ? b : Buffer.from(b).swap16();
}

function be16(samples: Int16Array): Buffer {
  const b = Buffer.from(Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength));
  return LITTLE_ENDIAN ? b.swap16() : b;
}

/** The 44-byte header of a 16-bit mono PCM WAV whose samples take `dataBytes`. */
export function wavHeader(dataBytes: number, sampleRate: number): Buffer {
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'latin1');
  h.writeUInt32LE(36 + dataBytes, 4);
  h.write('WAVE', 8, 'latin1');
  h.write('fmt ', 12, 'latin1');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(1, 22); // mono
  h.writeUInt32LE(sampleRate, 24);
  h.writeUInt32LE(sampleRate * 2, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'latin1');
  h.writeUInt32LE(dataBytes, 40);
  return h;
}

function* wav(spec: SpeechSpec): Generator<Buffer> {
  const total = Math.round(speechSeconds(spec.text, spec.speed) * SPEECH_SAMPLE_RATE);
  yield wavHeader(total * 2, SPEECH_SAMPLE_RATE);
  for (const s of pcmChunks(spec, SPEECH_SAMPLE_RATE)) yield le16(s);
}

function* pcm(spec: SpeechSpec): Generator<Buffer> {
  for (const s of pcmChunks(spec, SPEECH_SAMPLE_RATE)) yield le16(s);
}

class BitWriter {
  private bytes: number[] = [];
  private cur = 0;
  private n = 0;
  write(value: number, bits: number): void {
    for (let i = bits - 1; i >= 0; i--) {
      this.cur = (this.cur << 1) | ((value >>> i) & 1);
      if (++this.n === 8) {
        this.bytes.push(this.cur);
        this.cur = 0;
        this.n = 0;
      }
    }
  }
  get bitLength(): number {
    return this.bytes.length * 8 + this.n;
  }
  toBuffer(): Buffer {
    const out = [...this.bytes];
    if (this.n > 0) out.push(this.cur << (8 - this.n));
    return Buffer.from(out);
  }
}

// ---- FLAC: STREAMINFO, then frames of one verbatim subframe each.
function crc8(buf: Buffer): number {
  let c = 0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 0x80 ? ((c << 1) ^ 0x07) & 0xff : (c << 1) & 0xff;
  }
  return c;
}
const CRC16_TABLE = (() => {
  const t = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i << 8;
    for (let k = 0; k < 8; k++) c = c & 0x8000 ? ((c << 1) ^ 0x8005) & 0xffff : (c << 1) & 0xffff;
    t[i] = c;
  }
  return t;
})();
function crc16(buf: Buffer): number {
  let c = 0;
  for (let i = 0; i < buf.length; i++) c = ((c << 8) & 0xffff) ^ CRC16_TABLE[(c >> 8) ^ buf[i]];
  return c;
}
function utf8Number(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  let bytes = 2;
  while (n >= Math.pow(2, 5 * bytes + 1)) bytes++;
  for (let i = bytes - 1; i > 0; i--) {
    out.unshift(0x80 | (n & 0x3f));
    n = Math.floor(n / 64);
  }
  out.unshift(((0xff00 >> bytes) & 0xff) | n);
  return out;
}

const FLAC_BLOCK = 4096;

function* flac(spec: SpeechSpec): Generator<Buffer> {
  const total = Math.round(speechSeconds(spec.text, spec.speed) * SPEECH_SAMPLE_RATE);
  const md5 = createHash('md5');
  for (const s of pcmChunks(spec, SPEECH_SAMPLE_RATE)) md5.update(le16(s));
  const info = new BitWriter();
  info.write(FLAC_BLOCK, 16); // min block size
  info.write(FLAC_BLOCK, 16); // max block size
  info.write(0, 24); // min frame size: unknown
  info.write(0, 24); // max frame size: unknown
  info.write(SPEECH_SAMPLE_RATE, 20);
  info.write(0, 3); // channels - 1
  info.write(15, 5); // bits per sample - 1
  info.write(Math.floor(total / 2 ** 32), 4);
  info.write(total >>> 0, 32);
  const meta = Buffer.concat([Buffer.from([0x80, 0, 0, 34]), info.toBuffer(), md5.digest()]);
  yield Buffer.concat([Buffer.from('fLaC', 'latin1'), meta]);

  const voice = new Voice(spec.text, spec.voice, speechSeconds(spec.text, spec.speed), SPEECH_SAMPLE_RATE);
  let frame = 0;
  for (let start = 0; start < total; start += FLAC_BLOCK, frame++) {
    const count = Math.min(FLAC_BLOCK, total - start);
    const samples = voice.samples(start, count);
    const header = Buffer.from([
      0xff, 0xf8, // sync, fixed block size
      0x70 | 0x07, // block size from the 16-bit field below; sample rate 24 kHz
      0x08, // mono, 16 bits per sample
      ...utf8Number(frame),
      (count - 1) >> 8, (count - 1) & 0xff,
    ]);
    const withCrc8 = Buffer.concat([header, Buffer.from([crc8(header)])]);
    // Subframe header 0x02: verbatim, no wasted bits; then the samples, big-endian.
    const framed = Buffer.concat([withCrc8, Buffer.from([0x02]), be16(samples)]);
    const crc = Buffer.alloc(2);
    crc.writeUInt16BE(crc16(framed), 0);
    yield Buffer.concat([framed, crc]);
  }
}

// ---- MP3: MPEG-1 Layer III, 32 kHz, 32 kbit/s, mono: 144-byte frames of two 576-line granules. Each granule puts
// the voice's fundamental and second harmonic on their spectral lines (Huffman count1 table B), its loudness in
// global_gain; a silent granule has no spectral data at all.
const MP3_RATE = 32000;
const MP3_FRAME_BYTES = 144;

function mp3Granule(amp: number, f0: number): { gain: number; bits: BitWriter | undefined } {
  if (amp < 0.05) return { gain: 0, bits: undefined };
  const lineHz = MP3_RATE / 2 / 576;
  const lines = new Set([Math.max(1, Math.round(f0 / lineHz)), Math.round((2 * f0) / lineHz)]);
  const last = Math.max(...lines);
  const bits = new BitWriter();
  for (let q = 0; q <= last; q += 4) {
    const v = [0, 1, 2, 3].map((k) => (lines.has(q + k) ? 1 : 0));
    const code = 15 - ((v[0] << 3) | (v[1] << 2) | (v[2] << 1) | v[3]);
    bits.write(code, 4);
    for (const x of v) if (x) bits.write(0, 1); // positive sign
  }
  const gain = Math.round(210 + 4 * Math.log2(amp * 0.05));
  return { gain: Math.max(1, Math.min(255, gain)), bits };
}

function* mp3(spec: SpeechSpec): Generator<Buffer> {
  const seconds = speechSeconds(spec.text, spec.speed);
  const frames = Math.max(1, Math.ceil((seconds * MP3_RATE) / 1152));
  const voice = new Voice(spec.text, spec.voice, seconds, MP3_RATE);
  const batch: Buffer[] = [];
  for (let f = 0; f < frames; f++) {
    const granules = [0, 1].map((g) => {
      const t = (f * 1152 + g * 576 + 288) / MP3_RATE;
      const { amp, f0 } = voice.at(t);
      return mp3Granule(amp, f0);
    });
    const side = new BitWriter();
    side.write(0, 9); // main_data_begin: no bit reservoir
    side.write(0, 5); // private bits
    side.write(0, 4); // scfsi
    for (const g of granules) {
      side.write(g.bits ? g.bits.bitLength : 0, 12); // part2_3_length (no scale factors: slen 0/0)
      side.write(0, 9); // big_values: everything is in the count1 region
      side.write(g.gain, 8); // global_gain
      side.write(0, 4); // scalefac_compress
      side.write(0, 1); // window_switching_flag: long blocks
      side.write(0, 15); // table_select x3
      side.write(0, 4); // region0_count
      side.write(0, 3); // region1_count
      side.write(0, 1); // preflag
      side.write(0, 1); // scalefac_scale
      side.write(1, 1); // count1table_select: table B
    }
    // Main data: granule 1's bits start right after granule 0's, not at a byte boundary.
    const exact = new BitWriter();
    for (const g of granules) {
      if (!g.bits) continue;
      const buf = g.bits.toBuffer();
      for (let i = 0; i < g.bits.bitLength; i++) exact.write((buf[i >> 3] >> (7 - (i & 7))) & 1, 1);
    }
    const frame = Buffer.alloc(MP3_FRAME_BYTES);
    frame.set([0xff, 0xfb, 0x18, 0xc4], 0); // MPEG-1 Layer III, no CRC, 32 kbit/s, 32 kHz, mono, original
    side.toBuffer().copy(frame, 4);
    exact.toBuffer().copy(frame, 4 + 17);
    batch.push(frame);
    if (batch.length === 64) yield Buffer.concat(batch.splice(0));
  }
  if (batch.length) yield Buffer.concat(batch);
}

// ---- Opus in Ogg: OpusHead, OpusTags, then 20 ms CELT silence packets.
const OGG_CRC = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 24;
    for (let k = 0; k < 8; k++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    t[i] = r >>> 0;
  }
  return t;
})();
function oggCrc(buf: Buffer): number {
  let c = 0;
  for (const b of buf) c = ((c << 8) ^ OGG_CRC[((c >>> 24) ^ b) & 0xff]) >>> 0;
  return c >>> 0;
}
function oggPage(packets: Buffer[], granule: number, seq: number, flags: number): Buffer {
  const lacing: number[] = [];
  for (const p of packets) {
    let n = p.length;
    while (n >= 255) {
      lacing.push(255);
      n -= 255;
    }
    lacing.push(n);
  }
  const head = Buffer.alloc(27 + lacing.length);
  head.write('OggS', 0, 'latin1');
  head[4] = 0;
  head[5] = flags;
  head.writeBigUInt64LE(BigInt(granule), 6);
  head.writeUInt32LE(0x4d454449, 14); // stream serial
  head.writeUInt32LE(seq, 18);
  head.writeUInt32LE(0, 22);
  head[26] = lacing.length;
  Buffer.from(lacing).copy(head, 27);
  const page = Buffer.concat([head, ...packets]);
  page.writeUInt32LE(oggCrc(page), 22);
  return page;
}

function* opus(spec: SpeechSpec): Generator<Buffer> {
  const seconds = speechSeconds(spec.text, spec.speed);
  const preSkip = 312;
  const head = Buffer.alloc(19);
  head.write('OpusHead', 0, 'latin1');
  head[8] = 1;
  head[9] = 1; // mono
  head.writeUInt16LE(preSkip, 10);
  head.writeUInt32LE(SPEECH_SAMPLE_RATE, 12);
  head.writeInt16LE(0, 16);
  head[18] = 0;
  yield oggPage([head], 0, 0, 0x02);
  const vendor = Buffer.from('azure-openai-media emulator', 'utf8');
  const comment = Buffer.from('EMULATOR=silent stand-in: no Opus encoder in plain Node', 'utf8');
  const tags = Buffer.alloc(8 + 4 + vendor.length + 4 + 4 + comment.length);
  let o = tags.write('OpusTags', 0, 'latin1');
  o = tags.writeUInt32LE(vendor.length, o);
  o += vendor.copy(tags, o);
  o = tags.writeUInt32LE(1, o);
  o = tags.writeUInt32LE(comment.length, o);
  comment.copy(tags, o);
  yield oggPage([tags], 0, 1, 0);
  const packets = Math.max(1, Math.ceil(seconds / 0.02));
  const silence = Buffer.from([0xf8, 0xff, 0xfe]); // TOC: CELT fullband 20 ms, one frame; then a silence frame
  let seq = 2;
  for (let done = 0; done < packets; ) {
    const n = Math.min(50, packets - done);
    done += n;
    const last = done === packets;
    yield oggPage(Array.from({ length: n }, () => silence), preSkip + done * 960, seq++, last ? 0x04 : 0);
  }
}

// ---- AAC-LC in ADTS: 1024-sample frames holding one single-channel element with no spectral data (silence).
function* aac(spec: SpeechSpec): Generator<Buffer> {
  const seconds = speechSeconds(spec.text, spec.speed);
  const frames = Math.max(1, Math.ceil((seconds * SPEECH_SAMPLE_RATE) / 1024));
  const raw = new BitWriter();
  raw.write(0, 3); // ID_SCE
  raw.write(0, 4); // element_instance_tag
  raw.write(100, 8); // global_gain
  raw.write(0, 1); // ics_reserved_bit
  raw.write(0, 2); // ONLY_LONG_SEQUENCE
  raw.write(0, 1); // window_shape
  raw.write(0, 6); // max_sfb = 0: no bands, no spectral data
  raw.write(0, 1); // predictor_data_present
  raw.write(0, 1); // pulse_data_present
  raw.write(0, 1); // tns_data_present
  raw.write(0, 1); // gain_control_data_present
  raw.write(7, 3); // ID_END
  const block = raw.toBuffer();
  const len = 7 + block.length;
  const h = new BitWriter();
  h.write(0xfff, 12);
  h.write(0, 1); // MPEG-4
  h.write(0, 2); // layer
  h.write(1, 1); // no CRC
  h.write(1, 2); // AAC LC
  h.write(6, 4); // 24 kHz
  h.write(0, 1);
  h.write(1, 3); // mono
  h.write(0, 4);
  h.write(len, 13);
  h.write(0x7ff, 11); // variable bit rate
  h.write(0, 2); // one raw data block
  const frame = Buffer.concat([h.toBuffer(), block]);
  for (let done = 0; done < frames; ) {
    const n = Math.min(256, frames - done);
    done += n;
    yield Buffer.concat(Array.from({ length: n }, () => frame));
  }
}

/** The speech file, as chunks to stream. */
export function synthesize(spec: SpeechSpec): Generator<Buffer> {
  switch (spec.format) {
    case 'wav':
      return wav(spec);
    case 'pcm':
      return pcm(spec);
    case 'flac':
      return flac(spec);
    case 'mp3':
      return mp3(spec);
    case 'opus':
      return opus(spec);
    case 'aac':
      return aac(spec);
  }
}
