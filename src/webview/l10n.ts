// The page's strings through VS Code's localisation: the host sends `vscode.l10n.bundle` (English text -> translated
// text, the same bundle the extension's own `vscode.l10n.t` reads) in `init`, before the page builds its UI.
// Placeholders are `{0}`, `{1}`… as in vscode.l10n.t, so one l10n/bundle.l10n.<lang>.json serves both sides.

let bundle: Record<string, string> = {};

export function setBundle(strings: Record<string, string> | undefined): void {
  bundle = strings ?? {};
}

export const l10n = {
  t(message: string, ...args: Array<string | number>): string {
    const text = Object.prototype.hasOwnProperty.call(bundle, message) ? bundle[message] : message;
    return text.replace(/\{(\d+)\}/g, (m, n: string) => (Number(n) < args.length ? String(args[Number(n)]) : m));
  },
};
