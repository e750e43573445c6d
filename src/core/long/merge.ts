// Merging the transcripts of a long recording's parts into one, in the format asked for. Every part's timestamps are
// shifted by the duration of the parts before it (known exactly from the split: samples or MP3 frames).
import type { TranscriptResult, TranscriptSegment, TranscriptWord } from '../types';
import { repairSeams, type SeamFix } from './seam';
import { namesAndTerms } from './terms';

export interface PartTranscript {
  result: TranscriptResult;
  /** Seconds of audio before this part. */
  offset: number;
  /** Seconds of audio in this part. */
  seconds: number;
}

export interface MergeOptions {
  /** The request's language, if one was given (the seam repair's English rules apply when it is English or unknown). */
  language?: string;
  /** Called for each seam that was mended (1-based: the seam after part `index`), for the log. */
  onSeam?: (index: number, fix: SeamFix) => void;
}

/**
 * One transcript from the parts' transcripts, in their format: times shifted by each part's offset, cues and segments
 * renumbered, usage added up, and every seam mended (seam.ts: a repeat at the start of a part, a sentence cut in two).
 */
export function mergeTranscripts(parts: PartTranscript[], opts: MergeOptions = {}): TranscriptResult {
  if (!parts.length) throw new Error('There are no parts to merge.'); // a programming error: a plan has at least one part
  const first = parts[0].result;
  const format = first.format;
  const requestId = parts.map((p) => p.result.requestId).filter(Boolean).join(', ') || undefined;
  const lang = (opts.language ?? (first.format === 'verbose_json' ? first.language : undefined))?.toLowerCase();
  const english = !lang || lang === 'en' || lang === 'english';
  // Each part's texts (the whole text, or its cues or segments), mended where one part meets the next.
  const mendFixes = (texts: string[][], compare?: (k: number) => boolean): { parts: string[][]; fixes: SeamFix[] } => {
    const names = new Set(namesAndTerms(texts.flat().join(' ')).map((t) => t.toLowerCase()));
    const mended = repairSeams(texts, { names, english }, compare);
    mended.fixes.forEach((f, k) => (f.trimLeft || f.trimRight || f.join) && opts.onSeam?.(k + 1, f));
    return mended;
  };
  const mend = (texts: string[][], compare?: (k: number) => boolean): string[][] => mendFixes(texts, compare).parts;
  const joined = (texts: string[]): string => texts.map((t) => t.trim()).filter((t) => t.length > 0).join(' ');
  const plain = () => joined(mend(parts.map((p) => [p.result.text])).map((t) => t[0]));
  switch (format) {
    case 'text':
      return { format, text: `${plain()}\n`, requestId };
    case 'srt':
    case 'vtt': {
      const sep = format === 'srt' ? ',' : '.';
      const cued = parts.map((p, i) => cuesOf(p.result.text, p.offset, sep, i === 0));
      const texts = mend(cued.map((c) => c.cues.map((cue) => cue.lines.join('\n'))));
      cued.forEach((c, i) => {
        c.cues = c.cues.map((cue, j) => ({ ...cue, lines: texts[i][j].trim() ? texts[i][j].trim().split('\n') : [] }));
      });
      return { format, text: format === 'srt' ? writeSrt(cued) : writeVtt(cued), requestId };
    }
    case 'json': {
      const usage = sumUsage(parts.map((p) => (p.result.format === 'json' ? p.result.usage : undefined)));
      return { format, text: plain(), ...(usage ? { usage } : {}), requestId };
    }
    case 'verbose_json': {
      const verbose = parts.map((p) => (p.result.format === 'verbose_json' ? p.result : undefined));
      // The segments' texts when there are segments (the text is theirs joined), else the text.
      const bySegments = verbose.map((v) => (v?.segments.length ?? 0) > 0);
      const units = parts.map((p, i) => (bySegments[i] ? verbose[i]!.segments.map((s) => s.text) : [p.result.text]));
      const { parts: texts, fixes } = mendFixes(units);
      const segments: TranscriptSegment[] = [];
      const words: TranscriptWord[] = [];
      const partTexts: string[] = [];
      for (const [i, p] of parts.entries()) {
        const v = verbose[i];
        if (!v) continue;
        if (bySegments[i]) {
          v.segments.forEach((s, j) => {
            if (!texts[i][j].trim()) return;
            segments.push({
              ...s,
              text: texts[i][j],
              id: segments.length,
              seek: s.seek + Math.round(p.offset * 100), // seek counts 10 ms frames
              start: shift(s.start, p.offset),
              end: shift(s.end, p.offset),
            });
          });
        }
        partTexts.push(bySegments[i] ? joined(texts[i]) : texts[i][0]);
        // The words the seams took off the text go from the word list too.
        const fromStart = i > 0 ? fixes[i - 1].trimRight : 0;
        const fromEnd = i < fixes.length ? fixes[i].trimLeft : 0;
        for (const w of v.words.slice(fromStart, v.words.length - fromEnd)) {
          words.push({ ...w, start: shift(w.start, p.offset), end: shift(w.end, p.offset) });
        }
      }
      const last = parts[parts.length - 1];
      const usage = sumUsage(verbose.map((v) => v?.usage));
      const head = verbose[0]!;
      return {
        format,
        task: head.task,
        language: head.language,
        duration: round(last.offset + last.seconds, 3),
        text: joined(partTexts),
        segments,
        words,
        ...(usage ? { usage } : {}),
        requestId,
      };
    }
    case 'diarized_json': {
      // Speaker labels are the service's per request: transcribeDiarizedParts has already mapped the later parts' labels
      // to part 1's (carry.ts), so segments are joined as they are. A seam is mended only where one speaker goes on.
      const diarized = parts.map((p) => (p.result.format === 'diarized_json' ? p.result.segments : []));
      const texts = mend(diarized.map((segs) => segs.map((s) => s.text)), (k) => {
        const before = diarized[k].filter((s) => s.text.trim()).at(-1);
        const after = diarized[k + 1].find((s) => s.text.trim());
        return !!before && !!after && before.speaker === after.speaker;
      });
      const segments = parts.flatMap((p, i) => diarized[i]
        .map((s, j) => ({ ...s, text: texts[i][j], start: shift(s.start, p.offset), end: shift(s.end, p.offset) }))
        .filter((s) => s.text.trim()))
        .map((s, i) => ({ ...s, id: `seg_${i}` }));
      const usage = sumUsage(parts.map((p) => (p.result.format === 'diarized_json' ? p.result.usage : undefined)));
      const last = parts[parts.length - 1];
      return {
        format, text: joined(texts.map(joined)), duration: round(last.offset + last.seconds, 3), segments,
        ...(usage ? { usage } : {}), requestId,
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

interface Cue {
  /** The lines before the timing (a VTT identifier; an SRT number is not kept, cues are renumbered). */
  id: string[];
  /** The timing line, shifted. */
  timing: string;
  lines: string[];
}

interface CuedPart {
  /** A VTT part's own header and NOTE/STYLE/REGION blocks (only the first part's are kept). */
  header?: string;
  blocks: string[];
  cues: Cue[];
}

/** A part's SubRip or WebVTT cues with their times shifted by `offset`. */
function cuesOf(text: string, offset: number, sep: ',' | '.', first: boolean): CuedPart {
  const part: CuedPart = { blocks: [], cues: [] };
  for (const block of blocks(text)) {
    if (sep === '.' && /^WEBVTT/.test(block[0])) {
      if (first) part.header = block.join('\n');
      continue;
    }
    const timing = block.findIndex((l) => l.includes('-->'));
    if (timing < 0) {
      if (sep === '.' && first) part.blocks.push(block.join('\n')); // NOTE, STYLE, REGION: the first part's only
      continue;
    }
    const id = sep === '.' ? block.slice(0, timing) : [];
    part.cues.push({ id, timing: shiftTiming(block[timing], offset, sep), lines: block.slice(timing + 1) });
  }
  return part;
}

/** SubRip: cues renumbered 1..N across the parts (a cue the seam repair emptied is left out). */
function writeSrt(parts: CuedPart[]): string {
  const cues = parts.flatMap((p) => p.cues).filter((c) => c.lines.length > 0);
  return cues.map((c, i) => `${[String(i + 1), c.timing, ...c.lines].join('\n')}\n\n`).join('');
}

/**
 * WebVTT: one WEBVTT header (the first part's, with its NOTE/STYLE/REGION blocks); numeric cue identifiers renumbered
 * 1..N (other identifiers are kept, they may be referenced by styles).
 */
function writeVtt(parts: CuedPart[]): string {
  const out = [...(parts[0]?.blocks ?? [])];
  let count = 0;
  for (const cue of parts.flatMap((p) => p.cues).filter((c) => c.lines.length > 0)) {
    count++;
    const ident = cue.id.length === 1 && /^\d+$/.test(cue.id[0].trim()) ? [String(count)] : cue.id;
    out.push([...ident, cue.timing, ...cue.lines].join('\n'));
  }
  return `${parts[0]?.header ?? 'WEBVTT'}\n\n${out.map((b) => `${b}\n\n`).join('')}`;
}
