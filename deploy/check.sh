#!/usr/bin/env bash
# Deployment checks that run without a cluster or a Docker engine (deploy/README.md, "Checks"):
#  1. kustomize renders k8s/base and every overlay (kubectl's built-in kustomize);
#  2. every rendered object validates against the Kubernetes schemas shipped in the npm package kubernetes-models,
#     and every container meets the security settings (non-root, read-only root, no privilege escalation, drops ALL,
#     RuntimeDefault seccomp, requests and limits, /tmp emptyDir), probes, PDBs, HPAs, Ingress, NetworkPolicies;
#  3. docker-compose.yml parses and validates against the compose-spec schema (shipped in the npm package dclint);
#  4. the PostgreSQL init script against a throw-away PostgreSQL (one role and database per service, isolated), and
#     the web image's nginx.conf and start script, run with this machine's nginx;
#  5. the checks themselves catch a broken manifest and a broken compose file;
#  6. Jib builds the four service images to tarballs (no engine: deploy/images/docker-load-to-tar) and each is checked
#     for user, port, entrypoint, JVM flags and layers. The base is `scratch` here because no container registry is
#     reachable (the real base, UBI OpenJDK 17, is pulled where one is). Skip with DEPLOY_CHECK_IMAGES=0.
# Last line: "deploy checks: N passed, N failed"; exit status non-zero on any failure.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
out=$(mktemp -d /tmp/studio-deploy-check.XXXXXX)
trap 'rm -rf "$out"' EXIT
passed=0; failed=0
tally() { # reads "ok - "/"FAIL - " lines of a check's output and counts them
  local p f
  p=$(grep -c '^ok - ' "$1"); f=$(grep -c '^FAIL - ' "$1")
  passed=$((passed + p)); failed=$((failed + f))
}
step() { echo; echo "== $1"; }

step "tools"
if ! command -v kubectl >/dev/null 2>&1; then
  (apt-get install -y -qq kubectl >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq kubectl) >/dev/null 2>&1) || true
fi
if command -v kubectl >/dev/null 2>&1; then
  echo "ok - kubectl $(kubectl version --client 2>/dev/null | sed -n 's/Kustomize Version: //p' | sed 's/^/(kustomize /;s/$/)/')" | tee "$out/tools"
else
  echo "FAIL - kubectl (with kustomize) is not installed and could not be installed" | tee "$out/tools"
fi
if [ ! -d "$here/checks/node_modules/kubernetes-models" ] || [ "$here/checks/package-lock.json" -nt "$here/checks/node_modules/.package-lock.json" ]; then
  (cd "$here/checks" && npm ci --no-audit --no-fund --loglevel=error) >"$out/npm.log" 2>&1 \
    && echo "ok - npm ci deploy/checks (kubernetes-models, dclint, ajv, yaml)" >>"$out/tools" \
    || { echo "FAIL - npm ci deploy/checks: $(tail -3 "$out/npm.log")" >>"$out/tools"; }
  tail -1 "$out/tools"
fi
tally "$out/tools"

step "kustomize render and validate"
for overlay in base overlays/local overlays/production; do
  name=${overlay#overlays/}
  if kubectl kustomize "$repo/k8s/$overlay" >"$out/$name.yaml" 2>"$out/$name.err"; then
    echo "ok - kustomize renders k8s/$overlay ($(grep -c '^kind:' "$out/$name.yaml") objects)" | tee "$out/render-$name"
    [ "$name" != base ] && node "$here/checks/validate.mjs" k8s "$name" "$out/$name.yaml" | tee "$out/validate-$name"
  else
    echo "FAIL - kustomize k8s/$overlay: $(head -3 "$out/$name.err")" | tee "$out/render-$name"
  fi
done
for f in "$out"/render-* "$out"/validate-*; do [ -f "$f" ] && tally "$f"; done

step "docker-compose.yml"
node "$here/checks/validate.mjs" compose "$repo/docker-compose.yml" | tee "$out/compose"
tally "$out/compose"

step "PostgreSQL init script (local overlay and docker-compose)"
bash "$here/checks/test-init-databases.sh" | tee "$out/initdb"
tally "$out/initdb"

step "web image: nginx.conf and start script"
bash "$here/web/test-nginx.sh" | tee "$out/web"
tally "$out/web"

step "the checks catch mistakes"
{
  # A container that may write its root filesystem and a Deployment without a required field must fail.
  sed -e '0,/readOnlyRootFilesystem: true/s//readOnlyRootFilesystem: false/' "$out/local.yaml" >"$out/broken-security.yaml"
  # (output to a file first: validate.mjs exits 1 on these, and pipefail would hide grep's answer)
  node "$here/checks/validate.mjs" k8s local "$out/broken-security.yaml" >"$out/m1" || true
  if grep -q '^FAIL - local: every container' "$out/m1"; then
    echo "ok - a writable root filesystem is caught"; else echo "FAIL - a writable root filesystem went unnoticed"; fi
  sed -e '0,/containerPort: 8082/s//containerPort: "eighty"/' "$out/local.yaml" >"$out/broken-schema.yaml"
  node "$here/checks/validate.mjs" k8s local "$out/broken-schema.yaml" >"$out/m2" || true
  if grep -q '^FAIL - local: .* valid against the Kubernetes schemas' "$out/m2"; then
    echo "ok - a schema violation (string port) is caught"; else echo "FAIL - a schema violation went unnoticed"; fi
  sed -e 's/^    read_only: true$/    readonly: true/' "$repo/docker-compose.yml" >"$out/broken-compose.yml"
  node "$here/checks/validate.mjs" compose "$out/broken-compose.yml" >"$out/m3" || true
  if grep -q '^FAIL - docker-compose.yml valid against' "$out/m3"; then
    echo "ok - a misspelt compose key (readonly) is caught"; else echo "FAIL - an invalid compose value went unnoticed"; fi
} | tee "$out/mutations"
tally "$out/mutations"

if [ "${DEPLOY_CHECK_IMAGES:-1}" != 0 ]; then
  step "Jib images to tarballs (base: scratch, offline)"
  start=$(date +%s)
  if "$here/images/build.sh" --tar "$out/images" --base scratch >"$out/jib.log" 2>&1; then
    echo "ok - Jib built the four service images offline in $(( $(date +%s) - start )) s" | tee "$out/jib"
    for s in user-service:8081 chat-service:8082 image-service:8083 gateway-service:8080; do
      node "$here/checks/validate.mjs" image "$out/images/${s%%:*}.tar" "${s%%:*}" "${s##*:}" | grep -v '^checks:' | tee -a "$out/jib"
    done
  else
    echo "FAIL - Jib image build: $(grep -E 'ERROR|FAIL' "$out/jib.log" | head -5)" | tee "$out/jib"
  fi
  tally "$out/jib"
else
  echo; echo "(images skipped: DEPLOY_CHECK_IMAGES=0)"
fi

echo
echo "deploy checks: $passed passed, $failed failed"
[ "$failed" = 0 ]
