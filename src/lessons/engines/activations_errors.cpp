#include "lessons/engines/activations_errors.h"

#include <fmt/format.h>

#include <cmath>

#include "core/loss.h"
#include "core/softmax.h"
#include "lessons/engines/activations_numbers.h"

namespace neurostep {

namespace ids = activations_ids;
using namespace activations_parts;

namespace {

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
      .id = ids::kAbsoluteError,
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
      .values = {scalar_value(ids::kA, a), scalar_value(ids::kY, y), scalar_value(ids::kEAbs, std::abs(d)),
                 scalar_value(ids::kDEAbs, sign(d)), scalar_value(ids::kESq, sq.value),
                 scalar_value(ids::kDESq, sq.grad[0])}};
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
  Step s{.id = ids::kCrossEntropyLog2,
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
         .values = {scalar_value(ids::kP, p), scalar_value(ids::kE, e.value), scalar_value(ids::kE2, e.value / ln2),
                    scalar_value(ids::kDEdp, e.grad[0]), scalar_value(ids::kDE2dp, e.grad[0] / ln2),
                    vector_value(ids::kDelta, delta), vector_value(ids::kDelta2, delta2), scalar_value(ids::kLn2, ln2),
                    scalar_value(ids::kFactor, 1 / ln2)}};
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

}  // namespace neurostep
