#!/usr/bin/env bash
# The playground's window while it trains (issue 17's target: under 16 ms of UI work per frame):
# a 2-8-8-2 tanh network on 500 points, trained as fast as 5 ms of work per frame allows, against
# the same window paused (the reference: the same panels, plots and graph, but no training and the
# plane's heatmap computed once). Prints both runs' frame times — building each frame (the UI code,
# which here includes the training slice and recomputing the 48 × 48 decision heatmap and the
# trace of the next mini-batch) and building plus drawing it — and the ratio of the medians.
# Under Xvfb the drawing is Mesa's software renderer, on the same cores: the second figure
# measures the machine more than the app. Then the decision heatmap's own cost (bench/playground_grid.cpp)
# against one training epoch. Never run by the tests.
# Usage: bench/playground_frames.sh [FRAMES]
set -euo pipefail
cd "$(dirname "$0")/.."
frames=${1:-600}
bash scripts/setup.sh >/dev/null
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# The XOR lesson with 500 points, two hidden layers of 8 tanh units, and no speed limit.
sed -e 's/^id = .*/id = "playground-bench"/' -e 's/^points = 200/points = 500/' -e 's/^units = 4/units = 8/' \
    -e 's/^batch_size = 10/batch_size = 10\nspeed = 0/' lessons/playground-xor.toml > "$dir/bench.toml"
printf '\n[[network.hidden]]\nunits = 8\nactivation = "tanh"\n' >> "$dir/bench.toml"
run() {  # extra arguments → the UI line's median
  xvfb-run -a -s "-screen 0 1280x800x24" build/neurostep --lessons "$dir" --lesson playground-bench --size 1280x800 \
    --frames "$frames" --frame-times --screenshot "$dir/shot.png" "$@" | tee /dev/stderr |
    sed -n 's/^building the frame (UI code).*median \([0-9.]*\) ms.*/\1/p'
}
echo "window 1280x800, playground 2-8-8-2 tanh on 500 points, $frames frames"
echo "-- paused (reference):"
paused=$(run)
echo "-- training, as fast as 5 ms of work per frame allows:"
playing=$(run --play)
awk -v a="$playing" -v b="$paused" 'BEGIN { printf "UI work per frame, median: training %.2f ms, paused %.2f ms, ratio %.2f\n", a, b, a / b }'
# The decision heatmap alone (the window computes it at 48 × 48 after every slice of training).
g++ -std=c++20 -O2 -DNDEBUG -I src -I /usr/include/eigen3 bench/playground_grid.cpp -o "$dir/grid" \
  build/libneurostep_core.a -lfmt -lmuparser -lcsv -lz -lpthread
"$dir/grid"
