#!/usr/bin/env bash
# Fuzz smoke test: installs cargo-fuzz if needed, seeds the corpus from tests/fixtures, runs the
# `ingest` target for a bounded time, and fails on any crash. Prints the number of executions.
#
#   scripts/fuzz-smoke.sh            # 30 s
#   FUZZ_SECONDS=900 scripts/fuzz-smoke.sh
#
# The toolchain is stable; cargo-fuzz passes nightly-only flags (-Zsanitizer, -Cpasses=sancov…),
# which RUSTC_BOOTSTRAP=1 permits on a stable compiler. See docs/fuzzing.md.
set -euo pipefail

CARGO_FUZZ_VERSION="0.13.2"
SECONDS_TO_RUN="${FUZZ_SECONDS:-30}"
TARGET="${FUZZ_TARGET:-ingest}"
SANITIZER="${FUZZ_SANITIZER:-address}"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if ! cargo fuzz --version 2>/dev/null | grep -q "$CARGO_FUZZ_VERSION"; then
  echo "installing cargo-fuzz $CARGO_FUZZ_VERSION" >&2
  cargo install cargo-fuzz --locked --version "$CARGO_FUZZ_VERSION"
fi

corpus="fuzz/corpus/$TARGET"
mkdir -p "$corpus" fuzz/artifacts/"$TARGET"
# Seed from every fixture (idempotent: same name, same content).
find tests/fixtures -type f -name '*.json*' -print0 | while IFS= read -r -d '' f; do
  cp -f "$f" "$corpus/seed-$(echo "$f" | tr '/' '_')"
done

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer "$SANITIZER" "$TARGET" "$corpus" -- \
  -max_total_time="$SECONDS_TO_RUN" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 2>&1 | tee "$log" || status=$?

execs="$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}' | tail -1)"
echo "fuzz-smoke: target=$TARGET seconds=$SECONDS_TO_RUN executions=${execs:-unknown} exit=$status"
if [ "$status" -ne 0 ] || grep -qE '^(==[0-9]+==ERROR|thread .* panicked|SUMMARY: libFuzzer)' "$log"; then
  echo "fuzz-smoke: CRASH — see fuzz/artifacts/$TARGET/" >&2
  exit 1
fi
