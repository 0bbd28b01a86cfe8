#!/usr/bin/env bash
# Regenerates the screenshots in docs/screenshots/ with the app's own --screenshot, under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >/dev/null
mkdir -p docs/screenshots
shot() {  # lesson step file
  xvfb-run -a -s "-screen 0 1280x800x24" build/neurostep --lesson "$1" --step "$2" --screenshot "docs/screenshots/$3" --frames 5
  echo "docs/screenshots/$3"
}
shot sigmoid-neuron 5 sigmoid-neuron.png
shot perceptron-and 12 perceptron-and.png
shot perceptron-xor 86 perceptron-xor.png
shot chain-rule 6 chain-rule.png
shot conv-gradients 45 conv-gradients.png
shot pooling 8 pooling.png
shot activations 11 activations.png
shot gradient-descent 115 gradient-descent.png
xvfb-run -a -s "-screen 0 1280x800x24" build/neurostep --train seed003 --screenshot docs/screenshots/mnist-train.png --frames 600
echo docs/screenshots/mnist-train.png
