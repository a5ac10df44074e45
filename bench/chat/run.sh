#!/usr/bin/env bash
# chat-service benchmark (issue 4, item 8): against a stub OpenAI-compatible provider on loopback, time to first
# token through chat-service vs straight to the stub (p50/p99), and 1,000 concurrent streaming replies on one
# chat-service JVM (errors, added inter-token gap, peak RSS). Everything is measured side by side in this one run by
# one Node client; the figures are printed, never asserted. See bench/chat/README.md.
#   bench/chat/run.sh        (STREAMS=1000 USERS=100 TOKENS=400 GAP=100 ROUNDS=1 SAMPLES=300 to change the sizes;
#                             WARMUP=300 pairs before the measured ones (the run's first 30 are also printed, cold);
#                             BURST=200 adds 5 bursts of 200 one-token replies at once, counting upstream failures;
#                             ROUNDS=0 measures the time to first token alone, without the 1,000-stream round;
#                             CHAT_APP=dir runs that copy of chat-service's quarkus-app, e.g. an older build for A/B)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
BASE=${BENCH_BASE_PORT:-19400}
PG=$((BASE)); STUB=$((BASE + 1)); USERS_PORT=$((BASE + 2)); CHAT=$((BASE + 3))
export STREAMS=${STREAMS:-1000} USERS=${USERS:-100} TOKENS=${TOKENS:-400} GAP=${GAP:-100} ROUNDS=${ROUNDS:-1}
export SAMPLES=${SAMPLES:-300} WARMUP=${WARMUP:-300} BURST=${BURST:-0} BURST_ROUNDS=${BURST_ROUNDS:-5}
# the JVM as benchmarked: a 256 MiB heap (half the RSS target), the JVM's default collector, and the compiler
# chat-service's container image runs with (C1 only: chat-service/pom.xml, profile images)
export CHAT_JAVA_OPTS=${CHAT_JAVA_OPTS:--Xmx256m -XX:TieredStopAtLevel=1}
DATA=$(mktemp -d /tmp/studio-chat-bench.XXXXXX)
PIDS=()

for jar in "${CHAT_APP:-chat-service/target/quarkus-app}/quarkus-run.jar" user-service/target/quarkus-app/quarkus-run.jar \
    studio-launcher/target/studio-launcher.jar; do
  [ -f "$jar" ] || { echo "building ($jar missing)..."; ./mvnw -B -q install -Dmaven.test.skip=true; break; }
done
command -v node >/dev/null || { echo "node (20+) is needed for the stub and the load client" >&2; exit 1; }

cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$DATA"
}
trap cleanup EXIT

wait_ready() { for _ in $(seq 1 240); do curl -sf -o /dev/null "http://127.0.0.1:$1/q/health/ready" && return 0; sleep 1; done
  echo "port $1 never ready" >&2; return 1; }

# private copies of the two services, so that a rebuild by someone else during the run cannot pull files from under them
cp -r "${CHAT_APP:-chat-service/target/quarkus-app}" "$DATA/chat-app"
cp -r user-service/target/quarkus-app "$DATA/users-app"

echo "Starting PostgreSQL, the stub provider, user-service and chat-service (ports $BASE-$CHAT)..."
java -Dstudio.home="$ROOT" -jar studio-launcher/target/studio-launcher.jar postgres --pg-port "$PG" --data-dir "$DATA/pg" \
  > "$DATA/pg.log" 2>&1 &
PIDS+=($!)
node bench/chat/stub.js "$STUB" > "$DATA/stub.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 120); do grep -q "PostgreSQL is up" "$DATA/pg.log" && break; sleep 1; done
grep -q "PostgreSQL is up" "$DATA/pg.log" || { cat "$DATA/pg.log" >&2; exit 1; }

STUDIO_DB_HOST=127.0.0.1 STUDIO_DB_PORT=$PG STUDIO_DB_NAME=studio_users STUDIO_JWT_ISSUER=http://127.0.0.1:$USERS_PORT \
QUARKUS_HTTP_PORT=$USERS_PORT QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_LOG_LEVEL=WARN \
  java -Xmx256m -jar "$DATA/users-app/quarkus-run.jar" > "$DATA/users.log" 2>&1 &
PIDS+=($!)

# Limits raised for the benchmark: USERS users share STREAMS streams, so each may have STREAMS/USERS generating at once;
# the upstream pool must hold all STREAMS streams at once (the default, 256, would queue the rest).
PER_USER=$(( (STREAMS + USERS - 1) / USERS ))
# shellcheck disable=SC2086
STUDIO_DB_HOST=127.0.0.1 STUDIO_DB_PORT=$PG STUDIO_DB_NAME=studio_chat STUDIO_JWT_ISSUER=http://127.0.0.1:$USERS_PORT \
STUDIO_OPENAI_BASE_URL=http://127.0.0.1:$STUB STUDIO_CHAT_DEFAULT_MODEL=bench-stub \
STUDIO_CHAT_MAX_CONCURRENT_GENERATIONS=$PER_USER STUDIO_UPSTREAM_MAX_CONNECTIONS=$(( STREAMS > 256 ? STREAMS : 256 )) \
QUARKUS_HTTP_PORT=$CHAT QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_LOG_LEVEL=WARN \
  java $CHAT_JAVA_OPTS -jar "$DATA/chat-app/quarkus-run.jar" > "$DATA/chat.log" 2>&1 &
CHAT_PID=$!
PIDS+=($CHAT_PID)
wait_ready "$USERS_PORT"
wait_ready "$CHAT"
echo "chat-service is pid $CHAT_PID: java $CHAT_JAVA_OPTS; per-user limit $PER_USER, upstream pool $(( STREAMS > 256 ? STREAMS : 256 ))"

status=0
CHAT_URL=http://127.0.0.1:$CHAT STUB_URL=http://127.0.0.1:$STUB USERS_URL=http://127.0.0.1:$USERS_PORT CHAT_PID=$CHAT_PID \
RUN_ID=$(date +%s) RESULT_FILE=${RESULT_FILE:-} \
  node --max-old-space-size=2048 bench/chat/load.js || status=$?

echo
echo "chat-service log: $(grep -c . "$DATA/chat.log" || true) lines, $(grep -cE ' (WARN|ERROR) ' "$DATA/chat.log" || true) WARN/ERROR:"
grep -E ' (WARN|ERROR) ' "$DATA/chat.log" | sed -E 's/^[0-9-]+ [0-9:,]+ //' | cut -c1-220 | sort | uniq -c | sort -rn | head -15 || true
if [ -n "${KEEP_LOGS:-}" ]; then cp "$DATA/chat.log" "$KEEP_LOGS"; echo "chat-service log copied to $KEEP_LOGS"; fi
exit "$status"
