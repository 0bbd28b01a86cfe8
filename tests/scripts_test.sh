#!/usr/bin/env bash
# The scripts' apt helpers (scripts/lib/apt.sh) on a temporary folder: the mirror read from a
# classic /etc/apt/sources.list (what the Debian installer writes), from a deb822 *.sources file,
# from both and from neither (the fallback), and from apt itself; apt_retry_on_lock waiting out a
# lock (with apt-get itself when run as root); and the ERR trap of scripts/lib/errors.sh naming the command that failed.
# Usage: tests/scripts_test.sh SOURCE_DIR
set -Eeuo pipefail
source_dir=${1:?usage: scripts_test.sh SOURCE_DIR}
source "$source_dir/scripts/lib/errors.sh"
source "$source_dir/scripts/lib/apt.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
check() {  # what expected actual
  if [ "$2" = "$3" ]; then echo "ok: $1"; else echo "FAIL: $1: expected '$2', got '$3'" >&2; failures=$((failures + 1)); fi
}

classic() {  # the sources.list the Debian 12 installer writes, with a security line first and options
  cat <<'LIST'
# deb cdrom:[Debian GNU/Linux 12.5.0 _Bookworm_ - Official amd64 DVD Binary-1]/ bookworm main

deb http://security.debian.org/debian-security bookworm-security main non-free-firmware
deb [arch=amd64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://ftp.de.debian.org/debian/ bookworm main non-free-firmware
deb-src [arch=amd64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://ftp.de.debian.org/debian/ bookworm main non-free-firmware
deb http://ftp.de.debian.org/debian/ bookworm-updates main non-free-firmware
LIST
}
deb822() {  # a debian.sources like Debian's cloud images, with a disabled stanza and a comment
  cat <<'SOURCES'
Types: deb
URIs: http://mirror.example.org/disabled
Suites: bookworm
Components: main
Enabled: no

Types: deb deb-src
# a comment inside a stanza
URIs: http://mirror.example.org/debian/
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

types: deb
uris: http://mirror.example.org/debian-security
suites: bookworm-security
components: main
SOURCES
}

# --- the classic format only (no sources.list.d/debian.sources at all) ---
mkdir -p "$tmp/classic/sources.list.d"
classic >"$tmp/classic/sources.list"
check "classic sources.list" http://ftp.de.debian.org/debian "$(apt_mirror "$tmp/classic/sources.list" "$tmp/classic/sources.list.d")"

# --- deb822 only (no sources.list) ---
mkdir -p "$tmp/deb822/sources.list.d"
deb822 >"$tmp/deb822/sources.list.d/debian.sources"
check "deb822 debian.sources" http://mirror.example.org/debian "$(apt_mirror "$tmp/deb822/sources.list" "$tmp/deb822/sources.list.d")"

# --- both: apt reads sources.list first ---
mkdir -p "$tmp/both/sources.list.d"
classic >"$tmp/both/sources.list"
deb822 >"$tmp/both/sources.list.d/debian.sources"
check "both formats: sources.list first" http://ftp.de.debian.org/debian "$(apt_mirror "$tmp/both/sources.list" "$tmp/both/sources.list.d")"

# --- a classic *.list in sources.list.d ---
mkdir -p "$tmp/parts/sources.list.d"
classic >"$tmp/parts/sources.list.d/debian.list"
check "classic debian.list in sources.list.d" http://ftp.de.debian.org/debian "$(apt_mirror "$tmp/parts/sources.list" "$tmp/parts/sources.list.d")"

# --- nothing configured, no folder: the fallback ---
check "nothing configured" http://deb.debian.org/debian "$(apt_mirror "$tmp/none/sources.list" "$tmp/none/sources.list.d")"
mkdir -p "$tmp/other/sources.list.d"
echo "deb http://archive.ubuntu.com/ubuntu jammy main" >"$tmp/other/sources.list"
check "no bookworm entry" http://deb.debian.org/debian "$(apt_mirror "$tmp/other/sources.list" "$tmp/other/sources.list.d")"

# --- the default paths on a root with only the classic format: /etc/apt replaced by the classic
# folder in a private mount namespace (root, where unshare may mount) ---
if [ "$(id -u)" -eq 0 ] && unshare -m true 2>/dev/null; then
  check "the default paths with a classic /etc/apt/sources.list" http://ftp.de.debian.org/debian \
    "$(unshare -m bash -c 'mount --bind "$1" /etc/apt && source "$2" && apt_mirror && apt_entries_from_apt | apt_first_uri_of bookworm' \
       _ "$tmp/classic" "$source_dir/scripts/lib/apt.sh" | sort -u)"
fi

# --- apt itself reads both formats the same way ---
if command -v apt-get >/dev/null; then
  check "apt indextargets, classic" http://ftp.de.debian.org/debian \
    "$(apt_entries_from_apt "$tmp/classic/sources.list" "$tmp/classic/sources.list.d" | apt_first_uri_of bookworm)"
  check "apt indextargets, deb822" http://mirror.example.org/debian \
    "$(apt_entries_from_apt "$tmp/deb822/sources.list" "$tmp/deb822/sources.list.d" | apt_first_uri_of bookworm)"
fi

# --- apt_retry_on_lock: a command that fails twice on a lock, then succeeds ---
apt_lock_retry=0
tries=0
locked_twice() { tries=$((tries + 1)); [ $tries -gt 2 ] || { echo "E: Could not get lock /var/lib/apt/lists/lock. It is held by process 1 (apt-get)" >&2; return 100; }; }
apt_retry_on_lock locked_twice 2>/dev/null
check "retried on a lock until it was free" 3 "$tries"
# another failure is not retried, and its status and message come through
status=0
message=$(apt_retry_on_lock bash -c 'echo "E: Unable to locate package nosuch" >&2; exit 100' 2>&1) || status=$?
check "other failures are not retried: status" 100 "$status"
check "other failures are not retried: message" "E: Unable to locate package nosuch" "$message"
# a lock held past the wait ends in the lock's failure
apt_lock_wait=0
status=0
apt_retry_on_lock bash -c 'echo "E: Could not get lock /var/lib/dpkg/lock-frontend" >&2; exit 100' 2>/dev/null || status=$?
check "a lock held past the wait fails" 100 "$status"

# --- the same with apt itself, as root: `apt-get update` on a private lists folder whose lock a
# process holds for 3 s (an fcntl lock, as apt's own) waits, then succeeds ---
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null && command -v python3 >/dev/null; then
  # shellcheck disable=SC2034  # read by apt_retry_on_lock
  apt_lock_wait=60 apt_lock_retry=1
  mkdir -p "$tmp/apt/lists/partial" "$tmp/apt/cache"
  : >"$tmp/apt/empty.list"
  python3 -c 'import fcntl, sys, time; f = open(sys.argv[1], "w"); fcntl.lockf(f, fcntl.LOCK_EX); time.sleep(3)' "$tmp/apt/lists/lock" &
  sleep 0.5  # the lock is held by then
  started=$SECONDS status=0
  message=$(apt_get_as_me -o "Dir::Etc::SourceList=$tmp/apt/empty.list" -o Dir::Etc::SourceParts=/dev/null -o "Dir::State::Lists=$tmp/apt/lists" \
    -o "Dir::Cache=$tmp/apt/cache" -o Dir::State::status=/dev/null -qq update 2>&1) || status=$?
  wait
  check "apt-get update waited for the lists lock: status" 0 "$status"
  check "apt-get update waited for the lists lock: said so" yes "$(grep -q '^apt: waiting up to 60 s: E: Could not get lock' <<<"$message" && echo yes || echo no)"
  check "apt-get update waited for the lists lock: for seconds" yes "$([ $((SECONDS - started)) -ge 2 ] && echo yes || echo no)"
fi

# --- errors.sh: a failing command inside a command substitution is named, with its line ---
message=$(bash -c "set -Eeuo pipefail; source '$source_dir/scripts/lib/errors.sh'; x=\$(sed -n p '$tmp/no-such-file' | head -n 1); echo not reached" 2>&1 || true)
grep -q "line 1: command failed (exit 2): .*sed -n p" <<<"$message" && found=yes || found=no
check "errors.sh names the failing command" yes "$found"

[ $failures -eq 0 ] || { echo "scripts_test: $failures failed" >&2; exit 1; }
echo "scripts_test: all passed"
