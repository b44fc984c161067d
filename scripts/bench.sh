#!/usr/bin/env bash
# Benchmarks (not part of `make test`: timings are not tests). Writes docs/benchmarks.md.
#   scripts/bench.sh            # 10k and 100k findings (native + browser), and 1M findings in
#                               # 13 files dropped at once (browser; ≈4.2 GB of JSON on disk)
#   BENCH_SIZES=10000 scripts/bench.sh   # quicker
#   BENCH_1M=0 scripts/bench.sh # without the 1M run
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
sizes="${BENCH_SIZES:-10000,100000}"
mkdir -p bench-data
log "generating benchmark data ($sizes findings, CLI v2 pretty-printed, one file each)"
cargo build --release --locked --bin gen-data
files=()
IFS=',' read -ra ns <<< "$sizes"
for n in "${ns[@]}"; do
  f="bench-data/findings-$n.json"
  [ -s "$f" ] || target/release/gen-data findings --count "$n" --style cli-v2 --offset 120 --pretty --layout single --out "$f"
  files+=("$f:$n findings, 1 file")
done
if [ "${BENCH_1M:-1}" = 1 ]; then
  d=bench-data/findings-1m
  # Written aside and moved in whole, so an interrupted run is not taken for the data later.
  if [ ! -d "$d" ]; then
    rm -rf "$d.partial"
    target/release/gen-data findings --count 1000000 --style cli-v2 --pretty --layout split:100000 --out "$d.partial"
    mv "$d.partial" "$d"
  fi
fi
log "native benchmark (cargo bench --bench ingest)"
native=$(cargo bench --locked --bench ingest -- --sizes "$sizes" 2>/dev/null | grep '^|')
log "release build for the browser benchmark"
scripts/build.sh >/dev/null
log "browser benchmark"
browser=$(node tests/bench/browser-bench.mjs "${files[@]}")
many="not run (BENCH_1M=0)."
if [ "${BENCH_1M:-1}" = 1 ]; then
  log "browser benchmark: 1M findings in $(ls bench-data/findings-1m | wc -l) files, dropped at once"
  # A failed 1M run is reported in the results, not allowed to lose the other results.
  many=$(node tests/bench/many-files.mjs bench-data/findings-1m 1000000) || many="$many

The run above failed (exit $?): not every finding was shown, or the app reported an internal error."
fi
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs || echo unknown)
chromium_v=$(/usr/bin/chromium --version 2>/dev/null || echo chromium)
{
  sed -n '1,/<!-- results -->/p' docs/benchmarks.md
  echo
  echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores ($cpu), $(free -g | awk '/Mem:/{print $2}') GB RAM, $chromium_v, rustc $(rustc --version | cut -d' ' -f2)."
  echo
  echo "### Browser (headless Chromium, 127.0.0.1)"
  echo
  echo "$browser"
  echo
  echo "### 1M findings across files, dropped at once (tests/bench/many-files.mjs)"
  echo
  echo "$many"
  echo
  echo "### Native core (cargo bench --bench ingest; heap from a counting allocator)"
  echo
  echo "$native"
  echo
  echo '<!-- /results -->'
  sed -n '/<!-- \/results -->/,$p' docs/benchmarks.md | tail -n +2
} > docs/benchmarks.md.new
mv docs/benchmarks.md.new docs/benchmarks.md
log "wrote docs/benchmarks.md"
