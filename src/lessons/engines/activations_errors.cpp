#include "lessons/engines/activations_errors.h"

#include <fmt/format.h>

#include <cmath>

#include "core/loss.h"
#include "core/softmax.h"

namespace neurostep {

namespace {

LossResult<double> loss_at(LossKind kind, double p, double y) {
  return compute_loss(kind, Tensor<double>(Shape{1}, std::vector<double>{p}),
                      Tensor<double>(Shape{1}, std::vector<double>{y}));
}

double sign(double v) { return v > 0 ? 1 : v < 0 ? -1 : 0; }

// "({}, {}, …)": a row of `count` numbers.
std::string row_format(std::size_t count) {
  std::string s = "(";
  for (std::size_t i = 0; i < count; ++i) s += i ? ", {}" : "{}";
  return s + ")";
}

std::vector<double> divided(std::vector<double> v, double by) {
  for (double& x : v) x /= by;
  return v;
}

}  // namespace

Step absolute_error_step(const ActivationsNumbers& n) {
  const double a = n.prediction, y = n.target, d = a - y;
  const auto sq = loss_at(LossKind::SquaredError, a, y);
  const bool corner = d == 0;
  Step s{
      .id = "absolute_error",
      .group = "Loss functions",
      .title = "Absolute error beside the squared error (Lazović 2020, §2.7)",
      .equations = {{"E = |a − y|", "|{} − {}|", {a, y}, {std::abs(d)}},
                    corner
                        ? Equation{"∂E/∂a: none at a = y (the slopes −1 and +1 meet in a corner); sign(0) = 0 is taken",
                                   "sign({} − {})",
                                   {a, y},
                                   {0.0}}
                        : Equation{"∂E/∂a = sign(a − y)", "sign({} − {})", {a, y}, {sign(d)}},
                    {"E = (a − y)²", "({} − {})²", {a, y}, {sq.value}},
                    {"∂E/∂a = 2(a − y)", "2({} − {})", {a, y}, {sq.grad[0]}}},
      .values = {scalar_value("a", a), scalar_value("y", y), scalar_value("E_abs", std::abs(d)),
                 scalar_value("dE_abs", sign(d)), scalar_value("E_sq", sq.value), scalar_value("dE_sq", sq.grad[0])}};
  s.note =
      "Lazović names both: “the square difference between the correct and the obtained value or the absolute "
      "difference”, "
      "and uses the square. ";
  s.note +=
      corner
          ? "Here a = y, the corner of |a − y|: it has no derivative there (−1 from the left, +1 from the right), and "
            "libraries take sign(0) = 0. The squared error is smooth there, its slope 0."
          : fmt::format(
                "The absolute error's slope is {} however near a is to y: it pushes a small error as hard as a large "
                "one, and jumps from −1 to +1 at a = y, where it has no derivative. The squared error's slope 2(a − y) "
                "= {} "
                "shrinks as a nears y, so the steps of gradient descent shrink too.",
                format_number(sign(d), shown_decimals()), format_number(sq.grad[0], shown_decimals()));
  return s;
}

Step log2_cross_entropy_step(const ActivationsNumbers& n) {
  const double p = n.prediction, ln2 = std::log(2.0);
  const auto e =
      loss_at(LossKind::BinaryCrossEntropy, p, 1.0);  // −ln p: the categorical cross-entropy of the true class
  const int k = static_cast<int>(n.softmax_z.size());
  const auto ce = compute_loss(LossKind::SoftmaxCrossEntropy, Tensor<double>({1, k}, n.softmax_z),
                               one_hot<double>({n.target_class}, k));
  const std::vector<double> delta = ce.grad.values(), delta2 = divided(delta, ln2);
  std::vector<double> softmax_minus_target = softmax_rows(Tensor<double>({1, k}, n.softmax_z)).values();
  for (int i = 0; i < k; ++i) softmax_minus_target.push_back(i == n.target_class ? 1.0 : 0.0);
  std::vector<double> delta_args = delta;
  delta_args.push_back(ln2);
  Step s{.id = "cross_entropy.log2",
         .group = "Loss functions",
         .title = "Cross-entropy with log₂ (Sougrati et al., Fig. 23) against ln",
         .equations = {{"E = −ln p", "−ln {}", {p}, {e.value}},
                       {"E₂ = −log₂ p = −ln p / ln 2", "{}/{}", {e.value, ln2}, {e.value / ln2}},
                       {"∂E/∂p = −1/p", "−1/{}", {p}, {e.grad[0]}},
                       {"∂E₂/∂p = −1/(p·ln 2)", "−1/({}·{})", {p, ln2}, {e.grad[0] / ln2}},
                       {"softmax: δ = ∂E/∂z = ŷ − y", row_format(delta.size()) + " − " + row_format(delta.size()),
                        softmax_minus_target, delta},
                       {"δ₂ = ∂E₂/∂z = (ŷ − y)/ln 2", row_format(delta.size()) + "/{}", delta_args, delta2},
                       {"both least at p = 1: −ln 1 = −log₂ 1", "−ln {}", {1.0}, {0.0 - std::log(1.0)}}},
         .values = {scalar_value("p", p), scalar_value("E", e.value), scalar_value("E_2", e.value / ln2),
                    scalar_value("dE_dp", e.grad[0]), scalar_value("dE2_dp", e.grad[0] / ln2),
                    vector_value("delta", delta), vector_value("delta_2", delta2), scalar_value("ln2", ln2),
                    scalar_value("factor", 1 / ln2)}};
  s.note = fmt::format(
      "Sougrati et al. write the loss as “Loss = −Σ y·log(y')” and plot the base-2 logarithm (Fig. 23); Keras, which "
      "they "
      "train with, takes the natural one. Only the unit changes, bits instead of nats: log₂ p = ln p / ln 2, so the "
      "loss "
      "and every gradient are divided by ln 2 = {}, that is multiplied by {}. The minimum does not move (both are 0 at "
      "p = 1) and the gradient keeps its direction: training with log₂ is training with ln at a learning rate {} "
      "times as large.",
      format_number(ln2, shown_decimals()), format_number(1 / ln2, shown_decimals()),
      format_number(1 / ln2, shown_decimals()));
  return s;
}

std::optional<Figure> error_compare_figure(const Step& s, const ActivationsNumbers& n) {
  if (s.id == "absolute_error") {
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
  if (s.id != "cross_entropy.log2") return std::nullopt;
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

}  // namespace neurostep
