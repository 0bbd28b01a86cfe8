#!/usr/bin/env bash
# Every libFuzzer target (tests/fuzz/fuzz_*.cpp) built and run for a few seconds, so a target that
# stops compiling or finds a crash fails scripts/test.sh; the long runs are scripts/fuzz.sh's.
# Each target first runs its regressions (tests/fuzz/regressions/NAME-*) and its corpus
# (tests/fuzz/corpus/NAME, left unchanged: new inputs go to a temporary folder), then fuzzes for
# SECONDS (default 5). A crash is saved in build-fuzz/crashes/ and printed. Of a corpus of more than
# 200 inputs only a quarter is replayed, the same every run: the seeds with a name and the inputs
# whose hash name begins with 0–3 (the whole lesson corpus, 1,191 files, takes 50 s to replay; its
# chain-rule files, with 10,000 iterations each, a second each).
# Usage: scripts/fuzz-smoke.sh [SECONDS]
set -Eeuo pipefail
source "$(dirname "$0")/lib/errors.sh"
source "$(dirname "$0")/lib/apt.sh"
source "$(dirname "$0")/lib/fuzz.sh"
cd "$(dirname "$0")/.."
seconds=${1:-5}

# Links a target's corpus into FOLDER, or a quarter of it if it is large (above: which quarter).
sample_corpus() {  # NAME FOLDER
  local f name files=(tests/fuzz/corpus/"$1"/*)
  mkdir -p "$2"
  for f in "${files[@]}"; do
    [ -f "$f" ] || continue
    name=${f##*/}
    if [ ${#files[@]} -le 200 ] || [[ ! $name =~ ^[0-9a-f]{40}$ || $name == [0-3]* ]]; then ln -s "$PWD/$f" "$2/$name"; fi
  done
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mapfile -t targets < <(fuzz_targets)
start=$SECONDS
fuzz_build "${targets[@]}" >"$work/build.log" 2>&1 ||
  { tail -n 60 "$work/build.log" >&2; echo "fuzz-smoke: FAIL: a fuzz target does not build (above)" >&2; exit 1; }
echo "fuzz-smoke: built ${targets[*]} in $((SECONDS - start)) s"
mkdir -p build-fuzz/crashes
failed=()
for t in "${targets[@]}"; do
  start=$SECONDS
  mkdir "$work/$t"
  sample_corpus "$t" "$work/$t-corpus"
  regressions=(tests/fuzz/regressions/"$t"-*)
  [ -e "${regressions[0]}" ] || regressions=()
  if [ ${#regressions[@]} -gt 0 ] &&
     ! ASAN_OPTIONS=detect_leaks=0 build-fuzz/fuzz_"$t" "${regressions[@]}" >"$work/$t.log" 2>&1; then
    tail -n 40 "$work/$t.log" >&2
    echo "fuzz-smoke: FAIL: fuzz_$t fails on a regression input (above)" >&2
    failed+=("$t")
    continue
  fi
  if ! ASAN_OPTIONS=detect_leaks=0 build-fuzz/fuzz_"$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
       -artifact_prefix=build-fuzz/crashes/"$t"- -print_final_stats=1 "$work/$t" "$work/$t-corpus" >"$work/$t.log" 2>&1; then
    tail -n 40 "$work/$t.log" >&2
    echo "fuzz-smoke: FAIL: fuzz_$t crashed (above; the input is in build-fuzz/crashes/)" >&2
    failed+=("$t")
    continue
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$t.log")
  seeds=$(find "$work/$t-corpus" -type l | wc -l)
  echo "fuzz-smoke: fuzz_$t: ${#regressions[@]} regressions, $seeds corpus inputs, ${runs:-?} runs in $((SECONDS - start)) s, nothing found"
done
[ ${#failed[@]} -eq 0 ] || { echo "fuzz-smoke: FAIL: ${failed[*]}" >&2; exit 1; }
echo "fuzz-smoke: all ${#targets[@]} targets passed"
