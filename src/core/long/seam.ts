// Mending the seams of a long recording's transcript, where one part's text meets the next's. The parts are cut at
// quiet moments, so no word is cut in two, but a model told the end of the text before (the prompt) may say part of
// it again at the start of its part, sometimes with a word left out of one copy; and a part that ends inside a
// sentence ends with a full stop the speaker never made, the next one starting with a capital.
//
// Only the texts near the cut are compared (the last and first SEAM_WORDS words): a run of words at the start of the
// right side that repeats the end of the left side (exactly, or with one word missing from one copy) is kept once, the
// complete copy; a full stop before the cut is taken out when the sentence plainly goes on (the right side starts in
// lower case, or in English the left side ends on a word no sentence ends with). A word that neither side heard
// cannot be restored from text, and is not.
import { SENTENCE_END } from './terms';

/** How far from the cut the texts are compared, in words. */
export const SEAM_WORDS = 12;
/** The longest run of repeated words looked for. */
const MAX_REPEAT = 8;

export interface SeamFix {
  /** Words taken off the end of the left side (its copy of a repeat was the incomplete one). */
  trimLeft: number;
  /** Words taken off the start of the right side (its copy of a repeat). */
  trimRight: number;
  /** The full stop before the cut is taken out and the right side's first letter lower-cased: one sentence. */
  join: boolean;
}

export interface SeamContext {
  /** Lower-cased names (terms.ts): their capitals are kept when a sentence is joined. */
  names: ReadonlySet<string>;
  /** Whether the transcript is English (or of unknown language), for the words no sentence ends with. */
  english: boolean;
}

/** Words an English sentence does not end with: a full stop after one of them is the end of a part, not of a sentence. */
const NEVER_LAST = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'nor', 'of', 'from', 'with', 'into', 'onto', 'than', 'because', 'if', 'my', 'your',
  'our', 'their', 'its',
]);

const norm = (token: string): string => token.toLowerCase().replace(/[^\p{L}\p{N}']/gu, '');

/** The tokens (runs of non-space) of some texts taken as one. */
function tokensOf(texts: readonly string[]): string[] {
  return texts.flatMap((t) => t.match(/\S+/g) ?? []);
}

/**
 * Whether `longer` is `shorter` with one word more inside it (not first or last: a copy that differs at either end is
 * no copy of the words at the cut).
 */
function oneMore(longer: string[], shorter: string[]): boolean {
  for (let skip = 1; skip < longer.length - 1; skip++) {
    if (longer.every((w, i) => i === skip || w === shorter[i < skip ? i : i - 1])) return true;
  }
  return false;
}

/** What to mend where `left` (the texts before the cut, in order) meets `right` (those after). */
export function findSeam(left: readonly string[], right: readonly string[], ctx: SeamContext): SeamFix {
  const fix: SeamFix = { trimLeft: 0, trimRight: 0, join: false };
  const leftTokens = tokensOf(left).slice(-SEAM_WORDS);
  const rightTokens = tokensOf(right).slice(0, SEAM_WORDS);
  if (!leftTokens.length || !rightTokens.length) return fix;
  const l = leftTokens.map(norm);
  const r = rightTokens.map(norm);
  const endsSentence = SENTENCE_END.test(leftTokens[leftTokens.length - 1]);
  for (let k = Math.min(MAX_REPEAT, l.length, r.length); k >= 1 && !fix.trimLeft && !fix.trimRight; k--) {
    const tail = l.slice(-k);
    const head = r.slice(0, k);
    if (tail.every((w, i) => w === head[i]) && tail.some(Boolean)) {
      // One word said twice is often meant ("No. No, …"); only inside a sentence is it a repeat.
      if (k >= 2 || !endsSentence) fix.trimRight = k;
    } else if (k >= 2 && r.length > k && oneMore(r.slice(0, k + 1), tail)) {
      fix.trimLeft = k; // the right side's copy has a word the left side's lacks: keep the right's
    } else if (k >= 2 && l.length > k && oneMore(l.slice(-(k + 1)), head)) {
      fix.trimRight = k; // the left side's copy is the complete one
    }
  }
  const leftEnd = leftTokens[leftTokens.length - 1 - fix.trimLeft] as string | undefined;
  const rightStart = rightTokens[fix.trimRight] as string | undefined;
  if (leftEnd && rightStart && /[^.]\.["'”’)\]]*$/u.test(leftEnd)) {
    const lowerNext = /^\p{Ll}/u.test(rightStart);
    const unfinished = ctx.english && NEVER_LAST.has(norm(leftEnd));
    fix.join = lowerNext || unfinished;
  }
  // The left side's copy was taken off mid-sentence: the right side's copy goes on with the sentence.
  if (fix.trimLeft && leftEnd && rightStart && !SENTENCE_END.test(leftEnd)) fix.join = true;
  return fix;
}

/** `text` without its first `count` tokens (its leading space kept); how many were taken. */
function dropHead(text: string, count: number): { text: string; taken: number } {
  const lead = /^\s*/.exec(text)![0];
  const tokens = [...text.matchAll(/\S+\s*/g)];
  const taken = Math.min(count, tokens.length);
  const rest = tokens.slice(taken).map((m) => m[0]).join('');
  return { text: rest ? lead + rest : '', taken };
}

/** `text` without its last `count` tokens; how many were taken. */
function dropTail(text: string, count: number): { text: string; taken: number } {
  const tokens = [...text.matchAll(/\s*\S+/g)];
  const taken = Math.min(count, tokens.length);
  const keep = tokens.slice(0, tokens.length - taken).map((m) => m[0]).join('');
  const trail = keep ? /\s*$/.exec(text)![0] : '';
  return { text: keep ? keep + trail : '', taken };
}

/** The texts without their first `count` tokens, from the first text on; a text left without words becomes ''. */
export function trimStart(texts: readonly string[], count: number): string[] {
  const out = [...texts];
  for (let i = 0; i < out.length && count > 0; i++) {
    const d = dropHead(out[i], count);
    out[i] = d.text;
    count -= d.taken;
  }
  return out;
}

/** The texts without their last `count` tokens, from the last text back. */
export function trimEnd(texts: readonly string[], count: number): string[] {
  const out = [...texts];
  for (let i = out.length - 1; i >= 0 && count > 0; i--) {
    const d = dropTail(out[i], count);
    out[i] = d.text;
    count -= d.taken;
  }
  return out;
}

/** Index of the last text with a word in it (-1: none), or of the first with `from: 'start'`. */
function withWords(texts: readonly string[], from: 'start' | 'end'): number {
  if (from === 'start') return texts.findIndex((t) => /\S/.test(t));
  for (let i = texts.length - 1; i >= 0; i--) if (/\S/.test(texts[i])) return i;
  return -1;
}

/**
 * Applies a fix to both sides' texts: repeats trimmed, and for a join the left side's last full stop taken out and the
 * right side's first word lower-cased (unless it is a name, "I" or an acronym).
 */
export function applySeam(left: readonly string[], right: readonly string[], fix: SeamFix, ctx: SeamContext): [string[], string[]] {
  const l = trimEnd(left, fix.trimLeft);
  const r = trimStart(right, fix.trimRight);
  if (fix.join) {
    const li = withWords(l, 'end');
    const ri = withWords(r, 'start');
    if (li >= 0 && ri >= 0) {
      l[li] = l[li].replace(/\.(["'”’)\]]*)(\s*)$/u, '$1$2');
      r[ri] = r[ri].replace(/^(\s*)(\S+)/u, (all, space: string, word: string) => {
        const bare = word.replace(/[^\p{L}\p{N}'’-]/gu, '');
        const keep = ctx.names.has(bare.toLowerCase()) || bare === 'I' || /^I['’]/u.test(bare) || /^\p{Lu}{2,}/u.test(bare);
        return keep ? all : space + word.charAt(0).toLowerCase() + word.slice(1);
      });
    }
  }
  return [l, r];
}

/**
 * Mends every seam of a transcript in parts: `parts[k]` holds part k's texts in order (one text, or its cues or
 * segments). `compare(k)` says whether the seam between parts k and k+1 is looked at (a diarized transcript: only
 * when one speaker goes on across it). Returns the texts mended (a text may become '') and each seam's fix.
 */
export function repairSeams(
  parts: readonly (readonly string[])[],
  ctx: SeamContext,
  compare: (k: number) => boolean = () => true,
): { parts: string[][]; fixes: SeamFix[] } {
  const out = parts.map((p) => [...p]);
  const fixes: SeamFix[] = [];
  for (let k = 0; k + 1 < out.length; k++) {
    const fix = compare(k) ? findSeam(out[k], out[k + 1], ctx) : { trimLeft: 0, trimRight: 0, join: false };
    [out[k], out[k + 1]] = applySeam(out[k], out[k + 1], fix, ctx);
    fixes.push(fix);
  }
  return { parts: out, fixes };
}
