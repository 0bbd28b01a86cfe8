#include "lessons/engines/activations_logistic.h"

#include <fmt/format.h>

#include "core/activation.h"

namespace neurostep {

namespace {

double sigmoid(double z) { return activate(ActivationKind::Sigmoid, z); }

// L·σ(k(x − x₀)): the general logistic through the core's sigmoid.
double logistic(const ActivationsNumbers& n, double x) {
  return n.logistic_height * sigmoid(n.logistic_steepness * (x - n.logistic_midpoint));
}

constexpr Color kCurveColors[] = {Color::Blue, Color::Orange, Color::Green, Color::Red, Color::Purple};

}  // namespace

Step bias_shift_step(const ActivationsNumbers& n) {
  const double w = n.bias_weight, x = n.bias_input;
  Step s{.id = "bias.shift", .group = "Bias", .title = "The bias shifts the sigmoid (Lazović 2020, Fig. 13)"};
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
  s.values = {scalar_value("w", w), scalar_value("x", x), vector_value("biases", n.biases), vector_value("a", a),
              vector_value("midpoints", mid)};
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
      .id = "logistic",
      .group = "Bias",
      .title = "The general logistic (Lazović 2020, §2.6.1)",
      .equations = {{"f(x) = L/(1 + e^(−k(x − x₀)))", "{}/(1 + e^(−{}·({} − {})))", {L, k, x, x0}, {f}},
                    {"f′(x) = k·f(x)·(1 − f(x)/L)", "{}·{}·(1 − {}/{})", {k, f, f, L}, {df}},
                    {"at the midpoint: f(x₀) = L/2", "{}/2", {L}, {at_mid}},
                    {"the slope there: f′(x₀) = k·L/4", "{}·{}/4", {k, L}, {slope_mid}},
                    {"σ(x): L = 1, k = 1, x₀ = 0", "1/(1 + e^(−{}))", {x}, {sigmoid(x)}}},
      .values = {scalar_value("L", L), scalar_value("k", k), scalar_value("x0", x0), scalar_value("x", x),
                 scalar_value("f", f), scalar_value("df", df), scalar_value("slope_mid", slope_mid),
                 scalar_value("sigma", sigmoid(x))},
      .note = fmt::format(
          "L is the height the curve climbs to ({} here), x₀ the place where it is halfway, k its steepness: the slope "
          "at x₀ "
          "is k·L/4 = {}. The sigmoid is the case L = 1, k = 1, x₀ = 0; a unit's σ(w·x + b) is the case L = 1, k = w, "
          "x₀ = −b/w: the weight sets the steepness, the bias the place.",
          format_number(L, shown_decimals()), format_number(slope_mid, shown_decimals()))};
}

std::optional<Figure> logistic_figure(const Step& s, const ActivationsNumbers& n) {
  if (s.id == "bias.shift") {
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
  if (s.id != "logistic") return std::nullopt;
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

}  // namespace neurostep
