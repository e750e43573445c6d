# Sourced by run-integration.sh, run-e2e.sh and try-it.sh: starts the local emulator and a code-server (real VS Code
# 1.100.3 workbench + extension host) for one run, each in its own process group, and stops both on exit.
# Every run gets its own port and work dir, so several suites can run side by side on one machine.
#
# Inputs (env, all optional): PORT (code-server port; default: a free one), AOAI_WORK (work dir; default
# .vstest/runs/<tier>-<port>), AOAI_ARTIFACTS (default .artifacts), AOAI_EMULATOR_PORT, AOAI_EMULATOR_KEY, AOAI_EMULATOR_DEPLOYMENTS,
# AOAI_BIND (default 127.0.0.1), AOAI_SETTINGS_EXTRA (JSON object merged into the user settings), AOAI_KEEP_WORK=1,
# AOAI_LOCALE (display language of the run, e.g. qps-ploc: the pseudo-locale's files are written for the run),
# AOAI_TRUST_BY_SETTING=1 (code-server without --disable-workspace-trust: the user setting security.workspace.trust.enabled
# decides, false in the baseline; run-integration.sh sets it for the untrusted window).
# Outputs (exported): CS_URL CS_HOST CS_PORT AOAI_WORK AOAI_EXT_PATH AOAI_USER_DATA AOAI_EMULATOR_URL AOAI_EMULATOR_KEY
# IDENTITY_ENDPOINT IDENTITY_HEADER AOAI_RUN_LOGS.

STACK_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export AOAI_EXT_PATH=$STACK_ROOT
export AOAI_ARTIFACTS=${AOAI_ARTIFACTS:-$STACK_ROOT/.artifacts}
STACK_PGIDS=()
STACK_LOCALE_FILES=()

stack_log() { echo "[${STACK_TIER:-stack} $(date +%T)] $*" >&2; }

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# code-server launcher, installing it first when needed (seconds when warm).
stack_code_server_bin() {
  if [ -n "${CODE_SERVER:-}" ] && [ -x "$CODE_SERVER" ]; then echo "$CODE_SERVER"; return; fi
  local line
  line=$(bash "$STACK_ROOT/scripts/setup-vscode-web.sh" | tail -1) || return 1
  echo "${line#CODE_SERVER=}"
}

stack_stop() {
  local pg i
  for pg in "${STACK_PGIDS[@]}"; do
    kill -TERM -- "-$pg" 2>/dev/null || true
  done
  for i in $(seq 30); do   # up to 3 s to exit cleanly, then SIGKILL what is left of each group
    local alive=
    for pg in "${STACK_PGIDS[@]}"; do kill -0 -- "-$pg" 2>/dev/null && alive=1; done
    [ -n "$alive" ] || break
    sleep 0.1
  done
  for pg in "${STACK_PGIDS[@]}"; do
    kill -KILL -- "-$pg" 2>/dev/null || true
  done
  STACK_PGIDS=()
}

# Copies the logs of this run (code-server, extension host, emulator) into the artifacts folder.
stack_collect() {
  [ -n "${AOAI_WORK:-}" ] && [ -d "$AOAI_WORK" ] || return 0
  mkdir -p "$AOAI_RUN_LOGS"
  cp -f "$AOAI_WORK"/*.log "$AOAI_RUN_LOGS/" 2>/dev/null || true
  [ -d "$AOAI_USER_DATA/logs" ] && cp -rf "$AOAI_USER_DATA/logs" "$AOAI_RUN_LOGS/vscode-logs" 2>/dev/null || true
  return 0
}

# stack_check_secrets: fails (and names the files) when this run's emulator key shows up in any log it collected, in
# the settings, or anywhere in the run's work dir (the workspaces and their outputs, the extension's workspace
# storage with the history): keys must never reach logs, outputs, files or settings.
stack_check_secrets() {
  [ -n "${AOAI_EMULATOR_KEY:-}" ] || return 0
  stack_collect
  local hits
  hits=$(grep -rlF -- "$AOAI_EMULATOR_KEY" "$AOAI_RUN_LOGS" "$AOAI_USER_DATA/User" "$AOAI_WORK" 2>/dev/null || true)
  if [ -n "$hits" ]; then
    stack_log "SECRET LEAK: the API key appears in:"; echo "$hits" | sed 's/^/    /' >&2
    return 1
  fi
}

stack_cleanup() {
  stack_collect
  stack_stop
  [ ${#STACK_LOCALE_FILES[@]} -eq 0 ] || rm -f "${STACK_LOCALE_FILES[@]}"
  if [ -n "${AOAI_WORK:-}" ] && [ -z "${AOAI_KEEP_WORK:-}" ] && [ -n "${STACK_OWN_WORK:-}" ]; then rm -rf "$AOAI_WORK"; fi
}

# stack_run <command...>: runs a test driver in its own process group (so the browser it starts dies with the run,
# even when the run is interrupted) and returns its exit status.
stack_run() {
  setsid "$@" &
  local pid=$!
  STACK_PGIDS+=($pid)
  local rc=0
  wait "$pid" || rc=$?
  return $rc
}

# stack_start <tier>: everything up, env exported, cleanup trapped.
stack_start() {
  STACK_TIER=$1
  local cs_bin; cs_bin=$(stack_code_server_bin) || { stack_log "code-server setup failed"; return 1; }
  # work dirs of runs that were killed outright (no EXIT trap) go after a day
  find "$STACK_ROOT/.vstest/runs" -mindepth 1 -maxdepth 1 -type d -mmin +1440 -exec rm -rf {} + 2>/dev/null || true
  export CS_PORT=${PORT:-$(free_port)}
  if [ -z "${AOAI_WORK:-}" ]; then export AOAI_WORK=$STACK_ROOT/.vstest/runs/$STACK_TIER-$CS_PORT; STACK_OWN_WORK=1; fi
  export AOAI_WORK
  if [ -d "$AOAI_WORK" ] && [ -n "$(ls -A "$AOAI_WORK")" ] && [ ! -f "$AOAI_WORK/.aoai-work" ]; then
    stack_log "refusing to reuse $AOAI_WORK: not empty and not a harness work dir"; return 1
  fi
  rm -rf "$AOAI_WORK"; mkdir -p "$AOAI_WORK"/{tmp,xdg/data,ud/User,exts}; touch "$AOAI_WORK/.aoai-work"
  export AOAI_USER_DATA=$AOAI_WORK/ud
  export AOAI_RUN_LOGS=$AOAI_ARTIFACTS/logs/$STACK_TIER-$(date +%H%M%S)-$CS_PORT
  trap 'stack_cleanup' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM

  # --- emulator ---------------------------------------------------------------------------------------------------
  export AOAI_EMULATOR_KEY=${AOAI_EMULATOR_KEY:-emu-$(node -e 'console.log(require("crypto").randomBytes(8).toString("hex"))')}
  local cli=$STACK_ROOT/out/test/emulator/cli.js
  export AOAI_EMULATOR_URL="" IDENTITY_ENDPOINT="" IDENTITY_HEADER=""
  if [ -f "$cli" ]; then
    setsid node "$cli" --port "${AOAI_EMULATOR_PORT:-0}" --key "$AOAI_EMULATOR_KEY" \
      ${AOAI_EMULATOR_DEPLOYMENTS:+--deployments "$AOAI_EMULATOR_DEPLOYMENTS"} >"$AOAI_WORK/emulator.log" 2>&1 &
    STACK_PGIDS+=($!); disown $!; echo $! >>"$AOAI_WORK/.pgids"
    local i
    for i in $(seq 100); do
      grep -q '^EMULATOR_URL=' "$AOAI_WORK/emulator.log" 2>/dev/null && break
      kill -0 "${STACK_PGIDS[-1]}" 2>/dev/null || break
      sleep 0.1
    done
    AOAI_EMULATOR_URL=$(sed -n 's/^EMULATOR_URL=//p' "$AOAI_WORK/emulator.log" | head -1 | tr -d '\r')
    if [ -z "$AOAI_EMULATOR_URL" ]; then
      stack_log "emulator did not start:"; cat "$AOAI_WORK/emulator.log" >&2; return 1
    fi
    # The CLI may print the managed-identity endpoint and header too; otherwise use the documented route.
    IDENTITY_ENDPOINT=$(sed -n 's/^IDENTITY_ENDPOINT=//p' "$AOAI_WORK/emulator.log" | head -1 | tr -d '\r')
    IDENTITY_HEADER=$(sed -n 's/^IDENTITY_HEADER=//p' "$AOAI_WORK/emulator.log" | head -1 | tr -d '\r')
    [ -n "$IDENTITY_ENDPOINT" ] || IDENTITY_ENDPOINT=$AOAI_EMULATOR_URL/_emulator/token
    stack_log "emulator at $AOAI_EMULATOR_URL"
  else
    stack_log "WARNING: $cli not built yet: running without the emulator (tests needing it will fail)"
  fi

  # --- user settings ------------------------------------------------------------------------------------------------
  node "$STACK_ROOT/scripts/lib/write-settings.js" "$AOAI_USER_DATA/User/settings.json"

  # --- display language ---------------------------------------------------------------------------------------------
  local locale_args=()
  if [ -n "${AOAI_LOCALE:-}" ]; then
    case "$AOAI_LOCALE" in
      qps-*)
        mapfile -t STACK_LOCALE_FILES < <(node "$STACK_ROOT/scripts/lib/pseudo-l10n.js" "$AOAI_LOCALE") || return 1
        # VS Code takes a display language only from an installed language pack: without one, the workbench and the
        # extension host stay in English whatever --locale says. This registers an empty pack for the locale (what
        # installing one writes into languagepacks.json): VS Code's own words stay English, the extension host gets
        # env.language = the locale, and so this extension's package.nls.<locale>.json and l10n bundle.
        node -e '
          const fs = require("fs"), path = require("path");
          const [locale, dir, userData] = process.argv.slice(1);
          fs.mkdirSync(dir, { recursive: true });
          const main = path.join(dir, "main.i18n.json");
          fs.writeFileSync(main, JSON.stringify({ version: "1.0.0", contents: {} }));
          const pack = { hash: `aoai-test-${locale}`, label: locale, translations: { vscode: main },
            extensions: [{ extensionIdentifier: { id: `aoai-test.${locale}` }, version: "0.0.0" }] };
          fs.writeFileSync(path.join(userData, "languagepacks.json"), JSON.stringify({ [locale]: pack }));
        ' "$AOAI_LOCALE" "$AOAI_WORK/langpack" "$AOAI_USER_DATA" || return 1
        ;;
    esac
    locale_args=(--locale "$AOAI_LOCALE")
    stack_log "display language $AOAI_LOCALE"
  fi

  # --- code-server ----------------------------------------------------------------------------------------------------
  # --disable-workspace-trust overrides the setting for every window of this code-server; without it the user setting
  # decides per window (write-settings.js: off, or on with AOAI_WORKSPACE_TRUST=1).
  local trust_args=(--disable-workspace-trust)
  [ -z "${AOAI_TRUST_BY_SETTING:-}" ] || trust_args=()
  export CS_HOST=127.0.0.1:$CS_PORT
  export CS_URL=http://$CS_HOST
  printf 'bind-addr: %s:%s\nauth: none\ncert: false\n' "${AOAI_BIND:-127.0.0.1}" "$CS_PORT" >"$AOAI_WORK/cs.yaml"
  # The extension host inherits this environment: AOAI_EMULATOR_URL/KEY, IDENTITY_ENDPOINT/HEADER, AOAI_TEST_*.
  XDG_CONFIG_HOME=$AOAI_WORK/xdg XDG_DATA_HOME=$AOAI_WORK/xdg/data TMPDIR=$AOAI_WORK/tmp \
  setsid "$cs_bin" --config "$AOAI_WORK/cs.yaml" --bind-addr "${AOAI_BIND:-127.0.0.1}:$CS_PORT" --auth none \
    --disable-telemetry --disable-update-check "${trust_args[@]}" --disable-getting-started-override \
    --ignore-last-opened --user-data-dir "$AOAI_USER_DATA" --extensions-dir "$AOAI_WORK/exts" "${locale_args[@]}" \
    >"$AOAI_WORK/code-server.log" 2>&1 &
  local cs_pid=$!
  STACK_PGIDS+=($cs_pid); disown $cs_pid; echo $cs_pid >>"$AOAI_WORK/.pgids"   # for a supervisor if we get SIGKILLed
  for i in $(seq 120); do
    curl -sf "$CS_URL/healthz" >/dev/null 2>&1 && break
    kill -0 "$cs_pid" 2>/dev/null || { stack_log "code-server exited:"; tail -20 "$AOAI_WORK/code-server.log" >&2; return 1; }
    sleep 0.25
  done
  curl -sf "$CS_URL/healthz" >/dev/null || { stack_log "code-server not healthy on $CS_URL"; return 1; }
  stack_log "code-server at $CS_URL (work dir $AOAI_WORK)"
}
