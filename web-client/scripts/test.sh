#!/usr/bin/env bash
# The web client's tests: Vitest unit tests, a production build (its sizes printed), then Playwright end to end in
# Debian's Chromium against a studio this script starts itself (./studio run on free ports, a temporary data dir).
# Prints `web unit: N passed, N failed` and `web e2e: N passed, N failed`; exits non-zero when anything failed.
set -uo pipefail
WEB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT_DIR="$(cd "$WEB_DIR/.." && pwd)"
cd "$WEB_DIR"

log() { echo "[web-test] $*"; }
unit_passed=0 unit_failed=0 e2e_passed=0 e2e_failed=0
stack_pid=""
stub_pid=""
data_dir=""

summary() {
  echo "web unit: ${unit_passed} passed, ${unit_failed} failed"
  echo "web e2e: ${e2e_passed} passed, ${e2e_failed} failed"
}

stop_stack() {
  if [ -n "$stack_pid" ] && kill -0 "$stack_pid" 2>/dev/null; then
    log "stopping the studio (pid $stack_pid)"
    kill -INT -- "-$stack_pid" 2>/dev/null || kill -INT "$stack_pid" 2>/dev/null
    for _ in $(seq 1 60); do kill -0 "$stack_pid" 2>/dev/null || break; sleep 1; done
    kill -0 "$stack_pid" 2>/dev/null && kill -TERM -- "-$stack_pid" 2>/dev/null
  fi
  stack_pid=""
  if [ -n "$stub_pid" ] && kill -0 "$stub_pid" 2>/dev/null; then kill -TERM "$stub_pid" 2>/dev/null; fi
  stub_pid=""
  [ -n "$data_dir" ] && rm -rf "$data_dir"
  data_dir=""
}
trap stop_stack EXIT

# --- what it needs ------------------------------------------------------------------------------------------------
if ! command -v node >/dev/null 2>&1; then
  log "Node.js 20.19+ is needed"; unit_failed=1; e2e_failed=1; summary; exit 1
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  log "npm ci"
  npm ci --no-audit --no-fund --loglevel=error || { unit_failed=1; e2e_failed=1; summary; exit 1; }
fi
CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM_PATH" ]; then
  log "installing Debian's chromium"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
fi
export CHROMIUM_PATH
mkdir -p test-results docs/screenshots

# --- unit tests ---------------------------------------------------------------------------------------------------
# STACK_COMMAND (optional, e.g. bench/web/run.sh) runs that command against the studio instead of the tests.
if [ -n "${STACK_COMMAND:-}" ]; then
  log "no unit tests: STACK_COMMAND is set"
  rm -f test-results/unit.json
else
  log "unit tests (vitest)"
  npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/unit.json
fi
if [ -n "${STACK_COMMAND:-}" ]; then
  :
elif [ -f test-results/unit.json ]; then
  read -r unit_passed unit_failed < <(node -e '
    const r = require("./test-results/unit.json");
    console.log(r.numPassedTests, r.numFailedTests + (r.numFailedTestSuites || 0) + (r.numRuntimeErrorTestSuites || 0));')
else
  unit_failed=1
fi

# --- build --------------------------------------------------------------------------------------------------------
log "build (sizes below; the initial JS is index-*.js, the scene StudioScene-*.js loads lazily)"
if ! npm run build; then
  log "build failed"; e2e_failed=1; summary; exit 1
fi

# --- the studio on free ports ---------------------------------------------------------------------------------------
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
base=""
for candidate in ${E2E_PORT_BASE:-18580 18680 18780 18880 18980}; do
  ok=1
  for off in 0 1 2 3 4 5; do port_free $((candidate + off)) || { ok=0; break; }; done
  [ $ok = 1 ] && { base=$candidate; break; }
done
if [ -z "$base" ]; then
  log "no free block of 6 ports found"; e2e_failed=1; summary; exit 1
fi
# The stub model provider (e2e/stub-provider.mjs) on the sixth port: OpenAI-compatible models that answer, refuse the
# token (401), rate limit (429 + Retry-After) or are down (503), and a HuggingFace image path that answers 401.
stub_port=$((base + 5))
stub_log="$WEB_DIR/test-results/stub-provider.log"
node e2e/stub-provider.mjs "$stub_port" >"$stub_log" 2>&1 &
stub_pid=$!
data_dir="$(mktemp -d /tmp/studio-web-e2e.XXXXXX)"
stack_log="$WEB_DIR/test-results/stack.log"
log "starting the studio on port $base (data in $data_dir, log $stack_log)"
set -m
(
  cd "$ROOT_DIR" && exec env STUDIO_PORT=$base STUDIO_USER_PORT=$((base + 1)) STUDIO_CHAT_PORT=$((base + 2)) \
    STUDIO_IMAGE_PORT=$((base + 3)) STUDIO_PG_PORT=$((base + 4)) STUDIO_DATA_DIR="$data_dir" \
    STUDIO_OFFLINE_WORD_INTERVAL=PT0.3S STUDIO_IMAGES_MAX_QUEUED_PER_USER=40 \
    STUDIO_OPENAI_BASE_URL="http://127.0.0.1:$stub_port" STUDIO_OPENAI_API_KEY=stub-key \
    STUDIO_HF_BASE_URL="http://127.0.0.1:$stub_port" HF_TOKEN=stub-hf-token ./studio run
) >"$stack_log" 2>&1 </dev/null &
stack_pid=$!
set +m

started=0
for _ in $(seq 1 900); do
  if grep -q "is running at" "$stack_log" 2>/dev/null; then started=1; break; fi
  kill -0 "$stack_pid" 2>/dev/null || break
  sleep 1
done
if [ $started != 1 ]; then
  log "the studio did not start; last lines of its log:"
  tail -40 "$stack_log"
  e2e_failed=1
elif [ -n "${STACK_COMMAND:-}" ]; then
  log "running against the studio: $STACK_COMMAND"
  E2E_BASE_URL="http://localhost:$base" E2E_STUB_URL="http://127.0.0.1:$stub_port" bash -c "$STACK_COMMAND"
  status=$?
  stop_stack
  log "STACK_COMMAND exit status: $status"
  exit $status
else
  log "end-to-end tests (playwright, $CHROMIUM_PATH)"
  rm -f test-results/e2e.json
  # E2E_SPECS (optional) narrows the run to some spec files, e.g. E2E_SPECS=e2e/room.spec.ts
  E2E_BASE_URL="http://localhost:$base" E2E_STUB_URL="http://127.0.0.1:$stub_port" npx playwright test ${E2E_SPECS:-}
  if [ -f test-results/e2e.json ]; then
    read -r e2e_passed e2e_failed < <(node -e '
      const s = require("./test-results/e2e.json").stats;
      console.log(s.expected + (s.flaky || 0), s.unexpected + (s.errors ? 0 : 0));')
    [ "$e2e_passed" = 0 ] && [ "$e2e_failed" = 0 ] && e2e_failed=1
  else
    e2e_failed=1
  fi
fi
stop_stack

summary
[ "$unit_failed" = 0 ] && [ "$e2e_failed" = 0 ]
