#include "lessons/engines/activations_figures.h"

#include <fmt/format.h>

#include <cmath>
#include <string_view>

#include "core/activation.h"
#include "core/loss.h"
#include "core/softmax.h"
#include "lessons/engines/activations_numbers.h"

namespace neurostep {

namespace ids = activations_ids;
using namespace activations_parts;

namespace {

constexpr Color kCurveColors[] = {Color::Blue, Color::Orange, Color::Green, Color::Red, Color::Purple};

// f and f′ over z, a marker at the lesson's z; clicking anywhere along the curve moves the marker
// there (ids are z in tenths, offset by 60).
Figure function_figure(const FunctionInfo& info, const ActivationsNumbers& n) {
  const double p = param_of(info, n);
  Figure f{.title = std::string(info.title) + " and its derivative",
           .x = {"z", -6, 6},
           .y = {"", 0, 0},
           .legend = Corner::TopLeft};
  f.series.push_back(function_series(
      "f(z)", [&](double v) { return activate(info.kind, v, p); }, -6, 6, Color::Blue, 400));
  f.series.push_back(function_series(
      "f′(z)", [&](double v) { return activation_derivative(info.kind, v, p); }, -6, 6, Color::Orange, 400));
  if (std::string_view(info.id) == ids::kPrelu)
    f.series.push_back(function_series(
        "∂f/∂b", [](double v) { return prelu_slope_derivative(v); }, -6, 6, Color::Green, 400));
  Series clickable{.kind = Series::Kind::Scatter, .color = Color::Blue, .width = 0};
  for (int i = 0; i <= 120; ++i) {
    clickable.x.push_back(-6 + 0.1 * i);
    clickable.y.push_back(activate(info.kind, -6 + 0.1 * i, p));
    clickable.ids.push_back(i);
  }
  f.series.push_back(std::move(clickable));
  f.series.push_back(point_series("", n.z, activate(info.kind, n.z, p), Color::Blue, 6));
  f.series.push_back(point_series("", n.z, activation_derivative(info.kind, n.z, p), Color::Orange, 6));
  f.annotations.push_back(
      {n.z, activate(info.kind, n.z, p), fmt::format("z = {}", format_number(n.z, shown_decimals()))});
  f.fit_axes();
  return f;
}

Figure bias_shift_figure(const ActivationsNumbers& n) {
  Figure f{.title = fmt::format("σ(w·x + b), w = {}: the bias moves the curve",
                                format_number(n.bias_weight, shown_decimals())),
           .x = {"x", -10, 10},
           .y = {"a", -0.05, 1.05},
           .legend = Corner::BottomRight};
  for (std::size_t i = 0; i < n.biases.size(); ++i) {
    const double b = n.biases[i];
    const Color c = kCurveColors[i % std::size(kCurveColors)];
    f.series.push_back(function_series(
        fmt::format("b = {}", format_number(b, shown_decimals())),
        [&](double v) { return sigmoid(n.bias_weight * v + b); }, -10, 10, c, 300));
    f.series.push_back(point_series("", n.bias_input, sigmoid(n.bias_weight * n.bias_input + b), c, 5));
  }
  f.series.push_back({.kind = Series::Kind::Line,
                      .label = "",
                      .x = {-10, 10},
                      .y = {0.5, 0.5},
                      .color = Color::Gray,
                      .width = 1,
                      .dashed = true});
  return f;
}

Figure logistic_figure(const ActivationsNumbers& n) {
  Figure f{.title = "The logistic f(x) = L/(1 + e^(−k(x − x₀))) beside σ(x)",
           .x = {"x", -10, 10},
           .y = {"", 0, 0},
           .legend = Corner::TopLeft};
  f.series.push_back(function_series(
      "f(x)", [&](double v) { return logistic(n, v); }, -10, 10, Color::Blue, 300));
  Series sigma = function_series("σ(x)", sigmoid, -10, 10, Color::Gray, 300);
  sigma.dashed = true;
  f.series.push_back(std::move(sigma));
  f.series.push_back(point_series("", n.bias_input, logistic(n, n.bias_input), Color::Blue, 6));
  f.series.push_back(point_series("", n.logistic_midpoint, logistic(n, n.logistic_midpoint), Color::Orange, 6));
  f.annotations.push_back({n.logistic_midpoint, logistic(n, n.logistic_midpoint), "x₀"});
  f.fit_axes();
  return f;
}

Figure softmax_figure(const ActivationsNumbers& n) {
  Figure f{
      .title = "Softmax outputs ŷ (they sum to 1)", .x = {"class", 0.5, n.softmax_z.size() + 0.5}, .y = {"ŷ", 0, 1}};
  Series bars{.kind = Series::Kind::Scatter, .label = "ŷᵢ", .color = Color::Blue, .width = 7};
  const Tensor<double> y = softmax_rows(Tensor<double>({1, static_cast<int>(n.softmax_z.size())}, n.softmax_z));
  for (std::size_t i = 0; i < y.size(); ++i) {
    bars.x.push_back(static_cast<double>(i + 1));
    bars.y.push_back(y[i]);
    f.series.push_back({.kind = Series::Kind::Line,
                        .x = {static_cast<double>(i + 1), static_cast<double>(i + 1)},
                        .y = {0, y[i]},
                        .color = Color::Blue,
                        .width = 6});
  }
  f.series.push_back(bars);
  return f;
}

Figure jacobian_figure(const Step& s) {
  const Value* J = s.find(ids::kJ);
  return matrix_figure("Jacobian ∂ŷᵢ/∂zⱼ (row i, column j)", J->data, J->shape[0], J->shape[1], true);
}

Figure vanishing_figure(const Step& s) {
  Figure f{.title = "|∂a_L/∂x| through L stacked layers, log₁₀",
           .x = {"layers L", 0, 0},
           .y = {"log₁₀ gradient", 0, 0},
           .legend = Corner::Below};
  const std::pair<const char*, Color> series[] = {
      {ids::kSigmoid, Color::Red}, {ids::kTanh, Color::Purple}, {ids::kRelu, Color::Green}};
  for (const auto& [name, color] : series) {
    Series line{.label = name, .color = color};
    const auto& v = s.find(name)->data;
    for (std::size_t i = 0; i < v.size(); ++i) {
      line.x.push_back(static_cast<double>(i + 1));
      line.y.push_back(std::log10(std::max(v[i], 1e-300)));
    }
    f.series.push_back(line);
  }
  f.fit_axes();
  return f;
}

Figure cross_entropy_figure(const ActivationsNumbers& n) {
  Figure f{.title = "Cross-entropy −ln p of the true class (Jäppinen 2024, Fig. 7)",
           .x = {"p", 0, 1},
           .y = {"", -6, 6},
           .legend = Corner::TopRight};
  f.series.push_back(function_series(
      "E = −ln p", [](double v) { return -std::log(v); }, 0.003, 1, Color::Blue, 300));
  f.series.push_back(function_series(
      "∂E/∂p = −1/p", [](double v) { return -1 / v; }, 0.17, 1, Color::Orange, 300));
  f.series.push_back(point_series("", n.prediction, -std::log(n.prediction), Color::Blue, 6));
  return f;
}

// The loss of step `s` (a loss(name) step) and its gradient over the prediction p.
Figure loss_figure(const Step& s, LossKind kind, const ActivationsNumbers& n) {
  const double y = n.target;
  auto value = [&](double p) { return compute_loss(kind, Tensor<double>({1}, {p}), Tensor<double>({1}, {y})).value; };
  auto grad = [&](double p) { return compute_loss(kind, Tensor<double>({1}, {p}), Tensor<double>({1}, {y})).grad[0]; };
  Figure f{.title = s.title + fmt::format(", target y = {}", format_number(y, shown_decimals())),
           .x = {"prediction p", 0, 1},
           .y = {"", 0, 0},
           .legend = Corner::TopRight};
  f.series.push_back(function_series("E(p)", value, 0.01, 0.99, Color::Blue));
  f.series.push_back(function_series("∂E/∂p", grad, 0.01, 0.99, Color::Orange));
  f.series.push_back(point_series("", n.prediction, value(n.prediction), Color::Blue, 6));
  f.fit_axes();
  f.y.min = std::max(f.y.min, -6.0);
  f.y.max = std::min(f.y.max, 6.0);
  return f;
}

Figure absolute_error_figure(const ActivationsNumbers& n) {
  const double y = n.target;
  Figure f{.title = fmt::format("|a − y| and (a − y)², target y = {}", format_number(y, shown_decimals())),
           .x = {"prediction a", 0, 1},
           .y = {"", 0, 0},
           .legend = Corner::Below};
  f.series.push_back(function_series(
      "|a − y|", [&](double a) { return std::abs(a - y); }, 0, 1, Color::Blue, 401));
  f.series.push_back(function_series(
      "sign(a − y)", [&](double a) { return sign(a - y); }, 0, 1, Color::Green, 401));
  f.series.push_back(function_series(
      "(a − y)²", [&](double a) { return loss_at(LossKind::SquaredError, a, y).value; }, 0, 1, Color::Orange, 401));
  f.series.push_back(function_series(
      "2(a − y)", [&](double a) { return loss_at(LossKind::SquaredError, a, y).grad[0]; }, 0, 1, Color::Red, 401));
  f.series.push_back(point_series("", n.prediction, std::abs(n.prediction - y), Color::Blue, 6));
  f.fit_axes();
  return f;
}

Figure log2_cross_entropy_figure(const ActivationsNumbers& n) {
  Figure f{.title = "Cross-entropy of the true class: −ln p and −log₂ p",
           .x = {"p", 0, 1},
           .y = {"", 0, 8},
           .legend = Corner::TopRight};
  f.series.push_back(function_series(
      "−ln p", [](double p) { return -std::log(p); }, 0.003, 1, Color::Blue, 300));
  f.series.push_back(function_series(
      "−log₂ p", [](double p) { return -std::log2(p); }, 0.005, 1, Color::Orange, 300));
  f.series.push_back(point_series("", n.prediction, -std::log(n.prediction), Color::Blue, 6));
  f.series.push_back(point_series("", n.prediction, -std::log2(n.prediction), Color::Orange, 6));
  return f;
}

Figure scaling_figure() {
  Figure f{.title = "σ(z): 0.01 and 0.99 are reachable, 0 and 1 are not",
           .x = {"z", -8, 8},
           .y = {"σ(z)", -0.05, 1.05},
           .legend = Corner::BottomRight};
  f.series.push_back(function_series(
      "σ(z)", [](double v) { return activate(ActivationKind::Sigmoid, v); }, -8, 8, Color::Blue));
  for (double level : {0.01, 0.99})
    f.series.push_back({.kind = Series::Kind::Line,
                        .label = level < 0.5 ? "targets 0.01, 0.99" : "",
                        .x = {-8, 8},
                        .y = {level, level},
                        .color = Color::Green,
                        .width = 1.5f,
                        .dashed = true});
  const double z99 = std::log(99.0);
  f.series.push_back(point_series("", z99, 0.99, Color::Green, 6));
  f.annotations.push_back({z99, 0.99, "z = 4.6"});
  return f;
}

}  // namespace

std::vector<Figure> activations_figures(const Step& s, const ActivationsNumbers& n) {
  for (const FunctionInfo& info : kFunctions)
    if (s.id == ids::function(info.id) || (s.id == ids::kDeriveSigmoid && std::string_view(info.id) == ids::kSigmoid))
      return {function_figure(info, n)};
  const std::string loss_prefix = ids::loss("");  // "loss."
  if (s.id == ids::kBiasShift) return {bias_shift_figure(n)};
  if (s.id == ids::kLogistic) return {logistic_figure(n)};
  if (s.id == ids::kSoftmax || s.id == ids::kSoftmaxCe) return {softmax_figure(n)};
  if (s.id == ids::kJacobian) return {jacobian_figure(s)};
  if (s.id == ids::kVanishing) return {vanishing_figure(s)};
  if (s.id == ids::loss(ids::kCrossEntropy)) return {cross_entropy_figure(n)};
  if (s.id.rfind(loss_prefix, 0) == 0) return {loss_figure(s, *parse_loss(s.id.substr(loss_prefix.size())), n)};
  if (s.id == ids::kAbsoluteError) return {absolute_error_figure(n)};
  if (s.id == ids::kCrossEntropyLog2) return {log2_cross_entropy_figure(n)};
  if (s.id == ids::kScaling) return {scaling_figure()};
  return {};
}

}  // namespace neurostep
