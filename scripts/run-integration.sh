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

# The kind of window each test file runs in: <name>.<kind>.test.js in a window of that kind (multiroot, empty:
# scripts/lib/make-window.js), the others in a folder window. One run (window) per kind on this stack; the suite in
# the extension host (test/integration/index.ts) sees the kind of its window, runs that kind's files and writes its
# counts to <results>.<kind>.json (the folder run to <results> itself); the counts are summed.
window_of() {
  local base; base=$(basename "$1" .test.js)
  case "$base" in *.*) echo "${base##*.}" ;; *) echo folder ;; esac
}
IFS=, read -ra filters <<<"${AOAI_TEST_FILES:-}"
kinds=()
while IFS= read -r f; do
  if [ ${#filters[@]} -gt 0 ]; then
    match=; for s in "${filters[@]}"; do [ -z "$s" ] || [[ "$f" != *"$s"* ]] || match=1; done
    [ -n "$match" ] || continue
  fi
  kind=$(window_of "$f")
  [[ " ${kinds[*]-} " == *" $kind "* ]] || kinds+=("$kind")
done < <(find out/test/integration -name '*.test.js' | sort)
[ ${#kinds[@]} -gt 0 ] || { echo "no integration test files match: ${AOAI_TEST_FILES:-}" >&2; exit 1; }

sample=$AOAI_WORK/sample
node scripts/make-sample-workspace.js "$sample" >/dev/null
export AOAI_TESTS_PATH=$ROOT/out/test/integration/index.js

status=0; parts=()
for kind in folder multiroot empty; do
  [[ " ${kinds[*]} " == *" $kind "* ]] || continue
  part=${AOAI_TEST_RESULTS%.json}.$kind.json; [ "$kind" != folder ] || part=$AOAI_TEST_RESULTS
  rm -f "$part"; parts+=("$part")
  # the folder run keeps its workspace at $AOAI_WORK/workspace, where it always was
  dir=$AOAI_WORK/window-$kind; [ "$kind" != folder ] || dir=$AOAI_WORK/workspace
  AOAI_WORKSPACE=$(node scripts/lib/make-window.js "$kind" "$dir" "$sample")
  stack_log "integration: a $kind window (${AOAI_WORKSPACE:-no folder})"
  stack_run env AOAI_WINDOW="$kind" AOAI_WORKSPACE="$AOAI_WORKSPACE" node scripts/lib/itest-driver.js || status=$?
done
tier_sum "$AOAI_TEST_RESULTS" "${parts[@]}"
stack_check_secrets || status=1
tier_finish integration $status "the suite"
