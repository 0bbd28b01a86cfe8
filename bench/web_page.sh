#!/usr/bin/env bash
# Benchmarks of the web edition's page: what the site weighs over the wire and what takes the
# space, the time to the first frame, and the frame times while training in the page.
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
"$node" "$root/bench/web_page.mjs" browser "$site" --loads 3 --idle-seconds 3 --train-seconds 15
