#!/usr/bin/env bash
# `neurostep worksheet` for every lesson with variants: the worksheet and its key compile with
# pdflatex (--format pdf), and the key's PDF text shows the variant's number and holds every
# answer of that variant — each recomputed here from `neurostep trace LESSON --variant N --format
# csv` (full precision), rounded to the key's 4 decimals.
# Usage: worksheet_latex_test.sh NEUROSTEP_BINARY
set -euo pipefail
app=$1
command -v pdflatex >/dev/null || { echo "pdflatex is missing: scripts/setup.sh installs texlive-latex-recommended" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
seed=4817
for id in $("$app" list | awk '{print $1}'); do
  case "$id" in mnist-cnn) continue ;; esac  # no variants: the theses' MNIST models
  seed=$((seed + 1))
  if ! "$app" worksheet "$id" --variants 1 --seed "$seed" --format pdf --out "$work/$id" > "$work/$id.out" 2>&1; then
    echo "$id: worksheet --format pdf failed:"; cat "$work/$id.out"; failed=1; continue
  fi
  for f in "$id-$seed" "$id-$seed-key"; do
    [ -s "$work/$id/$f.pdf" ] || { echo "$id: no $f.pdf"; failed=1; }
  done
  pdftotext -layout "$work/$id/$id-$seed-key.pdf" "$work/$id/key.txt"
  "$app" trace "$id" --variant "$(grep -o -m1 'numbers #[0-9]*' "$work/$id/key.txt" | tr -dc 0-9)" --format csv > "$work/$id/trace.csv"
  if ! python3 - "$id" "$seed" "$work/$id/key.txt" "$work/$id/$id-$seed-key.md" "$work/$id/trace.csv" <<'PY'
import csv, re, sys
lesson, seed, key_txt, key_md, trace_csv = sys.argv[1:]
text = open(key_txt, encoding="utf-8").read().replace("−", "-")
shown = re.search(r"numbers #(\d+)", text)
if not shown or shown.group(1) != seed:
    sys.exit(f"{lesson}: the key shows {shown.group(0) if shown else 'no variant number'}, not numbers #{seed}")
words = set(re.sub(r"\s+", " ", text).split(" "))
values = {}
for row in csv.DictReader(open(trace_csv, encoding="utf-8")):
    values[(row["step"], row["value"], int(row["element"]))] = float(row["number"])
answers = 0
in_answers = False
for line in open(key_md, encoding="utf-8"):
    if line.startswith("## "):
        in_answers = line.startswith("## Answers")
    m = re.match(r"\| \d+ \| .*\[(\S+) ([A-Za-z_0-9]+)(?:\[(\d+)\])?\] \| [^|]+ \| (\S+)", line) if in_answers else None
    if not m:
        continue
    step, value, element, written = m.group(1), m.group(2), int(m.group(3) or 1) - 1, m.group(4).replace("−", "-")
    expected = f"{values[(step, value, element)]:.4f}"
    if expected == "-0.0000":
        expected = "0.0000"
    if written != expected:
        sys.exit(f"{lesson}: the key's {step} {value}[{element + 1}] is {written}, the trace of numbers #{seed} gives {expected}")
    if expected not in words:
        sys.exit(f"{lesson}: the key's PDF text does not hold {step} {value}[{element + 1}] = {expected}")
    answers += 1
if answers == 0:
    sys.exit(f"{lesson}: no answers in the key")
print(f"{lesson}: ok (numbers #{seed}, {answers} answers found in the key's PDF)")
PY
  then failed=1; fi
done
exit $failed
