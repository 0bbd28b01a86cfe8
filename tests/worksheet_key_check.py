"""A worksheet key against the trace of its variant: worksheet_key_check.py LESSON SEED KEY_TXT KEY_MD TRACE_CSV.

KEY_TXT is the key's PDF as text (pdftotext), KEY_MD its Markdown, TRACE_CSV `neurostep trace
LESSON --variant SEED --format csv`. Every answer the Markdown key names "(grade: STEP VALUE[E])" must
be the trace's number as the app prints it at 4 decimals, and stand in the PDF's text; the PDF shows numbers #SEED.
"""
import csv
from decimal import ROUND_HALF_UP, Decimal
import re
import sys

lesson, seed, key_txt, key_md, trace_csv = sys.argv[1:]
text = open(key_txt, encoding="utf-8").read().replace("−", "-")
shown = re.search(r"numbers #(\d+)", text)
if not shown or shown.group(1) != seed:
    sys.exit(f"{lesson}: the key shows {shown.group(0) if shown else 'no variant number'}, not numbers #{seed}")
words = set(re.sub(r"\s+", " ", text).split(" "))
values = {}
for row in csv.DictReader(open(trace_csv, encoding="utf-8")):
    values[(row["step"], row["value"], int(row["element"]))] = float(row["number"])
def shown(v):
    """A number as format_number (src/figure/number_text.h) prints it at 4 decimals, "-" for "−"."""
    if v != 0 and abs(v) < 0.5e-4:
        mantissa, exponent = f"{v:.3e}".split("e")
        mantissa = mantissa.rstrip("0").rstrip(".")
        return mantissa + "·10" + str(int(exponent)).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))
    s = str(Decimal(repr(v)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP))
    s = s.rstrip("0").rstrip(".") if "." in s else s
    return "0" if s in ("-0", "0") else s


answers = 0
for line in open(key_md, encoding="utf-8"):
    m = re.search(r"= \*\*(\S+)\*\*.*\(grade: (\S+) ([A-Za-z_0-9]+)(?:\[(\d+)\])?\)", line)
    if not m:
        continue
    written, step, value, element = m.group(1).replace("−", "-"), m.group(2), m.group(3), int(m.group(4) or 1) - 1
    expected = shown(values[(step, value, element)])
    if written != expected:
        sys.exit(f"{lesson}: the key's {step} {value}[{element + 1}] is {written}, the trace of numbers #{seed} gives {expected}")
    # A small value's power of ten is LaTeX math in the PDF ("4.774 · 10−5" as text): its digits must stand there.
    if expected.split("·")[0] not in words:
        sys.exit(f"{lesson}: the key's PDF text does not hold {step} {value}[{element + 1}] = {expected}")
    answers += 1
if answers == 0:
    sys.exit(f"{lesson}: no answers in the key")
print(f"{lesson}: ok (numbers #{seed}, {answers} answers found in the key's PDF)")
