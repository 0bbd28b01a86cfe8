#!/usr/bin/env bash
# Training throughput of Neurostep against PyTorch (CPU) on the same model and data, in one run:
# seed 003's CNN, one epoch of the full MNIST training set (48,000 images after the validation
# split; PyTorch gets the same count), batch 32, Adam 0.001. Installs Debian's python3-torch if
# it is missing. Prints both throughputs and their ratio. Never run by the tests.
# Usage: bench/train_vs_pytorch.sh [THREADS]   (PyTorch's threads; default 2)
set -euo pipefail
cd "$(dirname "$0")/.."
threads=${1:-2}
bash scripts/setup.sh >/dev/null
if ! /usr/bin/python3 -c "import torch" 2>/dev/null; then
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends python3-torch python3-numpy >/dev/null
fi
ours=$(build/neurostep train --model seed003 --data mnist --epochs 1 --validation 12000 | sed -n 's/^epoch 1: .*, \([0-9]*\) samples\/s;.*/\1/p')
theirs_line=$(/usr/bin/python3 bench/train_vs_pytorch.py "$threads" 48000)
theirs=$(echo "$theirs_line" | sed -n 's/^pytorch samples\/s: \([0-9]*\).*/\1/p')
echo "neurostep samples/s: $ours ($(nproc) threads)"
echo "$theirs_line"
awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "ratio neurostep/pytorch: %.2f\n", a / b }'
