# Sourced by run-integration.sh and run-e2e.sh: what both test tiers do before and after their run.

# Builds the extension and compiles the tests, unless AOAI_NO_BUILD is set.
tier_build() {
  if [ -n "${AOAI_NO_BUILD:-}" ]; then return 0; fi
  npm run -s build >/dev/null
  # tsc emits even with type errors; `npm run typecheck` (test-all's first step) is where type errors fail the run.
  npm run -s compile-tests || echo "WARNING: type errors above; running the emitted JavaScript anyway" >&2
}

# tier_results NAME: exports AOAI_ARTIFACTS and AOAI_TEST_RESULTS (one file per run: other developers run suites at
# the same time) and removes a stale results file.
tier_results() {
  export AOAI_ARTIFACTS=${AOAI_ARTIFACTS:-$ROOT/.artifacts}
  export AOAI_TEST_RESULTS=${AOAI_TEST_RESULTS:-$AOAI_ARTIFACTS/results/$1-$$.json}
  rm -f "$AOAI_TEST_RESULTS"
}

# tier_sum OUT PART...: writes the sum of the results files PART... (those that exist, then removed) into OUT, for a
# tier that runs in several parts (e2e: one stack per display language; integration: one window per kind).
tier_sum() {
  node -e '
    const fs = require("fs"); const [out, ...parts] = process.argv.slice(1); let sum;
    for (const p of parts.filter((f) => fs.existsSync(f))) {
      const r = JSON.parse(fs.readFileSync(p, "utf8"));
      sum = sum ? { passes: sum.passes + r.passes, failures: sum.failures + r.failures, pending: sum.pending + r.pending,
        tests: sum.tests + r.tests, durationMs: sum.durationMs + r.durationMs, failed: [...sum.failed, ...r.failed] } : r;
      fs.rmSync(p);
    }
    if (sum) fs.writeFileSync(out, JSON.stringify(sum, null, 2));
  ' "$@"
}

# tier_finish NAME STATUS WHAT_DID_NOT_FINISH: prints "NAME: N passed, N failed, N pending (S s)" from the results
# file and exits with STATUS, or with 1 when the run wrote no results.
tier_finish() {
  local name=$1 status=$2
  if [ -f "$AOAI_TEST_RESULTS" ]; then
    node -e 'const r=require(process.argv[2]);console.log(`${process.argv[1]}: ${r.passes} passed, ${r.failures} failed, ${r.pending} pending (${(r.durationMs/1000).toFixed(1)} s)`)' "$name" "$AOAI_TEST_RESULTS"
  else
    echo "$name: no results written ($3 did not run to the end; see ${AOAI_RUN_LOGS:-$AOAI_ARTIFACTS/logs})" >&2
    [ "$status" -ne 0 ] || status=1
  fi
  exit "$status"
}
