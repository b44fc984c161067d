#!/usr/bin/env bash
# Build the release site and serve dist/ on http://127.0.0.1:8080 (HOST / PORT override).
# Uses the project's tiny static server (tests/e2e/server.mjs): correct MIME types for .wasm,
# no caching, security headers, and nothing listening beyond the loopback interface by default.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8080}"
[ "${SKIP_BUILD:-0}" = 1 ] || scripts/build.sh
exec node tests/e2e/server.mjs --root dist --host "$HOST" --port "$PORT"
