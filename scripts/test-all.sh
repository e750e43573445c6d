#!/usr/bin/env bash
# Everything CI checks, in order (`npm test` runs this; so does .ci/run):
#   deps (npm ci only when node_modules is missing or stale) -> setup (apt packages + code-server, cached) ->
#   typecheck -> lint (eslint, zero warnings) -> l10n (the English bundle matches the sources) -> build (esbuild) +
#   compile tests (tsc) -> unit (mocha) -> bench smoke (`npm run bench -- --smoke`: that the bench runs, not how fast)
#   -> integration (mocha inside a real VS Code extension host) -> e2e (Playwright through the real workbench) ->
#   try-it (`npm run try-it` started, its URL and key checked, stopped with Ctrl-C) -> package (vsce .vsix, contents
#   checked, installed into code-server).
# Keeps going after a failed step when later steps can still say something, then fails (exit 1). Last line:
# `N passed, N failed` = tests of all tiers, plus 1 failed per failed non-test step or tier that produced no counts.
# Env: AOAI_FAIL_FAST=1 stops at the first failure; AOAI_SKIP="e2e package" skips steps (reported as SKIPPED and
# failing the run, so a weaker run is never mistaken for a green one). Logs and screenshots: .artifacts/.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export AOAI_ARTIFACTS=${AOAI_ARTIFACTS:-$ROOT/.artifacts}
RESULTS=$AOAI_ARTIFACTS/results/test-all-$$   # this run's own counts (others may run suites at the same time)
# start from this run's artefacts only (CI keeps .artifacts/): old screenshots and logs go
rm -rf "$AOAI_ARTIFACTS/screenshots" "$AOAI_ARTIFACTS/logs"; mkdir -p "$RESULTS" "$AOAI_ARTIFACTS/screenshots"
exec </dev/null   # nothing may wait for a keyboard (CI has no stdin)

T0=$SECONDS
declare -a SUMMARY=()
FAILED_STEPS=0
STOP=

banner() { printf '\n======== %s ========\n' "$*"; }

# step <name> <timeout> <command...>: runs a step, records its status and duration.
step() {
  local name=$1 limit=$2; shift 2
  if [ -n "$STOP" ]; then SUMMARY+=("$(printf '%-12s %-8s' "$name" 'NOT RUN')"); FAILED_STEPS=$((FAILED_STEPS + 1)); return 1; fi
  if [[ " ${AOAI_SKIP:-} " == *" $name "* ]]; then
    SUMMARY+=("$(printf '%-12s %-8s (AOAI_SKIP)' "$name" 'SKIPPED')"); FAILED_STEPS=$((FAILED_STEPS + 1)); return 1
  fi
  banner "$name"
  local t=$SECONDS rc=0
  timeout --kill-after=30s "$limit" bash -c '"$@"' "$name" "$@" || rc=$?
  local took=$((SECONDS - t))
  if [ $rc -eq 0 ]; then
    SUMMARY+=("$(printf '%-12s %-8s %5ss' "$name" ok "$took")")
  else
    [ $rc -eq 124 ] && echo "!! $name timed out after $limit" >&2
    echo "!! $name FAILED (exit $rc)" >&2
    SUMMARY+=("$(printf '%-12s %-8s %5ss  exit %s' "$name" FAILED "$took" "$rc")")
    FAILED_STEPS=$((FAILED_STEPS + 1))
    [ -z "${AOAI_FAIL_FAST:-}" ] || STOP=1
  fi
  return $rc
}

build() {
  node scripts/lib/prune-out.js && npm run -s build && npm run -s compile-tests
}

unit() {
  AOAI_TEST_RESULTS=$RESULTS/unit.json node node_modules/mocha/bin/mocha.js --config .mocharc.json \
    --reporter "$ROOT/scripts/lib/count-reporter.js"
}

export -f build unit
export ROOT RESULTS
step deps 15m bash scripts/lib/ensure-deps.sh || STOP=1                       # nothing works without node_modules
step setup 15m bash scripts/setup-vscode-web.sh
setup_ok=$?
step typecheck 10m npm run -s typecheck
step lint 10m npm run -s lint
step l10n 5m bash scripts/lib/check-l10n.sh        # the English bundle matches the sources
# tsc emits JavaScript even when types are wrong; the build step fails then, but the tiers still run on what was emitted
step build 10m build
[ -f out/test/integration/index.js ] && [ -f dist/extension.js ] || STOP=${STOP:-1}
step unit 10m unit
step bench 10m bash scripts/bench.sh --smoke
if [ $setup_ok -ne 0 ]; then STOP=1; fi             # integration and e2e need code-server
# reap <work dir>: a tier killed by its time limit cannot stop its own code-server and emulator: stop them here
reap() {
  local pg
  for pg in $(cat "$1/.pgids" 2>/dev/null); do kill -KILL -- "-$pg" 2>/dev/null || true; done
  rm -rf "$1"
}
W_INT=$ROOT/.vstest/runs/test-all-$$-integration
W_E2E=$ROOT/.vstest/runs/test-all-$$-e2e
AOAI_WORK=$W_INT AOAI_NO_BUILD=1 AOAI_TEST_RESULTS=$RESULTS/integration.json step integration 15m bash scripts/run-integration.sh
reap "$W_INT"
# e2e: the English stack, then the pseudo-locale's own (pseudoLocale.qps-ploc.e2e.ts, work dir $W_E2E-qps-ploc)
AOAI_WORK=$W_E2E AOAI_NO_BUILD=1 AOAI_TEST_RESULTS=$RESULTS/e2e.json step e2e 30m bash scripts/run-e2e.sh
for w in "$W_E2E"*; do reap "$w"; done
STOP=${AOAI_FAIL_FAST:+$STOP}                        # try-it and packaging still say something after a failed tier
step try-it 10m bash scripts/check-try-it.sh
step package 10m bash scripts/package-vsix.sh

# ---- summary --------------------------------------------------------------------------------------------------------
banner "summary ($((SECONDS - T0)) s)"
for line in "${SUMMARY[@]}"; do echo "$line"; done
passed=0; failed=0
for tier in unit integration e2e; do
  f=$RESULTS/$tier.json
  if [ -f "$f" ]; then
    read -r p x n < <(node -e 'const r=require(process.argv[1]);console.log(r.passes,r.failures,r.pending)' "$f")
    echo "  $tier: $p passed, $x failed, $n pending"
    passed=$((passed + p)); failed=$((failed + x))
  else
    echo "  $tier: no test counts (the tier did not run to the end)"
  fi
done
# A failed step that is not reflected in test failures (typecheck, build, package, a tier that crashed) counts once.
extra=0
for line in "${SUMMARY[@]}"; do
  read -r name status _ <<<"$line"
  case "$status" in
    ok) ;;
    *) case "$name" in
         unit|integration|e2e)
           f=$RESULTS/$name.json
           if [ -f "$f" ] && [ "$(node -p "require('$f').failures")" -gt 0 ]; then :; else extra=$((extra + 1)); fi ;;
         *) extra=$((extra + 1)) ;;
       esac ;;
  esac
done
failed=$((failed + extra))
[ "$extra" -eq 0 ] || echo "  failed steps without test counts: $extra"
echo "$passed passed, $failed failed"
[ "$FAILED_STEPS" -eq 0 ] && [ "$failed" -eq 0 ]
