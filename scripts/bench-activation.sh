#!/usr/bin/env bash
# The bench's activation figure: code-server + the emulator (scripts/lib/stack.sh) and test/bench/activation.ts,
# which opens workbench windows and reads each extension host's logs. Run under /tmp/aoai-vscode.lock by the bench.
# Usage: bash scripts/bench-activation.sh OUT.json [windows]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
out=$(realpath -m "$1")
export AOAI_ARTIFACTS=${AOAI_ARTIFACTS:-$ROOT/.artifacts}
# shellcheck source=lib/stack.sh
source "$ROOT/scripts/lib/stack.sh"
stack_start bench
export AOAI_SAMPLE_WORKSPACE=$AOAI_WORK/sample
node scripts/make-sample-workspace.js "$AOAI_SAMPLE_WORKSPACE" >/dev/null
stack_run node out/test/bench/activation.js "$out" "${2:-3}"
