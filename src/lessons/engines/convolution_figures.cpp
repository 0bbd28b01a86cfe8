#include "lessons/engines/convolution_figures.h"

#include <fmt/format.h>

#include <cmath>

namespace neurostep {

namespace ids = convolution_ids;

namespace {

// A step's figures, each a matrix drawn as a heatmap (a value missing from the step adds none).
struct MatrixFigures {
  std::vector<Figure> figures;
  Figure* add(const std::string& title, const Value* v, bool diverging, bool values = true) {
    if (!v) return nullptr;
    figures.push_back(matrix_figure(title, v->data, v->shape[0], v->shape[1], diverging, values));
    return &figures.back();
  }
};

// Where a step's window is drawn: its row and column from 0 (the step's value counts from 1).
struct WindowAt {
  int row = 0, col = 0;
};

WindowAt window_of(const Step& s) {
  const Value* window = s.find(ids::kWindow);
  const bool placed = window && std::isfinite(window->data[0]) && std::isfinite(window->data[1]);
  if (!placed) return {};
  return {static_cast<int>(window->data[0]) - 1, static_cast<int>(window->data[1]) - 1};
}

// Whether step id `id` is in part (or group of steps) `prefix`: "A.sobel-x" is in "A".
bool in(const std::string& id, const char* prefix) { return id.rfind(std::string(prefix) + ".", 0) == 0; }

const Value* find_value(const Trace& trace, const std::string& name) {
  for (const auto& s : trace.steps)
    if (const Value* v = s.find(name)) return v;
  return nullptr;
}

Value input_value(const ConvolutionNumbers& n) { return {"X", {n.input.dim(0), n.input.dim(1)}, n.input.values()}; }
Value kernel_value(const ConvolutionNumbers& n) { return {"K", {n.kernel.dim(0), n.kernel.dim(0)}, n.kernel.values()}; }

// Part A: the kernel, its feature map and the digit it was applied to.
void filter_figures(const ConvolutionNumbers& n, const Step& s, MatrixFigures& out) {
  out.add("Kernel", s.find(ids::kKernel), true);
  out.add("Feature map (red +, blue −)", s.find(ids::kFeatureMap), true, false);
  const Value digit{"digit", {n.digit.dim(0), n.digit.dim(1)}, n.digit.values()};
  out.add("Input digit", &digit, false, false);
}

// Part B: the input with the window, the kernel, the output so far.
void sliding_figures(const ConvolutionNumbers& n, const Step& s, WindowAt at, MatrixFigures& out) {
  const int k = n.kernel.dim(0);
  const Value input = input_value(n), kernel = kernel_value(n);
  if (Figure* f = out.add("Input X with the window", &input, true)) add_window(*f, at.row, at.col, k, k);
  out.add("Kernel K", &kernel, true);
  if (Figure* f = out.add("Output so far", s.find(ids::kFeatureMap), true)) add_window(*f, at.row, at.col, 1, 1);
}

// ∂C/∂K as δ sliding over X: the input with δ's window, δ, the result so far.
void kernel_gradient_figures(const ConvolutionNumbers& n, const Trace& trace, const Step& s, WindowAt at,
                             MatrixFigures& out) {
  const Value input = input_value(n);
  const Value* delta = find_value(trace, ids::kDeltaMap);
  if (Figure* f = out.add("Input X: δ's window for this kernel cell", &input, true))
    add_window(*f, at.row, at.col, delta->shape[0], delta->shape[1]);
  out.add("Local gradients δ", delta, true);
  if (Figure* f = out.add("∂C/∂K so far", s.find(ids::kDK), true)) add_window(*f, at.row, at.col, 1, 1);
}

// ∂C/∂X as a full convolution: δ zero-padded by k − 1, the kernel turned by 180°, the result so far.
void input_gradient_figures(const ConvolutionNumbers& n, const Value& delta, const Step& s, WindowAt at,
                            MatrixFigures& out) {
  const int k = n.kernel.dim(0), oh = delta.shape[0], ow = delta.shape[1];
  std::vector<double> padded(static_cast<std::size_t>((oh + 2 * (k - 1)) * (ow + 2 * (k - 1))), 0.0);
  for (int i = 0; i < oh; ++i)
    for (int j = 0; j < ow; ++j)
      padded[static_cast<std::size_t>((i + k - 1) * (ow + 2 * (k - 1)) + j + k - 1)] =
          delta.data[static_cast<std::size_t>(i * ow + j)];
  const Value pad{"pad", {oh + 2 * (k - 1), ow + 2 * (k - 1)}, padded};
  if (Figure* f = out.add("Zero-padded δ with the flipped kernel's window", &pad, true))
    add_window(*f, at.row, at.col, k, k);
  std::vector<double> flipped(n.kernel.values().rbegin(), n.kernel.values().rend());
  const Value flip{"flip", {k, k}, flipped};
  out.add("flip(K): the kernel turned by 180°", &flip, true);
  if (Figure* f = out.add("∂C/∂X so far", s.find(ids::kDX), true)) add_window(*f, at.row, at.col, 1, 1);
}

// The other steps of part C: the input, the kernel (after the update, on that step), and the feature
// map until δ is known, the local gradients after.
void learning_figures(const ConvolutionNumbers& n, const Trace& trace, const Step& s, MatrixFigures& out) {
  const Value input = input_value(n), kernel = kernel_value(n);
  out.add("Input X", &input, true);
  out.add("Kernel K", s.find(ids::kKAfter) ? s.find(ids::kKAfter) : &kernel, true);
  if (const Value* d = find_value(trace, ids::kDeltaMap);
      d && s.id != ids::kLearningForward && s.id != ids::kLearningDeltaF)
    out.add("Local gradients δ = ∂C/∂Z", d, true);
  else
    out.add("Feature map Z", find_value(trace, ids::kZMap), true);
}

// The multi-channel input: each channel with the window, beside its slice of the kernel.
void channel_figures(const ConvolutionNumbers& n, WindowAt at, MatrixFigures& out) {
  const int C = n.input2.dim(0), h2 = n.input2.dim(1), w2 = n.input2.dim(2), k2 = n.kernel2.dim(1);
  for (int c = 0; c < C; ++c) {
    const Value ch{
        "x",
        {h2, w2},
        std::vector<double>(n.input2.values().begin() + c * h2 * w2, n.input2.values().begin() + (c + 1) * h2 * w2)};
    if (Figure* f = out.add(fmt::format("Channel {}", c + 1), &ch, true)) add_window(*f, at.row, at.col, k2, k2);
    const Value kc{
        "k",
        {k2, k2},
        std::vector<double>(n.kernel2.values().begin() + c * k2 * k2, n.kernel2.values().begin() + (c + 1) * k2 * k2)};
    out.add(fmt::format("Kernel slice {}", c + 1), &kc, true);
  }
}

}  // namespace

std::vector<Figure> convolution_figures(const ConvolutionNumbers& n, const Trace& trace, int current) {
  const Step& s = trace.steps[static_cast<std::size_t>(current)];
  MatrixFigures out;
  const WindowAt at = window_of(s);
  if (s.id == ids::kFiltersDigit)
    out.add("The digit (28×28)", s.find(ids::kDigit), false, false);
  else if (in(s.id, ids::kFiltersPrefix))
    filter_figures(n, s, out);
  else if (in(s.id, ids::kSlidingPrefix))
    sliding_figures(n, s, at, out);
  else if (in(s.id, ids::kKernelGradientPrefix))
    kernel_gradient_figures(n, trace, s, at, out);
  else if (in(s.id, ids::kInputGradientPrefix))
    input_gradient_figures(n, *find_value(trace, ids::kDeltaMap), s, at, out);
  else if (in(s.id, ids::kLearningPrefix))
    learning_figures(n, trace, s, out);
  else if (in(s.id, ids::kChannelsPrefix))
    channel_figures(n, at, out);
  return std::move(out.figures);
}

}  // namespace neurostep
