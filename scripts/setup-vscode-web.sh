#!/usr/bin/env bash
# Installs what the integration/e2e tests and try-it need: Debian packages (chromium, ripgrep, espeak-ng, sox, the
# toolchain code-server's native modules build with) and code-server 4.100.3 (= VS Code 1.100.3, the newest on Node 20)
# into a cache folder OUTSIDE the repo, so every clone on this machine shares it. Idempotent; seconds when warm.
# Prints `CODE_SERVER=<path to the code-server launcher>` as its last line.
set -euo pipefail
CS_VER=4.100.3
CACHE=${AOAI_MEDIA_CACHE:-$HOME/.cache/azure-openai-media}
CS_DIR=$CACHE/code-server-$CS_VER
CS_BIN=$CS_DIR/node_modules/.bin/code-server
log() { echo "[setup $(date +%T)] $*" >&2; }
mkdir -p "$CACHE"
t0=$SECONDS

# --- Debian packages, only those missing -------------------------------------------------------------------------
# required: the browser, rg (seeded below), and the toolchain code-server's native modules (node-pty, kerberos) build with
REQUIRED=(chromium ripgrep libkrb5-dev build-essential pkg-config python3 curl)
# sample media: spoken audio (espeak-ng) and its MP3 (lame / sox); the sample workspace falls back without them
OPTIONAL=(espeak-ng sox libsox-fmt-mp3 lame)
missing_of() { local p; for p in "$@"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"; done; }
mapfile -t need < <(missing_of "${REQUIRED[@]}")
mapfile -t want < <(missing_of "${OPTIONAL[@]}")
if [ $((${#need[@]} + ${#want[@]})) -gt 0 ]; then
  SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  log "apt-get update; install ${need[*]} ${want[*]}"
  $SUDO apt-get update -qq
  apt_install() { DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null; }
  [ ${#need[@]} -eq 0 ] || apt_install "${need[@]}"
  if [ ${#want[@]} -gt 0 ] && ! apt_install "${want[@]}"; then
    for p in "${want[@]}"; do apt_install "$p" || log "WARNING: could not install $p (optional: sample audio)"; done
  fi
fi

# --- code-server from the npm registry, once per machine (lock: parallel suites may call this at once) --------------
cs_ok() { [ -x "$CS_BIN" ] && "$CS_BIN" --version >/dev/null 2>&1; }
if ! cs_ok; then
  exec 9>"$CACHE/.setup.lock"
  flock 9
  if ! cs_ok; then
    log "installing code-server@$CS_VER into $CS_DIR (cold: a few minutes, native modules compile)"
    export TMPDIR=$CACHE/tmp; mkdir -p "$TMPDIR"
    # @vscode/ripgrep's postinstall downloads rg from GitHub, unreachable here: seed its cache with Debian's rg.
    # code-server 4.100.3 pins @vscode/ripgrep 1.15.11 which fetches ripgrep v13.0.0-10.
    RG_CACHE=$TMPDIR/vscode-ripgrep-cache-1.15.11
    mkdir -p "$RG_CACHE" "$TMPDIR/rg-seed"
    cp "$(command -v rg)" "$TMPDIR/rg-seed/rg"
    tar czf "$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$TMPDIR/rg-seed" rg
    staging=$CACHE/.code-server-staging.$$
    rm -rf "$staging"; mkdir -p "$staging"
    (cd "$staging" && echo '{"name":"aoai-media-code-server","private":true}' > package.json &&
      npm_config_yes=true npm_config_unsafe_perm=true npm install --no-audit --no-fund --loglevel=error \
        "code-server@$CS_VER" >"$CACHE/code-server-install.log" 2>&1) || {
      log "npm install code-server failed; see $CACHE/code-server-install.log"; tail -30 "$CACHE/code-server-install.log" >&2
      rm -rf "$staging"; exit 1; }
    rm -rf "$CS_DIR"; mv "$staging" "$CS_DIR"
    cs_ok || { log "code-server installed but does not start"; exit 1; }
  fi
  flock -u 9
fi
log "code-server $("$CS_BIN" --version | head -1) ready ($((SECONDS - t0)) s)"
echo "CODE_SERVER=$CS_BIN"
