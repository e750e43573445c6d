#!/usr/bin/env bash
# Fails when l10n/bundle.l10n.json (the English bundle translators start from) is not what `npm run l10n` writes from
# the sources now: every vscode.l10n.t / @vscode/l10n t message in src/, extension and Studio page alike, and the
# catalog's labels and descriptions (scripts/l10n-export.js).
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d "${TMPDIR:-/tmp}/aoai-l10n.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
node scripts/l10n-export.js "$tmp" >/dev/null
if ! diff -u l10n/bundle.l10n.json "$tmp/bundle.l10n.json"; then
  echo "l10n/bundle.l10n.json is out of date with the sources: run 'npm run l10n' and commit the bundle" >&2
  exit 1
fi
echo "l10n/bundle.l10n.json is current ($(node -p 'Object.keys(require("./l10n/bundle.l10n.json")).length') messages)"
