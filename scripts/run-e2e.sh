#!/usr/bin/env bash
# E2E tier: mocha in Node drives the real VS Code workbench (code-server) in headless Chromium through Playwright
# (test/e2e/harness.ts), with the extension loaded from this repo and the emulator as its endpoint.
# Usage: bash scripts/run-e2e.sh [test/e2e/x.e2e.ts ...]     (default: every test/e2e/*.e2e.ts)
#   AOAI_TEST_GREP=regex runs only matching test titles; AOAI_NO_BUILD=1 skips the build. See scripts/README.md.
# A file named <name>.<locale>.e2e.ts (pseudoLocale.qps-ploc.e2e.ts) runs in a stack of its own started in that display
# language (AOAI_LOCALE, scripts/lib/stack.sh); the other files share one English stack. Counts are summed.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

# shellcheck source=lib/tier.sh
source "$ROOT/scripts/lib/tier.sh"
tier_build

files=()
if [ $# -gt 0 ]; then
  for f in "$@"; do
    case "$f" in
      *.ts) f=out/${f%.ts}.js ;;
    esac
    [ -f "$f" ] || { echo "no such compiled e2e test: $f" >&2; exit 1; }
    files+=("$f")
  done
else
  shopt -s nullglob
  files=(out/test/e2e/*.e2e.js)
  shopt -u nullglob
fi
[ ${#files[@]} -gt 0 ] || { echo "no e2e tests found (out/test/e2e/*.e2e.js)" >&2; exit 1; }

# The display language a file asks for in its name (en when none).
locale_of() {
  local base; base=$(basename "$1" .e2e.js)
  case "$base" in *.*) echo "${base##*.}" ;; *) echo en ;; esac
}
locales=()
for f in "${files[@]}"; do
  loc=$(locale_of "$f")
  [[ " ${locales[*]-} " == *" $loc "* ]] || locales+=("$loc")
done

tier_results e2e
if [ ${#locales[@]} -gt 1 ]; then
  # One run of this script per language, each with its own stack (and work dir: test-all reaps $AOAI_WORK-<locale>).
  status=0; parts=()
  for loc in "${locales[@]}"; do
    group=()
    for f in "${files[@]}"; do [ "$(locale_of "$f")" != "$loc" ] || group+=("$f"); done
    part=${AOAI_TEST_RESULTS%.json}.$loc.json; parts+=("$part")
    work=${AOAI_WORK:-}; [ -z "$work" ] || [ "$loc" = en ] || work=$work-$loc
    lang=$loc; [ "$lang" != en ] || lang=
    AOAI_LOCALE=$lang AOAI_NO_BUILD=1 AOAI_TEST_RESULTS=$part AOAI_WORK=$work bash "$0" "${group[@]}" || status=$?
  done
  tier_sum "$AOAI_TEST_RESULTS" "${parts[@]}"
  tier_finish e2e $status "a language's run"
fi
[ "${locales[0]}" = en ] || export AOAI_LOCALE=${locales[0]}
mkdir -p "$AOAI_ARTIFACTS/screenshots"
# shellcheck source=lib/stack.sh
source "$ROOT/scripts/lib/stack.sh"
stack_start e2e

export AOAI_SAMPLE_WORKSPACE=$AOAI_WORK/sample
node scripts/make-sample-workspace.js "$AOAI_SAMPLE_WORKSPACE" >/dev/null

grep_args=()
[ -z "${AOAI_TEST_GREP:-}" ] || grep_args=(--grep "$AOAI_TEST_GREP")
status=0
stack_run node node_modules/mocha/bin/mocha.js --no-config --no-package --ui bdd --timeout "${AOAI_TEST_TIMEOUT:-180000}" \
  --require out/test/e2e/runner.js --reporter "$ROOT/scripts/lib/count-reporter.js" --exit \
  "${grep_args[@]}" "${files[@]}" || status=$?
stack_check_secrets || status=1
tier_finish e2e $status mocha
