#!/bin/sh
# Writes the web client's runtime configuration from STUDIO_API_BASE at container start (nginx serves it as
# /config.js). It goes to /tmp because the root filesystem is read-only.
set -eu
dir=${STUDIO_CONFIG_DIR:-/tmp/studio-config}
mkdir -p "$dir"
# JSON-escape the value (backslash and double quote); anything else in a URL is safe inside a JS string.
escaped=$(printf '%s' "${STUDIO_API_BASE:-}" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')
printf 'window.__STUDIO_CONFIG__ = {"apiBase": "%s"};\n' "$escaped" > "$dir/config.js.tmp"
mv "$dir/config.js.tmp" "$dir/config.js"
echo "studio: config.js written (apiBase=\"${STUDIO_API_BASE:-}\")"

# Without an Ingress (docker-compose), this nginx also forwards /api to the gateway: STUDIO_GATEWAY_URL.
# In Kubernetes the Ingress routes /api and the variable is unset, so the include stays empty.
if [ -n "${STUDIO_GATEWAY_URL:-}" ]; then
  cat > "$dir/api-proxy.conf" <<CONF
location /api/ {
  proxy_pass ${STUDIO_GATEWAY_URL};
  proxy_http_version 1.1;
  proxy_set_header Host \$http_host;
  proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
  proxy_set_header X-Forwarded-Proto \$scheme;
  proxy_set_header X-Forwarded-Host \$http_host;
  proxy_set_header Connection "";
  # Server-sent events (chat replies, image job events) pass through as they come.
  proxy_buffering off;
  proxy_read_timeout 1h;
  client_max_body_size 1m;
}
CONF
  echo "studio: /api forwarded to $STUDIO_GATEWAY_URL"
else
  : > "$dir/api-proxy.conf"
fi
