#!/usr/bin/env bash
# Sets up (installs packages, fetches MNIST, builds) if needed, then opens the Neurostep window.
# Arguments go to the app, e.g. scripts/run.sh --lesson sigmoid-neuron
set -Eeuo pipefail
source "$(dirname "$0")/lib/errors.sh"
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  cat <<MSG
No display found (DISPLAY is not set), so the window cannot open. Everything also works headless:
  build/neurostep list                                 the lessons
  build/neurostep trace sigmoid-neuron                 every step of a lesson, with its numbers
  build/neurostep trace sigmoid-neuron --format json   the same for other tools (also csv, md)
  xvfb-run -a build/neurostep --lesson sigmoid-neuron --screenshot shot.png
MSG
  exit 0
fi
exec build/neurostep "$@"
