// pooling.h — lesson kind "pooling": max and average pooling side by side, forward and backward
// (Jäppinen 2024, §3.2.2, §3.5.2; Lazović 2020, §3.2), and why pooling makes a shifted digit look the same.
//
// All numbers come from the core's Pool2D (forward, backward and its argmax). The backward steps
// show the input gradient accumulating window by window: at each step the core's backward pass
// runs on δ with only the windows so far switched on, so overlapping shares add up visibly.
// Its step and value ids are declared once, in pooling_ids below: the engine builds its steps with
// them and the tests look steps up by them; lessons/pooling.toml names them, and reading it checks
// every name against the steps the lesson makes (exercise.cpp, variant.cpp).
// Files: pooling.cpp the steps (numbers → trace), pooling_figures.{h,cpp} the plots of a step,
// pooling_file.cpp the lesson file, the Lesson and pooling_kind().
#pragma once

#include <string>

#include "lessons/framework/registry.h"

namespace neurostep {

namespace pooling_ids {
// Steps: forward(i, j) and backward(i, j) per window (row i, column j, from 0), or kForwardNone when
// the window does not fit; kShift at the end when the lesson has a digit.
std::string forward(int i, int j);   // "forward.{i}.{j}"
std::string backward(int i, int j);  // "backward.{i}.{j}"
std::string every_forward();         // "forward.*", the pattern of forward(i, j) for every window
inline constexpr char kForwardPrefix[] = "forward", kBackwardPrefix[] = "backward";  // what each one's id starts with
inline constexpr char kForwardNone[] = "forward.none";
inline constexpr char kShift[] = "shift";
// Values of forward(i, j): the window (row, col from 1), its max and argmax (row, col), its avg and
// the two maps so far.
inline constexpr char kWindow[] = "window", kMax[] = "max", kArgmax[] = "argmax", kAvg[] = "avg", kMaxMap[] = "max_map",
                      kAvgMap[] = "avg_map";
// Values of backward(i, j): kWindow, δ at it, the input gradients accumulated so far.
inline constexpr char kDelta[] = "delta", kDxMax[] = "dX_max", kDxAvg[] = "dX_avg";
// Values of kShift: the digit and the digit moved, both pooled, how alike they are (cosine) and the
// share of their ink that differs.
inline constexpr char kDigit[] = "digit", kShifted[] = "shifted", kPooled[] = "pooled",
                      kPooledShifted[] = "pooled_shifted", kCosineRaw[] = "cosine_raw",
                      kCosinePooled[] = "cosine_pooled", kChangedRaw[] = "changed_raw",
                      kChangedPooled[] = "changed_pooled";
}  // namespace pooling_ids

struct PoolingNumbers {
  Tensor<double> input;     // (h, w)
  Tensor<double> upstream;  // δ, the gradient arriving at the output: (out h, out w)
  int size = 2, stride = 2;
  Tensor<double> digit;  // (28, 28), for the shift demonstration
  int shift_pool = 2;    // the window of the shift demonstration (stride = size)

  // Resizes δ to the output shape of the current size and stride (new cells get a fixed pattern).
  void fit_upstream();
};

Trace run_pooling(const std::string& lesson_id, const PoolingNumbers& numbers);

// The kind as registry.cpp lists it: its name in lesson files, its description, its lesson-file
// reader (pooling_file.cpp) and its default exercises.
LessonKind pooling_kind();

}  // namespace neurostep
