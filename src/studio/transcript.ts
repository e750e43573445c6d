// Transcript views and conversions for the Studio's "Save as": a verbose_json result holds enough (segments with
// times) to be written as text, json, srt or vtt without calling the service again; the other formats can be saved
// as they came or as plain text. Pure functions, no `vscode`.

import { diarizedMarkdown, diarizedSrt, diarizedText, diarizedVtt, type SpeakerNames } from '../core/speakers';
import type { TranscriptResult } from '../core/types';
import type { TranscriptFileFormat, TranscriptView } from '../shared/protocol';

export function toView(result: TranscriptResult): TranscriptView {
  if (result.format === 'verbose_json') {
    return {
      format: 'verbose_json',
      text: result.text,
      language: result.language,
      duration: result.duration,
      segments: result.segments.map((s) => ({ id: s.id, start: s.start, end: s.end, text: s.text })),
      words: result.words.map((w) => ({ word: w.word, start: w.start, end: w.end })),
    };
  }
  if (result.format === 'diarized_json') {
    // Each row says who speaks, by the service's label; the page shows the names given in the Studio over it.
    const segments = result.segments.map((s, i) => ({ id: i, start: s.start, end: s.end, text: s.text.trim(), speaker: s.speaker }));
    return { format: result.format, text: result.text, duration: result.duration, segments, words: [] };
  }
  return { format: result.format, text: result.text, segments: [], words: [] };
}

/** The formats a result can be saved in without another request. */
export function saveFormats(result: TranscriptResult): TranscriptFileFormat[] {
  switch (result.format) {
    case 'verbose_json':
      return result.segments.length > 0 ? ['txt', 'json', 'verbose_json', 'srt', 'vtt'] : ['txt', 'json', 'verbose_json'];
    case 'json':
      return ['txt', 'json'];
    case 'diarized_json':
      return result.segments.length > 0 ? ['md', 'txt', 'srt', 'vtt'] : ['txt'];
    case 'srt':
      return ['srt', 'txt'];
    case 'vtt':
      return ['vtt', 'txt'];
    default:
      return ['txt'];
  }
}

export const TRANSCRIPT_EXTENSIONS: Record<TranscriptFileFormat, string> = {
  md: 'md',
  txt: 'txt',
  json: 'json',
  verbose_json: 'json',
  srt: 'srt',
  vtt: 'vtt',
};

/**
 * Renders a result in a file format; throws when the result lacks what the format needs (see saveFormats). `names`:
 * the speakers renamed in the Studio (label -> name), for a transcript by speaker.
 */
export function renderTranscript(result: TranscriptResult, format: TranscriptFileFormat, names: SpeakerNames = {}): string {
  if (!saveFormats(result).includes(format)) throw new RangeError(`a ${result.format} transcript cannot be saved as ${format}`);
  switch (format) {
    case 'md':
      return diarizedMarkdown(result.format === 'diarized_json' ? result.segments : [], names);
    case 'txt':
      if (result.format === 'diarized_json' && result.segments.length) return diarizedText(result.segments, names);
      return result.format === 'srt' || result.format === 'vtt' ? cuesToText(result.text) : ensureNewline(result.text);
    case 'json':
      return JSON.stringify({ text: result.text }, null, 2) + '\n';
    case 'verbose_json': {
      const v = result as Extract<TranscriptResult, { format: 'verbose_json' }>;
      const body = { task: v.task, language: v.language, duration: v.duration, text: v.text, segments: v.segments, words: v.words };
      return JSON.stringify(body, null, 2) + '\n';
    }
    case 'srt':
      if (result.format === 'srt') return ensureNewline(result.text);
      if (result.format === 'diarized_json') return diarizedSrt(result.segments, names);
      return segmentsOf(result)
        .map((s, i) => `${i + 1}\n${timestamp(s.start, ',')} --> ${timestamp(s.end, ',')}\n${s.text.trim()}\n`)
        .join('\n');
    case 'vtt':
      if (result.format === 'vtt') return ensureNewline(result.text);
      if (result.format === 'diarized_json') return diarizedVtt(result.segments, names);
      return (
        'WEBVTT\n\n' +
        segmentsOf(result)
          .map((s) => `${timestamp(s.start, '.')} --> ${timestamp(s.end, '.')}\n${s.text.trim()}\n`)
          .join('\n')
      );
  }
}

function segmentsOf(result: TranscriptResult): Array<{ start: number; end: number; text: string }> {
  return result.format === 'verbose_json' ? result.segments : [];
}

/** `HH:MM:SS,mmm` (srt) or `HH:MM:SS.mmm` (vtt). */
export function timestamp(seconds: number, separator: ',' | '.'): string {
  const totalMs = Math.max(0, Math.round(seconds * 1000));
  const ms = totalMs % 1000;
  const s = Math.floor(totalMs / 1000) % 60;
  const m = Math.floor(totalMs / 60000) % 60;
  const h = Math.floor(totalMs / 3600000);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}${separator}${pad(ms, 3)}`;
}

/** The spoken text of an srt or vtt document: cue numbers, timings and the WEBVTT header dropped. */
export function cuesToText(document: string): string {
  const lines = document.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  for (const line of lines) {
    const t = line.trim();
    if (!t || t === 'WEBVTT' || /^\d+$/.test(t) || t.includes('-->') || /^(NOTE|STYLE|REGION)\b/.test(t)) continue;
    out.push(t);
  }
  return out.join('\n') + '\n';
}

function ensureNewline(text: string): string {
  return text.endsWith('\n') ? text : text + '\n';
}
