#!/usr/bin/env bash
# Packages the extension with vsce (production esbuild bundle through vscode:prepublish), checks the .vsix holds only
# what a user needs (scripts/lib/check-vsix.js), and installs it into a scratch code-server (= VS Code 1.100.3)
# extensions dir to prove it installs. Output: .artifacts/azure-openai-media-<version>.vsix (override: AOAI_VSIX).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
VERSION=$(node -p 'require("./package.json").version')
NAME=$(node -p 'require("./package.json").name')
PUBLISHER=$(node -p 'require("./package.json").publisher')
export AOAI_ARTIFACTS=${AOAI_ARTIFACTS:-$ROOT/.artifacts}
VSIX=${AOAI_VSIX:-$AOAI_ARTIFACTS/$NAME-$VERSION.vsix}
mkdir -p "$(dirname "$VSIX")"
rm -f "$VSIX"

# README links stay relative (its images ship in docs/): the manifest names no public repository to rewrite them to.
node node_modules/@vscode/vsce/vsce package --no-dependencies --no-rewrite-relative-links --out "$VSIX" </dev/null
node scripts/lib/check-vsix.js "$VSIX"

line=$(bash scripts/setup-vscode-web.sh | tail -1); CS=${line#CODE_SERVER=}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/aoai-vsix.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
XDG_CONFIG_HOME=$scratch/xdg XDG_DATA_HOME=$scratch/xdg/data "$CS" --user-data-dir "$scratch/ud" \
  --extensions-dir "$scratch/exts" --install-extension "$VSIX" >"$scratch/install.log" 2>&1 \
  || { cat "$scratch/install.log" >&2; echo "installing the vsix into code-server failed" >&2; exit 1; }
XDG_CONFIG_HOME=$scratch/xdg XDG_DATA_HOME=$scratch/xdg/data "$CS" --user-data-dir "$scratch/ud" \
  --extensions-dir "$scratch/exts" --list-extensions --show-versions >"$scratch/list.txt" 2>&1
grep -qx "$PUBLISHER.$NAME@$VERSION" "$scratch/list.txt" \
  || { cat "$scratch/install.log" "$scratch/list.txt" >&2; echo "the vsix did not install into code-server" >&2; exit 1; }
echo "installed into code-server $("$CS" --version | head -1 | cut -d' ' -f1) (VS Code 1.100.3): $PUBLISHER.$NAME@$VERSION"
echo "VSIX=$VSIX"
