#!/usr/bin/env bash
# Try the extension in a real VS Code in your browser, against the local emulator (no Azure needed):
# installs what is missing (node_modules, code-server, espeak-ng...), builds, creates a sample workspace
# (.vstest/sample-workspace: spoken audio, commented source files, an image and its mask), starts the emulator and
# code-server with the extension, prints the URL and the emulator's API key, and stays up until Ctrl-C.
# Env: PORT (default 8080 when free), AOAI_BIND (default 127.0.0.1), AOAI_EMULATOR_KEY, AOAI_FRESH_SAMPLE=1
# (rebuild the sample workspace, discarding what you made in it).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
say() { echo "[try-it $(date +%T)] $*" >&2; }

say "dependencies"
bash scripts/lib/ensure-deps.sh >&2
say "VS Code (code-server) and tools"
line=$(bash scripts/setup-vscode-web.sh | tail -1); export CODE_SERVER=${line#CODE_SERVER=}
say "build"
npm run -s build >/dev/null
npm run -s compile-tests >/dev/null 2>&1 || say "WARNING: type errors in the tests (npm run typecheck); continuing"
[ -f out/test/emulator/cli.js ] || { say "out/test/emulator/cli.js missing: the emulator did not compile"; exit 1; }

SAMPLE=$ROOT/.vstest/sample-workspace
if [ -n "${AOAI_FRESH_SAMPLE:-}" ] || [ ! -f "$SAMPLE/hello.wav" ] || [ ! -f "$SAMPLE/landscape.png" ]; then
  say "sample workspace"
  rm -rf "$SAMPLE"
  node scripts/make-sample-workspace.js "$SAMPLE" >/dev/null
fi

if [ -z "${PORT:-}" ]; then
  if node -e 'const s=require("net").createServer();s.once("error",()=>process.exit(1));s.listen(8080,"127.0.0.1",()=>s.close())'
  then export PORT=8080; fi
fi
export AOAI_WORK=${AOAI_TRY_IT_WORK:-$ROOT/.vstest/try-it}
# Today's models, as a new resource would deploy them (the tests' baseline keeps the older ones it checks against):
# gpt-4o-mini-transcribe 2025-12-15 (live transcript), gpt-4o-mini-tts (13 voices, instructions), gpt-image-2 (any
# size, masked edits that keep the protected area), and whisper, the one model that translates.
export AOAI_EMULATOR_DEPLOYMENTS=${AOAI_EMULATOR_DEPLOYMENTS:-'{"gpt-4o-mini-transcribe":"gpt-4o-mini-transcribe-2025-12-15"}'}
export AOAI_SETTINGS_EXTRA=${AOAI_SETTINGS_EXTRA:-$(node -e 'const d = "azureOpenAIMedia.deployments.", m = "azureOpenAIMedia.models.";
console.log(JSON.stringify({
  [d + "transcription"]: "gpt-4o-mini-transcribe", [m + "transcription"]: "gpt-4o-mini-transcribe",
  [d + "translation"]: "whisper",
  [d + "speech"]: "gpt-4o-mini-tts", [m + "speech"]: "gpt-4o-mini-tts",
  [d + "image"]: "gpt-image-2", [m + "image"]: "gpt-image-2",
  [d + "imageEdit"]: "gpt-image-2", [m + "imageEdit"]: "gpt-image-2",
}))')}
# shellcheck source=lib/stack.sh
source "$ROOT/scripts/lib/stack.sh"
stack_start try-it

payload=$(node -e 'console.log(encodeURIComponent(JSON.stringify([["extensionDevelopmentPath","vscode-remote://"+process.argv[1]+process.argv[2]],["skipWelcome","true"]])))' "$CS_HOST" "$ROOT")
folder=$(node -e 'console.log(encodeURIComponent(process.argv[1]))' "$SAMPLE")
URL="$CS_URL/?folder=$folder&payload=$payload"

cat <<EOF

  Azure OpenAI Media Studio is running in VS Code $("$CODE_SERVER" --version | head -1 | awk '{print $NF}') (code-server) against the local emulator.

  1. Open this URL in a browser on this machine:

     $URL

  2. Press F1, run "Azure OpenAI: Set API Key" and paste the emulator's key:

     $AOAI_EMULATOR_KEY

  3. Try it on the sample workspace ($SAMPLE):
     - right-click hello.wav  -> "Transcribe Audio File";  bonjour.wav -> "Translate Audio File to English"
     - open notes.md, select a line, F1 -> "Azure OpenAI: Speak Selected Text"
     - open fox.ts or fox.py, select the "a watercolor fox..." comment, F1 -> "Azure OpenAI: Generate Image from Selected Comment"
     - right-click landscape.png -> "Edit Image with Prompt" (landscape.mask.png is offered as the mask)
     - F1 -> "Azure OpenAI: Open Studio"

  Endpoint: $AOAI_EMULATOR_URL (deployments gpt-4o-mini-transcribe, whisper for translation, gpt-4o-mini-tts,
  gpt-image-2; api key auth), set in the user settings.
  Logs: $AOAI_WORK/*.log. On another machine? Forward the port: ssh -L $CS_PORT:127.0.0.1:$CS_PORT <this host>.
  Press Ctrl-C to stop.

EOF

# Stay up while code-server runs; Ctrl-C (or its exit) stops both process groups through stack.sh's trap.
while kill -0 -- "-${STACK_PGIDS[-1]}" 2>/dev/null; do sleep 1; done
say "code-server exited; see $AOAI_WORK/code-server.log"
exit 1
