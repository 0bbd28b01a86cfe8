#!/usr/bin/env bash
# `neurostep worksheet LESSON --roster class.csv` for three students: each sheet and the class key
# compile with pdflatex with no overfull \hbox over 1 pt; each sheet's PDF text holds the student's
# name and the numbers `neurostep trace LESSON --variant N` prints for the student's N (from
# class-variants.csv); the class key holds every answer of each student's variant (checked against
# the trace as worksheet_key_check.py does); a rerun gives the same .tex, .md and .csv; a bad roster is reported
# by line and writes nothing; `grade --variants class-variants.csv` grades rows without a variant.
# Usage: worksheet_roster_test.sh NEUROSTEP_BINARY
set -euo pipefail
app=$1
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/latex_checks.sh
source "$here/latex_checks.sh"
latex_test_begin
fail() { echo "FAIL: $*"; exit 1; }
lesson=chain-rule
printf 'name,id\nZoë Brandt,\n"Ng, Andrew",\nAda Lovelace,s17\n' > "$work/class.csv"
"$app" worksheet $lesson --roster "$work/class.csv" --seed 31 --out "$work/out" > /dev/null || fail "worksheet --roster"
"$app" worksheet $lesson --roster "$work/class.csv" --seed 31 --out "$work/again" > /dev/null || fail "worksheet --roster (rerun)"
# (the figures' PDFs carry the time they were made: the rest must be the same bytes)
diff -r -x '*.pdf' "$work/out" "$work/again" > /dev/null || fail "a rerun with the same roster and seed gives other files"
[ "$(head -1 "$work/out/class-variants.csv")" = "student,variant" ] || fail "class-variants.csv has no header"
python3 -c 'import csv, sys; [print(r["student"], r["variant"], sep="\t") for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))]' \
  "$work/out/class-variants.csv" > "$work/variants.tsv"
[ "$(cut -f1 "$work/variants.tsv" | tr '\n' '|')" = 'Ada Lovelace|Ng, Andrew|Zoë Brandt|' ] || fail "class-variants.csv is not the roster ordered by name"
compile_clean "$work/out" "$lesson-class-key" || exit 1
pdftotext -layout "$work/out/$lesson-class-key.pdf" "$work/class-key.txt"
answers_csv="$work/answers.csv"
echo "student,variant,step,value,element,answer" > "$answers_csv"
while IFS=$'\t' read -r name variant; do
  stem=$(basename "$(ls "$work/out/$lesson"-*-"$variant".tex)" .tex)
  compile_clean "$work/out" "$stem" || exit 1
  pdftotext -layout "$work/out/$stem.pdf" "$work/sheet.txt"
  tr -s ' ' '\n' < "$work/sheet.txt" > "$work/sheet-words.txt"  # one word a line
  grep -q "Name: $name" "$work/sheet.txt" || fail "$stem.pdf does not name $name"
  grep -q "numbers #$variant" "$work/sheet.txt" || fail "$stem.pdf does not show numbers #$variant"
  # the numbers the trace says numbers #N draws, each on the sheet
  "$app" trace $lesson --variant "$variant" | sed -n 1p | grep -o ' = [^,]*' | cut -c4- | while read -r number; do
    grep -qxF -- "$number" "$work/sheet-words.txt" || fail "$name's sheet lacks the drawn number $number of numbers #$variant"
  done
  # every answer of the student's variant in the class key (recomputed from the trace)
  "$app" worksheet $lesson --seed "$variant" --out "$work/one" > /dev/null
  "$app" trace $lesson --variant "$variant" --format csv > "$work/trace.csv"
  awk -v n="numbers #$variant" 'index($0, "numbers #") { p = index($0, n) > 0 } p' "$work/class-key.txt" > "$work/student-key.txt"
  grep -q "$name" "$work/student-key.txt" || fail "the class key has no section for $name (numbers #$variant)"
  python3 "$here/worksheet_key_check.py" $lesson "$variant" "$work/student-key.txt" "$work/one/$lesson-$variant-key.md" "$work/trace.csv" > /dev/null ||
    fail "the class key does not hold every answer of $name (numbers #$variant)"
  e=$(grep -m1 '(grade: error E)' "$work/one/$lesson-$variant-key.md" | sed 's/.*\*\*\(.*\)\*\*.*/\1/')
  printf '"%s",,error,E,,%s\n' "$name" "$e" >> "$answers_csv"  # E as the key gives it, the variant left empty
  echo "$name: numbers #$variant, sheet and class key ok"
done < "$work/variants.tsv"
"$app" grade "$answers_csv" --lesson $lesson --variants "$work/out/class-variants.csv" > "$work/grades.txt" || fail "grade --variants: $(cat "$work/grades.txt")"
[ "$(grep -c ' 1        1$' "$work/grades.txt")" = 3 ] || fail "grade --variants did not find each student's E right: $(cat "$work/grades.txt")"
# a bad roster: every bad row by line, nothing written
printf 'name\nAda\n,x\nAda\nBo,1,2\n' > "$work/bad.csv"
if "$app" worksheet $lesson --roster "$work/bad.csv" --out "$work/bad" 2> "$work/bad.err"; then fail "a bad roster was accepted"; fi
for line in 3 4 5; do grep -q "bad.csv:$line: " "$work/bad.err" || fail "the bad roster's line $line is not reported: $(cat "$work/bad.err")"; done
[ ! -e "$work/bad" ] || fail "a bad roster wrote files"
echo "roster: ok"
