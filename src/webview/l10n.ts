// The page's strings through VS Code's localisation: the host sends `vscode.l10n.bundle` (English text -> translated
// text, the same bundle the extension's own `vscode.l10n.t` reads) in `init`, before the page builds its UI. The page
// calls `l10n.t` from @vscode/l10n (VS Code's library for webviews), imported as such in every file, so that
// `npm run l10n` (@vscode/l10n-dev) finds the page's messages too and one l10n/bundle.l10n.<lang>.json serves both sides.
import * as l10n from '@vscode/l10n';

export function setBundle(strings: Record<string, string> | undefined): void {
  l10n.config({ contents: strings ?? {} });
}
