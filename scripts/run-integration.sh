#!/usr/bin/env bash
# Integration tier: mocha INSIDE a real VS Code extension host (code-server 4.100.3 = VS Code 1.100.3), with the
# extension loaded from this repo (extensionDevelopmentPath) and the emulator as its endpoint.
# Usage: bash scripts/run-integration.sh [file-filter ...]     e.g. `bash scripts/run-integration.sh smoke transcribe`
#   file filters: substrings of out/test/integration/**/*.test.js paths (AOAI_TEST_FILES); AOAI_TEST_GREP=regex on titles.
#   AOAI_NO_BUILD=1 skips `npm run build` + `npm run compile-tests`. See scripts/README.md for the other env vars.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
if [ $# -gt 0 ]; then export AOAI_TEST_FILES=$(IFS=,; echo "$*"); fi

if [ -z "${AOAI_NO_BUILD:-}" ]; then
  npm run -s build >/dev/null
  # tsc emits even with type errors; `npm run typecheck` (test-all's first step) is where type errors fail the run.
  npm run -s compile-tests || echo "WARNING: type errors above; running the emitted JavaScript anyway" >&2
fi
[ -f out/test/integration/index.js ] || { echo "out/test/integration/index.js missing: compile failed?" >&2; exit 1; }

export AOAI_ARTIFACTS=${AOAI_ARTIFACTS:-$ROOT/.artifacts}
# one file per run: other developers run suites at the same time
export AOAI_TEST_RESULTS=${AOAI_TEST_RESULTS:-$AOAI_ARTIFACTS/results/integration-$$.json}
rm -f "$AOAI_TEST_RESULTS"
# shellcheck source=lib/stack.sh
source "$ROOT/scripts/lib/stack.sh"
stack_start integration   # exports CS_HOST, AOAI_EMULATOR_URL, ... (inherited by the extension host)

export AOAI_WORKSPACE=$AOAI_WORK/workspace
node scripts/make-sample-workspace.js "$AOAI_WORKSPACE" >/dev/null
export AOAI_TESTS_PATH=$ROOT/out/test/integration/index.js

status=0
stack_run node scripts/lib/itest-driver.js || status=$?
stack_check_secrets || status=1
if [ -f "$AOAI_TEST_RESULTS" ]; then
  node -e 'const r=require(process.argv[1]);console.log(`integration: ${r.passes} passed, ${r.failures} failed, ${r.pending} pending (${(r.durationMs/1000).toFixed(1)} s)`)' "$AOAI_TEST_RESULTS"
else
  echo "integration: no results written (the suite did not run to the end; see $AOAI_RUN_LOGS)" >&2
  [ $status -ne 0 ] || status=1
fi
exit $status
