#!/usr/bin/env bash
# ./studio dev as a developer uses it, on a temporary copy of the repository (the real tree is never edited): a busy
# port is one clear line; the page comes from Vite; register, cookie session and CSRF work through Vite's /api proxy;
# a Java change in chat-service is live-reloaded by the same JVM; a component change reaches the HMR websocket and
# Vite's transformed module; Ctrl-C leaves no process and no port behind; a run killed outright is cleaned up by the next.
#   DEV_SMOKE_SOURCE=worktree (default: the files as they are, untracked ones too, ignored ones not) | head (last commit)
#   DEV_SMOKE_BASE_PORT=18380 (the first of six ports; the next free block is taken when busy)
# Prints "ok - ..." / "not ok - ..." lines, the time taken, and a last line "dev smoke: N passed, N failed".
set -uo pipefail
# Job control: the background ./studio dev gets its own process group and does not ignore SIGINT, so
# `kill -INT -- -PID` is exactly what Ctrl-C in a terminal does.
set -m
cd "$(dirname "$0")/.."
ROOT=$(pwd)
if [ ! -x "$ROOT/studio" ] || [ ! -f "$ROOT/pom.xml" ]; then
  echo "not ok - run scripts/dev-smoke.sh from the repository ($ROOT is not it), nothing copied"
  echo "dev smoke: 0 passed, 1 failed"
  exit 1
fi
STARTED=$(date +%s)

WORK=$(mktemp -d /tmp/studio-dev-smoke.XXXXXX)
COPY=$WORK/repo
LOG=$WORK/dev.log
JAR=$WORK/cookies.txt
export STUDIO_DATA_DIR=$WORK/data
passed=0 failed=0

ok() { echo "ok - $1"; passed=$((passed + 1)); }
not_ok() { echo "not ok - $1"; failed=$((failed + 1)); [ -s "$LOG" ] && tail -n 25 "$LOG" | sed 's/^/    # /'; }
check() { local what=$1; shift; if "$@"; then ok "$what"; else not_ok "$what"; fi; }
elapsed() { echo $(($(date +%s) - STARTED)); }

# Six free ports in a row: gateway, user, chat, image, PostgreSQL, Vite.
free_block() {
  python3 - "${DEV_SMOKE_BASE_PORT:-18380}" <<'PY'
import socket, sys
base = int(sys.argv[1])
def free(p):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", p)); return True
        except OSError:
            return False
while not all(free(p) for p in range(base, base + 6)):
    base += 10
print(base)
PY
}
BASE=$(free_block)
export STUDIO_PORT=$BASE STUDIO_USER_PORT=$((BASE + 1)) STUDIO_CHAT_PORT=$((BASE + 2)) STUDIO_IMAGE_PORT=$((BASE + 3))
export STUDIO_PG_PORT=$((BASE + 4)) STUDIO_WEB_PORT=$((BASE + 5))
unset STUDIO_DEBUG_PORT
WEB=http://localhost:$STUDIO_WEB_PORT
PORTS="$STUDIO_PORT $STUDIO_USER_PORT $STUDIO_CHAT_PORT $STUDIO_IMAGE_PORT $STUDIO_PG_PORT $STUDIO_WEB_PORT"

# Every process of this run names the copy or its data folder on its command line (Maven, the dev-mode JVMs, Vite,
# PostgreSQL); nothing else does.
our_pids() {
  local p
  for p in $(pgrep -f -- "$WORK" 2>/dev/null); do
    [ "$p" != $$ ] && [ "$p" != "$BASHPID" ] && tr '\0' ' ' 2>/dev/null < "/proc/$p/cmdline" | grep -q -- "$WORK" && echo "$p"
  done
}
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
all_ports_free() { local p; for p in $PORTS; do port_free "$p" || return 1; done; }
nothing_left() { [ -z "$(our_pids)" ]; }

cleanup() {
  [ -n "${DEV_PID:-}" ] && kill -INT -- -"$DEV_PID" 2>/dev/null && sleep 5
  for p in $(our_pids); do kill -9 "$p" 2>/dev/null; done
  rm -rf "$WORK"
}
trap cleanup EXIT

# --- the copy: sources only (no target/, node_modules/, dist/), then the web client's packages ---
mkdir -p "$COPY"
if ! git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
  tar -c -f - -C "$ROOT" --exclude=./.git --exclude='*/target' --exclude='*/node_modules' --exclude='*/dist' . \
    | tar -x -f - -C "$COPY"
elif [ "${DEV_SMOKE_SOURCE:-worktree}" = head ]; then
  git -C "$ROOT" archive HEAD | tar -x -C "$COPY"
else
  git -C "$ROOT" ls-files -z --cached --others --exclude-standard \
    | tar -c -f - --null --ignore-failed-read -T - 2>/dev/null | tar -x -f - -C "$COPY"
fi
if [ -d "$ROOT/web-client/node_modules" ] && [ "$ROOT/web-client/node_modules" -nt "$ROOT/web-client/package-lock.json" ]; then
  cp -a "$ROOT/web-client/node_modules" "$COPY/web-client/" && rm -rf "$COPY/web-client/node_modules/.vite"
fi
check "a copy of the repository to work on ($COPY, from ${DEV_SMOKE_SOURCE:-worktree})" test -x "$COPY/studio"

# Files this test edits once the studio runs: a chat-service resource and a component, both only in the copy.
SMOKE_JAVA=$COPY/chat-service/src/main/java/dev/aistudio/chat/devsmoke/DevSmokeResource.java
SMOKE_TSX=$COPY/web-client/src/ui/DevSmokeBadge.tsx
mkdir -p "$(dirname "$SMOKE_JAVA")"
cat > "$SMOKE_JAVA" <<'JAVA'
package dev.aistudio.chat.devsmoke;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/** Only in the dev smoke test's copy: its answer is edited while ./studio dev runs. */
@Path("/api/chat/dev-smoke")
public class DevSmokeResource {

    @GET
    @Produces("text/plain")
    public String marker() {
        return "dev-smoke-java-1";
    }
}
JAVA
cat > "$SMOKE_TSX" <<'TSX'
// Only in the dev smoke test's copy: its text is edited while ./studio dev runs.
export function DevSmokeBadge() {
  return <span className="dev-smoke">dev-smoke-web-1</span>;
}
TSX

# --- 1. a busy port is one clear line (this first call also builds what dev mode needs in the copy) ---
python3 -m http.server "$STUDIO_WEB_PORT" --bind 127.0.0.1 >/dev/null 2>&1 &
BUSY=$!
for _ in $(seq 1 50); do port_free "$STUDIO_WEB_PORT" || break; sleep 0.1; done
out=$("$COPY/studio" dev 2>&1); status=$?
kill "$BUSY" 2>/dev/null; wait "$BUSY" 2>/dev/null
check "a busy Vite port: ./studio dev exits with status 2 (was $status)" [ "$status" = 2 ]
echo "$out" | grep -q "port $STUDIO_WEB_PORT is already in use" && ok "and names the port" \
  || not_ok "and names the port: $(echo "$out" | tail -3)"
echo "$out" | grep -q "Exception\|at dev\.\|at java\." && not_ok "no stack trace" || ok "no stack trace"
prepared=$(elapsed)

# Starts ./studio dev in the background (DEV_PID: the launcher, as the script execs it) and waits for its ready line.
start_dev() {
  : > "$LOG"
  "$COPY/studio" dev > "$LOG" 2>&1 &
  DEV_PID=$!
  for _ in $(seq 1 1500); do
    grep -q "is running at" "$LOG" && return 0
    kill -0 "$DEV_PID" 2>/dev/null || return 1
    # Nothing edits the copy now, so a dev-mode service that failed to start would wait forever.
    grep -q "Failed to start application" "$LOG" && return 1
    sleep 1
  done
  return 1
}

# --- 2. ./studio dev comes up ---
start_dev; ready=$?
up=$(elapsed)
check "./studio dev starts PostgreSQL, four dev-mode services and Vite, and says so ($((up - prepared)) s)" [ "$ready" = 0 ]
grep -q "AI Studio 3D (dev) is running at $WEB" "$LOG" && ok "the ready line names the Vite server ($WEB)" \
  || not_ok "the ready line names the Vite server ($WEB)"
for port in $STUDIO_PORT $STUDIO_USER_PORT $STUDIO_CHAT_PORT $STUDIO_IMAGE_PORT; do
  check "service on port $port is ready" curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/ready"
done
check "each service runs in dev mode (profile dev, live coding)" \
  [ "$(grep -c "Profile dev activated. Live Coding activated" "$LOG")" -ge 4 ]
check "log lines carry their process's prefix" grep -q "^\[chat   \] .*chat-service .*started in" "$LOG"
check "Vite's lines carry the web prefix" grep -q "^\[web    \] " "$LOG"
for port in $STUDIO_PORT $STUDIO_CHAT_PORT; do  # dev mode runs no main: the build passes the property (pom.xml)
  code=$(curl -s "http://127.0.0.1:$port/api/chat/conversations?cursor=%%%" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin).get("code"))' 2>/dev/null || true)
  check "a malformed URI on port $port is an invalid_uri problem in dev mode too (was ${code:-an empty answer})" \
    [ "$code" = invalid_uri ]
done

# --- 3. the page from Vite, and the browser's path through its /api proxy ---
page=$(curl -s "$WEB/")
echo "$page" | grep -q "/@vite/client" && ok "the page is served by the Vite dev server (with its HMR client)" \
  || not_ok "the page is served by the Vite dev server: $(echo "$page" | head -c 200)"
curl -s -o /dev/null -c "$JAR" "$WEB/api/auth/me"
csrf=$(awk '$6 == "studio_csrf" {print $7}' "$JAR")
check "the gateway's CSRF cookie arrives through the proxy" [ -n "$csrf" ]
api() { curl -s -b "$JAR" -c "$JAR" -H "X-CSRF-Token: $csrf" -H "Origin: $WEB" -H 'content-type: application/json' "$@"; }
code=$(api -o /dev/null -w '%{http_code}' -X POST "$WEB/api/auth/register" -d '{"username":"devsmoke","password":"quiet dev meadow lantern"}')
check "register through Vite with CSRF token and the Vite Origin answers 201 (was $code)" [ "$code" = 201 ]
check "it set the session cookie" grep -q "studio_session" "$JAR"
me=$(api "$WEB/api/auth/me" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("username"))' 2>/dev/null)
check "the cookie session opens /api/auth/me through Vite (was $me)" [ "$me" = devsmoke ]
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$JAR" -H "Origin: $WEB" -H 'content-type: application/json' \
  -X POST "$WEB/api/chat/conversations" -d '{}')
check "an unsafe cookie request without the CSRF header is refused (was $code)" [ "$code" = 403 ]
code=$(api -o /dev/null -w '%{http_code}' -H "Origin: http://elsewhere.example" -X POST "$WEB/api/chat/conversations" -d '{}')
check "and so is one from another origin (was $code)" [ "$code" = 403 ]

# --- 4. a Java change shows on the next request, served by the same JVM ---
# chat-service's dev-mode JVM (not Maven, whose -Djvm.args names the marker too).
chat_jvm() { pgrep -f -- "-Dai.studio.dev-service=chat-service .*-dev\.jar" | while read -r p; do
  tr '\0' ' ' 2>/dev/null < "/proc/$p/cmdline" | grep -q -- "$COPY/" && echo "$p"; done | head -1; }
marker() { api --max-time 120 "$WEB/api/chat/dev-smoke"; }
before=$(chat_jvm)
first=$(marker)
check "the chat-service resource answers through Vite and the gateway (was '$first')" [ "$first" = dev-smoke-java-1 ]
sed -i 's/dev-smoke-java-1/dev-smoke-java-2/' "$SMOKE_JAVA"
reload_started=$(date +%s)
second=
for _ in $(seq 1 30); do
  second=$(marker)
  [ "$second" = dev-smoke-java-2 ] && break
  sleep 2
done
check "after editing the Java source the next requests answer the new value ($(($(date +%s) - reload_started)) s, was '$second')" \
  [ "$second" = dev-smoke-java-2 ]
after=$(chat_jvm)
same_jvm() { [ -n "$before" ] && [ "$before" = "$after" ]; }
check "live reload, not a restart: the same chat-service JVM (pid ${before:-none} -> ${after:-none})" same_jvm
check "Quarkus reports the live reload" grep -q "Live reload total time" "$LOG"

# --- 5. a component change: the HMR websocket announces it and Vite serves the new module ---
module() { curl -s "$WEB/src/ui/DevSmokeBadge.tsx"; }
module | grep -q "dev-smoke-web-1" && ok "Vite serves the component as a transformed module" \
  || not_ok "Vite serves the component as a transformed module: $(module | head -c 200)"
hmr=$(python3 - "$STUDIO_WEB_PORT" "$SMOKE_TSX" <<'PY'
# A minimal websocket client (RFC 6455) speaking Vite's "vite-hmr" protocol: connect, edit the file, wait for news.
import base64, json, os, re, socket, sys, time, urllib.request
port, path = int(sys.argv[1]), sys.argv[2]
client = urllib.request.urlopen(f"http://127.0.0.1:{port}/@vite/client", timeout=30).read().decode()
token = re.search(r'wsToken\s*=\s*"([^"]*)"', client)
query = f"?token={token.group(1)}" if token else ""
s = socket.create_connection(("127.0.0.1", port), timeout=60)
key = base64.b64encode(os.urandom(16)).decode()
s.sendall((f"GET /{query} HTTP/1.1\r\nHost: localhost:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: vite-hmr\r\n"
           f"Origin: http://localhost:{port}\r\n\r\n").encode())
buf = b""
while b"\r\n\r\n" not in buf:
    buf += s.recv(4096)
head, buf = buf.split(b"\r\n\r\n", 1)
if b" 101 " not in head.split(b"\r\n")[0]:
    print("handshake refused: " + head.split(b"\r\n")[0].decode()); sys.exit(1)
def frames():
    global buf
    while True:
        while len(buf) < 2:
            buf += s.recv(65536)
        n, off = buf[1] & 0x7F, 2
        if n == 126: n, off = int.from_bytes(buf[2:4], "big"), 4
        elif n == 127: n, off = int.from_bytes(buf[2:10], "big"), 10
        while len(buf) < off + n:
            buf += s.recv(65536)
        opcode, data, buf = buf[0] & 0x0F, buf[off:off + n], buf[off + n:]
        if opcode == 1:
            yield json.loads(data)
        elif opcode == 8:
            return
edited = False
deadline = time.time() + 90
for message in frames():
    kind = message.get("type")
    if kind == "connected" and not edited:
        with open(path) as f: text = f.read()
        with open(path, "w") as f: f.write(text.replace("dev-smoke-web-1", "dev-smoke-web-2"))
        edited = True
    elif edited and kind == "update" and any("DevSmokeBadge" in u.get("path", "") for u in message.get("updates", [])):
        print("update " + ",".join(u.get("path", "") for u in message["updates"])); sys.exit(0)
    elif edited and kind == "full-reload":
        print("full-reload"); sys.exit(0)
    if time.time() > deadline:
        break
print("no update for the edited component"); sys.exit(1)
PY
)
announced() { [ "${hmr%% *}" = update ] || [ "$hmr" = full-reload ]; }
check "the HMR websocket announces the edited component ($hmr)" announced
module | grep -q "dev-smoke-web-2" && ok "and Vite now serves its new text" || not_ok "and Vite now serves its new text"

# --- 6. Ctrl-C stops everything ---
stop_started=$(date +%s)
kill -INT -- -"$DEV_PID"
# bounded: a stop that hangs fails the checks below instead of hanging the whole test run
for _ in $(seq 1 90); do kill -0 "$DEV_PID" 2>/dev/null || break; sleep 1; done
kill -0 "$DEV_PID" 2>/dev/null && { echo "# ./studio dev still running 90 s after SIGINT"; kill -9 -- -"$DEV_PID" 2>/dev/null; }
wait "$DEV_PID" 2>/dev/null
for _ in $(seq 1 20); do nothing_left && all_ports_free && break; sleep 1; done
check "Ctrl-C (SIGINT) leaves no process behind: Maven, dev-mode JVMs, Vite, PostgreSQL ($(($(date +%s) - stop_started)) s)" nothing_left
check "and every port is free again ($PORTS)" all_ports_free
check "a clean stop removes PostgreSQL's lock" [ ! -f "$STUDIO_DATA_DIR/postgres/postmaster.pid" ]
DEV_PID=

# --- 7. a run killed outright (once its four dev-mode JVMs run under Maven) is cleaned up by the next one ---
LOG=$WORK/dev-killed.log
"$COPY/studio" dev > "$LOG" 2>&1 &
DEV_PID=$!
# The JVMs Maven starts (-jar <service>-dev.jar); Maven's own command line names the marker too, in -Djvm.args.
dev_jvms() { pgrep -f -- "-Dai.studio.dev-service=.*-dev\.jar" | grep -xF -f <(our_pids) | wc -l; }
for _ in $(seq 1 600); do [ "$(dev_jvms)" -ge 4 ] && break; sleep 1; done
kill -9 "$DEV_PID"; wait "$DEV_PID" 2>/dev/null; DEV_PID=
sleep 1
# (Vite may end by itself: its output pipe broke with the launcher.)
orphans() { [ "$(dev_jvms)" -ge 4 ] && pgrep -f -- "-Dai.studio.service=.*" | grep -qxF -f <(our_pids); }
check "after SIGKILL of the launcher its Maven processes and their dev-mode JVMs are orphaned (the crash case)" orphans
OTHER=$((BASE + 6))
python3 -m http.server "$OTHER" --bind 127.0.0.1 >/dev/null 2>&1 &
BUSY=$!
for _ in $(seq 1 50); do port_free "$OTHER" || break; sleep 0.1; done
out=$(STUDIO_WEB_PORT=$OTHER "$COPY/studio" dev 2>&1); status=$?
kill "$BUSY" 2>/dev/null; wait "$BUSY" 2>/dev/null
echo "$out" | grep -q "left running by an earlier run" && ok "the next ./studio dev stops what the killed run left" \
  || not_ok "the next ./studio dev stops what the killed run left: $(echo "$out" | head -5)"
check "(and then refuses its busy Vite port with status 2, was $status)" [ "$status" = 2 ]
for _ in $(seq 1 20); do nothing_left && all_ports_free && break; sleep 1; done
check "nothing of the killed run is left, every port free" nothing_left
check "(ports $PORTS)" all_ports_free

if [ "$failed" != 0 ]; then
  rm -rf /tmp/studio-dev-smoke-logs && mkdir -p /tmp/studio-dev-smoke-logs && cp "$WORK"/*.log /tmp/studio-dev-smoke-logs/ \
    && echo "# the whole ./studio dev output: /tmp/studio-dev-smoke-logs/"
fi
echo "time: copy + build $prepared s, start to ready $((up - prepared)) s, whole smoke $(elapsed) s"
echo "dev smoke: $passed passed, $failed failed"
[ "$failed" = 0 ]
