#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (AddressSanitizer + UBSan) in build-fuzz/ and runs each
# for SECONDS (default 600) on its corpus in tests/fuzz/corpus/. New interesting inputs are added
# to the corpus; a crash is written to tests/fuzz/crashes/ and fails the run.
# Usage: scripts/fuzz.sh [SECONDS] ["idx lesson …"]   (default: every tests/fuzz/fuzz_*.cpp)
# scripts/fuzz-smoke.sh, from scripts/test.sh, builds and runs the same targets for a few seconds.
set -Eeuo pipefail
source "$(dirname "$0")/lib/errors.sh"
source "$(dirname "$0")/lib/apt.sh"
source "$(dirname "$0")/lib/fuzz.sh"
cd "$(dirname "$0")/.."
seconds=${1:-600}
targets=${2:-$(fuzz_targets | tr '\n' ' ')}

bash scripts/setup.sh --no-build
# shellcheck disable=SC2086  # the targets are words
fuzz_build $targets

mkdir -p tests/fuzz/crashes
status=0
for t in $targets; do
  echo "fuzz_$t: ${seconds}s"
  mkdir -p tests/fuzz/corpus/"$t"  # a new target starts with an empty corpus
  ASAN_OPTIONS=detect_leaks=0 build-fuzz/fuzz_"$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix=tests/fuzz/crashes/"$t"- -print_final_stats=1 tests/fuzz/corpus/"$t" 2>&1 | tail -n 25 || status=1
done
exit $status
