# Shared by the benchmarks (sourced, not run): their arguments and measurements.
# After `bench_arguments "$@"`: $threads (default 2) and the array models (default sougrati lazovic2020).
bench_arguments() {
  threads=${1:-2}
  shift || true
  models=("$@")
  [ ${#models[@]} -gt 0 ] || models=(sougrati lazovic2020)
  rounds=${ROUNDS:-3}
}

# Training samples/s of one epoch of the full MNIST (48,000 images after the validation split).
neurostep_samples_per_second() {  # BINARY MODEL
  "$1" train --model "$2" --data mnist --epochs 1 --validation 12000 --threads "$threads" |
    sed -n 's/^epoch 1: .*, training \([0-9]*\) samples\/s;.*/\1/p'
}

median() {  # the median of the arguments
  printf '%s\n' "$@" | sort -n | awk '{ r[NR] = $1 } END { print (NR % 2) ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2 }'
}

# ROUNDS rounds of `A_FUNCTION MODEL` against `B_FUNCTION MODEL` (each prints samples/s), alternating
# which goes first so that a drift of the machine's speed favours neither; prints every round and
# the median ratio A/B. Usage: ratio_rounds MODEL A_LABEL B_LABEL A_FUNCTION B_FUNCTION
ratio_rounds() {
  local model=$1 a_label=$2 b_label=$3 a_function=$4 b_function=$5 a b ratio ratios=()
  for round in $(seq "$rounds"); do
    if [ $((round % 2)) -eq 1 ]; then
      a=$("$a_function" "$model"); b=$("$b_function" "$model")
    else
      b=$("$b_function" "$model"); a=$("$a_function" "$model")
    fi
    ratio=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", a / b }')
    ratios+=("$ratio")
    echo "$model round $round: $a_label $a samples/s, $b_label $b samples/s ($threads threads): ratio $ratio"
  done
  echo "$model: ratio $a_label/$b_label: median $(median "${ratios[@]}") of ${ratios[*]}"
}
