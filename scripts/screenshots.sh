#!/usr/bin/env bash
# Regenerates the screenshots in docs/screenshots/ with the app's own --screenshot, under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >/dev/null
mkdir -p docs/screenshots
shot() {  # lesson file frames
  xvfb-run -a -s "-screen 0 1280x800x24" build/neurostep --lesson "$1" --screenshot "docs/screenshots/$2" --frames "${3:-5}"
  echo "docs/screenshots/$2"
}
shot sigmoid-neuron sigmoid-neuron.png
