#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (AddressSanitizer + UBSan) in build-fuzz/ and runs each
# for SECONDS (default 600) on its corpus in tests/fuzz/corpus/. New interesting inputs are added
# to the corpus; a crash is written to tests/fuzz/crashes/ and fails the run.
# Usage: scripts/fuzz.sh [SECONDS] ["idx lesson checkpoint expression point_csv"]
set -Eeuo pipefail
source "$(dirname "$0")/lib/errors.sh"
source "$(dirname "$0")/lib/apt.sh"
cd "$(dirname "$0")/.."
seconds=${1:-600}
targets=${2:-"idx lesson checkpoint expression point_csv"}

bash scripts/setup.sh --no-build
need=()
for p in clang-14 libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  apt_get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if [ ! -f build-fuzz/CMakeCache.txt ]; then
  CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNEUROSTEP_FUZZ=ON -DNEUROSTEP_NATIVE=OFF >/dev/null
fi
for t in $targets; do cmake --build build-fuzz -j"$(nproc)" --target "fuzz_$t"; done

mkdir -p tests/fuzz/crashes
status=0
for t in $targets; do
  echo "fuzz_$t: ${seconds}s"
  ASAN_OPTIONS=detect_leaks=0 build-fuzz/fuzz_"$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix=tests/fuzz/crashes/"$t"- -print_final_stats=1 tests/fuzz/corpus/"$t" 2>&1 | tail -n 25 || status=1
done
exit $status
