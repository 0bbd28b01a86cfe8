#!/usr/bin/env bash
# Benchmarks of the web edition's page: what the site weighs over the wire and what takes the
# space, the time to the first frame, the frame times while training in the page, and the page's
# training speed against the native program's (build/neurostep) on the same sample and thread.
#   bench/web_page.sh [SITE_DIR]      (default build-web/site; NODE=, CHROMIUM= as for scripts/test-web.sh)
# Needs the test's npm dependencies (tests/web/node_modules); installs them like scripts/test-web.sh.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
site="${1:-${SITE:-$root/build-web/site}}"
node="${NODE:-node}"
web="$root/tests/web"
[ -f "$site/index.html" ] || { echo "web_page: no $site/index.html (build the web edition first)" >&2; exit 1; }

echo "== (a) transfer size (gzip -9) of $site"
rows="$(find "$site" -type f | sort | while IFS= read -r f; do
  printf '%d %d %s\n' "$(stat -c %s "$f")" "$(gzip -9 -c "$f" | wc -c)" "${f#"$site"/}"
done | sort -k2,2nr)"
printf '%12s %12s %7s  %s\n' bytes gzip share file
echo "$rows" | awk '{ raw[NR]=$1; gz[NR]=$2; $1=$2=""; name[NR]=substr($0,3); tr+=raw[NR]; tg+=gz[NR] }
  END { for (i=1;i<=NR;i++) printf "%12d %12d %6.1f%%  %s\n", raw[i], gz[i], 100*gz[i]/tg, name[i];
        printf "%12d %12d %6.1f%%  total (%.2f MiB, %.2f MiB gzip)\n", tr, tg, 100, tr/1048576, tg/1048576 }'
echo "   what takes the space:"
"$node" "$root/bench/web_page.mjs" space "$site"

# the browser parts need puppeteer-core
want="$("$node" -e 'console.log(require(process.argv[1]).packages["node_modules/puppeteer-core"].version)' "$web/package-lock.json")"
have="$("$node" -e 'try{console.log(require(process.argv[1]).version)}catch{console.log("none")}' "$web/node_modules/puppeteer-core/package.json")"
if [ "$have" != "$want" ]; then
  PUPPETEER_SKIP_DOWNLOAD=1 npm ci --prefix "$web" --no-audit --no-fund --loglevel=error
fi
echo "== (b) time to the first frame, (c) frame times"
train_s=15  # seconds of training sampled
page="$("$node" "$root/bench/web_page.mjs" browser "$site" --loads 3 --idle-seconds 3 --train-seconds "$train_s")"
echo "$page" | grep -v '^PAGE_TRAINING'

# (d) Training Sougrati et al.'s CNN on the embedded sample: the page (in its Web Worker, in chunks
# of 80 ms) against the native program on one thread, with its default kernels (the widest this
# CPU has) and with the portable baseline ones (SSE4.2, 128-bit vectors like WebAssembly SIMD's).
echo "== (d) training Sougrati et al.'s CNN on the sample, samples per second"
read -r _ page_step page_wall page_steady start_s <<< "$(echo "$page" | grep '^PAGE_TRAINING')"
native() {  # the epoch's training speed the native program reports
  NEUROSTEP_ISA="$1" "$root/build/neurostep" train --model sougrati --data sample --epochs 1 --threads 1 |
    sed -n 's/^epoch 1: .*training \([0-9]*\) samples\/s.*/\1/p'
}
avx=$(native "") base=$(native baseline)
printf '  native, 1 thread, default kernels:  %6d\n  native, 1 thread, baseline kernels: %6d\n' "$avx" "$base"
printf '  page, inside its training worker:   %6d   (%.2f × native default, %.2f × baseline)\n' "$page_step" \
  "$(echo "$page_step / $avx" | bc -l)" "$(echo "$page_step / $base" | bc -l)"
printf '  page, images per second of wall time: %4d   (%.2f × native default; from the batches done in the %s s sampled)\n' "$page_wall" \
  "$(echo "$page_wall / $avx" | bc -l)" "$train_s"
printf '  the same after its first %s s:          %4d   (%.2f × native default; the worker'"'"'s start left out)\n' "$start_s" \
  "$page_steady" "$(echo "$page_steady / $avx" | bc -l)"
