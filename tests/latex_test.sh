#!/usr/bin/env bash
# Every lesson's trace as LaTeX compiles with pdflatex, and the PDF's text holds the last step:
# its result (or, for a step without one, its number and title's first word). Long traces must
# continue across pages (longtable), not run off the first.
# Usage: latex_test.sh NEUROSTEP_BINARY
set -euo pipefail
app=$1
# shellcheck source=tests/latex_checks.sh
source "$(dirname "$0")/latex_checks.sh"
latex_test_begin
failed=0
for id in $("$app" list | awk '{print $1}'); do
  "$app" trace "$id" --format tex > "$work/$id.tex"
  if ! (cd "$work" && pdflatex -interaction=nonstopmode -halt-on-error "$id.tex" > "$id.log" 2>&1); then
    echo "$id: pdflatex failed:"; grep -m5 '^!' "$work/$id.log" || tail -5 "$work/$id.log"; failed=1; continue
  fi
  # The last row of the Markdown trace: | # | step | formula | numbers | result |
  last=$("$app" trace "$id" --format md | tail -1)
  result=$(awk -F' \\| ' '{gsub(/ \|$/, "", $5); print $5}' <<<"$last" | grep -o -m1 -E '[−-]?[0-9]+(\.[0-9]+)?' | head -1 || true)
  if [ -z "$result" ]; then result=$(awk -F' \\| ' '{print $2}' <<<"$last" | awk '{print $NF}'); fi
  text=$(pdftotext -layout "$work/$id.pdf" - | tr -s ' \n' ' ')
  if ! grep -qF -- "$result" <<<"$text"; then
    echo "$id: the PDF's text does not hold the last step's '$result'"; failed=1
  else
    echo "$id: ok ($(pdfinfo "$work/$id.pdf" | awk '/^Pages/{print $2}') pages, last step's '$result' found)"
  fi
done
exit $failed
