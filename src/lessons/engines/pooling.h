// pooling.h — lesson kind "pooling": max and average pooling side by side, forward and backward
// (Jäppinen 2024, §3.2.2, §3.5.2; Lazović 2020, §3.2), and why pooling makes a shifted digit look the same.
//
// All numbers come from the core's Pool2D (forward, backward and its argmax). The backward steps
// show the input gradient accumulating window by window: at each step the core's backward pass
// runs on δ with only the windows so far switched on, so overlapping shares add up visibly.
// Steps and values:
//   forward.{i}.{j}   window (row, col), max, argmax (row, col), avg, max_map, avg_map (so far)
//   backward.{i}.{j}  window, delta, dX_max, dX_avg (accumulated so far)
//   shift             pooled, pooled_shifted, changed_pixels, changed_pooled (fractions)
#pragma once

#include "lessons/framework/registry.h"

namespace neurostep {

struct PoolingNumbers {
  Tensor<double> input;     // (h, w)
  Tensor<double> upstream;  // δ, the gradient arriving at the output: (out h, out w)
  int size = 2, stride = 2;
  Tensor<double> digit;     // (28, 28), for the shift demonstration
  int shift_pool = 2;       // the window of the shift demonstration (stride = size)

  // Resizes δ to the output shape of the current size and stride (new cells get a fixed pattern).
  void fit_upstream();
};

Trace run_pooling(const std::string& lesson_id, const PoolingNumbers& numbers);

std::unique_ptr<Lesson> make_pooling_lesson(LessonInfo info, std::vector<PrintedValue> printed, LessonTable& root);

}  // namespace neurostep
