#!/usr/bin/env bash
# ./studio test: every test the repository has, then one summary.
#   1. Java: unit and @QuarkusTest suites of every module, on embedded PostgreSQL (./mvnw verify)
#   2. the local stack as a person runs it (scripts/stack-smoke.sh)
#   3. the web client's unit tests and the browser end-to-end suite, once web-client/ has them
#   4. ./studio dev on a copy of the tree (scripts/dev-smoke.sh)
#   5. the deployment: kustomize renders, schema validation, compose validation (deploy/check.sh)
# Ends with "N passed, N failed" and exits non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
REPORT_DIR=$ROOT/target/test-logs
mkdir -p "$REPORT_DIR"

declare -a SUMMARY=()
TOTAL_PASSED=0
TOTAL_FAILED=0

record() { # name passed failed
  SUMMARY+=("$(printf '%-28s %5d passed, %d failed' "$1" "$2" "$3")")
  TOTAL_PASSED=$((TOTAL_PASSED + $2))
  TOTAL_FAILED=$((TOTAL_FAILED + $3))
}

ensure_tools() {
  local missing=()
  for tool in curl python3 pgrep; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  [ ${#missing[@]} -eq 0 ] && return
  echo "[test] installing missing tools: ${missing[*]}"
  local packages=()
  for tool in "${missing[@]}"; do
    case $tool in
      pgrep) packages+=(procps) ;;
      *) packages+=("$tool") ;;
    esac
  done
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}"
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}"
  fi
}

java_tests() {
  echo "== Java: ./mvnw verify (unit + @QuarkusTest on embedded PostgreSQL, then the *IT suites on the built jars)"
  ./mvnw -B verify 2>&1 | tee "$REPORT_DIR/java.log" | grep -E "Tests run:|BUILD|ERROR\]|FAIL" || true
  local counts
  counts=$(python3 - "$ROOT" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
tests = failed = 0
for f in glob.glob(sys.argv[1] + "/*/target/*-reports/TEST-*.xml"):  # surefire (unit, @QuarkusTest) and failsafe (*IT)
    r = ET.parse(f).getroot()
    t, fl, er, sk = (int(r.get(k, 0)) for k in ("tests", "failures", "errors", "skipped"))
    tests += t - sk
    failed += fl + er
print(tests - failed, failed)
PY
)
  local passed=${counts% *} failed=${counts#* }
  if ! grep -q "BUILD SUCCESS" "$REPORT_DIR/java.log"; then
    [ "$failed" = 0 ] && failed=1  # the build broke before or outside the tests
  fi
  record "Java (Maven Surefire)" "$passed" "$failed"
}

# Runs a script that ends with "<label>: N passed, N failed" and records that line; no such line is a failure.
script_suite() { # name label log command...
  local name=$1 label=$2 log=$3
  shift 3
  "$@" 2>&1 | tee "$REPORT_DIR/$log"
  local line
  line=$(grep -E "^$label: [0-9]+ passed, [0-9]+ failed" "$REPORT_DIR/$log" | tail -1)
  if [ -z "$line" ]; then
    record "$name" 0 1
  else
    record "$name" "$(sed -E 's/.*: ([0-9]+) passed.*/\1/' <<<"$line")" "$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line")"
  fi
}

stack_tests() {
  echo "== Local stack: ./studio run as a person uses it"
  script_suite "Local stack" "stack smoke" stack.log bash scripts/stack-smoke.sh
}

dev_tests() {
  [ -f scripts/dev-smoke.sh ] || return 0
  echo "== Development mode: ./studio dev (Quarkus dev mode + Vite) on a copy of the tree"
  script_suite "Dev mode" "dev smoke" dev.log bash scripts/dev-smoke.sh
}

web_tests() {
  [ -f web-client/package.json ] || return 0
  [ -x web-client/scripts/test.sh ] || return 0
  echo "== Web client: unit and browser end-to-end tests"
  bash web-client/scripts/test.sh 2>&1 | tee "$REPORT_DIR/web.log"
  local line
  while read -r line; do
    local name passed failed
    name=$(echo "$line" | sed -E 's/^web ([a-z0-9-]+): .*/\1/')
    passed=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
    failed=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
    record "Web client ($name)" "$passed" "$failed"
  done < <(grep -E "^web [a-z0-9-]+: [0-9]+ passed, [0-9]+ failed" "$REPORT_DIR/web.log")
  grep -qE "^web [a-z0-9-]+: [0-9]+ passed" "$REPORT_DIR/web.log" || record "Web client" 0 1
}

deploy_tests() {
  [ -f deploy/check.sh ] || return 0
  echo "== Deployment: manifests, compose file, image definitions"
  script_suite "Deployment checks" "deploy checks" deploy.log bash deploy/check.sh
}

ensure_tools
java_tests
stack_tests
web_tests
dev_tests
deploy_tests

echo
echo "================ AI Studio 3D test summary ================"
for line in "${SUMMARY[@]}"; do echo "  $line"; done
echo "  logs: $REPORT_DIR"
echo "==========================================================="
echo "$TOTAL_PASSED passed, $TOTAL_FAILED failed"
[ "$TOTAL_FAILED" = 0 ] && [ "$TOTAL_PASSED" -gt 0 ]
