# shellcheck shell=bash
# Sourced by the scripts in scripts/: under `set -e` a failing command ends a script, often without
# a word (sed's "no such file" in a command substitution, a grep that finds nothing). This says
# which command failed, where and with what status, before the script exits.
# Usage, right after `set -Eeuo pipefail`:  source "$(dirname "$0")/lib/errors.sh"

# Installs the ERR trap; -E hands it on to functions, subshells and command substitutions.
say_what_failed() {
  set -E
  trap 'echo "${BASH_SOURCE[0]:-$0}: line $LINENO: command failed (exit $?): $BASH_COMMAND" >&2' ERR
}
say_what_failed
