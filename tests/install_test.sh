#!/usr/bin/env bash
# The installed program, relocated: `cmake --install` into a staging folder with DESTDIR, the staged
# tree moved to another prefix, then the program run from an unrelated working directory with
# NEUROSTEP_LESSONS unset and a fresh home: the layout, the desktop entry, icons and man page,
# list, trace, check on every installed lesson, the embedded sample, a missing data set's
# message, a window screenshot, and nothing written inside the prefix.
# Usage: tests/install_test.sh BUILD_DIR SOURCE_DIR PNG_CHECK [XVFB_RUN]
set -euo pipefail
build=$1 source=$2 png_check=$3 xvfb=${4:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "install test: $*" >&2; exit 1; }

DESTDIR="$work/stage" cmake --install "$build" --prefix /opt/neurostep >/dev/null
[ -x "$work/stage/opt/neurostep/bin/neurostep" ] || fail "cmake --install put no bin/neurostep under DESTDIR"
mkdir -p "$work/moved/to"
mv "$work/stage/opt/neurostep" "$work/moved/to/prefix"
rm -rf "$work/stage"
P="$work/moved/to/prefix"
app="$P/bin/neurostep"

for f in share/neurostep/lessons/sigmoid-neuron.toml share/neurostep/lessons/mnist-cnn.toml share/neurostep/lessons/sources.toml \
         share/neurostep/assets/mnist-sample/t10k-images-idx3-ubyte.gz share/neurostep/assets/mnist-sample/train-labels-idx1-ubyte.gz \
         share/applications/neurostep.desktop share/icons/hicolor/scalable/apps/neurostep.svg share/man/man1/neurostep.1.gz \
         share/doc/neurostep/copyright share/doc/neurostep/README.md share/doc/neurostep/changelog.gz; do
  [ -s "$P/$f" ] || fail "missing or empty: PREFIX/$f"
done
for size in 16 22 24 32 48 64 128 256; do
  "$png_check" "$P/share/icons/hicolor/${size}x${size}/apps/neurostep.png" "$size" "$size" >/dev/null ||
    fail "the ${size}x${size} icon is not a ${size}x${size} PNG with content"
done
[ "$(ls "$P/share/neurostep/lessons"/*.toml | wc -l)" -eq "$(ls "$source"/lessons/*.toml | wc -l)" ] || fail "not every lesson was installed"
desktop-file-validate "$P/share/applications/neurostep.desktop" || fail "the desktop entry does not validate"
grep -q '^Categories=Education;' "$P/share/applications/neurostep.desktop" || fail "the desktop entry is not in Education"
man=$(gzip -dc "$P/share/man/man1/neurostep.1.gz")
for word in '\-\-lessons' 'NEUROSTEP_ISA' 'data fetch' 'trace'; do
  grep -qF -- "$word" <<<"$man" || fail "the man page does not mention $word"
done
# (A sanitizer build keeps its source paths for its reports: checked in the normal build only.)
if [ "${NEUROSTEP_SANITIZED:-0}" != 1 ] && strings "$app" | grep -F -e "$source" -e "$build"; then
  fail "the installed program contains a path of the build machine (above)"
fi

# A fresh user in an unrelated folder; nothing points at the source tree.
unset NEUROSTEP_LESSONS XDG_CONFIG_HOME XDG_STATE_HOME XDG_DATA_HOME XDG_DATA_DIRS
export HOME="$work/home"
mkdir -p "$HOME" "$work/cwd"
cd "$work/cwd"
touch "$work/stamp"

"$app" --version | grep -q '^kernels: ' || fail "--version does not say which kernels it uses"
list=$("$app" list) || fail "neurostep list failed"
# Every *.toml but sources.toml (the documents the lessons cite) is a lesson.
[ "$(wc -l <<<"$list")" -eq "$(ls "$P/share/neurostep/lessons"/*.toml | grep -vc '/sources\.toml$')" ] || fail "neurostep list does not show every lesson:
$list"
"$app" trace sigmoid-neuron --format json >"$work/trace.json" || fail "neurostep trace sigmoid-neuron failed"
grep -q '"lesson": *"sigmoid-neuron"' "$work/trace.json" || fail "the JSON trace does not name its lesson"
"$app" check "$P"/share/neurostep/lessons/*.toml >/dev/null || fail "neurostep check failed on the installed lessons"
# The lessons that read a digit of the embedded sample (../assets/… relative to the lesson file).
"$app" trace conv-gradients --steps 1 >/dev/null || fail "conv-gradients cannot read its digit from the installed assets"
"$app" trace pooling --steps 1 >/dev/null || fail "pooling cannot read its digit from the installed assets"
"$app" train --model symon --data sample --epochs 1 --validation 5990 --threads 1 >"$work/train.txt" ||
  fail "training on the installed sample failed: $(cat "$work/train.txt")"
grep -q "from $P/share/neurostep/assets/mnist-sample" "$work/train.txt" || fail "the sample was not read from the install: $(head -1 "$work/train.txt")"
# The full MNIST is not there for this user: the message says how to get it.
if "$app" train --model symon --data mnist --epochs 1 2>"$work/err.txt" >/dev/null; then fail "train --data mnist succeeded with no data"; fi
grep -q "$HOME/.local/share/neurostep/mnist" "$work/err.txt" || fail "the missing MNIST message names no user data folder: $(cat "$work/err.txt")"
grep -q "neurostep data fetch mnist" "$work/err.txt" || fail "the missing MNIST message does not say how to get it: $(cat "$work/err.txt")"

if [ -n "$xvfb" ]; then
  "$xvfb" -a -s "-screen 0 1280x800x24" "$app" --lesson conv-gradients --screenshot "$work/shot.png" --frames 5 >/dev/null 2>"$work/err.txt" ||
    fail "the installed window failed: $(cat "$work/err.txt")"
  "$png_check" "$work/shot.png" 1280 800 >/dev/null || fail "the installed window's screenshot is blank or the wrong size"
fi
written=$(find "$P" -newer "$work/stamp")
[ -z "$written" ] || fail "the program wrote inside its install prefix: $written"
echo "install test: relocated install at $P works (list, trace, check on $(ls "$P/share/neurostep/lessons"/*.toml | wc -l) lessons, sample, screenshot${xvfb:+ under Xvfb})"
