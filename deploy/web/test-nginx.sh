#!/usr/bin/env bash
# Runs the web image's own nginx.conf and start script with the machine's nginx (Debian's), no container engine:
# same config, root swapped for a copy of web-client/dist (or a stand-in page when there is no build) and the
# port for a free one. Checks what the browser relies on. Prints "ok - ..."/"FAIL - ..." and "checks: N passed, N failed".
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
passed=0; failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
fail() { failed=$((failed + 1)); echo "FAIL - $1"; }

if ! command -v nginx >/dev/null 2>&1; then
  (apt-get install -y -qq nginx-light >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq nginx-light) >/dev/null 2>&1) || true
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
if [ ! -x "$nginx_bin" ]; then fail "nginx is not installed (apt-get install nginx-light)"; echo "checks: $passed passed, $failed failed"; exit 1; fi

work=$(mktemp -d /tmp/studio-web-check.XXXXXX)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$work/html" "$work/config"
if [ -f "$repo/web-client/dist/index.html" ]; then
  cp -r "$repo/web-client/dist/." "$work/html/"
  rm -f "$work/html/config.js"   # as the Dockerfile does: config.js comes from the start script
else
  printf '<!doctype html><script src="/config.js"></script><p>stand-in</p>\n' > "$work/html/index.html"
  mkdir -p "$work/html/assets" && echo 'console.log(1)' > "$work/html/assets/app-abc123.js"
fi
chmod -R a+rX "$work"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

# The start script, as the container runs it (STUDIO_CONFIG_DIR only moves /tmp/studio-config for this test).
if STUDIO_CONFIG_DIR="$work/config" STUDIO_API_BASE='https://api.example.com/"x' sh "$here/40-studio-config.sh" >/dev/null \
   && grep -qF 'window.__STUDIO_CONFIG__ = {"apiBase": "https://api.example.com/\"x"};' "$work/config/config.js" \
   && [ ! -s "$work/config/api-proxy.conf" ]; then
  ok "start script writes config.js from STUDIO_API_BASE (escaped) and no /api proxy without STUDIO_GATEWAY_URL"
else
  fail "start script output: $(cat "$work/config/config.js" 2>/dev/null)"
fi
STUDIO_CONFIG_DIR="$work/config" STUDIO_API_BASE='' STUDIO_GATEWAY_URL="http://127.0.0.1:9" sh "$here/40-studio-config.sh" >/dev/null

sed -e "s#/tmp/studio-config#$work/config#g" -e "s#root /usr/share/nginx/html;#root $work/html;#" \
    -e "s#listen 8080;#listen 127.0.0.1:$port;#" -e "s#pid /tmp/nginx.pid;#pid $work/nginx.pid;#" \
    -e "s#/tmp/\([a-z]*_temp\)#$work/\1#g" "$here/nginx.conf" > "$work/nginx.conf"
if "$nginx_bin" -t -q -c "$work/nginx.conf" -e "$work/error.log" 2>"$work/t.log"; then ok "nginx -t accepts deploy/web/nginx.conf"; else fail "nginx -t: $(cat "$work/t.log")"; fi
"$nginx_bin" -c "$work/nginx.conf" -e "$work/error.log" -g "daemon off;" >"$work/access.log" 2>>"$work/error.log" &
pid=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

get() { curl -s -o "$work/body" -D "$work/headers" -w '%{http_code}' "http://127.0.0.1:$port$1"; }
header() { grep -i "^$1:" "$work/headers" | head -1 | cut -d: -f2- | tr -d '\r' | sed 's/^ //'; }

[ "$(get /healthz)" = 200 ] && ok "GET /healthz answers 200" || fail "GET /healthz"
code=$(get /)
if [ "$code" = 200 ] && grep -q '/config.js' "$work/body" && [ "$(header Cache-Control)" = "no-cache" ] \
   && header Content-Security-Policy | grep -q "frame-ancestors 'none'" && [ "$(header X-Frame-Options)" = DENY ]; then
  ok "GET / serves index.html, no-cache, with CSP and frame headers"
else fail "GET / -> $code, Cache-Control=$(header Cache-Control)"; fi
code=$(get /studio/some/page)
[ "$code" = 200 ] && grep -q '/config.js' "$work/body" && ok "client-side route gets index.html" || fail "client-side route -> $code"
code=$(get /config.js)
if [ "$code" = 200 ] && grep -q '__STUDIO_CONFIG__' "$work/body" && header Content-Type | grep -q javascript; then
  ok "GET /config.js serves the generated runtime config as JavaScript"
else fail "GET /config.js -> $code $(header Content-Type)"; fi
asset=$(cd "$work/html" && ls assets/*.js 2>/dev/null | head -1)
code=$(get "/$asset")
[ "$code" = 200 ] && header Cache-Control | grep -q immutable && ok "hashed assets are cached immutable" || fail "GET /$asset -> $code $(header Cache-Control)"
code=$(get /assets/missing-file.js)
[ "$code" = 404 ] && ok "a missing asset is 404, not index.html" || fail "missing asset -> $code"
# With STUDIO_GATEWAY_URL (docker-compose) /api goes to the gateway: here nothing listens on :9, so nginx answers 502.
code=$(get /api/auth/me)
[ "$code" = 502 ] && ok "/api is forwarded to STUDIO_GATEWAY_URL when set (502: no gateway in this test)" || fail "/api -> $code"

echo "checks: $passed passed, $failed failed"
[ "$failed" = 0 ]
