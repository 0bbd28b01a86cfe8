# shellcheck shell=bash
# Sourced by scripts/fuzz.sh (long runs) and scripts/fuzz-smoke.sh (a few seconds each, from
# scripts/test.sh): the libFuzzer targets, one per tests/fuzz/fuzz_NAME.cpp, built with clang-14
# (-fsanitize=fuzzer,address,undefined; CMakeLists.txt, NEUROSTEP_FUZZ) in build-fuzz/.
# Needs scripts/lib/apt.sh sourced first.

# Every target's NAME: each tests/fuzz/fuzz_NAME.cpp, the same glob CMakeLists.txt builds from, so
# a new target is built and run with no list to update.
fuzz_targets() {
  local f
  for f in tests/fuzz/fuzz_*.cpp; do
    f=${f##*/fuzz_}
    echo "${f%.cpp}"
  done
}

# Installs clang-14 and its libFuzzer and sanitizer runtimes (libclang-rt-14-dev) when missing.
fuzz_install_clang() {
  local need=() p
  for p in clang-14 libclang-rt-14-dev; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
  done
  [ ${#need[@]} -eq 0 ] && return 0
  echo "fuzz: installing ${need[*]}"
  apt_get update -qq
  apt_get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
}

# Configures build-fuzz/ and builds the given targets together. -O1 with line tables only (file and
# line in a crash's stack, no full debug information), as libFuzzer's documentation builds: half
# the compile time of -O2 -g, which scripts/test.sh pays on every clean machine.
fuzz_build() {  # NAME…
  fuzz_install_clang
  CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only -DNDEBUG" "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only -DNDEBUG" \
    -DNEUROSTEP_FUZZ=ON -DNEUROSTEP_NATIVE=OFF >/dev/null
  cmake --build build-fuzz -j"$(nproc)" --target "${@/#/fuzz_}"
}
