#!/usr/bin/env bash
# Where one thread's training time goes, layer by layer (bench/layer_profile.cpp): one epoch of the
# full MNIST (48,000 images, batch 32, seed 1) for each model, each layer's forward and backward
# time per image, its share, its matrix-product arithmetic and the rate it reached. Never run by
# the tests.
# Usage: bench/layer_profile.sh [MODEL...]   (default: lazovic2020 sougrati)
set -Eeuo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/errors.sh
models=("$@")
[ ${#models[@]} -gt 0 ] || models=(lazovic2020 sougrati)
bash scripts/setup.sh >/dev/null
cmake --build build --target layer_profile -j"$(nproc)" >/dev/null
for model in "${models[@]}"; do
  build/layer_profile lessons "$model"
  echo
done
