#!/usr/bin/env bash
# The 3D room benchmark: starts a studio of its own (through web-client/scripts/test.sh: a production build, ./studio
# run on free ports, a temporary data dir) and runs room-bench.mjs against it in Debian's Chromium. See README.md.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STACK_COMMAND="node '$HERE/room-bench.mjs'" exec "$HERE/../../web-client/scripts/test.sh"
