#!/usr/bin/env bash
# Runs `scripts/try-it.sh` as a user would (own port and work dir), waits for it to print the URL and key, checks them
# (scripts/lib/try-it-check.js), then stops it with the signal Ctrl-C sends and checks it shut down.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
work=$ROOT/.vstest/runs/try-it-check-$$
mkdir -p "$work"
log=$work/try-it.out
export PORT=${PORT:-$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}
# Started through Node (new session, signal dispositions reset): a background job of a script ignores SIGINT, and the
# point is to stop it the way Ctrl-C does.
pid=$(AOAI_TRY_IT_WORK=$work/stack node -e '
  const fs = require("fs"); const out = fs.openSync(process.argv[1], "w");
  const c = require("child_process").spawn("bash", ["scripts/try-it.sh"], { detached: true, stdio: ["ignore", out, out] });
  console.log(c.pid); c.unref();' "$log")
stop() {
  kill -INT -- "-$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  # if try-it itself had to be killed, its emulator and code-server (own process groups) are still up
  local pg
  for pg in $(cat "$work/stack/.pgids" 2>/dev/null); do kill -KILL -- "-$pg" 2>/dev/null || true; done
}
trap 'stop; rm -rf "$work"' EXIT

for _ in $(seq 600); do
  grep -q 'Press Ctrl-C to stop' "$log" && break
  kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; echo "try-it exited before it was ready" >&2; exit 1; }
  sleep 0.5
done
grep -q 'Press Ctrl-C to stop' "$log" || { cat "$log" >&2; echo "try-it not ready after 5 min" >&2; exit 1; }
url=$(grep -o 'http://[^ ]*/?folder=[^ ]*' "$log" | head -1)
key=$(grep -A2 'paste the emulator' "$log" | tail -1 | tr -d ' ')
emulator=$(sed -n 's/^  Endpoint: \(http[^ ]*\).*/\1/p' "$log")
echo "try-it printed: URL $url"
node scripts/lib/try-it-check.js "$url" "$key" "$emulator"

# Ctrl-C: everything it started must go away
kill -INT -- "-$pid"
for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
if kill -0 "$pid" 2>/dev/null; then echo "try-it did not stop on Ctrl-C" >&2; exit 1; fi
if curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; then echo "code-server still up after Ctrl-C" >&2; exit 1; fi
if curl -sf "$emulator/_emulator/requests" >/dev/null 2>&1; then echo "emulator still up after Ctrl-C" >&2; exit 1; fi
echo "try-it stopped cleanly on Ctrl-C"
