// Splitting a long text for speech into parts the service accepts. Pure (no Node, no vscode): the Studio's page uses
// it to show how many parts a text will take. Characters are counted as the service and validation.ts count them:
// Unicode code points (Array.from), not UTF-16 units.

const length = (s: string): number => Array.from(s).length;

/** Sentence pieces (with their trailing spaces), by Intl.Segmenter where the runtime has it. */
function sentences(text: string): string[] {
  if (typeof Intl !== 'undefined' && 'Segmenter' in Intl) {
    return Array.from(new Intl.Segmenter(undefined, { granularity: 'sentence' }).segment(text), (s) => s.segment);
  }
  return text.match(/[^.!?…。！？\n]*(?:[.!?…。！？]+["'»)\]]*|\n+|$)\s*/g)?.filter((s) => s) ?? [text];
}

/** Pieces ending at a clause mark (, ; : – —) followed by a space. */
function clauses(sentence: string): string[] {
  return sentence.match(/[^,;:，；：–—]*(?:[,;:，；：–—]+\s+|$)/g)?.filter((s) => s) ?? [sentence];
}

/** Word pieces (each word with the spaces after it); a run without spaces (CJK) by the segmenter's word breaks. */
function words(clause: string): string[] {
  if (typeof Intl !== 'undefined' && 'Segmenter' in Intl) {
    const pieces: string[] = [];
    for (const s of new Intl.Segmenter(undefined, { granularity: 'word' }).segment(clause)) {
      // Attach spaces and punctuation to the word before them, so no part starts with them.
      if (!s.isWordLike && pieces.length) pieces[pieces.length - 1] += s.segment;
      else pieces.push(s.segment);
    }
    return pieces;
  }
  return clause.match(/\S+\s*|\s+/g) ?? [clause];
}

/** Ever finer ways to break a piece: clauses, then words. */
const LEVELS: Array<(piece: string) => string[]> = [clauses, words];

/** Greedily packs pieces into parts of at most `max` characters; a piece longer than `max` is broken finer. */
function pack(pieces: string[], max: number, level: number): string[] {
  const parts: string[] = [];
  let current = '';
  for (const piece of pieces) {
    if (length(current + piece) <= max) {
      current += piece;
      continue;
    }
    if (current.trim()) parts.push(current);
    current = '';
    if (length(piece) <= max) {
      current = piece;
      continue;
    }
    let sub: string[] | undefined;
    for (let l = level; l < LEVELS.length && !sub; l++) {
      const smaller = LEVELS[l](piece);
      if (smaller.length > 1) sub = pack(smaller, max, l + 1);
    }
    sub ??= hardCut(piece, max);
    current = sub.pop() ?? '';
    parts.push(...sub);
  }
  if (current.trim()) parts.push(current);
  return parts;
}

/** A single word longer than the limit (no break anywhere): cut at the limit, the one case a word is split. */
function hardCut(piece: string, max: number): string[] {
  const chars = Array.from(piece);
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += max) out.push(chars.slice(i, i + max).join(''));
  return out;
}

/**
 * The text in parts of at most `max` characters, cut at sentence ends; a sentence longer than `max` at a clause
 * mark, else between words. Parts are trimmed; joined with spaces they give back the text's words in order.
 */
export function splitSpeechText(text: string, max: number): string[] {
  const trimmed = text.trim();
  if (length(trimmed) <= max) return trimmed ? [trimmed] : [];
  return pack(sentences(trimmed), max, 0)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/** How many requests a text takes (the Studio's count). */
export function speechPartCount(text: string, max: number): number {
  return splitSpeechText(text, max).length;
}
