#!/usr/bin/env bash
# Every check, in order. All stages run even after a failure; the exit status is non-zero if
# anything failed. Output ends with exactly one line `N passed, N failed`.
#
# Counting: test stages contribute their tests (cargo/libtest `test result:` lines, the
# wasm-bindgen-test-runner's identical lines, node's TAP `# pass` / `# fail` / `# cancelled`).
# Check-only stages (fmt, clippy, release build, fuzz smoke) count as one test each; setup and
# `cargo fetch` count only if they fail. A stage
# that fails without any failing test being reported (compile error, timeout, crash) adds one
# failure, so a broken stage can never hide behind a "0 failed".
#
# Logs: test-results/<stage>.log (git-ignored).
#
# Environment:
#   SKIP_SETUP=1      do not run scripts/setup.sh --browsers first
#   STAGES="a b"      run only these stages (names as in the summary), e.g. STAGES="e2e"
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

LOG_DIR="$ROOT/test-results"
mkdir -p "$LOG_DIR"

TOTAL_PASSED=0
TOTAL_FAILED=0
SUMMARY=()
ANY_FAILED=0

want_stage() {
  [ -z "${STAGES:-}" ] && return 0
  case " $STAGES " in *" $1 "*) return 0 ;; esac
  return 1
}

# Sum libtest summary lines: "test result: ok. 3 passed; 0 failed; ..." (cargo and the wasm runner).
count_libtest() {
  awk '
    /^test result: / {
      for (i = 1; i <= NF; i++) {
        if ($(i) ~ /^passed;?$/) p += $(i-1)
        if ($(i) ~ /^failed;?$/) f += $(i-1)
      }
    }
    END { printf "%d %d\n", p, f }
  ' "$1"
}

# node --test TAP footer: "# pass N", "# fail N", "# cancelled N" (cancelled counts as failed).
count_tap() {
  awk '
    /^# pass /      { p += $3 }
    /^# fail /      { f += $3 }
    /^# cancelled / { f += $3 }
    END { printf "%d %d\n", p, f }
  ' "$1"
}

count_none() { echo "0 0"; }   # a check: counts as 1 passed or 1 failed
count_prep() { echo "0 0"; }   # preparation (setup, fetch): counts only when it fails

# run_stage NAME COUNTER TIMEOUT_SECONDS COMMAND...
run_stage() {
  local name="$1" counter="$2" limit="$3"
  shift 3
  if ! want_stage "$name"; then return 0; fi
  local logf="$LOG_DIR/$name.log"
  printf '\n==== stage %s: %s\n' "$name" "$*"
  local start end rc
  start=$(date +%s)
  timeout --kill-after=15 "$limit" "$@" 2>&1 | tee "$logf"
  rc=${PIPESTATUS[0]}
  end=$(date +%s)
  local p f
  read -r p f < <("$counter" "$logf")
  if [ "$counter" = count_none ]; then
    if [ "$rc" -eq 0 ]; then p=1; f=0; else p=0; f=1; fi
  elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then  # also count_prep
    f=1
  fi
  local status="ok"
  if [ "$rc" -ne 0 ]; then
    status="FAILED (exit $rc$([ "$rc" -eq 124 ] && echo ", timed out after ${limit}s"))"
    ANY_FAILED=1
  fi
  TOTAL_PASSED=$((TOTAL_PASSED + p))
  TOTAL_FAILED=$((TOTAL_FAILED + f))
  SUMMARY+=("$(printf '%-14s %-34s %5d passed, %3d failed  %4ds' "$name" "$status" "$p" "$f" "$((end - start))")")
}

skip_stage() {
  local name="$1" why="$2"
  if ! want_stage "$name"; then return 0; fi
  printf '\n==== stage %s: skipped (%s)\n' "$name" "$why"
  SUMMARY+=("$(printf '%-14s %-34s' "$name" "skipped: $why")")
}

fail_stage() {
  local name="$1" why="$2"
  if ! want_stage "$name"; then return 0; fi
  printf '\n==== stage %s: FAILED (%s)\n' "$name" "$why"
  TOTAL_FAILED=$((TOTAL_FAILED + 1))
  ANY_FAILED=1
  SUMMARY+=("$(printf '%-14s %-34s %5d passed, %3d failed' "$name" "FAILED: $why" 0 1)")
}

# ---- 0. tools -----------------------------------------------------------------------------------
if [ "${SKIP_SETUP:-0}" != 1 ]; then
  run_stage setup count_prep 3600 scripts/setup.sh --browsers
  if [ "$ANY_FAILED" -ne 0 ]; then
    printf '\nsetup failed; not running the other stages\n'
    printf '%s\n' "${SUMMARY[@]}"
    echo "$TOTAL_PASSED passed, $TOTAL_FAILED failed"
    exit 1
  fi
fi

# A clean run writes about 2.4 GB (target/ 1.6 GB, fuzz/target/ 0.75 GB, measured on a clean
# clone). Say so up front when the disk has less, instead of a dozen stages failing with
# "No space left on device".
NEED_KB=$((3 * 1024 * 1024))
free_kb="$(df -Pk "$ROOT" 2>/dev/null | awk 'NR == 2 { print $4 }')"
if [ -n "$free_kb" ] && [ "$free_kb" -lt "$NEED_KB" ]; then
  printf '\nWARNING: %s MB free on the disk holding %s; a clean run needs about 3 GB (target/, fuzz/target/). Stages may fail with "No space left on device".\n' \
    "$((free_kb / 1024))" "$ROOT"
  SUMMARY+=("disk           WARNING: $((free_kb / 1024)) MB free at the start; a clean run needs about 3 GB")
fi

# Fetch once so every later cargo/trunk invocation can run --offline/--locked.
run_stage fetch count_prep 900 cargo fetch --locked

wasm_tests=(tests/wasm_*.rs)
[ -e "${wasm_tests[0]}" ] || wasm_tests=()

# ---- 1. formatting ------------------------------------------------------------------------------
run_stage fmt count_none 300 cargo fmt --all -- --check

# ---- 2. lints -------------------------------------------------------------------------------------
run_stage clippy-host count_none 3600 cargo clippy --locked --all-targets -- -D warnings
wasm_clippy_targets=(--lib --bins)
[ "${#wasm_tests[@]}" -gt 0 ] && wasm_clippy_targets+=(--test 'wasm_*')
run_stage clippy-wasm count_none 3600 \
  cargo clippy --locked --target wasm32-unknown-unknown "${wasm_clippy_targets[@]}" -- -D warnings

# ---- 3. native tests ------------------------------------------------------------------------------
run_stage test-native count_libtest 3600 cargo test --locked

# ---- 4. wasm tests in headless Chromium -----------------------------------------------------------
# Only tests/wasm_*.rs are built for wasm32 (each starts with #![cfg(target_arch = "wasm32")] and
# wasm_bindgen_test_configure!(run_in_browser)); native-only tests never compile for wasm.
# The runner reads ./webdriver.json (headless, --no-sandbox: we may run as root).
if [ "${#wasm_tests[@]}" -gt 0 ]; then
  run_stage test-wasm count_libtest 3600 env \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    CHROMEDRIVER="$CHROMEDRIVER_BIN" \
    WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}" \
    cargo test --locked --target wasm32-unknown-unknown --test 'wasm_*'
else
  skip_stage test-wasm "no tests/wasm_*.rs"
fi

# ---- 5. release build -----------------------------------------------------------------------------
build_failed_before=$ANY_FAILED
ANY_FAILED=0
run_stage build count_none 3600 scripts/build.sh
build_failed=$ANY_FAILED
ANY_FAILED=$((build_failed_before | build_failed))

# ---- 6. end-to-end (Playwright + Chromium against dist/) ------------------------------------------
e2e_tests=(tests/e2e/*.test.mjs)
if ! want_stage e2e; then
  :
elif [ ! -e "${e2e_tests[0]}" ]; then
  skip_stage e2e "no tests/e2e/*.test.mjs"
elif [ "$build_failed" -ne 0 ] || [ ! -f dist/index.html ]; then
  fail_stage e2e "not run: build failed or no dist/"
else
  # Test exactly what stage `build` produced, even if something rebuilds dist/ meanwhile
  # (another `trunk build` / `make serve` in the same checkout).
  e2e_dist="${E2E_DIST:-$LOG_DIR/e2e-dist}"
  if [ -z "${E2E_DIST:-}" ]; then rm -rf "$e2e_dist" && cp -a dist "$e2e_dist"; fi
  run_stage e2e count_tap 1800 env E2E_DIST="$e2e_dist" \
    node --test --test-reporter=tap --test-concurrency=1 "${e2e_tests[@]}"
fi

# ---- 7. fuzz smoke (bounded) ----------------------------------------------------------------------
if [ -f scripts/fuzz-smoke.sh ]; then
  run_stage fuzz count_none 1800 bash scripts/fuzz-smoke.sh
else
  skip_stage fuzz "no scripts/fuzz-smoke.sh"
fi

# ---- summary --------------------------------------------------------------------------------------
printf '\n==== summary\n'
printf '%s\n' "${SUMMARY[@]}"
echo "$TOTAL_PASSED passed, $TOTAL_FAILED failed"
[ "$ANY_FAILED" -eq 0 ] && [ "$TOTAL_FAILED" -eq 0 ]
