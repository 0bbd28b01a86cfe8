// convolution.h — lesson kind "convolution": what a filter does to an image, the sliding window,
// and how a filter learns (Lazović 2020, §3–3.4; Jäppinen 2024, §3.2.1, §3.4, §3.5.1).
//
// Every number comes from the core's Conv2D, activations, Dense and loss; the step-by-step sums
// spell out single cells of those results (each step's result is the core's value).
// Steps and values:
//   A.digit             digit (28×28, 0–1)
//   A.{preset}          kernel, feature_map, out_size (rows, cols), kernel_sum
//   A.custom            the same for the student's own kernel
//   B.{i}.{j}           window (row, col), z (this cell), feature_map (cells so far; NaN after)
//   C.forward           Z (feature map), A = g(Z), zF, aF, C
//   C.deltaF            deltaF = ∂C/∂z^F
//   C.local             delta_map = ∂C/∂Z (one local gradient per feature-map cell)
//   C.dK.{p}.{q}        dK (cells so far), dK_cell
//   C.dX.{i}.{j}        dX (cells so far), dX_cell
//   C.update            K (after), C_before, C_after
//   C.gradcheck         max_relative_error_K, max_relative_error_X
//   D.{i}.{j}           per_channel (sum of each channel's products), z
#pragma once

#include "core/activation.h"
#include "lessons/framework/registry.h"

namespace neurostep {

struct ConvolutionNumbers {
  // Part A: filters on a real digit.
  Tensor<double> digit;              // (28, 28), 0–1
  std::vector<std::string> presets;  // kernels to show, by name (see kernel_preset)
  Tensor<double> custom;             // the student's own kernel (k, k), edited in place
  int stride = 1, padding = 0;
  // Part B: the sliding window.
  Tensor<double> input, kernel;  // (h, w), (k, k)
  // Part C: learning the filter.
  Tensor<double> fc_weights;  // one weight per feature-map cell (rows, cols)
  double fc_bias = 0, target = 1, learning_rate = 0.5;
  ActivationKind activation = ActivationKind::Sigmoid;  // of the feature map
  // Part D: two channels.
  Tensor<double> input2, kernel2;  // (2, h, w), (2, k, k)
};

// Named kernels: "blur-0.5" (Lazović 2020, Fig. 16), "box-blur", "horizontal", "vertical" (Lazović 2020
// Fig. 17), "sobel-x", "sobel-y", "sharpen". Empty tensor for an unknown name.
Tensor<double> kernel_preset(const std::string& name);
const std::vector<std::string>& kernel_preset_names();

Trace run_convolution(const std::string& lesson_id, const ConvolutionNumbers& numbers);

std::unique_ptr<Lesson> make_convolution_lesson(LessonInfo info, std::vector<PrintedValue> printed, LessonTable& root);

}  // namespace neurostep
