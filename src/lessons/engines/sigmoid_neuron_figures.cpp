#include "lessons/engines/sigmoid_neuron_figures.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "core/activation.h"
#include "figure/number_text.h"
#include "lessons/framework/history.h"

namespace neurostep {

namespace {

namespace ids = sigmoid_neuron_ids;

double sigma(double z) { return activate(ActivationKind::Sigmoid, z); }
double slope(double z) { return activation_derivative(ActivationKind::Sigmoid, z); }

// σ(z), and its tangent at the latest z (none before the first weighted sum).
Figure sigma_figure(std::optional<double> z) {
  Figure f{.title = "σ(z) and its tangent at the current z",
           .x = {"z", -6, 6},
           .y = {"σ(z)", -0.05, 1.05},
           .legend = Corner::BottomRight};
  f.series.push_back(function_series("σ(z)", sigma, -6, 6, Color::Blue));
  if (z) {
    const double a = sigma(*z), s = slope(*z);
    Series tangent = function_series(
        fmt::format("tangent, slope σ′(z) = {}", format_number(s, shown_decimals())),
        [&](double t) { return a + s * (t - *z); }, *z - 2.5, *z + 2.5, Color::Orange, 2);
    tangent.dashed = true;
    f.series.push_back(tangent);
    f.series.push_back(point_series("", *z, a, Color::Orange));
    f.annotations.push_back(
        {*z, a,
         fmt::format("z = {}, a = {}", format_number(*z, shown_decimals()), format_number(a, shown_decimals()))});
  }
  return f;
}

Figure slope_figure(std::optional<double> z) {
  Figure d{.title = "σ′(z) = σ(z)(1 − σ(z))", .x = {"z", -6, 6}, .y = {"σ′(z)", 0, 0.27}};
  d.series.push_back(function_series("σ′(z)", slope, -6, 6, Color::Green));
  if (z) d.series.push_back(point_series("", *z, slope(*z), Color::Orange));
  return d;
}

// C before and after every update so far.
Figure error_figure(const Trace& trace, int current) {
  Figure c{.title = "Error per step", .x = {"step", 0, 0}, .y = {"C", 0, 0}};
  Series before{.kind = Series::Kind::Scatter, .label = "C before the update", .color = Color::Red, .width = 5};
  Series after{.kind = Series::Kind::Scatter, .label = "C after the update", .color = Color::Green, .width = 5};
  value_history(trace, current, ids::kC, 0, before.x, before.y);
  value_history(trace, current, ids::kCAfter, 0, after.x, after.y);
  c.series = {before, after};
  c.x = {"step", 0, static_cast<double>(trace.steps.size() + 1)};
  c.fit_axes();
  c.y.min = std::min(0.0, c.y.min);
  return c;
}

// A weight changes only at an update step and holds its value between updates: drawn as a
// staircase (each point repeated at the next step's x before the jump), not as slopes.
Figure weights_figure(std::size_t weights, const Trace& trace, int current) {
  Figure w{
      .title = "Weights per step", .x = {"step", 0, static_cast<double>(trace.steps.size() + 1)}, .y = {"w", 0, 0}};
  for (std::size_t i = 0; i < weights; ++i) {
    Series s{.kind = Series::Kind::Line,
             .label = "w" + subscript(static_cast<int>(i) + 1),
             .color = static_cast<Color>(i % 10)};
    std::vector<double> steps, values;
    value_history(trace, current, ids::kW, i, steps, values);
    for (std::size_t k = 0; k < steps.size(); ++k) {
      if (k > 0 && values[k] != values[k - 1]) {
        s.x.push_back(steps[k]);
        s.y.push_back(values[k - 1]);
      }
      s.x.push_back(steps[k]);
      s.y.push_back(values[k]);
    }
    w.series.push_back(std::move(s));
  }
  w.fit_axes(0.1);
  return w;
}

}  // namespace

std::vector<Figure> sigmoid_neuron_figures(const SigmoidNeuronNumbers& n, const Trace& trace, int current) {
  const std::optional<double> z = latest_value(trace, current, ids::kZ);
  return {sigma_figure(z), slope_figure(z), error_figure(trace, current),
          weights_figure(n.weights.size(), trace, current)};
}

}  // namespace neurostep
