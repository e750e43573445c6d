// How the emulator tells speakers apart: it "hears" a voice as the steady pitch of 16-bit PCM WAV audio. Every half
// second of the upload is reduced, as the bytes stream past, to the zero-crossing rate (a pure tone of f Hz crosses zero
// 2f times a second) of its 50 ms stretches, rounded to a 50 Hz band: the window is that voice when at least three
// quarters of it sound at one band, else nothing (quiet, or a pitch that moves as real speech does). Windows in the same
// band are one voice; a known speaker's reference is heard the same way, so a segment is given the name whose reference
// has its voice. Test fixtures make a speaker by giving them a tone in the middle of a band (200 Hz, 350 Hz); speech
// is not told apart this way, and audio with fewer than two voices heard (speech, one tone, compressed formats, other
// sample sizes) gets the scripted turns in diarize.ts.

import { parseWav, type WavInfo } from './formats';

/** Length of one heard window. */
export const VOICE_WINDOW_SECONDS = 0.5;
/** Width of one pitch band: tones closer than this are one voice. */
export const VOICE_BAND_HZ = 50;
/** Below this RMS (of full scale) a 50 ms stretch is quiet. */
const QUIET_RMS = 0.01;
const STRETCH_SECONDS = 0.05;
const STRETCHES = Math.round(VOICE_WINDOW_SECONDS / STRETCH_SECONDS);

function bandOf(hz: number): number {
  return Math.max(VOICE_BAND_HZ, Math.round(hz / VOICE_BAND_HZ) * VOICE_BAND_HZ);
}

/** The voice of each window of a WAV as it streams past: a pitch band in Hz, or 0 when quiet. */
export class VoiceMeter {
  private head: Buffer = Buffer.alloc(0);
  private info: WavInfo | undefined;
  private dead = false;
  /** Bytes of the file seen so far. */
  private offset = 0;
  private pending: Buffer = Buffer.alloc(0);
  private stretchSamples = 0;
  /** The current 50 ms stretch. */
  private samples = 0;
  private crossings = 0;
  private energy = 0;
  /** The current window: its stretches, how many were voiced, their pitch band and whether they all shared it. */
  private stretches = 0;
  private voicedStretches = 0;
  private band = 0;
  private steady = true;
  private lastSign = 0;
  private readonly windows: number[] = [];

  push(data: Buffer): void {
    if (this.dead) return;
    if (!this.info) {
      this.head = Buffer.concat([this.head, data]);
      const info = parseWav(this.head);
      if (!info) {
        if (this.head.length > 64 * 1024 || (this.head.length >= 12 && this.head.toString('latin1', 0, 4) !== 'RIFF')) this.dead = true;
        return;
      }
      if (info.bitsPerSample !== 16 || info.channels < 1) {
        this.dead = true;
        return;
      }
      this.info = info;
      this.stretchSamples = Math.max(1, Math.round(info.sampleRate * STRETCH_SECONDS));
      const body = this.head.subarray(info.dataOffset);
      this.offset = info.dataOffset;
      this.head = Buffer.alloc(0);
      this.samplesOf(body);
      return;
    }
    this.samplesOf(data);
  }

  private samplesOf(data: Buffer): void {
    const info = this.info!;
    const end = info.dataSize === 0 || info.dataSize === 0xffffffff ? Infinity : info.dataOffset + info.dataSize;
    const room = Math.max(0, Math.min(data.length, end - this.offset));
    this.offset += data.length;
    let b = this.pending.length ? Buffer.concat([this.pending, data.subarray(0, room)]) : data.subarray(0, room);
    const block = info.channels * 2;
    let o = 0;
    for (; o + block <= b.length; o += block) {
      const v = b.readInt16LE(o); // the first channel
      const sign = v > 0 ? 1 : v < 0 ? -1 : 0;
      if (sign !== 0) {
        if (this.lastSign !== 0 && sign !== this.lastSign) this.crossings++;
        this.lastSign = sign;
      }
      this.energy += (v / 32768) ** 2;
      if (++this.samples === this.stretchSamples) this.closeStretch();
    }
    b = b.subarray(o);
    this.pending = Buffer.from(b);
  }

  private closeStretch(): void {
    if (Math.sqrt(this.energy / this.samples) >= QUIET_RMS) {
      const band = bandOf(this.crossings / 2 / (this.samples / this.info!.sampleRate));
      if (this.voicedStretches === 0) this.band = band;
      else if (band !== this.band) this.steady = false;
      this.voicedStretches++;
    }
    this.samples = 0;
    this.crossings = 0;
    this.energy = 0;
    if (++this.stretches === STRETCHES) this.closeWindow();
  }

  private closeWindow(): void {
    // A voice is a steady pitch over most of the window; speech-like audio (pitch and formants moving) is not one.
    this.windows.push(this.steady && this.voicedStretches * 4 >= STRETCHES * 3 ? this.band : 0);
    this.stretches = 0;
    this.voicedStretches = 0;
    this.steady = true;
  }

  /** One entry per whole window (a last window of at least half the length counts); undefined for audio it cannot hear. */
  voices(): number[] | undefined {
    if (this.dead || !this.info) return undefined;
    if (this.samples > 0) this.closeStretch();
    if (this.stretches * 2 >= STRETCHES) this.closeWindow();
    return this.windows;
  }
}

/** The voices heard in a whole file held in memory (a known speaker's reference). */
export function hearVoices(bytes: Buffer): number[] | undefined {
  const meter = new VoiceMeter();
  meter.push(bytes);
  return meter.voices();
}

/** The voice heard most in [start, end) seconds (windows whose middle falls there); undefined when all is quiet. */
export function voiceBetween(track: readonly number[], start: number, end: number): number | undefined {
  const counts = new Map<number, number>();
  const first = Math.max(0, Math.floor(start / VOICE_WINDOW_SECONDS));
  for (let w = first; w < track.length && (w + 0.5) * VOICE_WINDOW_SECONDS < end; w++) {
    if ((w + 0.5) * VOICE_WINDOW_SECONDS < start || track[w] === 0) continue;
    counts.set(track[w], (counts.get(track[w]) ?? 0) + 1);
  }
  let best: number | undefined;
  let most = 0;
  for (const [voice, n] of counts) {
    if (n > most || (n === most && best !== undefined && voice < best)) {
      best = voice;
      most = n;
    }
  }
  return best;
}

/** The one voice of a whole clip (the most heard), or undefined when it holds none the emulator can hear. */
export function voiceOf(track: readonly number[] | undefined): number | undefined {
  return track ? voiceBetween(track, 0, Infinity) : undefined;
}
