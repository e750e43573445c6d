// The catalog's words a user sees: each option's label and description (the Studio's forms, quick picks). They are
// data, not literal l10n calls, so scripts/l10n-export.js adds these to l10n/bundle.l10n.json after @vscode/l10n-dev's
// export, and the boundary looks each one up as it is (vscode.l10n.t(text) in the host, l10n.t(text) in the page).
import { OPERATION_FIELDS } from './operations';
import { OPERATION_SPECS } from './operationSpecs';

/** Every label and description of every operation's fields, and the operations' titles, once each, in catalog order. */
export function catalogStrings(): string[] {
  const out = new Set<string>();
  for (const fields of Object.values(OPERATION_FIELDS)) {
    for (const field of fields) {
      out.add(field.label);
      out.add(field.description);
    }
  }
  // Operation titles name operations in the extension's own sentences (the view, "Use for…", the status bar, the
  // Studio's History); verbs go into the core's ("{model} cannot generate images").
  for (const spec of Object.values(OPERATION_SPECS)) {
    out.add(spec.title);
    out.add(spec.phrase);
    out.add(spec.verb);
  }
  return [...out];
}
