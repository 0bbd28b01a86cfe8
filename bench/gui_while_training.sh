#!/usr/bin/env bash
# The window while it trains: opens Neurostep under Xvfb, trains a model of the MNIST lesson in the
# Train tab on the full MNIST (default Sougrati et al.'s CNN, 5 epochs, every core), closes when training
# ends, and prints the frame times — building each frame (the UI code) and building plus drawing it
# until the GPU is done — and the peak memory of the process. Under Xvfb the drawing is done by
# Mesa's software renderer on the same cores that train, so the second figure measures the machine
# more than the app. Never run by the tests.
# Usage: bench/gui_while_training.sh [MODEL] [VIEW]   (VIEW: curves, images, inside, compare)
set -euo pipefail
cd "$(dirname "$0")/.."
model=${1:-sougrati}
view=${2:-curves}
bash scripts/setup.sh >/dev/null
echo "window 1280x800, training $model on the full MNIST, view '$view':"
xvfb-run -a -s "-screen 0 1280x800x24" build/neurostep --train "$model" --train-data mnist --train-view "$view" --until-trained \
  --frames 30 --size 1280x800 --frame-times
