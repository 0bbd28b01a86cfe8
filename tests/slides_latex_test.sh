#!/usr/bin/env bash
# `neurostep slides` and `neurostep export --format tikz` for every lesson: each deck compiles with
# pdflatex and its log has no overfull box over 1 pt; the deck's last page
# (its last frame, all overlays shown) holds the lesson's last result as `neurostep trace` prints
# it (a last step without a result: the first words of its note); every TikZ figure's -standalone.tex compiles on its own with no overfull box over 1 pt.
# Usage: slides_latex_test.sh NEUROSTEP_BINARY   (NEUROSTEP_SANITIZED=1: write everything, compile nothing)
set -euo pipefail
app=$1
# shellcheck source=tests/latex_checks.sh
source "$(dirname "$0")/latex_checks.sh"
latex_test_begin
failed=0
# Overfull boxes wider than 1 pt in a log ("Overfull \hbox (12.3pt too wide)").
overfull() { grep -oE 'Overfull \\[hv]box \(([0-9.]+)pt too (wide|high)' "$1" | awk -F'[(p]' '$3 > 1 {print; bad=1} END {exit !bad}'; }
# The last result the trace prints: the last step's last "= … = result" line, its part after " = ".
last_result() {
  "$app" trace "$1" --format text | awk '/^#/{r=""} /^ += /{r=$0} END{print r}' | sed -E 's/.* = //'
}
ids=$("$app" list | awk '{print $1}')
# The program makes the PDF itself when pdflatex is on PATH (one lesson); the decks are then
# written without it on PATH and compiled here, two at a time, each once, for their logs.
"$app" slides sigmoid-neuron --out "$work/with-pdf" > /dev/null
[ -s "$work/with-pdf/sigmoid-neuron.pdf" ] || { echo "slides did not make sigmoid-neuron.pdf with pdflatex on PATH"; failed=1; }
for id in $ids; do
  PATH=/nonexistent "$app" slides "$id" --out "$work/$id" > "$work/$id.out" 2>&1 || { echo "$id: slides failed:"; cat "$work/$id.out"; failed=1; }
  "$app" export "$id" --format tikz --out "$work/$id/tikz" > /dev/null
done
if [ -n "${NEUROSTEP_SANITIZED:-}" ]; then  # the sanitizer build: the program's part only
  echo "decks and TikZ figures written for every lesson; pdflatex runs in the normal build's test"
  exit $failed
fi
printf '%s\n' $ids | xargs -P2 -I{} sh -c 'cd "$1/$2" && pdflatex -interaction=batchmode -halt-on-error "$2.tex" > /dev/null 2>&1 || echo "$2: pdflatex failed: $(grep -m1 "^!" "$2.log")"' _ "$work" {} > "$work/failures"
[ -s "$work/failures" ] && { cat "$work/failures"; failed=1; }
for id in $ids; do
  deck="$work/$id/$id.pdf"
  [ -s "$deck" ] || { echo "$id: no $id.pdf"; failed=1; continue; }
  if overfull "$work/$id/$id.log"; then echo "$id: the deck has overfull boxes"; failed=1; fi
  pages=$(pdfinfo "$deck" | awk '/^Pages/{print $2}')
  result=$(last_result "$id")
  text=$(pdftotext -f "$pages" -l "$pages" "$deck" - | sed "s/’/'/g" | tr -s ' \n' ' ')  # LaTeX sets ' as ’
  if [ -z "$result" ]; then  # a last step with a note only (a summary): its note's first words
    result=$("$app" trace "$id" --format text | awk '/^ +note: /{r=$0} END{print r}' | sed -E 's/^ +note: //' | cut -d' ' -f1-3)
  fi
  if [ -z "$result" ]; then
    echo "$id: the trace prints no result or note in its last step"; failed=1
  elif ! grep -qF -- "${result%%·*}" <<<"$text"; then  # a small value's power of ten (3.51·10⁻⁵) is LaTeX math: its digits
    echo "$id: the last frame (page $pages) does not hold the last result '$result'"; failed=1
  else
    echo "$id: deck ok ($pages pages, last result '$result')"
  fi
done
# Every figure on its own, two at a time.
find "$work" -name '*-standalone.tex' | xargs -r -P2 -I{} sh -c 'cd "$(dirname "$1")" && pdflatex -interaction=batchmode -halt-on-error "$(basename "$1")" > /dev/null 2>&1 || echo "$1: pdflatex failed: $(grep -m1 "^!" "${1%.tex}.log")"' _ {} > "$work/tikz-failures"
[ -s "$work/tikz-failures" ] && { cat "$work/tikz-failures"; failed=1; }
figures=0
for log in $(find "$work" -name '*-standalone.log'); do
  figures=$((figures + 1))
  if overfull "$log"; then echo "$(basename "$log" .log): overfull boxes"; failed=1; fi
done
echo "$figures TikZ figures compiled on their own"
[ "$figures" -gt 0 ] || failed=1
exit $failed
