// What the pseudo-locale e2e test (pseudoLocale.qps-ploc.e2e.ts) counts as an untranslated string, apart from the
// browser so that a unit test (test/unit/untranslated.test.ts) can show that the check catches what it should.

/** A string a screen showed, and where. */
export interface Shown {
  where: string;
  text: string;
}

/**
 * The letters left once every [ ]-wrapped (translated) part is taken out, or undefined when none are: the string was
 * translated. A translated message may hold values (a file name, a host, another message) inside its brackets. A URL
 * (an example endpoint) is not words.
 */
export function untranslatedPart(text: string): string | undefined {
  let rest = text.replace(/\bhttps?:\/\/\S+/g, ' ');
  for (let before = ''; before !== rest;) {
    before = rest;
    rest = rest.replace(/\[[^[\]]*\]/g, ' ');
  }
  return /\p{L}/u.test(rest) ? rest.replace(/\s+/g, ' ').trim() : undefined;
}

/** The strings of `shown` that are not pseudo-translated, as `where: "text"`. */
export function untranslated(shown: readonly Shown[]): string[] {
  return shown.filter((s) => untranslatedPart(s.text) !== undefined).map((s) => `${s.where}: "${s.text}"`);
}
