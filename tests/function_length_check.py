#!/usr/bin/env python3
"""No function over 60 lines in the engines (issue #30; docs/architecture.md, "Adding a lesson kind").

Reads C++ laid out by .clang-format (scripts/check-format.sh checks that first): a function's body
opens with "{" at the end of its signature's last line and closes with "}" alone at the signature's
indentation, for free functions, member functions and lambdas alike. Counts from the signature's
first line to the closing brace. Usage: function_length_check.py LIMIT FILE...
"""
import re
import sys

CONTROL = re.compile(r"^\s*(if|else|for|while|switch|do|try|catch|namespace|struct|class|enum|union|extern)\b")
OPENS_BODY = re.compile(r"\)\s*(const)?\s*(noexcept)?\s*(override)?\s*(final)?\s*(->\s*[^{]+)?\{$")


def signature_start(lines, i):
    """The first line of the signature ending at line i (continuation lines are indented deeper)."""
    indent = len(lines[i]) - len(lines[i].lstrip())
    j = i
    while j > 0:
        prev = lines[j - 1]
        if not prev.strip() or prev.rstrip().endswith((";", "{", "}")) or prev.lstrip().startswith(("//", "#")):
            break
        if len(prev) - len(prev.lstrip()) > indent and j - 1 < i:
            j -= 1
            continue
        if len(prev) - len(prev.lstrip()) == indent:
            j -= 1
            break
        break
    return j


def long_functions(path, limit):
    lines = open(path, encoding="utf-8").read().split("\n")
    found = []
    for i, line in enumerate(lines):
        text = line.rstrip()
        if not OPENS_BODY.search(text) or CONTROL.match(text) or "= [" in text and "](" not in text:
            continue
        start = signature_start(lines, i)
        if CONTROL.match(lines[start]):
            continue
        indent = lines[start][: len(lines[start]) - len(lines[start].lstrip())]
        for k in range(i + 1, len(lines)):
            if lines[k].startswith(indent + "}") and not lines[k].startswith(indent + " "):
                length = k - start + 1
                if length > limit:
                    found.append((path, start + 1, length, lines[start].strip()[:70]))
                break
    return found


def main():
    limit = int(sys.argv[1])
    found = [f for path in sys.argv[2:] for f in long_functions(path, limit)]
    for path, line, length, head in found:
        print(f"{path}:{line}: {length} lines (limit {limit}): {head}", file=sys.stderr)
    print(f"function_length: {len(sys.argv) - 2} files, {len(found)} functions over {limit} lines")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
