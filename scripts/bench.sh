#!/usr/bin/env bash
# `npm run bench [-- --smoke]`: from a fresh clone, one command. Installs the dependencies when needed, builds the
# production bundles (the activation figure is the shipped bundle's), compiles the bench, and runs test/bench/run.ts:
# one table on stdout, bench/results.json (bench/results.smoke.json with --smoke). The activation figure takes
# code-server (installed on first use by scripts/setup-vscode-web.sh) under /tmp/aoai-vscode.lock.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
bash scripts/lib/ensure-deps.sh >/dev/null
if [[ " $* " == *" --smoke "* ]]; then
  # The smoke (test-all) checks that the bench runs: it keeps the development build the test tiers use.
  [ -f dist/extension.js ] || npm run -s build
else
  node esbuild.mjs --production >/dev/null 2>&1 || node esbuild.mjs --production
fi
npx tsc -p .
exec node --expose-gc out/test/bench/run.js "$@"
