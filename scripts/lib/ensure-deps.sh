#!/usr/bin/env bash
# `npm ci` only when node_modules is missing or does not match package-lock.json; waits for another install first
# (concurrent installs corrupt node_modules).
set -euo pipefail
cd "$(dirname "$0")/../.."
if node scripts/lib/deps-stale.js; then echo "node_modules up to date"; exit 0; fi
while pgrep -f "npm (ci|i|install)( |$)" >/dev/null; do echo "waiting for another npm install to finish"; sleep 5; done
npm ci --no-audit --no-fund
