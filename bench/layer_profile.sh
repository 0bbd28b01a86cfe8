#!/usr/bin/env bash
# Where one thread's training time goes, layer by layer (bench/layer_profile.cpp): one epoch of the
# full MNIST (48,000 images, batch 32, seed 1) for each model, each layer's forward and backward
# time per image, its share, its matrix-product arithmetic and the rate it reached. Never run by
# the tests.
# With --web, each model three times side by side: the native program with its default kernels,
# with its baseline ones (SSE4.2, 128-bit vectors as WebAssembly's), and the web build's
# WebAssembly (build-web, compiled by scripts/web.sh) under node with its SIMD kernels, as the
# page's training worker runs it.
# Usage: bench/layer_profile.sh [--web] [MODEL...]   (default: lazovic2020 sougrati)
set -Eeuo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/errors.sh
web=false
if [ "${1:-}" = --web ]; then
  web=true
  shift
fi
models=("$@")
[ ${#models[@]} -gt 0 ] || models=(lazovic2020 sougrati)
bash scripts/setup.sh >/dev/null
cmake --build build --target layer_profile -j"$(nproc)" >/dev/null
if $web; then
  [ -d build-web ] || { echo "layer_profile: no build-web (run scripts/web.sh --build-only first)" >&2; exit 1; }
  cmake --build build-web --target layer_profile -j"$(nproc)" >/dev/null
fi
for model in "${models[@]}"; do
  build/layer_profile lessons "$model"
  if $web; then
    echo
    NEUROSTEP_ISA=baseline build/layer_profile lessons "$model"
    echo
    node build-web/bench/layer_profile.js "$PWD/lessons" "$model"
  fi
  echo
done
