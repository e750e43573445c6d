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

# shellcheck source=lib/tier.sh
source "$ROOT/scripts/lib/tier.sh"
tier_build
[ -f out/test/integration/index.js ] || { echo "out/test/integration/index.js missing: compile failed?" >&2; exit 1; }

tier_results integration
# shellcheck source=lib/stack.sh
source "$ROOT/scripts/lib/stack.sh"
stack_start integration   # exports CS_HOST, AOAI_EMULATOR_URL, ... (inherited by the extension host)

export AOAI_WORKSPACE=$AOAI_WORK/workspace
node scripts/make-sample-workspace.js "$AOAI_WORKSPACE" >/dev/null
export AOAI_TESTS_PATH=$ROOT/out/test/integration/index.js

status=0
stack_run node scripts/lib/itest-driver.js || status=$?
stack_check_secrets || status=1
tier_finish integration $status "the suite"
