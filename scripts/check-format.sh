#!/usr/bin/env bash
# Checks that every C++ file of src/, tests/ and bench/ is laid out as .clang-format says, with
# Debian 12's clang-format (14, installed by setup.sh), and names the files that are not.
# Fix them with:  scripts/check-format.sh --fix
set -Eeuo pipefail
source "$(dirname "$0")/lib/errors.sh"
cd "$(dirname "$0")/.."

format=clang-format-14
command -v "$format" >/dev/null || format=clang-format
mapfile -t files < <(find src tests bench -path '*/node_modules' -prune -o \( -name '*.cpp' -o -name '*.h' \) -print | sort)
if [ "${1:-}" = "--fix" ]; then
  "$format" -i "${files[@]}"
  exit 0
fi
unformatted=()
for f in "${files[@]}"; do
  "$format" "$f" | cmp -s - "$f" || unformatted+=("$f")
done
if [ ${#unformatted[@]} -gt 0 ]; then
  printf '  %s\n' "${unformatted[@]}" >&2
  echo "check-format: FAIL: ${#unformatted[@]} of ${#files[@]} C++ files are not laid out as .clang-format says (above); scripts/check-format.sh --fix lays them out" >&2
  exit 1
fi
echo "check-format: ${#files[@]} C++ files laid out as .clang-format says"
