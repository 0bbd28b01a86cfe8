#!/usr/bin/env bash
# Builds the Debian package neurostep_<version>_amd64.deb: sets up and builds as usual
# (scripts/setup.sh: the portable Release build in build/, the same one the tests run), then runs
# CPack's DEB generator in that build folder. Prints the package's path on its last line.
# Usage: scripts/package.sh
set -Eeuo pipefail
source "$(dirname "$0")/lib/errors.sh"
cd "$(dirname "$0")/.."
bash scripts/setup.sh
rm -f build/neurostep_*.deb
(cd build && cpack -G DEB >cpack.log 2>&1) || { cat build/cpack.log >&2; echo "package: cpack failed" >&2; exit 1; }
deb=$(ls build/neurostep_*_amd64.deb)
echo "package: $deb"
echo "$deb"
