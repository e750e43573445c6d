// The page's strings through VS Code's localisation: the host sends `vscode.l10n.bundle` (English text -> translated
// text, the same bundle the extension's own `vscode.l10n.t` reads) in `init`, before the page builds its UI. The page
// calls `l10n.t` from @vscode/l10n (VS Code's library for webviews), imported as such in every file, so that
// `npm run l10n` (@vscode/l10n-dev) finds the page's messages too and one l10n/bundle.l10n.<lang>.json serves both sides.
import * as l10n from '@vscode/l10n';
import { categoryArg, isMessage, isTerm, MESSAGES, type Message, type MessageArg } from '../core/messages';

export function setBundle(strings: Record<string, string> | undefined): void {
  l10n.config({ contents: strings ?? {} });
}

/**
 * A sentence of the core (src/core/messages.ts: a size the model refuses, say) in the display language. Its English is
 * in the bundle because services/errorText.ts words it with a literal vscode.l10n.t; here it is looked up by that
 * English. A catalog word argument is looked up as it is (scripts/l10n-export.js puts those in the bundle).
 */
export function wordsOf(m: Message): string {
  const args: Record<string, string> = {};
  for (const [name, value] of Object.entries(m.args)) args[name] = argWords(value);
  return l10n.t(MESSAGES[m.id], args);
}

function argWords(value: MessageArg): string {
  if (isMessage(value)) return wordsOf(value);
  if (isTerm(value)) return l10n.t(value.term);
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return value.map(argWords).join(', ');
}

/** A content-filter category (Azure's name) in the display language. */
export function categoryWords(name: string): string {
  return argWords(categoryArg(name));
}
