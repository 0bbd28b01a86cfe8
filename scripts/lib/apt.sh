# shellcheck shell=bash
# Sourced by the scripts in scripts/: what they ask of apt, in one place.
#   apt_mirror      the Debian archive this machine's apt uses (for debootstrap and deb-src lines),
#                   read from deb822 files (*.sources: "URIs:") and classic lines ("deb URL bookworm
#                   main") alike, then from apt itself, else http://deb.debian.org/debian
#   apt_get         apt-get as root, noninteractive, waiting for a lock another apt or dpkg holds
#   apt_get_as_me   the same as the calling user (apt runs on private folders, e.g. web.sh's sources)
# The paths and the waits are arguments or variables, so tests/scripts_test.sh runs all of it on a
# temporary folder.

apt_default_mirror=http://deb.debian.org/debian
apt_lock_wait=${APT_LOCK_WAIT:-600}           # seconds to wait for a lock in all
apt_lock_retry=${APT_LOCK_RETRY_SECONDS:-5}   # seconds between tries on a lock apt does not wait for

# "URI suite" for every deb or deb-src entry of a deb822 file, in the file's order (disabled
# stanzas, "Enabled: no", left out). Field names are case-insensitive; comments start with '#'.
apt_entries_deb822() {  # file
  awk '
    function flush(   u, s, nu, ns, i, j) {
      if (types ~ /(^|[ \t])deb(-src)?([ \t]|$)/ && tolower(enabled) != "no") {
        nu = split(uris, u, /[ \t]+/); ns = split(suites, s, /[ \t]+/)
        for (i = 1; i <= nu; i++) for (j = 1; j <= ns; j++) if (u[i] != "" && s[j] != "") print u[i], s[j]
      }
      types = uris = suites = enabled = key = ""
    }
    /^#/ { next }
    /^[ \t]*$/ { flush(); next }
    /^[ \t]/ { if (key == "uris") uris = uris " " $0; else if (key == "suites") suites = suites " " $0; next }
    {
      colon = index($0, ":"); if (colon == 0) next
      key = tolower(substr($0, 1, colon - 1)); value = substr($0, colon + 1)
      if (key == "types") types = value; else if (key == "uris") uris = value
      else if (key == "suites") suites = value; else if (key == "enabled") enabled = value
      gsub(/^[ \t]+|[ \t]+$/, "", enabled)
    }
    END { flush() }' "$1"
}

# "URI suite" for every deb or deb-src line of a classic one-line-style file ("deb [options] URI
# suite components…"), in the file's order; commented lines are left out.
apt_entries_classic() {  # file
  awk '
    { sub(/#.*/, "") }
    $1 == "deb" || $1 == "deb-src" {
      line = $0
      sub(/^[ \t]*deb(-src)?[ \t]+/, "", line)
      if (line ~ /^\[/) sub(/^\[[^]]*\][ \t]*/, "", line)
      n = split(line, f, /[ \t]+/)
      if (n >= 2) print f[1], f[2]
    }' "$1"
}

# Every entry of apt's sources, in the order apt reads them: the list file, then the parts folder's
# *.list and *.sources files by name.
apt_entries_from_files() {  # list parts
  local file
  [ -f "$1" ] && apt_entries_classic "$1"
  for file in "$2"/*; do
    case "$file" in
      *.list) [ -f "$file" ] && apt_entries_classic "$file" ;;
      *.sources) [ -f "$file" ] && apt_entries_deb822 "$file" ;;
    esac
  done
  return 0
}

# The entries as apt itself sees them (`apt-get indextargets`, which needs no downloaded lists
# with --no-release-info): covers what the two readers above may not (another apt.conf folder, …).
apt_entries_from_apt() {  # [list parts]
  command -v apt-get >/dev/null || return 0
  local opts=()
  [ $# -eq 0 ] || opts=(-o "Dir::Etc::SourceList=$1" -o "Dir::Etc::SourceParts=$2")
  apt-get "${opts[@]}" indextargets --no-release-info --format '$(REPO_URI) $(RELEASE)' 2>/dev/null || true
}

# The first URI of the given suite, without its trailing '/'; nothing when there is none. Reads
# all of its input (an early exit would end the writer with SIGPIPE, a failure under pipefail).
apt_first_uri_of() {  # suite, entries on stdin
  awk -v suite="$1" '$2 == suite && !found { uri = $1; sub(/\/+$/, "", uri); print uri; found = 1 }'
}

# The Debian archive (bookworm, or APT_MIRROR_SUITE) this machine's apt uses, for debootstrap and
# deb-src lines. Reads /etc/apt/sources.list and /etc/apt/sources.list.d/, or the given paths.
apt_mirror() {  # [list parts]
  local list=${1:-/etc/apt/sources.list} parts=${2:-/etc/apt/sources.list.d} suite=${APT_MIRROR_SUITE:-bookworm} mirror
  mirror=$(apt_entries_from_files "$list" "$parts" | apt_first_uri_of "$suite")
  [ -n "$mirror" ] || mirror=$(apt_entries_from_apt "$@" | apt_first_uri_of "$suite")
  echo "${mirror:-$apt_default_mirror}"
}

# Runs COMMAND…, again every apt_lock_retry seconds while it fails on a lock, until apt_lock_wait
# seconds have passed. DPkg::Lock::Timeout makes apt wait for dpkg's locks, but `apt-get update`
# (apt 2.6) fails at once on /var/lib/apt/lists/lock, an fcntl lock `flock` cannot wait for.
apt_retry_on_lock() {  # command…
  local deadline=$((SECONDS + apt_lock_wait)) err status said=0
  err=$(mktemp)
  while :; do
    status=0
    "$@" 2>"$err" || status=$?
    if [ $status -ne 0 ] && grep -q 'Could not get lock\|Unable to lock\|Unable to acquire' "$err" && [ $SECONDS -lt $deadline ]; then
      [ $said -eq 1 ] || echo "apt: waiting up to $apt_lock_wait s: $(grep -m1 'Could not get lock' "$err" || head -n1 "$err")" >&2
      said=1
      sleep "$apt_lock_retry"
      continue
    fi
    cat "$err" >&2
    rm -f "$err"
    return $status
  done
}

# apt-get ARGS… as the calling user, waiting for locks.
apt_get_as_me() {
  apt_retry_on_lock env DEBIAN_FRONTEND=noninteractive apt-get -o "DPkg::Lock::Timeout=$apt_lock_wait" "$@"
}

# apt-get ARGS… as root (through sudo when not root), waiting for locks.
apt_get() {
  if [ "$(id -u)" -eq 0 ]; then
    apt_get_as_me "$@"
  else
    apt_retry_on_lock sudo env DEBIAN_FRONTEND=noninteractive apt-get -o "DPkg::Lock::Timeout=$apt_lock_wait" "$@"
  fi
}
