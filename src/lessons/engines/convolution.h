// convolution.h — lesson kind "convolution": what a filter does to an image, the sliding window,
// and how a filter learns (Lazović 2020, §3–3.4; Jäppinen 2024, §3.2.1, §3.4, §3.5.1).
//
// Every number comes from the core's Conv2D, activations, Dense and loss; the step-by-step sums
// spell out single cells of those results (each step's result is the core's value).
// Its step and value ids are declared once, in convolution_ids below: the engine builds its steps
// with them, its figures, history and tests look values up by them; lessons/conv-gradients.toml
// names them, and reading it checks every name against the steps the lesson makes (exercise.cpp,
// variant.cpp).
#pragma once

#include <string>

#include "core/activation.h"
#include "lessons/framework/registry.h"

namespace neurostep {

namespace convolution_ids {
// The four parts; a step's id is its part, a dot and the rest ("A.sobel-x", "B.0.1", "C.dK.1.0").
inline constexpr char kFiltersPrefix[] = "A", kSlidingPrefix[] = "B", kLearningPrefix[] = "C", kChannelsPrefix[] = "D";

// Part A, filters on a digit: kFiltersDigit, then filter(name) for each preset and filter(kCustom).
inline constexpr char kFiltersDigit[] = "A.digit";
std::string filter(const std::string& name);  // "A.{name}"
inline constexpr char kCustom[] = "custom";   // the student's own kernel: filter(kCustom) is "A.custom"
// Values of kFiltersDigit: digit (28×28, 0–1). Of filter(name): kernel, feature_map, out_size (rows,
// cols), kernel_sum.
inline constexpr char kDigit[] = "digit", kKernel[] = "kernel", kFeatureMap[] = "feature_map", kOutSize[] = "out_size",
                      kKernelSum[] = "kernel_sum";

// Part B, the sliding window: sliding(i, j) per output cell (row i, column j, from 0).
std::string sliding(int i, int j);  // "B.{i}.{j}"
// Values of sliding(i, j): window (row, col from 1), z (this cell), feature_map (cells so far; NaN after).
inline constexpr char kWindow[] = "window", kZ[] = "z";

// Part C, learning the filter, in this order: kLearningForward, kLearningDeltaF, kLearningLocal,
// kernel_gradient(p, q) per kernel cell, input_gradient(r, c) per input pixel, kLearningUpdate,
// kLearningGradcheck.
inline constexpr char kLearningForward[] = "C.forward", kLearningDeltaF[] = "C.deltaF", kLearningLocal[] = "C.local",
                      kLearningUpdate[] = "C.update", kLearningGradcheck[] = "C.gradcheck";
std::string kernel_gradient(int p, int q);  // "C.dK.{p}.{q}"
std::string input_gradient(int r, int c);   // "C.dX.{r}.{c}"
inline constexpr char kKernelGradientPrefix[] = "C.dK", kInputGradientPrefix[] = "C.dX";
inline constexpr char kKernelGradients[] = "C.dK.*";  // every kernel_gradient(p, q), as exercises match them
// Values of kLearningForward: Z (the feature map), A = g(Z), zF, aF, C.
inline constexpr char kZMap[] = "Z", kAMap[] = "A", kZF[] = "zF", kAF[] = "aF", kC[] = "C";
// Values of kLearningDeltaF: deltaF = ∂C/∂z^F. Of kLearningLocal: delta_map = ∂C/∂Z (one local
// gradient per feature-map cell).
inline constexpr char kDeltaF[] = "deltaF", kDeltaMap[] = "delta_map";
// Values of kernel_gradient(p, q): dK (cells so far), dK_cell, window; kernel_gradient(0, 0) also
// first_cell_term (the first feature-map cell's share of dK_cell).
inline constexpr char kDK[] = "dK", kDKCell[] = "dK_cell", kFirstCellTerm[] = "first_cell_term";
// Values of input_gradient(r, c): dX (cells so far), dX_cell, window.
inline constexpr char kDX[] = "dX", kDXCell[] = "dX_cell";
// Values of kLearningUpdate: K (after), C_before, C_after_filter (the filter's update alone), C_after,
// drop, filter_drop, filter_share (of the drop).
inline constexpr char kKAfter[] = "K", kCBefore[] = "C_before", kCAfterFilter[] = "C_after_filter",
                      kCAfter[] = "C_after", kDrop[] = "drop", kFilterDrop[] = "filter_drop",
                      kFilterShare[] = "filter_share";
// Values of kLearningGradcheck: max_relative_error_K, max_relative_error_X.
inline constexpr char kMaxRelativeErrorK[] = "max_relative_error_K", kMaxRelativeErrorX[] = "max_relative_error_X";

// Part D, two channels: channels(i, j) per output cell.
std::string channels(int i, int j);  // "D.{i}.{j}"
// Values of channels(i, j): per_channel (sum of each channel's products), z, window.
inline constexpr char kPerChannel[] = "per_channel";
}  // namespace convolution_ids

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

// The kind as registry.cpp lists it: its name in lesson files, its description, its lesson-file
// reader (convolution_file.cpp) and its default exercises.
LessonKind convolution_kind();

}  // namespace neurostep
