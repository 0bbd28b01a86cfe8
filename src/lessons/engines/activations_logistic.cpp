#include "lessons/engines/activations_logistic.h"

#include <fmt/format.h>

#include "core/activation.h"
#include "lessons/engines/activations_numbers.h"

namespace neurostep {

namespace ids = activations_ids;
using namespace activations_parts;

Step bias_shift_step(const ActivationsNumbers& n) {
  const double w = n.bias_weight, x = n.bias_input;
  Step s{.id = ids::kBiasShift, .group = "Bias", .title = "The bias shifts the sigmoid (Lazović 2020, Fig. 13)"};
  std::vector<double> a, mid;
  for (std::size_t i = 0; i < n.biases.size(); ++i) {
    const double b = n.biases[i], z = w * x + b;
    const std::string bi = "b" + subscript(int(i) + 1);
    a.push_back(sigmoid(z));
    s.equations.push_back({"a" + subscript(int(i) + 1) + " = σ(w·x + " + bi + ") = 1/(1 + e^(−(w·x + " + bi + ")))",
                           "1/(1 + e^(−({}·{} + {})))",
                           {w, x, b},
                           {a.back()}});
    if (w == 0) continue;
    mid.push_back(-b / w + 0.0);  // + 0.0: −0 reads 0
    s.equations.push_back({"σ = ½ where w·x + " + bi + " = 0: x = −" + bi + "/w", "−{}/{}", {b, w}, {mid.back()}});
  }
  s.values = {scalar_value(ids::kW, w), scalar_value(ids::kX, x), vector_value(ids::kBiases, n.biases),
              vector_value(ids::kA, a), vector_value(ids::kMidpoints, mid)};
  s.note = "The bias moves the curve along the x-axis and keeps its shape. ";
  if (w == 0) {
    s.note += "With w = 0 the input no longer matters: σ(b) is a flat line.";
    return s;
  }
  s.note += fmt::format(
      "Each curve crosses ½ at x = −b/w: b₁ = {} puts it at x = {}, and {} that point the unit's output is under ½. "
      "Lazović's example, with w = 1: “If b = −5, and we use the Sigmoid activation function the output will be "
      "suppressed if the input is less than 5”.",
      format_number(n.biases[0], shown_decimals()), format_number(mid[0], shown_decimals()), w > 0 ? "below" : "above");
  return s;
}

Step logistic_step(const ActivationsNumbers& n) {
  const double L = n.logistic_height, k = n.logistic_steepness, x0 = n.logistic_midpoint, x = n.bias_input;
  const double f = logistic(n, x), df = L * k * activation_derivative(ActivationKind::Sigmoid, k * (x - x0));
  const double at_mid = logistic(n, x0), slope_mid = L * k * activation_derivative(ActivationKind::Sigmoid, 0.0);
  return {
      .id = ids::kLogistic,
      .group = "Bias",
      .title = "The general logistic (Lazović 2020, §2.6.1)",
      .equations = {{"f(x) = L/(1 + e^(−k(x − x₀)))", "{}/(1 + e^(−{}·({} − {})))", {L, k, x, x0}, {f}},
                    {"f′(x) = k·f(x)·(1 − f(x)/L)", "{}·{}·(1 − {}/{})", {k, f, f, L}, {df}},
                    {"at the midpoint: f(x₀) = L/2", "{}/2", {L}, {at_mid}},
                    {"the slope there: f′(x₀) = k·L/4", "{}·{}/4", {k, L}, {slope_mid}},
                    {"σ(x): L = 1, k = 1, x₀ = 0", "1/(1 + e^(−{}))", {x}, {sigmoid(x)}}},
      .values = {scalar_value(ids::kL, L), scalar_value(ids::kK, k), scalar_value(ids::kX0, x0),
                 scalar_value(ids::kX, x), scalar_value(ids::kF, f), scalar_value(ids::kDf, df),
                 scalar_value(ids::kSlopeMid, slope_mid), scalar_value(ids::kSigma, sigmoid(x))},
      .note = fmt::format(
          "L is the height the curve climbs to ({} here), x₀ the place where it is halfway, k its steepness: the slope "
          "at x₀ "
          "is k·L/4 = {}. The sigmoid is the case L = 1, k = 1, x₀ = 0; a unit's σ(w·x + b) is the case L = 1, k = w, "
          "x₀ = −b/w: the weight sets the steepness, the bias the place.",
          format_number(L, shown_decimals()), format_number(slope_mid, shown_decimals()))};
}

}  // namespace neurostep
