// Long recordings for the splitting tests, written to disk in pieces: tone bursts with silences between them (so a
// quiet moment exists near every cut), as WAV, and as MP3 encoded by lame (installed by scripts/setup-vscode-web.sh).
import { execFileSync } from 'node:child_process';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { writeRepeating } from './coreFixtures';
import { wavHeader } from '../emulator/speech';

/** Tone for `toneSeconds`, then silence for `quietSeconds`, repeated. */
export const PATTERN = { toneSeconds: 4, quietSeconds: 1 };

function patternSample(i: number, sampleRate: number): number {
  const t = i / sampleRate;
  const period = PATTERN.toneSeconds + PATTERN.quietSeconds;
  if (t % period >= PATTERN.toneSeconds) return 0;
  return Math.round(9000 * Math.sin(2 * Math.PI * 300 * t) + 3000 * Math.sin(2 * Math.PI * 1170 * t));
}

/** True when second `t` of the pattern falls in a silence (with `slack` seconds of tolerance at its edges). */
export function inSilence(t: number, slack = 0.05): boolean {
  const period = PATTERN.toneSeconds + PATTERN.quietSeconds;
  const at = t % period;
  return at >= PATTERN.toneSeconds - slack || at <= slack;
}

/** A 16-bit mono PCM WAV of about `totalBytes`, with a LIST chunk before `data` (parts must not copy it). */
export async function writePatternWav(
  path: string,
  totalBytes: number,
  sampleRate = 16000,
): Promise<{ dataBytes: number; seconds: number }> {
  const info = Buffer.from('INFOISFT\x05\x00\x00\x00test\x00\x00', 'latin1');
  const list = Buffer.concat([Buffer.from('LIST', 'latin1'), Buffer.alloc(4), info]);
  list.writeUInt32LE(list.length - 8, 4);
  const dataBytes = Math.floor((totalBytes - 44 - list.length) / 2) * 2;
  const header = wavHeader(dataBytes, sampleRate);
  header.writeUInt32LE(36 + list.length + dataBytes, 4);
  const out = createWriteStream(path);
  out.write(Buffer.concat([header.subarray(0, 36), list, header.subarray(36)]));
  const piece = Buffer.alloc(sampleRate * 2 * 10); // 10 s: a whole number of pattern periods
  for (let i = 0; i < piece.length / 2; i++) piece.writeInt16LE(patternSample(i, sampleRate), i * 2);
  await writeRepeating(out, piece, dataBytes);
  return { dataBytes, seconds: dataBytes / (sampleRate * 2) };
}

/**
 * Two speakers taking turns, as the emulator hears voices (test/emulator/voices.ts: pitch): the first a 200 Hz tone for
 * 20 s, a 0.5 s pause, the second a 350 Hz tone for 15 s, a pause, and again. Parts cut at a pause near 786 s (the
 * upload limit of 16 kHz mono) start with the second speaker, so per-request labels would swap.
 */
export const TWO_VOICES = { first: { hz: 200, seconds: 20 }, second: { hz: 350, seconds: 15 }, pause: 0.5 };

/** Which speaker of TWO_VOICES is heard at second `t` (0 in a pause). */
export function voiceAt(t: number): 0 | 1 | 2 {
  const { first, second, pause } = TWO_VOICES;
  const at = t % (first.seconds + second.seconds + 2 * pause);
  if (at < first.seconds) return 1;
  if (at >= first.seconds + pause && at < first.seconds + pause + second.seconds) return 2;
  return 0;
}

/** The speaker of TWO_VOICES whose one turn holds all of [start, end] (with 10 ms of slack), else 0. */
export function turnOf(start: number, end: number): 0 | 1 | 2 {
  const { first, second, pause } = TWO_VOICES;
  const period = first.seconds + second.seconds + 2 * pause;
  const [a, b] = [start + 0.01, end - 0.01];
  if (Math.floor(a / period) !== Math.floor(b / period)) return 0;
  const voice = voiceAt(a);
  return voice === voiceAt(b) ? voice : 0;
}

/** A 16-bit mono PCM WAV of about `totalBytes` holding TWO_VOICES, written in pieces. */
export async function writeTwoVoiceWav(path: string, totalBytes: number, sampleRate = 16000): Promise<{ seconds: number }> {
  const { first, second, pause } = TWO_VOICES;
  const period = first.seconds + second.seconds + 2 * pause;
  const piece = Buffer.alloc(Math.round(period * sampleRate) * 2);
  for (let i = 0; i < piece.length / 2; i++) {
    const t = i / sampleRate;
    const voice = voiceAt(t);
    const hz = voice === 1 ? first.hz : second.hz;
    piece.writeInt16LE(voice ? Math.round(8000 * Math.sin(2 * Math.PI * hz * t)) : 0, i * 2);
  }
  const dataBytes = Math.floor((totalBytes - 44) / 2) * 2;
  const out = createWriteStream(path);
  out.write(wavHeader(dataBytes, sampleRate));
  await writeRepeating(out, piece, dataBytes);
  return { seconds: dataBytes / (sampleRate * 2) };
}

/** lame's path, or an error saying how to get it (the MP3 tests need real encoder output). */
export function lame(): string {
  try {
    execFileSync('lame', ['--version'], { stdio: 'ignore' });
    return 'lame';
  } catch {
    throw new Error('lame is not installed; run scripts/setup-vscode-web.sh (it installs lame, sox and espeak-ng).');
  }
}

/**
 * An MP3 of at least `minBytes`: 60 s of the pattern encoded by lame at 128 kbit/s (44.1 kHz, with an ID3v2 tag and
 * its Xing/Info frame), followed by copies encoded without the Info frame (`-t`), and an ID3v1 tag at the end.
 * Returns the seconds of audio it holds.
 */
export function writePatternMp3(dir: string, path: string, minBytes: number): { seconds: number } {
  const sampleRate = 44100;
  const seconds = 60;
  const pcm = Buffer.alloc(seconds * sampleRate * 2);
  for (let i = 0; i < seconds * sampleRate; i++) pcm.writeInt16LE(patternSample(i, sampleRate), i * 2);
  const wav = `${dir}/pattern.wav`;
  writeFileSync(wav, Buffer.concat([wavHeader(pcm.length, sampleRate), pcm]));
  const exe = lame();
  execFileSync(exe, ['--silent', '-b', '128', '--cbr', '--add-id3v2', '--tt', 'Long test', wav, `${dir}/first.mp3`]);
  execFileSync(exe, ['--silent', '-b', '128', '--cbr', '-t', wav, `${dir}/rest.mp3`]);
  const first = readFileSync(`${dir}/first.mp3`);
  const rest = readFileSync(`${dir}/rest.mp3`);
  const copies = Math.max(0, Math.ceil((minBytes - first.length) / rest.length));
  const tag = Buffer.alloc(128);
  tag.write('TAGLong test', 0, 'latin1');
  writeFileSync(path, Buffer.concat([first, ...Array.from({ length: copies }, () => rest), tag]));
  return { seconds: 0 }; // measured by the caller from the frames
}
