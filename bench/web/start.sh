#!/usr/bin/env bash
# The room's start, two builds side by side: BENCH_DIST_A and BENCH_DIST_B are two `vite build` folders of the web
# client; a studio of its own is started through web-client/scripts/test.sh (STACK_COMMAND). See README.md.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
: "${BENCH_DIST_A:?a vite build folder}" "${BENCH_DIST_B:?another vite build folder}"
export BENCH_DIST_A BENCH_DIST_B
STACK_COMMAND="node '$HERE/start-bench.mjs'" exec "$HERE/../../web-client/scripts/test.sh"
