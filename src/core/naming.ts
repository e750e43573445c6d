// Output file names: made from text, never clobbering. Pure functions, no `vscode` import.

import { msg, WordedError } from './messages';
import type { AudioResponseFormat, ImageOutputFormat, SpeechFormat } from './types';

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * A short, file-system-safe stem from free text: letters and digits of any script, lower-cased, words joined by
 * `-`, cut at a word boundary within `maxLength`. Text with nothing usable gives `fallback`.
 */
export function nameFromText(text: string, maxLength = 40, fallback = 'untitled'): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // combining marks left by NFKD: "café" -> "cafe"
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  let stem = '';
  for (const word of words) {
    const next = stem ? `${stem}-${word}` : word;
    if (next.length > maxLength) {
      if (!stem) stem = word.slice(0, maxLength); // one very long word: cut it
      break;
    }
    stem = next;
  }
  if (!stem) return fallback;
  return WINDOWS_RESERVED.test(stem) ? `${stem}-file` : stem;
}

/** `name.ext` -> `{ stem: 'name', ext: '.ext' }`; a leading dot is part of the stem (`.env` has no extension). */
export function splitName(fileName: string): { stem: string; ext: string } {
  const dot = fileName.lastIndexOf('.');
  if (dot <= 0) return { stem: fileName, ext: '' };
  return { stem: fileName.slice(0, dot), ext: fileName.slice(dot) };
}

/**
 * The n-th candidate for a desired name: `a.png`, `a-2.png`, `a-3.png`, … (n starts at 1). A name that already ends
 * in such a suffix counts on from it (`call-2.txt`, `call-3.txt`), so the transcripts of `call.wav` and `call-2.wav`
 * beside a `call.txt` become `call-2.txt` and `call-3.txt`, not `call-2-2.txt`.
 */
export function candidateName(desired: string, n: number): string {
  if (n <= 1) return desired;
  const { stem, ext } = splitName(desired);
  const suffixed = /^(.+)-([2-9]|[1-9]\d{1,2})$/.exec(stem);
  if (suffixed) return `${suffixed[1]}-${Number(suffixed[2]) + n - 1}${ext}`;
  return `${stem}-${n}${ext}`;
}

/**
 * The first of `desired`, `desired-2`, … that `isTaken` says is free. Gives up after `limit` tries.
 */
export async function uniqueName(
  desired: string,
  isTaken: (name: string) => boolean | Promise<boolean>,
  limit = 10_000,
): Promise<string> {
  for (let n = 1; n <= limit; n++) {
    const name = candidateName(desired, n);
    if (!(await isTaken(name))) return name;
  }
  throw new WordedError(msg('naming.noFreeName', { name: desired, limit }));
}

/** Synchronous `uniqueName` against a known set of existing names (case-insensitive). */
export function uniqueNameIn(desired: string, existing: Iterable<string>): string {
  const taken = new Set([...existing].map((n) => n.toLowerCase()));
  for (let n = 1; ; n++) {
    const name = candidateName(desired, n);
    if (!taken.has(name.toLowerCase())) return name;
  }
}

/** The file extension a transcript of `format` is saved with. */
export function transcriptExtension(format: AudioResponseFormat): string {
  switch (format) {
    case 'text':
      return '.txt';
    case 'srt':
      return '.srt';
    case 'vtt':
      return '.vtt';
    case 'json':
    case 'verbose_json':
      return '.json';
    case 'diarized_json':
      return '.md'; // saved as a Markdown transcript by speaker (speakers.ts), not as the JSON
  }
}

/**
 * The transcript's name beside its audio: `talk.wav` -> `talk.txt`; a translation is marked as English:
 * `talk.wav` -> `talk.en.txt`.
 */
export function transcriptName(audioName: string, format: AudioResponseFormat, translated = false): string {
  const { stem } = splitName(audioName);
  return `${stem}${translated ? '.en' : ''}${transcriptExtension(format)}`;
}

/** An edited image beside its original: `cat.png` -> `cat.edited.png`. */
export function editedImageName(imageName: string, format: ImageOutputFormat | undefined): string {
  const { stem, ext } = splitName(imageName);
  const base = stem.replace(/\.edited(-\d+)?$/, '');
  return `${base}.edited${format ? imageExtension(format) : ext || '.png'}`;
}

/** The composite that keeps the mask's protected area, beside the model's answer: `cat.edited.png` -> `cat.edited.kept.png`. */
export function keptImageName(answerName: string): string {
  const { stem, ext } = splitName(answerName);
  return `${stem}.kept${ext || '.png'}`;
}

/** The mask offered first for an image: `cat.png` -> `cat.mask.png`. */
export function maskName(imageName: string): string {
  return `${splitName(imageName).stem}.mask.png`;
}

export function isMaskName(fileName: string): boolean {
  return /\.mask\.png$/i.test(fileName);
}

export function imageExtension(format: ImageOutputFormat): string {
  return format === 'jpeg' ? '.jpg' : '.png';
}

export function speechExtension(format: SpeechFormat): string {
  return `.${format}`;
}

/**
 * Names for `count` images generated from one prompt: one image is `stem.png`; several are `stem-1.png`,
 * `stem-2.png`, … (each then made unique against the folder by the writer).
 */
export function imageNames(prompt: string, count: number, format: ImageOutputFormat): string[] {
  const stem = nameFromText(prompt, 40, 'image');
  const ext = imageExtension(format);
  if (count <= 1) return [`${stem}${ext}`];
  return Array.from({ length: count }, (_, i) => `${stem}-${i + 1}${ext}`);
}

/**
 * The names a run's outputs take when the user named the first one in a save dialog: that name with the output's own
 * extension (the service decides the format), and for several outputs `name-1`, `name-2`, … in the same way.
 */
export function namedAs(chosen: string, generated: readonly string[]): string[] {
  const { stem } = splitName(chosen);
  return generated.map((name, i) => `${stem}${generated.length > 1 ? `-${i + 1}` : ''}${splitName(name).ext}`);
}

/** A hidden temporary name in the same folder, so the final rename is atomic and a failed run leaves nothing. */
export function temporaryName(finalName: string, token: string): string {
  return `.${finalName}.${token}.partial`;
}

export function isTemporaryName(fileName: string): boolean {
  return /^\..+\.[0-9a-z]+\.partial$/i.test(fileName);
}
