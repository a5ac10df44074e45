#!/usr/bin/env bash
# image-service benchmark: 1,000 queued jobs against an instant HuggingFace stand-in, drained by 1 and by 3 service
# instances sharing one PostgreSQL (jobs per second, duplicates, lost jobs), then gallery page latency with 10,000
# images stored. Everything runs on loopback; the figures are measured side by side in this one run.
#   bench/images/run.sh            (JOBS=1000 GALLERY=10000 REQUESTS=300 to change the sizes)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
JOBS=${JOBS:-1000}
GALLERY=${GALLERY:-10000}
REQUESTS=${REQUESTS:-300}
BASE=${BENCH_BASE_PORT:-19300}
PG=$((BASE)); STUB=$((BASE + 1)); USERS=$((BASE + 2))
DATA=$(mktemp -d /tmp/studio-bench.XXXXXX)
PIDS=()

command -v psql >/dev/null || { apt-get update -qq && apt-get install -y -qq postgresql-client >/dev/null; }
[ -f image-service/target/quarkus-app/quarkus-run.jar ] && [ -f user-service/target/quarkus-app/quarkus-run.jar ] \
  && [ -f studio-launcher/target/studio-launcher.jar ] || ./mvnw -B -q install -Dmaven.test.skip=true

cleanup() {
  # The gallery instance was started inside $(...), so it is not in PIDS (a subshell's array).
  [ -n "${GPID:-}" ] && kill "$GPID" 2>/dev/null || true
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$DATA"
}
trap cleanup EXIT

sql() { psql -h 127.0.0.1 -p "$PG" -U postgres -d studio_images -qAtc "$1"; }
wait_ready() { for _ in $(seq 1 180); do curl -sf -o /dev/null "http://127.0.0.1:$1/q/health/ready" && return 0; sleep 1; done; echo "port $1 never ready" >&2; return 1; }

start_image_service() { # port
  STUDIO_DB_HOST=127.0.0.1 STUDIO_DB_PORT=$PG STUDIO_DB_NAME=studio_images STUDIO_JWT_ISSUER=http://127.0.0.1:$USERS \
  HF_TOKEN=bench STUDIO_HF_BASE_URL=http://127.0.0.1:$STUB STUDIO_IMAGES_WORKERS=${WORKERS:-4} \
  QUARKUS_HTTP_PORT=$1 QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_LOG_LEVEL=WARN \
    java -Xmx384m -XX:+UseSerialGC -jar image-service/target/quarkus-app/quarkus-run.jar > "$DATA/image-$1.log" 2>&1 &
  PIDS+=($!)
  echo $!
}

echo "Starting PostgreSQL, the HuggingFace stand-in and user-service (for a token)..."
java -Dstudio.home="$ROOT" -jar studio-launcher/target/studio-launcher.jar postgres --pg-port "$PG" --data-dir "$DATA" > "$DATA/pg.log" 2>&1 &
PIDS+=($!)
python3 bench/images/stub.py "$STUB" & PIDS+=($!)
for _ in $(seq 1 120); do grep -q "PostgreSQL is up" "$DATA/pg.log" && break; sleep 1; done
STUDIO_DB_HOST=127.0.0.1 STUDIO_DB_PORT=$PG STUDIO_DB_NAME=studio_users STUDIO_JWT_ISSUER=http://127.0.0.1:$USERS \
QUARKUS_HTTP_PORT=$USERS QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_LOG_LEVEL=WARN \
  java -Xmx256m -jar user-service/target/quarkus-app/quarkus-run.jar > "$DATA/users.log" 2>&1 &
PIDS+=($!)
wait_ready "$USERS"
curl -sf -o /dev/null -X POST "http://127.0.0.1:$USERS/api/auth/register" -H 'content-type: application/json' \
  -d '{"username":"gallery-owner","password":"benchmark-passphrase-1"}'
TOKEN=$(curl -sf -X POST "http://127.0.0.1:$USERS/api/auth/token" -H 'content-type: application/json' \
  -d '{"username":"gallery-owner","password":"benchmark-passphrase-1"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
OWNER=$(curl -sf "http://127.0.0.1:$USERS/api/auth/me" -H "Authorization: Bearer $TOKEN" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')

drain() { # instances -> prints "seconds duplicates lost"
  local n=$1 ports=() pids=()
  for i in $(seq 1 "$n"); do ports+=($((BASE + 10 + i))); done
  for p in "${ports[@]}"; do pids+=("$(start_image_service "$p")"); done
  for p in "${ports[@]}"; do wait_ready "$p"; done
  sql "delete from image_jobs"
  curl -sf -o /dev/null "http://127.0.0.1:$STUB/reset"
  local start end
  start=$(date +%s.%N)
  sql "insert into image_jobs (id, owner_id, model, provider, prompt, width, height, steps, guidance, seed, status,
         next_attempt_at, created_at)
       select gen_random_uuid(), '$OWNER', 'stabilityai/stable-diffusion-xl-base-1.0', 'huggingface', 'bench ' || i,
         512, 512, 20, 7.0, i, 'queued', now(), now() from generate_series(1, $JOBS) i;
       select pg_notify('image_jobs', json_build_object('id', gen_random_uuid(), 'ownerId', '$OWNER', 'status', 'queued')::text)" >/dev/null
  for _ in $(seq 1 1200); do
    [ "$(sql "select count(*) from image_jobs where status in ('queued','running')")" = 0 ] && break
    sleep 0.25
  done
  end=$(date +%s.%N)
  local stats dup lost twice
  stats=$(curl -sf "http://127.0.0.1:$STUB/")
  dup=$(echo "$stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["duplicates"])')
  twice=$(sql "select count(*) from image_jobs where attempts > 1")
  lost=$(sql "select count(*) from image_jobs where status <> 'succeeded'")
  for p in "${pids[@]}"; do kill "$p"; wait "$p" 2>/dev/null || true; done
  echo "$(python3 -c "print(round($end - $start, 2))") $dup $lost $twice"
}

echo "Draining $JOBS jobs with 1 instance..."
read -r t1 d1 l1 a1 < <(drain 1)
echo "Draining $JOBS jobs with 3 instances..."
read -r t3 d3 l3 a3 < <(drain 3)

echo "Storing $GALLERY images for the gallery..."
sql "delete from image_jobs;
     insert into image_jobs (id, owner_id, model, provider, prompt, width, height, seed, status, attempts,
       next_attempt_at, created_at, finished_at, content_type, byte_size, sha256)
     select gen_random_uuid(), '$OWNER', 'offline-pattern', 'offline', 'gallery ' || i, 512, 512, i, 'succeeded', 1,
       now(), now() - make_interval(secs => i), now(), 'image/png', 1000, md5(i::text)
     from generate_series(1, $GALLERY) i; analyze image_jobs" >/dev/null
GPORT=$((BASE + 20))
GPID=$(start_image_service "$GPORT")
wait_ready "$GPORT"
DEEP=$(sql "select created_at, id from image_jobs where owner_id = '$OWNER' order by created_at desc, id desc offset $((GALLERY / 2)) limit 1" \
  | python3 -c '
import base64, sys, datetime
created, ident = sys.stdin.read().strip().split("|")
ts = datetime.datetime.fromisoformat(created.replace(" ", "T") if "+" in created else created + "+00:00")
sec = int(ts.timestamp()); nanos = ts.microsecond * 1000
print(base64.urlsafe_b64encode(f"{sec}:{nanos}:{ident}".encode()).decode().rstrip("="))')
GALLERY_STATS=$(python3 - "$GPORT" "$TOKEN" "$DEEP" "$REQUESTS" <<'PY'
import http.client, sys, time, statistics, json
port, token, deep, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
conn = http.client.HTTPConnection("127.0.0.1", int(port))
def timed(path):
    samples = []
    for i in range(n + 20):
        t = time.perf_counter()
        conn.request("GET", path, headers={"Authorization": "Bearer " + token})
        r = conn.getresponse(); body = r.read()
        assert r.status == 200, (r.status, body[:200])
        assert len(json.loads(body)["items"]) == 24
        if i >= 20:  # warm-up excluded
            samples.append((time.perf_counter() - t) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.99) - 1]
f50, f99 = timed("/api/images?limit=24")
d50, d99 = timed("/api/images?limit=24&cursor=" + deep)
print(f"{f50:.2f} {f99:.2f} {d50:.2f} {d99:.2f}")
PY
)
read -r f50 f99 d50 d99 <<< "$GALLERY_STATS"

cat <<REPORT

image-service benchmark ($(nproc) cores, $JOBS jobs, instant stub, ${WORKERS:-4} workers per instance)
  instances  seconds  jobs/s  duplicate runs  jobs run twice  lost jobs
  1          $(printf '%-8s %-7s %-15s %-15s %s' "$t1" "$(python3 -c "print(round($JOBS / $t1, 1))")" "$d1" "$a1" "$l1")
  3          $(printf '%-8s %-7s %-15s %-15s %s' "$t3" "$(python3 -c "print(round($JOBS / $t3, 1))")" "$d3" "$a3" "$l3")
  3 vs 1 instances: $(python3 -c "print(round($t1 / $t3, 2))")x the throughput
gallery with $GALLERY images, page of 24 ($REQUESTS requests each, after 20 warm-up):
  first page     p50 ${f50} ms   p99 ${f99} ms
  page at $((GALLERY / 2))  p50 ${d50} ms   p99 ${d99} ms
REPORT
[ "$d1" = 0 ] && [ "$d3" = 0 ] && [ "$l1" = 0 ] && [ "$l3" = 0 ]
