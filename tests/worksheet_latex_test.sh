#!/usr/bin/env bash
# `neurostep worksheet` for every lesson with variants: the worksheet and its key compile with
# pdflatex with no overfull \hbox wider than 1 pt (from the .log), the sheet names no internal id
# ("dK_cell", "[C.dK.0.1]") and prints no literal underscore, and the key's PDF text shows the
# variant's number and holds every answer of that variant — each recomputed here from `neurostep
# trace LESSON --variant N --format csv` (full precision), rounded to the key's 4 decimals. The
# Markdown key names each answer as grade reads it ("(grade: STEP VALUE[ELEMENT])").
# Usage: worksheet_latex_test.sh NEUROSTEP_BINARY
set -euo pipefail
app=$1
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/latex_checks.sh
source "$here/latex_checks.sh"
latex_test_begin
failed=0
seed=4817
for id in $("$app" list | awk '{print $1}'); do
  case "$id" in mnist-cnn) continue ;; esac  # no variants: the theses' MNIST models
  seed=$((seed + 1))
  if ! "$app" worksheet "$id" --variants 1 --seed "$seed" --out "$work/$id" > "$work/$id.out" 2>&1; then
    echo "$id: worksheet failed:"; cat "$work/$id.out"; failed=1; continue
  fi
  for f in "$id-$seed" "$id-$seed-key"; do
    compile_clean "$work/$id" "$f" || failed=1
  done
  [ -s "$work/$id/$id-$seed.pdf" ] || continue
  pdftotext -layout "$work/$id/$id-$seed.pdf" "$work/$id/sheet.txt"
  if grep -nE '_|\[[A-Za-z]+\.[^]]*\]' "$work/$id/sheet.txt" > "$work/$id/ids.txt"; then
    sed -n 1,3p "$work/$id/ids.txt"; echo "$id: the sheet prints an underscore or an internal id (above)"; failed=1
  fi
  pdftotext -layout "$work/$id/$id-$seed-key.pdf" "$work/$id/key.txt"
  "$app" trace "$id" --variant "$seed" --format csv > "$work/$id/trace.csv"
  if ! python3 "$here/worksheet_key_check.py" "$id" "$seed" "$work/$id/key.txt" "$work/$id/$id-$seed-key.md" "$work/$id/trace.csv"; then failed=1; fi
done
exit $failed
