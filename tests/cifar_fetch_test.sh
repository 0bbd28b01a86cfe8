#!/usr/bin/env bash
# `neurostep data fetch cifar10` against small archives in the official format served from
# 127.0.0.1 (python3 -m http.server): a good one is checked, unpacked and moved into
# $XDG_DATA_HOME/neurostep/cifar10, where `train --data cifar10` reads it; a wrong checksum, a
# truncated archive, a batch of the wrong size, a missing file on the server, no server and no
# downloader are each refused with a clear message, exit code ≠ 0 and nothing left behind.
# Nothing is downloaded from outside 127.0.0.1.
# Usage: tests/cifar_fetch_test.sh APP SOURCE_DIR
set -euo pipefail
app=$1 source=$2
work=$(mktemp -d)
server=
trap '[ -z "$server" ] || kill "$server"; rm -rf "$work"' EXIT
fail() { echo "cifar fetch test: $*" >&2; exit 1; }
export HOME="$work/home" XDG_DATA_HOME="$work/data"
unset NEUROSTEP_LESSONS
mkdir -p "$HOME" "$work/www"
target="$XDG_DATA_HOME/neurostep/cifar10"

# archive NAME [BROKEN_BATCH]: a cifar-10-batches-bin folder of 20 training images per batch and 20
# test images (record i: label i mod 10, its colour planes filled with label-dependent values, so a
# model can learn them), packed as www/NAME; BROKEN_BATCH gets 5 stray bytes.
archive() {
  python3 - "$work/pack/cifar-10-batches-bin" "${2:-}" <<'PY'
import os, sys
out, broken = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
names = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]
open(f"{out}/batches.meta.txt", "w").write("\n".join(names) + "\n\n")
for f in [f"data_batch_{k}.bin" for k in range(1, 6)] + ["test_batch.bin"]:
    b = bytearray()
    for i in range(20):
        label = i % 10
        b.append(label)
        for c in range(3):
            b += bytes([(25 * label + 80 * c + p % 7) % 256 for p in range(1024)])
    if f == broken:
        b += bytes(5)
    open(f"{out}/{f}", "wb").write(bytes(b))
PY
  tar czf "$work/www/$1" -C "$work/pack" cifar-10-batches-bin
  rm -rf "$work/pack"
}
md5() { md5sum "$work/www/$1" | cut -d' ' -f1; }
refused() {  # WHAT MESSAGE ARGS…: the fetch fails, says MESSAGE, leaves nothing
  local what=$1 message=$2
  shift 2
  if "$app" data fetch cifar10 "$@" >"$work/out" 2>&1; then fail "$what: the fetch succeeded"; fi
  grep -q -- "$message" "$work/out" || fail "$what: no clear message: $(cat "$work/out")"
  grep -q "Nothing was changed" "$work/out" || fail "$what: does not say nothing was changed: $(cat "$work/out")"
  [ ! -e "$target" ] || fail "$what: wrote $target"
  [ -z "$(ls -A "$XDG_DATA_HOME/neurostep" 2>/dev/null)" ] || fail "$what: left files behind: $(ls -A "$XDG_DATA_HOME/neurostep")"
}

archive good.tar.gz
archive wrong-size.tar.gz data_batch_2.bin
head -c $(($(stat -c %s "$work/www/good.tar.gz") / 2)) "$work/www/good.tar.gz" >"$work/www/truncated.tar.gz"
python3 -m http.server 0 --bind 127.0.0.1 --directory "$work/www" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 50); do grep -q "port [0-9]" "$work/server.log" && break; sleep 0.1; done
port=$(sed -n 's/.*port \([0-9]*\).*/\1/p' "$work/server.log" | head -1)
[ -n "$port" ] || fail "the test's web server did not start: $(cat "$work/server.log")"
url="http://127.0.0.1:$port"

if PATH=/nonexistent "$app" data fetch cifar10 --from "$url/good.tar.gz" >"$work/out" 2>&1; then fail "fetch without curl/wget succeeded"; fi
grep -q "neither curl nor wget is installed" "$work/out" || fail "no clear message without curl and wget: $(cat "$work/out")"
refused "no network" "seems to have no network" --from "http://127.0.0.1:1/cifar-10-binary.tar.gz"
refused "not on the server" "could not download" --from "$url/missing.tar.gz"
refused "wrong checksum" "MD5 checksum is not 00000000000000000000000000000000" --from "$url/good.tar.gz" --md5 00000000000000000000000000000000
refused "truncated archive" "tar could not unpack" --from "$url/truncated.tar.gz" --md5 "$(md5 truncated.tar.gz)"
refused "a batch of the wrong size" "data_batch_2.bin: 61465 bytes is not a whole number of 3073-byte records" \
  --from "$url/wrong-size.tar.gz" --md5 "$(md5 wrong-size.tar.gz)"

"$app" data fetch cifar10 --from "$url/good.tar.gz" --md5 "$(md5 good.tar.gz)" >"$work/out" 2>&1 ||
  fail "a good archive was refused: $(cat "$work/out")"
for f in batches.meta.txt data_batch_1.bin data_batch_5.bin test_batch.bin; do [ -s "$target/$f" ] || fail "$target/$f was not written"; done
[ "$(ls -A "$XDG_DATA_HOME/neurostep")" = cifar10 ] || fail "temporary files were left: $(ls -A "$XDG_DATA_HOME/neurostep")"
"$app" data fetch cifar10 --from "http://127.0.0.1:1/x" >"$work/out" 2>&1 || fail "a second fetch did not see the checked copy: $(cat "$work/out")"
grep -q "already in" "$work/out" || fail "a second fetch did not say the set is there: $(cat "$work/out")"
"$app" --lessons "$source/lessons" train --model jappinen2024-cifar-ann --data cifar10 --epochs 1 --validation 20 --threads 1 >"$work/out" 2>&1 ||
  fail "train --data cifar10 failed with the fetched set: $(cat "$work/out")"
grep -q "from $target" "$work/out" || fail "--data cifar10 did not read $target: $(head -2 "$work/out")"
echo "cifar fetch test: no downloader, no network, a missing file, a wrong checksum, a truncated archive, a batch of the wrong size, a good archive, train --data cifar10"
