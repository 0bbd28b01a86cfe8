# Shared by the benchmarks (sourced, not run): their arguments and measurements.
# After `bench_arguments "$@"`: $threads (default 2) and the array models (default seed003 seed000).
bench_arguments() {
  threads=${1:-2}
  shift || true
  models=("$@")
  [ ${#models[@]} -gt 0 ] || models=(seed003 seed000)
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
