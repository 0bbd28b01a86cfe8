#!/usr/bin/env bash
# Training throughput of Neurostep against PyTorch (CPU) on the same models and data, in one run:
# Sougrati et al.'s CNN and Lazović's CNN (lessons/mnist-cnn.toml), one epoch of the full MNIST training
# set each (48,000 images after the validation split; PyTorch gets the same count; Neurostep's
# validation pass after the epoch is not counted, PyTorch's script has none), batch 32,
# Adam 0.001, both on the same number of threads. Installs Debian's python3-torch if it is
# missing. Prints both throughputs and their ratio for each round, and the median ratio for each
# model. Never run by the tests.
# Usage: [ROUNDS=3] bench/train_vs_pytorch.sh [THREADS] [MODEL...]   (default: 2 threads, sougrati lazovic2020)
set -Eeuo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/errors.sh
source scripts/lib/apt.sh
source bench/common.sh
bench_arguments "$@"
bash scripts/setup.sh >/dev/null
if ! /usr/bin/python3 -c "import torch" 2>/dev/null; then
  apt_get install -y -qq --no-install-recommends python3-torch python3-numpy >/dev/null
fi
# The machine's speed drifts by a third from minute to minute here, so each model is run ROUNDS
# times (default 3), Neurostep and PyTorch alternately first, and the median ratio is printed.
neurostep() { neurostep_samples_per_second build/neurostep "$1"; }
pytorch() { /usr/bin/python3 bench/train_vs_pytorch.py "$1" "$threads" 48000 | sed -n 's/^pytorch samples\/s: \([0-9]*\).*/\1/p'; }
for model in "${models[@]}"; do ratio_rounds "$model" neurostep pytorch neurostep pytorch; done
