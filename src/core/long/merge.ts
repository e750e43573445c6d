// Merging the transcripts of a long recording's parts into one, in the format asked for. Every part's timestamps are
// shifted by the duration of the parts before it (known exactly from the split: samples or MP3 frames).
import type { TranscriptResult, TranscriptSegment, TranscriptWord } from '../types';

export interface PartTranscript {
  result: TranscriptResult;
  /** Seconds of audio before this part. */
  offset: number;
  /** Seconds of audio in this part. */
  seconds: number;
}

export function mergeTranscripts(parts: PartTranscript[]): TranscriptResult {
  if (!parts.length) throw new Error('There are no parts to merge.'); // a programming error: a plan has at least one part
  const format = parts[0].result.format;
  const requestId = parts.map((p) => p.result.requestId).filter(Boolean).join(', ') || undefined;
  const texts = parts.map((p) => p.result.text.trim()).filter((t) => t.length > 0);
  switch (format) {
    case 'text':
      return { format, text: `${texts.join(' ')}\n`, requestId };
    case 'srt':
      return { format, text: mergeSrt(parts.map((p) => ({ text: p.result.text, offset: p.offset }))), requestId };
    case 'vtt':
      return { format, text: mergeVtt(parts.map((p) => ({ text: p.result.text, offset: p.offset }))), requestId };
    case 'json': {
      const usage = sumUsage(parts.map((p) => (p.result.format === 'json' ? p.result.usage : undefined)));
      return { format, text: texts.join(' '), ...(usage ? { usage } : {}), requestId };
    }
    case 'verbose_json': {
      const segments: TranscriptSegment[] = [];
      const words: TranscriptWord[] = [];
      for (const p of parts) {
        if (p.result.format !== 'verbose_json') continue;
        for (const s of p.result.segments) {
          segments.push({
            ...s,
            id: segments.length,
            seek: s.seek + Math.round(p.offset * 100), // seek counts 10 ms frames
            start: shift(s.start, p.offset),
            end: shift(s.end, p.offset),
          });
        }
        for (const w of p.result.words) words.push({ ...w, start: shift(w.start, p.offset), end: shift(w.end, p.offset) });
      }
      const first = parts[0].result;
      const last = parts[parts.length - 1];
      const usage = sumUsage(parts.map((p) => (p.result.format === 'verbose_json' ? p.result.usage : undefined)));
      return {
        format,
        task: first.task,
        language: first.language,
        duration: round(last.offset + last.seconds, 3),
        text: texts.join(' '),
        segments,
        words,
        ...(usage ? { usage } : {}),
        requestId,
      };
    }
    case 'diarized_json': {
      // Speaker labels are the service's per request: transcribeDiarizedParts has already mapped the later parts' labels
      // to part 1's (carry.ts), so segments are joined as they are.
      const segments = parts.flatMap((p) =>
        p.result.format === 'diarized_json'
          ? p.result.segments.map((s) => ({ ...s, start: shift(s.start, p.offset), end: shift(s.end, p.offset) }))
          : [],
      ).map((s, i) => ({ ...s, id: `seg_${i}` }));
      const usage = sumUsage(parts.map((p) => (p.result.format === 'diarized_json' ? p.result.usage : undefined)));
      const last = parts[parts.length - 1];
      return {
        format, text: texts.join(' '), duration: round(last.offset + last.seconds, 3), segments, ...(usage ? { usage } : {}), requestId,
      };
    }
  }
}

const round = (n: number, digits = 3): number => Math.round(n * 10 ** digits) / 10 ** digits;
const shift = (t: number, offset: number): number => round(t + offset);

/** Numeric usage fields added up (seconds, tokens); `type` and other text kept from the first part. */
function sumUsage(usages: Array<Record<string, unknown> | undefined>): Record<string, unknown> | undefined {
  const present = usages.filter((u): u is Record<string, unknown> => !!u);
  if (!present.length) return undefined;
  const add = (a: unknown, b: unknown): unknown => {
    if (typeof a === 'number' && typeof b === 'number') return a + b;
    if (a && b && typeof a === 'object' && typeof b === 'object') {
      const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
      for (const [k, v] of Object.entries(b as Record<string, unknown>)) out[k] = k in out ? add(out[k], v) : v;
      return out;
    }
    return a ?? b;
  };
  return present.slice(1).reduce((acc, u) => add(acc, u) as Record<string, unknown>, { ...present[0] });
}

const TIME = /(?:(\d+):)?(\d{1,2}):(\d{2})[,.](\d{3})/g;

function parseStamp(h: string | undefined, m: string, s: string, ms: string): number {
  return (h ? Number(h) : 0) * 3600 + Number(m) * 60 + Number(s) + Number(ms) / 1000;
}

export function formatStamp(seconds: number, sep: ',' | '.'): string {
  const total = Math.max(0, Math.round(seconds * 1000));
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  const h = Math.floor(total / 3600000);
  const m = Math.floor((total % 3600000) / 60000);
  const s = Math.floor((total % 60000) / 1000);
  return `${pad(h)}:${pad(m)}:${pad(s)}${sep}${pad(total % 1000, 3)}`;
}

/** A timing line with both stamps shifted; whatever follows the second stamp (VTT cue settings) is kept. */
function shiftTiming(line: string, offset: number, sep: ',' | '.'): string {
  return line.replace(TIME, (_all, h: string | undefined, m: string, s: string, ms: string) =>
    formatStamp(parseStamp(h, m, s, ms) + offset, sep),
  );
}

function blocks(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((b) => b.split('\n').filter((l, i, all) => !(i === all.length - 1 && l === '')))
    .filter((b) => b.some((l) => l.trim() !== ''));
}

/** SubRip: cues renumbered 1..N across the parts, times shifted. */
export function mergeSrt(parts: Array<{ text: string; offset: number }>): string {
  const out: string[] = [];
  for (const part of parts) {
    for (const block of blocks(part.text)) {
      const timing = block.findIndex((l) => l.includes('-->'));
      if (timing < 0) continue;
      out.push([String(out.length + 1), shiftTiming(block[timing], part.offset, ','), ...block.slice(timing + 1)].join('\n'));
    }
  }
  return out.map((cue) => `${cue}\n\n`).join('');
}

/**
 * WebVTT: one WEBVTT header (the first part's, with its NOTE/STYLE/REGION blocks); cues shifted, and numeric cue
 * identifiers renumbered 1..N (other identifiers are kept, they may be referenced by styles).
 */
export function mergeVtt(parts: Array<{ text: string; offset: number }>): string {
  const out: string[] = [];
  let header = 'WEBVTT';
  let cues = 0;
  for (const [index, part] of parts.entries()) {
    for (const block of blocks(part.text)) {
      if (/^WEBVTT/.test(block[0])) {
        if (index === 0) header = block.join('\n');
        continue;
      }
      const timing = block.findIndex((l) => l.includes('-->'));
      if (timing < 0) {
        if (index === 0) out.push(block.join('\n')); // NOTE, STYLE, REGION: the first part's only
        continue;
      }
      cues++;
      const id = timing > 0 ? block.slice(0, timing) : [];
      const ident = id.length === 1 && /^\d+$/.test(id[0].trim()) ? [String(cues)] : id;
      out.push([...ident, shiftTiming(block[timing], part.offset, '.'), ...block.slice(timing + 1)].join('\n'));
    }
  }
  return `${header}\n\n${out.map((b) => `${b}\n\n`).join('')}`;
}
