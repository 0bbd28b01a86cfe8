#!/usr/bin/env bash
# Every architecture diagram `neurostep diagram` draws (the names its error message lists): the
# TikZ compiles with pdflatex as it is, with no overfull box over 1 pt; the SVG keeps its labels as
# <text> elements, the total the command prints among them; the PDF's text holds it too. A wrong
# name exits with 2, lists the valid ones and writes nothing.
# Usage: diagram_test.sh NEUROSTEP_BINARY
set -euo pipefail
app=$1
# shellcheck source=tests/latex_checks.sh
source "$(dirname "$0")/latex_checks.sh"
latex_test_begin
failed=0

set +e
"$app" diagram no-such-model --out "$work/none" 2> "$work/wrong.txt"
code=$?
set -e
if [ "$code" -ne 2 ] || [ -e "$work/none" ]; then echo "a wrong name: exit $code (want 2), or files written"; failed=1; fi
names=$(sed -n 's/.*diagram takes: \(.*\))$/\1/p' "$work/wrong.txt" | tr -d ',')
[ -n "$names" ] || { echo "the error lists no names:"; cat "$work/wrong.txt"; exit 1; }

for name in $names; do
  total=$("$app" diagram "$name" --format svg,pdf,tikz --out "$work" | tail -1 | sed 's/.*: //')
  svg="$work/$name-diagram.svg"
  if ! grep -qF "<text" "$svg" || ! grep -qF ">$total</text>" "$svg"; then echo "$name: the SVG has no <text> '$total'"; failed=1; fi
  if ! grep -qF "$total" <<<"$(pdftotext "$work/$name-diagram.pdf" -)"; then echo "$name: the PDF's text lacks '$total'"; failed=1; fi
  mkdir -p "$work/tex"
  cp "$work/$name-diagram.tex" "$work/tex/"
  if ! (cd "$work/tex" && pdflatex -interaction=nonstopmode -halt-on-error "$name-diagram.tex" > /dev/null 2>&1); then
    echo "$name: pdflatex failed:"; grep -m5 '^!' "$work/tex/$name-diagram.log" || true; failed=1; continue
  fi
  # "Overfull \hbox (12.3pt too wide)": anything over 1 pt fails
  over=$(grep -o 'Overfull \\[hv]box ([0-9.]*pt' "$work/tex/$name-diagram.log" | grep -o '[0-9.]*pt' | tr -d pt | awk '$1 > 1' | head -1 || true)
  if [ -n "$over" ]; then echo "$name: an overfull box of ${over} pt"; failed=1; continue; fi
  pages=$(pdfinfo "$work/tex/$name-diagram.pdf" | awk '/^Pages/{print $2}')
  if [ "$pages" != 1 ]; then echo "$name: the TikZ gives $pages pages, not 1"; failed=1; continue; fi
  echo "$name: ok ($total)"
done
exit $failed
