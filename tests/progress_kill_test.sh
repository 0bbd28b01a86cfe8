#!/bin/bash
# A process killed while saving its progress never leaves a broken file: the saver writes the
# progress file in a loop and is killed with SIGKILL at random moments, 40 times; after each kill
# the file must load whole (or be absent, before the first save), and no temporary file may be
# taken for it. Usage: progress_kill_test.sh PROGRESS_SAVER WORK_DIR
set -u
saver=$1
dir=$2
rm -rf "$dir"
mkdir -p "$dir"
file="$dir/kill-test-7.json"
for i in $(seq 1 40); do
  "$saver" save "$file" &
  pid=$!
  # 1–60 ms: from before the first save to deep in the loop
  sleep "0.0$(( (RANDOM % 6) ))$(( RANDOM % 10 ))"
  kill -KILL "$pid"
  wait "$pid" 2>/dev/null
  if ! out=$("$saver" check "$file" 2>&1); then
    echo "after kill $i the progress file is broken: $out" >&2
    exit 1
  fi
  ls "$dir"/*.corrupt >/dev/null 2>&1 && { echo "after kill $i a file was set aside" >&2; exit 1; }
done
echo "40 kills, the file loaded after each: $out"
