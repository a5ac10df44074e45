#!/usr/bin/env bash
# The local stack as a person runs it: ./studio run comes up, answers, keeps data between runs, stops cleanly on
# Ctrl-C (SIGINT), recovers after being killed outright, and refuses a busy port with a clear message.
# Prints "ok - ..." / "not ok - ..." lines and a closing "N passed, N failed" line.
set -uo pipefail
# Job control: each background job gets its own process group and, unlike a plain script's background jobs, does not
# ignore SIGINT, so `kill -INT -- -PID` is exactly what Ctrl-C in a terminal does.
set -m
cd "$(dirname "$0")/.."
ROOT=$(pwd)

BASE=${SMOKE_BASE_PORT:-18180}
export STUDIO_PORT=$BASE STUDIO_USER_PORT=$((BASE + 1)) STUDIO_CHAT_PORT=$((BASE + 2)) STUDIO_IMAGE_PORT=$((BASE + 3))
export STUDIO_PG_PORT=$((BASE + 4))
export STUDIO_DATA_DIR=$(mktemp -d /tmp/studio-smoke.XXXXXX)
LOG=$STUDIO_DATA_DIR/run.log
USER_URL=http://127.0.0.1:$STUDIO_USER_PORT
passed=0 failed=0

ok() { echo "ok - $1"; passed=$((passed + 1)); }
not_ok() { echo "not ok - $1"; failed=$((failed + 1)); [ -f "$LOG" ] && tail -n 30 "$LOG" | sed 's/^/    # /'; }
check() { local what=$1; shift; if "$@"; then ok "$what"; else not_ok "$what"; fi; }

start_stack() {
  : > "$LOG"
  "$ROOT/studio" run > "$LOG" 2>&1 &
  STACK_PID=$!
  for _ in $(seq 1 600); do
    grep -q "is running at" "$LOG" && return 0
    kill -0 "$STACK_PID" 2>/dev/null || return 1
    sleep 1
  done
  return 1
}

service_pids() { pgrep -f -- "-Dai.studio.service=.*" | while read -r p; do
  tr '\0' ' ' < /proc/$p/environ 2>/dev/null | grep -q "STUDIO_DB_PORT=$STUDIO_PG_PORT" && echo "$p"; done; }
postgres_running() { pgrep -f -- "-D $STUDIO_DATA_DIR/postgres" >/dev/null; }
nothing_left() { [ -z "$(service_pids)" ] && ! postgres_running; }

# Ctrl-C, and a bounded wait for the stack to go: a stop that hangs fails the check instead of the whole test run.
interrupt_stack() {
  kill -INT -- -"$STACK_PID" 2>/dev/null
  for _ in $(seq 1 90); do kill -0 "$STACK_PID" 2>/dev/null || break; sleep 1; done
  if kill -0 "$STACK_PID" 2>/dev/null; then
    local ignored
    ignored=$(awk '/^SigIgn:/ { print $2 }' "/proc/$STACK_PID/status" 2>/dev/null)
    echo "# the stack was still running 90 s after SIGINT$( (( 0x${ignored:-0} & 2 )) && echo \
      ' (it ignores SIGINT: this test was started from a shell that ignores it, e.g. a background job)')"
    kill -9 -- -"$STACK_PID" 2>/dev/null
  fi
  wait "$STACK_PID" 2>/dev/null
}

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

cleanup() {
  [ -n "${busy:-}" ] && kill "$busy" 2>/dev/null
  [ -n "${STACK_PID:-}" ] && kill -INT -- -"$STACK_PID" 2>/dev/null
  sleep 2
  for p in $(service_pids); do kill -9 "$p" 2>/dev/null; done
  pkill -9 -f -- "-D $STUDIO_DATA_DIR/postgres" 2>/dev/null
  rm -rf "$STUDIO_DATA_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM  # a stopped run still cleans up (the EXIT trap), the busy-port stand-in included

# 1. Comes up and prints the URL
check "./studio run starts PostgreSQL and the four services and prints the URL" start_stack
grep -q "http://localhost:$STUDIO_PORT" "$LOG" && ok "the URL printed is the gateway's" || not_ok "the URL printed is the gateway's"
for port in $STUDIO_PORT $STUDIO_USER_PORT $STUDIO_CHAT_PORT $STUDIO_IMAGE_PORT; do
  check "service on port $port is ready" curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/ready"
done

# 2. Works: an account, a token, /me
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$USER_URL/api/auth/register" -H 'content-type: application/json' \
  -d '{"username":"smoke","password":"quiet-meadow-lantern"}')
check "register answers 201 (was $code)" [ "$code" = 201 ]
token=$(curl -s -X POST "$USER_URL/api/auth/token" -H 'content-type: application/json' \
  -d '{"username":"smoke","password":"quiet-meadow-lantern"}' | json '["access_token"]')
me=$(curl -s "$USER_URL/api/auth/me" -H "Authorization: Bearer $token" | json '["username"]')
check "a token from /api/auth/token opens /api/auth/me" [ "$me" = smoke ]

# 2b. The whole path a browser takes: gateway cookie session + CSRF, then chat and images through the gateway
GW=http://127.0.0.1:$STUDIO_PORT
JAR=$STUDIO_DATA_DIR/cookies.txt
curl -s -o /dev/null -c "$JAR" "$GW/api/auth/me"
csrf=$(awk '$6 == "studio_csrf" {print $7}' "$JAR")
check "the gateway hands out a CSRF cookie on the first call" [ -n "$csrf" ]
gw() { curl -s -b "$JAR" -c "$JAR" -H "X-CSRF-Token: $csrf" -H "Origin: $GW" -H 'content-type: application/json' "$@"; }
code=$(gw -o /dev/null -w '%{http_code}' -X POST "$GW/api/auth/register" -d '{"username":"browser","password":"quiet harbour signal"}')
check "register through the gateway with CSRF answers 201 (was $code)" [ "$code" = 201 ]
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$JAR" -H "Origin: $GW" -H 'content-type: application/json' \
  -X POST "$GW/api/chat/conversations" -d '{}')
check "an unsafe cookie request without the CSRF header is refused (was $code)" [ "$code" = 403 ]
me=$(gw "$GW/api/auth/me" | json '.get("username")')
check "the session cookie alone opens /api/auth/me through the gateway" [ "$me" = browser ]
conv=$(gw -X POST "$GW/api/chat/conversations" -d '{"model":"offline-echo"}' | json '.get("id")')
reply=$(gw -H 'Accept: application/json' -X POST "$GW/api/chat/conversations/$conv/messages" -d '{"content":"hello from the smoke test"}' \
  | json '.get("assistantMessage", {}).get("status")')
check "a chat reply from the offline model completes through the gateway (was $reply)" [ "$reply" = complete ]
events=$(curl -s -N --max-time 3 -b "$JAR" -H "X-CSRF-Token: $csrf" -H "Origin: $GW" -H 'content-type: application/json' \
  -X POST "$GW/api/chat/conversations/$conv/messages" -d '{"content":"stream please"}' | grep -c '^event:' || true)
check "a streamed reply arrives as server-sent events through the gateway ($events events)" [ "${events:-0}" -ge 2 ]
image=$(gw -X POST "$GW/api/images" -d '{"model":"offline-pattern","prompt":"smoke","width":64,"height":64}' | json '.get("id")')
status=queued
for _ in $(seq 1 60); do
  status=$(gw "$GW/api/images/$image" | json '.get("status")')
  [ "$status" = succeeded ] || [ "$status" = failed ] && break
  sleep 0.5
done
check "an offline image job succeeds through the gateway (was $status)" [ "$status" = succeeded ]
type=$(gw -o /dev/null -w '%{content_type}' "$GW/api/images/$image/content")
check "its bytes come through the gateway as image/png (was $type)" [ "$type" = image/png ]
code=$(gw -X POST "$GW/api/images" -d '{"model":"offline-pattern","prompt":"smoke","negative_prompt":"blur"}' | json '.get("code")')
check "a misspelt body field (negative_prompt) is refused as unknown_field, not dropped (was $code)" [ "$code" = unknown_field ]
detail=$(gw -X POST "$GW/api/images" -d '{"model":"offline-pattern","prompt":"smoke","width":"wide"}' | json '.get("detail")')
check "a value of the wrong kind names the field and what it must be, no Java type (was: $detail)" [ "$detail" = "width must be an integer" ]
code=$(gw -o /dev/null -w '%{http_code}' -X PUT "$GW/api/auth/password" \
  -d '{"currentPassword":"quiet harbour signal","newPassword":"copper lantern meadow"}')
check "the password is changed through the gateway with the session cookie and CSRF (was $code)" [ "$code" = 204 ]
me=$(gw "$GW/api/auth/me" | json '.get("username")')
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$GW/api/auth/token" -H 'content-type: application/json' \
  -d '{"username":"browser","password":"quiet harbour signal"}')
check "after it the session that changed it stays signed in (was $me)" [ "$me" = browser ]
check "and the old password is refused (was $code)" [ "$code" = 401 ]
rid=$(python3 -c 'import uuid; print(uuid.uuid4())')
curl -s -o /dev/null -H "X-Request-Id: $rid" "$GW/api/auth/me"
sleep 1
check "the gateway's access log has the request's id and how long it took in ms" \
  grep -Eq "\" [0-9]{3} [0-9-]+ [0-9]+ ms rid=$rid" "$STUDIO_DATA_DIR/logs/gateway-service.log"
code=$(curl -s -o /dev/null -w '%{http_code}' "$GW/internal/sessions/exchange" -X POST -d '{}')
check "the gateway never routes /internal/** (was $code)" [ "$code" = 404 ]
for url in "$GW/api/chat/conversations" "$USER_URL/api/auth/me" "http://127.0.0.1:$STUDIO_CHAT_PORT/api/chat/conversations" \
    "http://127.0.0.1:$STUDIO_IMAGE_PORT/api/images"; do
  code=$(curl -s "$url?cursor=%%%" -H "Authorization: Bearer $token" | json '.get("code")' 2>/dev/null || true)
  check "a malformed URI ($url?cursor=%%%) is an invalid_uri problem (was ${code:-an empty answer})" [ "$code" = invalid_uri ]
done

# 3. Ctrl-C stops everything
interrupt_stack
sleep 1
check "Ctrl-C (SIGINT) leaves no service JVM and no PostgreSQL behind" nothing_left
check "a clean stop removes PostgreSQL's lock" [ ! -f "$STUDIO_DATA_DIR/postgres/postmaster.pid" ]

# 4. Data kept; a run killed outright is recovered from
check "the stack starts again on the same data" start_stack
token=$(curl -s -X POST "$USER_URL/api/auth/token" -H 'content-type: application/json' \
  -d '{"username":"smoke","password":"quiet-meadow-lantern"}' | json '.get("access_token","")')
check "the account made in the first run is still there" [ -n "$token" ]
launcher=$(pgrep -f -- "studio.home=$ROOT .*studio-launcher.jar run" | head -1)
kill -9 "$launcher"
sleep 1
check "after SIGKILL of the launcher its PostgreSQL is orphaned (the crash case)" postgres_running
check "a run after a crash stops the leftovers and comes up" start_stack
token=$(curl -s -X POST "$USER_URL/api/auth/token" -H 'content-type: application/json' \
  -d '{"username":"smoke","password":"quiet-meadow-lantern"}' | json '.get("access_token","")')
check "and the data survived the crash" [ -n "$token" ]
interrupt_stack; sleep 1
check "stopped cleanly again" nothing_left

# 5. A busy port is a clear message, not a stack trace. The run first rebuilds what is stale: a changed source of the
# shared problem library makes the three services built with it stale (the gateway is not built with it).
touch studio-problem/src/main/java/dev/aistudio/problem/Problems.java
python3 -m http.server "$STUDIO_PORT" --bind 127.0.0.1 >/dev/null 2>&1 &
busy=$!
for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$STUDIO_PORT/" && break; sleep 0.1; done  # listening
out=$("$ROOT/studio" run 2>&1); status=$?
kill "$busy" 2>/dev/null
check "a busy port exits with status 2 (was $status)" [ "$status" = 2 ]
echo "$out" | grep -q "port $STUDIO_PORT is already in use" && ok "and names the port" || not_ok "and names the port: $out"
echo "$out" | grep -q "Exception\|at dev\.\|at java\." && not_ok "no stack trace" || ok "no stack trace"
echo "$out" | grep -qE "Building (studio-launcher )?user-service chat-service image-service \(" \
  && ok "a change to studio-problem rebuilt the services built with it first" \
  || not_ok "a change to studio-problem rebuilt the services built with it first: $out"
STACK_PID=

echo "stack smoke: $passed passed, $failed failed"
[ "$failed" = 0 ]
