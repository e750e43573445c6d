// The page's strings through VS Code's localisation: the host sends `vscode.l10n.bundle` (English text -> translated
// text, the same bundle the extension's own `vscode.l10n.t` reads) in `init`, before the page builds its UI. The page
// calls `l10n.t` from @vscode/l10n (VS Code's library for webviews), imported as such in every file, so that
// `npm run l10n` (@vscode/l10n-dev) finds the page's messages too and one l10n/bundle.l10n.<lang>.json serves both sides.
import * as l10n from '@vscode/l10n';
import { categoryWords as categoriesInWords, wordsOf as words, type Message, type Translate } from '../core/messages';

export function setBundle(strings: Record<string, string> | undefined): void {
  l10n.config({ contents: strings ?? {} });
}

/** @vscode/l10n's t as core/messages.ts `wordsOf` calls it. */
const translate: Translate = (message, args) => l10n.t(message, args);

/**
 * A sentence of the core (src/core/messages.ts: a size the model refuses, say) in the display language, worded as the
 * extension words it (scripts/l10n-export.js puts the core's sentences and the catalog's words in the bundle).
 */
export function wordsOf(m: Message): string {
  return words(m, translate);
}

/** A content-filter category (Azure's name) in the display language. */
export function categoryWords(name: string): string {
  return categoriesInWords([name], translate);
}
