// convolution.cpp — the steps of the kind convolution: its numbers → its trace, one function per part and phase.
#include "lessons/engines/convolution.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/activation.h"
#include "core/conv2d.h"
#include "core/dense.h"
#include "core/gradient_check.h"
#include "core/loss.h"
#include "core/optimizer.h"
#include "core/sequential.h"
#include "core/shape_layers.h"

namespace neurostep {

namespace ids = convolution_ids;

std::string convolution_ids::filter(const std::string& name) { return fmt::format("{}.{}", kFiltersPrefix, name); }
std::string convolution_ids::sliding(int i, int j) { return fmt::format("{}.{}.{}", kSlidingPrefix, i, j); }
std::string convolution_ids::kernel_gradient(int p, int q) {
  return fmt::format("{}.{}.{}", kKernelGradientPrefix, p, q);
}
std::string convolution_ids::input_gradient(int r, int c) {
  return fmt::format("{}.{}.{}", kInputGradientPrefix, r, c);
}
std::string convolution_ids::channels(int i, int j) { return fmt::format("{}.{}.{}", kChannelsPrefix, i, j); }

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A single-filter convolution of one (h, w) image through the core's Conv2D.
Tensor<double> convolve(const Tensor<double>& image, const Tensor<double>& kernel, int stride, int padding) {
  const int k = kernel.dim(0);
  Conv2D<double> conv(1, 1, k, {.stride = stride, .padding = padding, .use_bias = false});
  conv.W = kernel.reshaped({1, 1, k, k});
  const Tensor<double> y = conv.forward(image.reshaped({1, 1, image.dim(0), image.dim(1)}), Mode::Eval);
  return y.reshaped({y.dim(2), y.dim(3)});
}

// A cell as the formulas name it, counted from 1 as in Jäppinen 2024, eqs. 59 and 67 (0-based i, j in).
std::string cell(const char* m, int i, int j) { return fmt::format("{}[{},{}]", m, i + 1, j + 1); }

// The model of Lazović 2020, §3.4: one filter → g → flatten → one sigmoid unit, C = (y − a^F)².
// "{} + {} + …": `count` terms.
std::string repeat_sum(std::size_t count) {
  std::string s;
  for (std::size_t i = 0; i < count; ++i) s += i ? " + {}" : "{}";
  return s;
}

Sequential<double> filter_model(const ConvolutionNumbers& n) {
  const int h = n.input.dim(0), w = n.input.dim(1), k = n.kernel.dim(0);
  const int oh = h - k + 1, ow = w - k + 1;
  Sequential<double> m({1, h, w});
  auto& conv = m.emplace<Conv2D<double>>(1, 1, k, ConvOptions{.use_bias = false});
  conv.W = n.kernel.reshaped({1, 1, k, k});
  m.emplace<Activation<double>>(n.activation);
  m.emplace<Flatten<double>>();
  auto& fc = m.emplace<Dense<double>>(oh * ow, 1);
  fc.W = n.fc_weights.reshaped({1, oh * ow});
  fc.b = Tensor<double>({1}, {n.fc_bias});
  m.emplace<Activation<double>>(ActivationKind::Sigmoid);
  return m;
}

double filter_error(Sequential<double>& m, const Tensor<double>& x, double y) {
  return compute_loss(LossKind::SquaredError, m.forward(x, Mode::Eval), Tensor<double>({1, 1}, {y})).value;
}

void part_a(const ConvolutionNumbers& n, Trace& trace) {
  const std::string group = "A. Filters on a digit";
  const int h = n.digit.dim(0), w = n.digit.dim(1);
  trace.steps.push_back({.id = ids::kFiltersDigit,
                         .group = group,
                         .title = "A handwritten digit from MNIST",
                         .values = {matrix_value(ids::kDigit, n.digit.values(), h, w)},
                         .note = "Each pixel is a brightness from 0 to 1 (0–255 in the file, divided by 255)."});
  std::vector<std::string> names = n.presets;
  names.push_back(ids::kCustom);
  for (const std::string& name : names) {
    const Tensor<double> kernel = name == ids::kCustom ? n.custom : kernel_preset(name);
    const int k = kernel.dim(0);
    const Tensor<double> fmap = convolve(n.digit, kernel, n.stride, n.padding);
    const int oh = fmap.dim(0), ow = fmap.dim(1);
    double sum = 0, in_max = 0, out_max = 0;
    for (double v : kernel.values()) sum += v;
    for (double v : n.digit.values()) in_max = std::max(in_max, v);
    for (double v : fmap.values()) out_max = std::max(out_max, std::abs(v));
    Step s{.id = ids::filter(name),
           .group = group,
           .title = name == ids::kCustom ? "Your own kernel (edit it in the Numbers tab)" : "Filter: " + name,
           .equations = {{"output size = ⌊(h + 2p − f)/s⌋ + 1",
                          fmt::format("⌊({} + 2·{} − {})/{}⌋ + 1", h, n.padding, k, n.stride),
                          {},
                          {double(oh)}},
                         {"sum of the kernel's weights", repeat_sum(kernel.size()), kernel.values(), {sum}}},
           .values = {matrix_value(ids::kKernel, kernel.values(), k, k),
                      matrix_value(ids::kFeatureMap, fmap.values(), oh, ow),
                      vector_value(ids::kOutSize, {double(oh), double(ow)}), scalar_value(ids::kKernelSum, sum)}};
    if (name == "blur-0.5")
      s.note = fmt::format(
          "Lazović's blur multiplies each pixel by 0.5 and adds nine of them: the weights sum to {}, so a "
          "white area becomes {} times as bright (largest output {} for inputs up to {}). The next filter "
          "divides by 9 instead and keeps the brightness.",
          format_number(sum, shown_decimals()), format_number(sum, shown_decimals()),
          format_number(out_max, shown_decimals()), format_number(in_max, shown_decimals()));
    else if (name == "box-blur")
      s.note =
          "The normalised box blur: nine weights of 1/9 sum to 1, so the brightness stays and only the edges soften.";
    else if (std::abs(sum) < 1e-12)
      s.note =
          "The weights sum to 0: a flat area gives 0, only changes of brightness (edges) in the filter's direction "
          "respond. "
          "Red cells are positive, blue negative.";
    trace.steps.push_back(std::move(s));
  }
}

void part_b(const ConvolutionNumbers& n, Trace& trace) {
  const std::string group = "B. The sliding window";
  const int h = n.input.dim(0), w = n.input.dim(1), k = n.kernel.dim(0);
  const Tensor<double> out = convolve(n.input, n.kernel, 1, 0);
  const int oh = out.dim(0), ow = out.dim(1);
  std::vector<double> so_far(out.size(), kNaN);
  for (int i = 0; i < oh; ++i)
    for (int j = 0; j < ow; ++j) {
      Equation e{cell("z", i, j) + " = Σₚ Σ_q x[" + std::to_string(i) + " + p, " + std::to_string(j) +
                     " + q]·k[p, q]   (Jäppinen 2024, eq. 59)",
                 "",
                 {},
                 {out[static_cast<std::size_t>(i * ow + j)]}};
      for (int p = 0; p < k; ++p)
        for (int q = 0; q < k; ++q)
          add_product(e, n.input[static_cast<std::size_t>((i + p) * w + j + q)],
                      n.kernel[static_cast<std::size_t>(p * k + q)]);
      so_far[static_cast<std::size_t>(i * ow + j)] = out[static_cast<std::size_t>(i * ow + j)];
      trace.steps.push_back(
          {.id = ids::sliding(i, j),
           .group = group,
           .title = fmt::format("Output cell ({}, {})", i + 1, j + 1),
           .equations = {e},
           .values = {vector_value(ids::kWindow, {double(i + 1), double(j + 1)}),
                      scalar_value(ids::kZ, out[static_cast<std::size_t>(i * ow + j)]),
                      matrix_value(ids::kFeatureMap, so_far, oh, ow)},
           .note = i == 0 && j == 0
                       ? fmt::format("The {}×{} kernel covers the highlighted cells; the products are added up. "
                                     "A {}×{} input gives a {}×{} output: ⌊({} − {})/1⌋ + 1 = {}.",
                                     k, k, h, w, oh, ow, h, k, oh)
                       : ""});
    }
}

// What the phases of part C share: Lazović's §3.4 model and its one example, and what the forward
// and backward passes leave for the steps that show them.
struct FilterLearning {
  explicit FilterLearning(const ConvolutionNumbers& numbers)
      : n(numbers),
        h(n.input.dim(0)),
        w(n.input.dim(1)),
        k(n.kernel.dim(0)),
        oh(h - k + 1),
        ow(w - k + 1),
        gs(activation_name(n.activation)),
        model(filter_model(n)),
        x(n.input.reshaped({1, 1, h, w})),
        y({1, 1}, {n.target}) {}

  Conv2D<double>& conv() { return static_cast<Conv2D<double>&>(model.layer(0)); }

  const ConvolutionNumbers& n;
  const std::string group = "C. Learning the filter";
  const int h, w, k, oh, ow;  // the input, the kernel and the feature map
  const std::string gs;       // the activation g's name
  Sequential<double> model;
  const Tensor<double> x, y;  // the example and its target
  // The forward pass.
  LossResult<double> loss;
  std::vector<double> Z, A;  // the feature map before and after g
  double zF = 0, aF = 0;     // the fully connected node before and after σ
  // The backward pass.
  double deltaF = 0;
  std::vector<double> delta, dK;  // ∂C/∂Z and ∂C/∂K
  Tensor<double> dX;              // ∂C/∂X
};

// Forward: filter → g → one sigmoid unit → C.
void filter_forward(FilterLearning& c, Trace& trace) {
  const ConvolutionNumbers& n = c.n;
  c.model.keep_outputs(true);
  const Tensor<double> out = c.model.forward(c.x, Mode::Train);
  c.loss = compute_loss(LossKind::SquaredError, out, c.y);
  c.Z = c.model.outputs()[0].values();
  c.A = c.model.outputs()[1].values();
  c.zF = c.model.outputs()[3][0];
  c.aF = out[0];
  Equation zf{"z^F = Σᵢ wᵢ^F aᵢ^C + b^F", "", {}, {c.zF}};
  for (std::size_t i = 0; i < c.A.size(); ++i) add_product(zf, n.fc_weights[i], c.A[i]);
  zf.numbers += " + {}";
  zf.args.push_back(n.fc_bias);
  // Cell (0, 0) of the feature map: the kernel over the input's top-left corner.
  Equation z00{"Z[1, 1] = Σₚ Σ_q X[p, q]·K[p, q]  (X ⋆ K, the feature map, " + std::to_string(c.oh) + "×" +
                   std::to_string(c.ow) + ")",
               "",
               {},
               {c.Z[0]}};
  for (int p = 0; p < c.k; ++p)
    for (int q = 0; q < c.k; ++q)
      add_product(z00, n.input[static_cast<std::size_t>(p * c.w + q)], n.kernel[static_cast<std::size_t>(p * c.k + q)]);
  trace.steps.push_back(
      {.id = ids::kLearningForward,
       .group = c.group,
       .title = "Forward: filter → " + c.gs + " → one sigmoid unit",
       .equations = {z00,
                     {"A = " + c.gs + "(Z)", c.gs + "({})", {c.Z[0]}, {c.A[0]}},
                     zf,
                     {"a^F = σ(z^F)", "σ({})", {c.zF}, {c.aF}},
                     {"C = (y − a^F)²", "({} − {})²", {n.target, c.aF}, {c.loss.value}}},
       .values = {matrix_value(ids::kZMap, c.Z, c.oh, c.ow), matrix_value(ids::kAMap, c.A, c.oh, c.ow),
                  scalar_value(ids::kZF, c.zF), scalar_value(ids::kAF, c.aF), scalar_value(ids::kC, c.loss.value)},
       .note = "The first two equations show cell (0, 0); the plots show every cell."});
}

// Backward: the core's backward pass gives δ^F, the local gradients δ, ∂C/∂K and ∂C/∂X.
void filter_backward(FilterLearning& c) {
  c.model.zero_grad();
  c.dX = c.model.backward(c.loss.grad);
  const auto& grads = c.model.output_grads();
  c.deltaF = grads[3][0];
  c.delta = grads[0].values();
  c.dK = c.conv().dW.values();
}

// δ at the fully connected node, and why Lazović's sign is wrong.
void delta_f_step(const FilterLearning& c, Trace& trace) {
  trace.steps.push_back(
      {.id = ids::kLearningDeltaF,
       .group = c.group,
       .title = "δ at the fully connected node",
       .equations = {{"δ^F = ∂C/∂a^F·σ′(z^F) = −2(y − a^F)·a^F(1 − a^F)",
                      "−2({} − {})·{}·(1 − {})",
                      {c.n.target, c.aF, c.aF, c.aF},
                      {c.deltaF}}},
       .values = {scalar_value(ids::kDeltaF, c.deltaF)},
       .note =
           "Lazović 2020, §3.4 writes this factor as 2(y − a^F), but ∂/∂a (y − a)² = −2(y − a) = 2(a − y) — as in its "
           "own §2.11, "
           "where C = (a − y)². With the sign as printed, w − r·∂L/∂w would climb the error. With the right sign, the "
           "update "
           "K ← K − η·∂C/∂K moves against the gradient, so C falls — the update step below shows C before and after."});
}

// The local gradient of every feature-map cell (Jäppinen 2024, eq. 63).
void local_gradient_step(const FilterLearning& c, Trace& trace) {
  const double fw0 = c.n.fc_weights[0];
  trace.steps.push_back({.id = ids::kLearningLocal,
                         .group = c.group,
                         .title = "The local gradient of every feature-map cell",
                         .equations = {{"δᵢⱼ = ∂C/∂Zᵢⱼ = δ^F·wᵢⱼ^F·" + c.gs + "′(Zᵢⱼ)   (Jäppinen 2024, eq. 63)",
                                        "{}·{}·{}",
                                        {c.deltaF, fw0, activation_derivative(c.n.activation, c.Z[0])},
                                        {c.delta[0]}}},
                         .values = {matrix_value(ids::kDeltaMap, c.delta, c.oh, c.ow)},
                         .note = "The equation shows cell (0, 0); the plot shows all of them."});
}

// Lazović 2020, §3.4 writes the gradient of a filter weight with one feature-map cell's term.
void lazovic_one_cell_note(const FilterLearning& c, Step& s) {
  const double first = c.delta[0] * c.n.input[0];  // cell (0, 0)'s term δ₀₀·X[0,0]
  s.values.push_back(scalar_value(ids::kFirstCellTerm, first));
  s.note = fmt::format(
      "Lazović 2020, §3.4 writes ∂L/∂w₁₁ = 2(y − a^F)·g′(z^F)·w₁^F·g′(z₁^C)·x₁₁: the term of one feature-map cell "
      "only (besides the sign, flagged above). A filter weight is used by every one of the {} cells of the "
      "feature map, so its gradient adds all their terms: the first cell's alone is {}, the sum {}.",
      c.oh * c.ow, format_number(first, shown_decimals()), format_number(c.dK[0], shown_decimals()));
}

// ∂C/∂K: the valid cross-correlation of X with the local gradients (Jäppinen 2024, eqs. 64–68), one step per weight.
void kernel_gradient_steps(const FilterLearning& c, Trace& trace) {
  const int k = c.k, oh = c.oh, ow = c.ow, w = c.w;
  std::vector<double> dk_so_far(c.dK.size(), kNaN);
  for (int p = 0; p < k; ++p)
    for (int q = 0; q < k; ++q) {
      const std::size_t at = static_cast<std::size_t>(p * k + q);
      Equation e{
          fmt::format("∂C/∂K[{},{}] = Σᵢ Σⱼ δᵢⱼ·X[i + {}, j + {}]   (Jäppinen 2024, eq. 67)", p + 1, q + 1, p, q),
          "",
          {},
          {c.dK[at]}};
      for (int i = 0; i < oh; ++i)
        for (int j = 0; j < ow; ++j)
          add_product(e, c.delta[static_cast<std::size_t>(i * ow + j)],
                      c.n.input[static_cast<std::size_t>((i + p) * w + j + q)]);
      dk_so_far[at] = c.dK[at];
      Step s{.id = ids::kernel_gradient(p, q),
             .group = c.group,
             .title = fmt::format("∂C/∂K[{},{}]: δ slides over X", p + 1, q + 1),
             .equations = {e},
             .values = {matrix_value(ids::kDK, dk_so_far, k, k), scalar_value(ids::kDKCell, c.dK[at]),
                        vector_value(ids::kWindow, {double(p + 1), double(q + 1)})}};
      if (at == 0) lazovic_one_cell_note(c, s);
      trace.steps.push_back(std::move(s));
    }
}

// ∂C/∂X: the full convolution of the zero-padded local gradients with the flipped kernel (eqs. 69–71), one step per
// pixel.
void input_gradient_steps(const FilterLearning& c, Trace& trace) {
  const int k = c.k, oh = c.oh, ow = c.ow, h = c.h, w = c.w;
  std::vector<double> dx_so_far(c.dX.size(), kNaN);
  for (int r = 0; r < h; ++r)
    for (int col = 0; col < w; ++col) {
      const std::size_t at = static_cast<std::size_t>(r * w + col);
      Equation e{fmt::format("∂C/∂X[{},{}] = Σₚ Σ_q δ_pad[{} + p, {} + q]·flip(K)[p, q]   (Jäppinen 2024, eq. 71)",
                             r + 1, col + 1, r, col),
                 "",
                 {},
                 {c.dX[at]}};
      for (int p = 0; p < k; ++p)
        for (int q = 0; q < k; ++q) {
          const int i = r + p - (k - 1), j = col + q - (k - 1);  // δ_pad has k − 1 zeros on every side
          const double d = (i >= 0 && i < oh && j >= 0 && j < ow) ? c.delta[static_cast<std::size_t>(i * ow + j)] : 0.0;
          add_product(e, d, c.n.kernel[static_cast<std::size_t>((k - 1 - p) * k + (k - 1 - q))]);
        }
      dx_so_far[at] = c.dX[at];
      trace.steps.push_back(
          {.id = ids::input_gradient(r, col),
           .group = c.group,
           .title = fmt::format("∂C/∂X[{},{}]: flipped K over padded δ", r + 1, col + 1),
           .equations = {e},
           .values = {matrix_value(ids::kDX, dx_so_far, h, w), scalar_value(ids::kDXCell, c.dX[at]),
                      vector_value(ids::kWindow, {double(r + 1), double(col + 1)})},
           .note = r == 0 && col == 0
                       ? "δ is padded with k − 1 zeros on every side, and K is turned by 180°; a cell near the "
                         "border touches fewer windows, so fewer products are non-zero (Jäppinen 2024, eq. 61)."
                       : ""});
    }
}

// The update K ← K − η·∂C/∂K and the error after it.
void update_step(FilterLearning& c, Trace& trace) {
  const ConvolutionNumbers& n = c.n;
  Optimizer<double> sgd({.kind = OptimizerKind::SGD, .learning_rate = n.learning_rate});
  // The filter first, then the fully connected weights and bias: one SGD step in two parts (each
  // parameter moves once, by its own gradient), so that C can be read after the filter's part.
  const std::vector<Param<double>> filter = c.conv().params();
  std::vector<Param<double>> rest = c.model.params();
  std::erase_if(rest, [&](const Param<double>& p) {
    return std::any_of(filter.begin(), filter.end(), [&](const Param<double>& f) { return f.value == p.value; });
  });
  c.model.keep_outputs(false);
  sgd.step(filter);
  const double after_filter = filter_error(c.model, c.x, n.target);
  sgd.step(rest);
  const double after = filter_error(c.model, c.x, n.target);
  const Tensor<double>& K = c.conv().W;
  Step s{.id = ids::kLearningUpdate, .group = c.group, .title = "K ← K − η·∂C/∂K, and C again"};
  for (int p = 0; p < c.k; ++p)
    for (int q = 0; q < c.k; ++q) {
      const std::size_t i = static_cast<std::size_t>(p * c.k + q);
      s.equations.push_back({fmt::format("K[{},{}] ← K − η·∂C/∂K", p + 1, q + 1),
                             "{} − {}·{}",
                             {n.kernel[i], n.learning_rate, c.dK[i]},
                             {K[i]}});
    }
  s.equations.push_back({"C before → C after the filter's update alone", "{}", {c.loss.value}, {after_filter}});
  s.equations.push_back(
      {"C before → C after every parameter's update (the filter, the fully connected weights and bias)",
       "{}",
       {c.loss.value},
       {after}});
  const double drop = c.loss.value - after, filter_drop = c.loss.value - after_filter;
  s.values = {matrix_value(ids::kKAfter, K.values(), c.k, c.k),
              scalar_value(ids::kCBefore, c.loss.value),
              scalar_value(ids::kCAfterFilter, after_filter),
              scalar_value(ids::kCAfter, after),
              scalar_value(ids::kDrop, drop),
              scalar_value(ids::kFilterDrop, filter_drop),
              scalar_value(ids::kFilterShare, drop > 0 ? filter_drop / drop : 0)};
  s.note =
      after >= c.loss.value
          ? "C rose: η is too large for this step."
          : fmt::format(
                "C fell by {} in all; the filter's update alone lowers it by {} ({} of the fall), the fully connected "
                "weights and bias, updated too as in training, by the rest.",
                format_number(drop, shown_decimals()), format_number(filter_drop, shown_decimals()),
                format_percent(filter_drop / drop));
  trace.steps.push_back(std::move(s));
}

// Gradient check of ∂C/∂K and ∂C/∂X by central differences through the same model.
void gradient_check_step(const FilterLearning& c, Trace& trace) {
  Sequential<double> probe = filter_model(c.n);
  auto& probe_conv = static_cast<Conv2D<double>&>(probe.layer(0));
  const double step_h = 1e-6;
  double worst_k = 0, worst_x = 0;
  for (std::size_t i = 0; i < c.dK.size(); ++i) {
    const double numeric =
        central_difference(probe_conv.W[i], step_h, [&] { return filter_error(probe, c.x, c.n.target); });
    worst_k = std::max(worst_k, relative_difference(c.dK[i], numeric, 1e-4));
  }
  Tensor<double> xp = c.x;
  for (std::size_t i = 0; i < xp.size(); ++i) {
    const double numeric = central_difference(xp[i], step_h, [&] { return filter_error(probe, xp, c.n.target); });
    worst_x = std::max(worst_x, relative_difference(c.dX[i], numeric, 1e-4));
  }
  trace.steps.push_back(
      {.id = ids::kLearningGradcheck,
       .group = c.group,
       .title = "Gradient check: ∂C/∂K and ∂C/∂X against finite differences",
       .equations = {{"largest relative difference for ∂C/∂K", "", {}, {worst_k}},
                     {"largest relative difference for ∂C/∂X", "", {}, {worst_x}}},
       .values = {scalar_value(ids::kMaxRelativeErrorK, worst_k), scalar_value(ids::kMaxRelativeErrorX, worst_x)},
       .note =
           fmt::format("(C(v + h) − C(v − h))/2h with h = 10⁻⁶ for every kernel weight and input pixel, through the "
                       "same model. Largest relative difference (to the larger value, at least 10⁻⁴): ∂C/∂K {}, "
                       "∂C/∂X {}.",
                       format_number(worst_k, shown_decimals()), format_number(worst_x, shown_decimals()))});
}

void part_c(const ConvolutionNumbers& n, Trace& trace) {
  FilterLearning c(n);
  filter_forward(c, trace);
  filter_backward(c);
  delta_f_step(c, trace);
  local_gradient_step(c, trace);
  kernel_gradient_steps(c, trace);
  input_gradient_steps(c, trace);
  update_step(c, trace);
  gradient_check_step(c, trace);
}

void part_d(const ConvolutionNumbers& n, Trace& trace) {
  const std::string group = "D. Two channels";
  const int C = n.input2.dim(0), h = n.input2.dim(1), w = n.input2.dim(2), k = n.kernel2.dim(1);
  Conv2D<double> conv(C, 1, k, {.use_bias = false});
  conv.W = n.kernel2.reshaped({1, C, k, k});
  const Tensor<double> out = conv.forward(n.input2.reshaped({1, C, h, w}), Mode::Eval);
  const int oh = out.dim(2), ow = out.dim(3);
  for (int i = 0; i < oh; ++i)
    for (int j = 0; j < ow; ++j) {
      Equation total{cell("z", i, j) + " = Σ_c Σₚ Σ_q x[c, i + p, j + q]·k[c, p, q]",
                     "",
                     {},
                     {out[static_cast<std::size_t>(i * ow + j)]}};
      std::vector<Equation> per_channel;
      std::vector<double> sums;
      for (int c = 0; c < C; ++c) {
        Equation e{fmt::format("channel {}", c + 1), "", {}, {}};
        double sum = 0;
        for (int p = 0; p < k; ++p)
          for (int q = 0; q < k; ++q) {
            const double xv = n.input2[static_cast<std::size_t>((c * h + i + p) * w + j + q)],
                         kv = n.kernel2[static_cast<std::size_t>((c * k + p) * k + q)];
            add_product(e, xv, kv);
            sum += xv * kv;
          }
        e.result = {sum};
        sums.push_back(sum);
        per_channel.push_back(std::move(e));
        total.numbers += c ? " + {}" : "{}";
        total.args.push_back(sum);
      }
      per_channel.push_back(std::move(total));
      trace.steps.push_back(
          {.id = ids::channels(i, j),
           .group = group,
           .title = fmt::format("Output cell ({}, {}): the sum over both channels", i + 1, j + 1),
           .equations = per_channel,
           .values = {vector_value(ids::kPerChannel, sums),
                      scalar_value(ids::kZ, out[static_cast<std::size_t>(i * ow + j)]),
                      vector_value(ids::kWindow, {double(i + 1), double(j + 1)})},
           .note = i == 0 && j == 0
                       ? "A kernel has one slice per input channel; each slice slides over its own channel and "
                         "the results are added into one output cell (Jäppinen 2024, eq. 59, the sum over c)."
                       : ""});
    }
}

}  // namespace

const std::vector<std::string>& kernel_preset_names() {
  static const std::vector<std::string> names = {"blur-0.5", "box-blur", "horizontal", "vertical",
                                                 "sobel-x",  "sobel-y",  "sharpen"};
  return names;
}

Tensor<double> kernel_preset(const std::string& name) {
  const double ninth = 1.0 / 9.0;
  if (name == "blur-0.5") return Tensor<double>({3, 3}, std::vector<double>(9, 0.5));
  if (name == "box-blur") return Tensor<double>({3, 3}, std::vector<double>(9, ninth));
  if (name == "horizontal") return Tensor<double>({3, 3}, {-1, -1, -1, 2, 2, 2, -1, -1, -1});
  if (name == "vertical") return Tensor<double>({3, 3}, {-1, 2, -1, -1, 2, -1, -1, 2, -1});
  if (name == "sobel-x") return Tensor<double>({3, 3}, {-1, 0, 1, -2, 0, 2, -1, 0, 1});
  if (name == "sobel-y") return Tensor<double>({3, 3}, {-1, -2, -1, 0, 0, 0, 1, 2, 1});
  if (name == "sharpen") return Tensor<double>({3, 3}, {0, -1, 0, -1, 5, -1, 0, -1, 0});
  return {};
}

Trace run_convolution(const std::string& lesson_id, const ConvolutionNumbers& numbers) {
  Trace trace{lesson_id, {}};
  part_a(numbers, trace);
  part_b(numbers, trace);
  part_c(numbers, trace);
  part_d(numbers, trace);
  return trace;
}

}  // namespace neurostep
