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

# The kind of window each test file runs in: <name>.<kind>.test.js in a window of that kind (multiroot, empty,
# untrusted: scripts/lib/make-window.js), the others in a folder window. One run (window) per kind on this stack; the
# suite in the extension host (test/integration/index.ts) sees the kind of its window, runs that kind's files and
# writes its counts to <results>.<kind>.json (the folder run to <results> itself); the counts are summed.
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

tier_results integration
# shellcheck source=lib/stack.sh
source "$ROOT/scripts/lib/stack.sh"
# The untrusted window needs workspace trust on: code-server then leaves it to the setting (off for the other windows).
[[ " ${kinds[*]} " != *" untrusted "* ]] || export AOAI_TRUST_BY_SETTING=1
stack_start integration   # exports CS_HOST, AOAI_EMULATOR_URL, ... (inherited by the extension host)

sample=$AOAI_WORK/sample
node scripts/make-sample-workspace.js "$sample" >/dev/null
export AOAI_TESTS_PATH=$ROOT/out/test/integration/index.js

status=0; parts=()
settings=$AOAI_USER_DATA/User/settings.json
for kind in folder multiroot empty untrusted; do
  [[ " ${kinds[*]} " == *" $kind "* ]] || continue
  part=${AOAI_TEST_RESULTS%.json}.$kind.json; [ "$kind" != folder ] || part=$AOAI_TEST_RESULTS
  rm -f "$part"; parts+=("$part")
  # the folder run keeps its workspace at $AOAI_WORK/workspace, where it always was
  dir=$AOAI_WORK/window-$kind; [ "$kind" != folder ] || dir=$AOAI_WORK/workspace
  AOAI_WORKSPACE=$(node scripts/lib/make-window.js "$kind" "$dir" "$sample")
  # Restricted Mode: trust on for this window only. Nothing is trusted yet: code-server keeps the trusted folders in
  # the browser's storage (IndexedDB), and each window is opened by a fresh browser.
  [ "$kind" != untrusted ] || AOAI_WORKSPACE_TRUST=1 node scripts/lib/write-settings.js "$settings"
  stack_log "integration: a $kind window (${AOAI_WORKSPACE:-no folder})"
  stack_run env AOAI_WINDOW="$kind" AOAI_WORKSPACE="$AOAI_WORKSPACE" node scripts/lib/itest-driver.js || status=$?
  [ "$kind" != untrusted ] || node scripts/lib/write-settings.js "$settings"
  # The suite picks its files by the window it finds itself in (a trusted "untrusted" window would run the folder's).
  [ -f "$part" ] || { stack_log "integration: the $kind window wrote no results ($part)"; status=1; }
done
tier_sum "$AOAI_TEST_RESULTS" "${parts[@]}"
stack_check_secrets || status=1
tier_finish integration $status "the suite"
