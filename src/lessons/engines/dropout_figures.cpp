#include "lessons/engines/dropout_figures.h"

#include <fmt/format.h>

#include <algorithm>

namespace neurostep {

namespace ids = dropout_ids;

namespace {

// Two bars per unit (left `first`, right `second`, which may be empty), the units dropped by `m` marked.
Figure unit_bars(std::string title, std::string y_label, std::pair<std::string, std::vector<double>> first,
                 std::pair<std::string, std::vector<double>> second, const std::vector<double>& m) {
  const int units = static_cast<int>(first.second.size());
  Figure f{.title = std::move(title),
           .x = {"unit i", 0.5, units + 0.5},
           .y = {std::move(y_label), 0, 0},
           .legend = Corner::Below};
  auto bars = [&](const std::pair<std::string, std::vector<double>>& v, double offset, Color color) {
    for (int i = 0; i < static_cast<int>(v.second.size()); ++i)
      f.series.push_back({.kind = Series::Kind::Line,
                          .label = i == 0 ? v.first : "",
                          .x = {i + 1 + offset, i + 1 + offset},
                          .y = {0, v.second[static_cast<std::size_t>(i)]},
                          .color = color,
                          .width = 9});
  };
  const bool two = !second.second.empty();
  bars(first, two ? -0.15 : 0, Color::Gray);
  if (two) bars(second, 0.15, Color::Blue);
  Series dropped{.kind = Series::Kind::Scatter, .label = "dropped (m = 0)", .color = Color::Red, .width = 5};
  for (int i = 0; i < units; ++i)
    if (m[static_cast<std::size_t>(i)] == 0) {
      dropped.x.push_back(i + 1 + (two ? 0.15 : 0));
      dropped.y.push_back(0);
    }
  if (!dropped.x.empty()) f.series.push_back(std::move(dropped));
  f.series.push_back(
      {.kind = Series::Kind::Line, .x = {0.5, units + 0.5}, .y = {0, 0}, .color = Color::Black, .width = 1});
  f.fit_axes(0.1);
  f.x = {"unit i", 0.5, units + 0.5};
  return f;
}

// The dropout numbers u against p: below the line, dropped.
Figure draws_figure(const std::vector<double>& u, const std::vector<double>& m, double p) {
  const int units = static_cast<int>(u.size());
  Figure f{.title = "Dropout numbers uᵢ: dropped when uᵢ < p",
           .x = {"unit i", 0.5, units + 0.5},
           .y = {"u", 0, 1},
           .legend = Corner::Below};
  Series kept{.kind = Series::Kind::Scatter, .label = "kept (u ≥ p)", .color = Color::Green, .width = 6};
  Series dropped{.kind = Series::Kind::Scatter, .label = "dropped (u < p)", .color = Color::Red, .width = 6};
  for (int i = 0; i < units; ++i) {
    const auto k = static_cast<std::size_t>(i);
    f.series.push_back(
        {.kind = Series::Kind::Line, .x = {i + 1.0, i + 1.0}, .y = {0, u[k]}, .color = Color::Gray, .width = 2});
    (m[k] != 0 ? kept : dropped).x.push_back(i + 1);
    (m[k] != 0 ? kept : dropped).y.push_back(u[k]);
  }
  f.series.push_back({.kind = Series::Kind::Line,
                      .label = fmt::format("p = {}", format_number(p, shown_decimals())),
                      .x = {0.5, units + 0.5},
                      .y = {p, p},
                      .color = Color::Orange,
                      .width = 2,
                      .dashed = true});
  f.series.push_back(std::move(kept));
  f.series.push_back(std::move(dropped));
  return f;
}

// The running mean of z over the first K masks, one curve per output, its limit dashed.
Figure running_figure(std::string title, const Value& running, const Value& limit) {
  const int K = running.shape[0], O = running.shape[1];
  Figure f{.title = std::move(title), .x = {"masks drawn K", 0, 0}, .y = {"mean of z", 0, 0}, .legend = Corner::Below};
  for (int j = 0; j < O; ++j) {
    Series curve{.label = "mean of z" + subscript(j + 1), .color = static_cast<Color>(j)};
    for (int k = 0; k < K; ++k) {
      curve.x.push_back(k + 1);
      curve.y.push_back(running.data[static_cast<std::size_t>(k * O + j)]);
    }
    f.series.push_back(std::move(curve));
    const double z = limit.data[static_cast<std::size_t>(j)];
    f.series.push_back(
        {.kind = Series::Kind::Line,
         .label = fmt::format("z{} at inference = {}", subscript(j + 1), format_number(z, shown_decimals())),
         .x = {1, std::max(2.0, double(K))},
         .y = {z, z},
         .color = static_cast<Color>(j),
         .width = 1.5,
         .dashed = true});
  }
  f.fit_axes();
  f.aspect = 0.7;
  return f;
}

// A weight-shaped matrix (O, n), the columns of the dropped units crossed out.
Figure weights_figure(std::string title, const std::vector<double>& values, const std::vector<double>& m) {
  const int units = static_cast<int>(m.size()), outputs = static_cast<int>(values.size()) / units;
  Figure f = matrix_figure(std::move(title), values, outputs, units, /*diverging=*/true);
  f.aspect = std::max(0.3, 0.9 * outputs / units);  // as tall as the matrix, not a square's height
  for (int i = 0; i < units; ++i)
    if (m[static_cast<std::size_t>(i)] == 0)
      for (const auto& [y0, y1] : {std::pair{0.0, double(outputs)}, std::pair{double(outputs), 0.0}})
        f.series.push_back(
            {.kind = Series::Kind::Line, .x = {double(i), i + 1.0}, .y = {y0, y1}, .color = Color::Black, .width = 2});
  return f;
}

// The draws against p, and the activations with the dropped units marked.
std::vector<Figure> mask_figures(const DropoutNumbers& n, const Value& u, const Value& m) {
  std::vector<Figure> figs;
  if (n.p > 0) figs.push_back(draws_figure(u.data, m.data, n.p));
  figs.push_back(unit_bars("Activations a, the dropped units marked", "a", {"a", n.a}, {}, m.data));
  return figs;
}

std::vector<Figure> inference_figures(const DropoutNumbers& n, const Trace& trace) {
  return {unit_bars("Inference: ã = a", "value", {"a", n.a}, {"ã = a", trace.find(ids::kInference, ids::kAEval)->data},
                    std::vector<double>(n.a.size(), 1))};
}

// ∂E/∂W (on the gradients step), and ∂E/∂ã beside ∂E/∂a.
std::vector<Figure> gradient_figures(const Trace& trace, const Value& m, bool with_weights) {
  std::vector<Figure> figs;
  if (with_weights)
    figs.push_back(
        weights_figure("∂E/∂W (crossed out: dropped units)", trace.find(ids::kGradients, ids::kDW)->data, m.data));
  figs.push_back(unit_bars("∂E/∂ã and ∂E/∂a = m/(1 − p)·∂E/∂ã", "gradient",
                           {"∂E/∂ã", trace.find(ids::kBackwardDense, ids::kDEdaTilde)->data},
                           {"∂E/∂a", trace.find(ids::kBackwardDropout, ids::kDEda)->data}, m.data));
  return figs;
}

// The running means of both recipes against their inference values, and the mean ã beside a.
std::vector<Figure> average_figures(const DropoutNumbers& n, const Trace& trace) {
  const Value* mean = trace.find(ids::kAverage, ids::kMeanATilde);
  std::vector<Figure> figs;
  figs.push_back(running_figure("Mean of z over K masks: inverted dropout", *trace.find(ids::kAverage, ids::kRunningZ),
                                *trace.find(ids::kInference, ids::kZEval)));
  figs.push_back(running_figure("Mean of z over K masks: no factor", *trace.find(ids::kAverage, ids::kRunningZUnscaled),
                                *trace.find(ids::kUnscaled, ids::kZUnscaledEval)));
  figs.push_back(unit_bars("a and the mean of ã over K masks", "value", {"a", n.a}, {"mean of ã", mean->data},
                           std::vector<double>(n.a.size(), 1)));
  return figs;
}

// a beside ã for this mask, after W with the dropped units' columns crossed out (on the next layer's step).
std::vector<Figure> forward_figures(const DropoutNumbers& n, const Value& m, const Value& a_tilde, bool with_weights) {
  std::vector<Figure> figs;
  if (with_weights) figs.push_back(weights_figure("W (crossed out: dropped units)", n.W.values(), m.data));
  figs.push_back(unit_bars("a and ã = a·m/(1 − p) for this mask", "value", {"a", n.a}, {"ã", a_tilde.data}, m.data));
  return figs;
}

}  // namespace

std::vector<Figure> dropout_figures(const DropoutNumbers& n, const Trace& trace, int current) {
  if (current < 0 || current >= static_cast<int>(trace.steps.size())) return {};
  const std::string& id = trace.steps[static_cast<std::size_t>(current)].id;
  const Value *m = trace.find(ids::kMask, ids::kM), *u = trace.find(ids::kMask, ids::kU),
              *a_tilde = trace.find(ids::kForward, ids::kATilde);
  if (!m || !u || !a_tilde) return {};
  if (id == ids::kMask) return mask_figures(n, *u, *m);
  if (id == ids::kInference) return inference_figures(n, trace);
  if (id.rfind(ids::kBackwardPrefix, 0) == 0 || id == ids::kGradients || id == ids::kGradcheck)
    return gradient_figures(trace, *m, id == ids::kGradients);
  if (id == ids::kAverage) return average_figures(n, trace);
  return forward_figures(n, *m, *a_tilde, id == ids::kNextLayer);
}

}  // namespace neurostep
