#!/usr/bin/env bash
# The portable build (build/, the one that is packaged: x86-64-v2 with its hot kernels picked at run
# time) against a build tuned for this machine (-DNEUROSTEP_NATIVE=ON, built in build-native/), side
# by side: one epoch of the full MNIST (48,000 training images, as bench/train_vs_pytorch.sh)
# for Sougrati et al.'s and Lazović's CNN, the two binaries alternately, ROUNDS times (default 3), and
# the median ratio portable/native of their training samples/s per model. Never run by the tests.
# Usage: [ROUNDS=3] bench/portable_vs_native.sh [THREADS] [MODEL...]   (default: 2 threads, sougrati lazovic2020)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/common.sh
bench_arguments "$@"
bash scripts/setup.sh >/dev/null
cmake -S . -B build-native -DCMAKE_BUILD_TYPE=Release -DNEUROSTEP_NATIVE=ON >/dev/null
cmake --build build-native -j"$(nproc)" --target neurostep >/dev/null
echo "portable: $(build/neurostep --version | tr '\n' ' ')"
echo "native:   $(build-native/neurostep --version | tr '\n' ' ')"
portable() { neurostep_samples_per_second build/neurostep "$1"; }
native() { neurostep_samples_per_second build-native/neurostep "$1"; }
for model in "${models[@]}"; do ratio_rounds "$model" portable native portable native; done
