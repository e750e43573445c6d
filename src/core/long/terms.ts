// Names and terms of a transcript: part 1's go into the prompts of a long recording's later parts (which are sent
// before the parts just ahead of them are done, so a spelling settled in part 1 is the one thing they can be told), and
// the seam repair keeps their capitals.

/** A word that ends a sentence (its punctuation, then perhaps a closing quote or bracket). */
export const SENTENCE_END = /[.!?…。！？]["'”’)\]]*$/u;

const EDGE = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

/** The word without the punctuation around it ("Contoso's," → "Contoso's"). */
export function bareWord(token: string): string {
  return token.replace(EDGE, '');
}

/**
 * What a transcript spells in a way a model could not guess: words capitalised inside a sentence (names), acronyms,
 * words mixing letters and digits (GPT-4o), mixed case (PowerPoint). In order of first use, each once, as written.
 */
export function namesAndTerms(text: string): string[] {
  const tokens = text.split(/\s+/).filter(Boolean);
  const seen = new Map<string, string>();
  for (const [i, token] of tokens.entries()) {
    const word = bareWord(token);
    if (word.length < 2 || /^I['’]/u.test(word)) continue;
    const inside = i > 0 && !SENTENCE_END.test(tokens[i - 1]);
    const capital = /^\p{Lu}/u.test(word) && inside;
    const acronym = /^\p{Lu}{2,}/u.test(word);
    const digits = /\p{L}/u.test(word) && /\p{N}/u.test(word);
    const mixed = /^\p{L}+$/u.test(word) && /\p{Ll}\p{Lu}/u.test(word);
    if ((capital || acronym || digits || mixed) && !seen.has(word.toLowerCase())) seen.set(word.toLowerCase(), word);
  }
  return [...seen.values()];
}

/** As many of `terms` as fit in `room` characters, as one short line ("Contoso, Azure, GPT-4o."); '' when none fit. */
export function termsLine(terms: readonly string[], room: number): string {
  let line = '';
  for (const term of terms) {
    const next = line ? `${line}, ${term}` : term;
    if (next.length + 1 > room) break;
    line = next;
  }
  return line ? `${line}.` : '';
}
