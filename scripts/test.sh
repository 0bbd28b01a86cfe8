#!/usr/bin/env bash
# Builds everything (running setup first if needed) and runs every test: the doctest suites of
# core, lessons and gui, the command line, and the GUI smoke test in a real window under xvfb-run.
# Usage: scripts/test.sh [--sanitize]   (--sanitize: AddressSanitizer + UBSan build in build-sanitize/)
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=build
setup_args=()
if [ "${1:-}" = "--sanitize" ]; then
  build_dir=build-sanitize
  setup_args=(--sanitize --build-dir "$build_dir")
  export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1  # Mesa and GLFW keep global allocations at exit
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
fi
bash scripts/setup.sh "${setup_args[@]}"
ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)"
