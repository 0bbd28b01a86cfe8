#!/usr/bin/env bash
# Builds everything (running setup first if needed) and runs every test: the C++ layout
# (scripts/check-format.sh), the doctest suites of
# core, lessons and gui (core again on the baseline kernels), the command line, the GUI smoke test
# in a real window under xvfb-run, the relocated install, every fuzz target for a few seconds
# (scripts/fuzz-smoke.sh), the web edition in headless Chromium (scripts/test-web.sh), then the
# Debian package (scripts/test-package.sh: lintian, a clean Debian 12 root; beside the fuzz and web builds).
# Usage: scripts/test.sh [--sanitize]   (--sanitize: AddressSanitizer + UBSan build in build-sanitize/)
set -Eeuo pipefail
source "$(dirname "$0")/lib/errors.sh"
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
# The C++ laid out as .clang-format says (a few seconds; the sanitizer run reads the same files).
if [ "$build_dir" = build ]; then
  bash scripts/check-format.sh
fi
ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)"
# The Debian package of this same build, installed in a clean Debian 12 root (scripts/test-package.sh,
# about a minute: debootstrap's downloads and unpacking, little arithmetic) runs beside the fuzz and
# web builds below, which keep both cores busy; its output is printed when it has finished.
# Not for the sanitizer build, which is not packaged.
if [ "$build_dir" = build ]; then
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)  # debootstrap and chroot need root
  package_log=$(mktemp)
  "${sudo_cmd[@]}" bash scripts/test-package.sh >"$package_log" 2>&1 &
  package_pid=$!
  trap 'kill "$package_pid" 2>/dev/null || true' EXIT  # a failure below stops it too
fi
wait_for_package_test() {
  local status=0
  wait "$package_pid" || status=$?
  trap - EXIT
  cat "$package_log"
  rm -f "$package_log"
  [ "$status" -eq 0 ] || { echo "test: FAIL: the Debian package test (above) exited with $status" >&2; exit 1; }
}
# Every libFuzzer target built with clang and run for 5 s on its corpus (scripts/fuzz-smoke.sh),
# so a target that stops compiling or crashes fails here; the long runs are scripts/fuzz.sh's.
# Not for the sanitizer build: the fuzz build is sanitized already.
if [ "$build_dir" = build ]; then
  bash scripts/fuzz-smoke.sh
fi
# The web edition, built with emscripten and opened in headless Chromium (scripts/test-web.sh:
# every lesson stepped with the keyboard, a number edited, Sougrati et al.'s CNN trained for an epoch, a broken
# lesson file opened, downloads); not for the sanitizer build.
if [ "$build_dir" = build ]; then
  bash scripts/web.sh --build-only
  bash scripts/test-web.sh
fi
# The Debian package's end-to-end test, started above, must have passed.
if [ "$build_dir" = build ]; then
  wait_for_package_test
fi
