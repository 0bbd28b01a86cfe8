# shellcheck shell=bash
# Sourced by the LaTeX tests (latex, latex_slides, diagrams, latex_worksheets, worksheet_roster).
# latex_test_begin: stops the test if pdflatex is missing; $work is a folder removed on exit.
latex_test_begin() {
  command -v pdflatex >/dev/null || { echo "pdflatex is missing: scripts/setup.sh installs texlive-latex-recommended" >&2; exit 1; }
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
}

# compile_clean DIR NAME: pdflatex on DIR/NAME.tex (one run: the
# sheets have no table whose widths settle on a second), failing with the log's first error or
# each overfull \hbox wider than 1 pt.
compile_clean() {
  local dir=$1 name=$2
  if ! (cd "$dir" && pdflatex -interaction=nonstopmode -halt-on-error "$name.tex" > /dev/null 2>&1); then
    echo "$name.tex does not compile:"; grep -m3 -A2 '^!' "$dir/$name.log" || true
    return 1
  fi
  local wide
  wide=$(grep -o 'Overfull \\hbox ([0-9.]*pt too wide)' "$dir/$name.log" | awk -F'[(p]' '$2 + 0 > 1' || true)
  if [ -n "$wide" ]; then echo "$name.tex: $wide"; return 1; fi
  return 0
}
