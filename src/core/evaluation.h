// evaluation.h — how a classifier does on a set of samples: its mean loss, the share it gets right,
// and the confusion matrix. The MNIST trainer and the playground both report it.
#pragma once

#include <vector>

namespace neurostep {

struct Evaluation {
  double loss = 0, accuracy = 0;  // mean data loss (0 for no samples); share right, 0 … 1
  int count = 0;                  // samples evaluated
  std::vector<int> confusion;     // classes × classes, row = true class, column = predicted (empty for regression)
};

}  // namespace neurostep
