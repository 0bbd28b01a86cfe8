#include "lessons/engines/gradient_descent_figures.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <tuple>

#include "lessons/engines/gradient_descent_numbers.h"

namespace neurostep {

namespace {

namespace ids = gradient_descent_ids;
using namespace gradient_descent;

// A descent in one dimension: E(w) and the path of w so far in this run (the steps of its group).
Figure descent_path_figure(const GradientDescentNumbers& n, const Trace& trace, int current) {
  const Step& s = trace.steps[static_cast<std::size_t>(current)];
  const std::size_t from = sizeof(ids::kRunPrefix) - 1;  // the run's name follows "run."
  const std::string name = s.id.substr(from, s.id.find('.', from) - from);
  const bool two = name == ids::kLocal || name == ids::kDeclining;
  Figure f{
      .title = two ? "E₂(w) = w⁴/4 − w² + 0.3w + 2" : "E₁(w) = (w − 1)² + 0.5", .x = {"w", -3, 3}, .y = {"E", 0, 0}};
  f.series.push_back(function_series("E(w)", two ? E2 : E1, -3, 3, Color::Blue));
  Series path{.kind = Series::Kind::Line, .label = "steps", .color = Color::Orange, .width = 1.5f};
  Series dots{.kind = Series::Kind::Scatter, .color = Color::Orange, .width = 4};
  const double start = two ? n.start_two : n.start_one;
  path.x.push_back(start);
  path.y.push_back(two ? E2(start) : E1(start));
  for (int i = 0; i <= current; ++i) {
    const Step& st = trace.steps[static_cast<std::size_t>(i)];
    if (st.group != s.group) continue;
    path.x.push_back(st.find(ids::kW)->scalar());
    path.y.push_back(st.find(ids::kE)->scalar());
  }
  dots.x = path.x;
  dots.y = path.y;
  f.series.push_back(path);
  f.series.push_back(dots);
  f.y = {"E", 0, two ? 5.0 : 11.0};
  return f;
}

// The four optimizers' paths so far over E(x, y) = x²/2 + 5y², drawn as a heatmap of log₁₀(1 + E).
Figure optimizer_paths_figure(const GradientDescentNumbers& n, const Trace& trace, int current) {
  const int cells = 60;
  const double x0 = -5, x1 = 5, y0 = -3, y1 = 3;
  Figure f{.title = "E(x, y) = x²/2 + 5y² and the four optimizers",
           .x = {"x", x0, x1},
           .y = {"y", y0, y1},
           .legend = Corner::Below,
           .aspect = 0.75};
  std::vector<double> grid;
  for (int r = 0; r < cells; ++r)
    for (int c = 0; c < cells; ++c)
      grid.push_back(std::log10(1 + Exy(x0 + (c + 0.5) * (x1 - x0) / cells, y1 - (r + 0.5) * (y1 - y0) / cells)));
  f.heatmaps.push_back({.rows = cells,
                        .cols = cells,
                        .values = grid,
                        .x0 = x0,
                        .x1 = x1,
                        .y0 = y0,
                        .y1 = y1,
                        .min = 0,
                        .max = 2,
                        .scale_label = "log₁₀(1 + E)"});
  const std::pair<OptimizerKind, Color> opts[] = {{OptimizerKind::SGD, Color::Red},
                                                  {OptimizerKind::AdaGrad, Color::Green},
                                                  {OptimizerKind::RMSProp, Color::Purple},
                                                  {OptimizerKind::Adam, Color::Orange}};
  for (const auto& [kind, color] : opts) {
    const std::string id = ids::position(kind);
    Series path{.kind = Series::Kind::Line,
                .label = id,
                .x = {n.start_2d[0]},
                .y = {n.start_2d[1]},
                .color = color,
                .width = 2};
    for (int i = 0; i <= current; ++i)
      if (const Value* v = trace.steps[static_cast<std::size_t>(i)].find(id)) {
        path.x.push_back(v->data[0]);
        path.y.push_back(v->data[1]);
      }
    f.series.push_back(path);
  }
  return f;
}

// One sample at a time against the batch: the error per epoch, and the data with the fitted line.
std::vector<Figure> batch_figures(const GradientDescentNumbers& n, const Step& s) {
  std::vector<Figure> figs;
  Figure f{.title = "Error per epoch: one sample at a time vs the batch", .x = {"epoch", 0, 0}, .y = {"E", 0, 0}};
  for (const auto& [name, label, color] : {std::tuple{ids::kLossSample, "one sample at a time", Color::Red},
                                           std::tuple{ids::kLossBatch, "batch average", Color::Blue}}) {
    Series line{.label = label, .color = color};
    const auto& v = s.find(name)->data;
    for (std::size_t i = 0; i < v.size(); ++i) {
      line.x.push_back(static_cast<double>(i + 1));
      line.y.push_back(v[i]);
    }
    f.series.push_back(line);
  }
  f.fit_axes();
  f.y.min = 0;
  figs.push_back(std::move(f));
  Figure fit{.title = "The data and the fitted line y = w·x + b",
             .x = {"x", 0, 0},
             .y = {"y", 0, 0},
             .legend = Corner::TopLeft};
  fit.series.push_back(
      {.kind = Series::Kind::Scatter, .label = "data", .x = n.data_x, .y = n.data_y, .color = Color::Blue, .width = 5});
  const double w = s.find(ids::kW)->scalar(), b = s.find(ids::kB)->scalar();
  double lo = n.data_x[0], hi = n.data_x[0];
  for (double x : n.data_x) lo = std::min(lo, x), hi = std::max(hi, x);
  fit.series.push_back({.kind = Series::Kind::Line,
                        .label = "fit",
                        .x = {lo, hi},
                        .y = {w * lo + b, w * hi + b},
                        .color = Color::Orange});
  fit.fit_axes();
  figs.push_back(std::move(fit));
  return figs;
}

}  // namespace

std::vector<Figure> gradient_descent_figures(const GradientDescentNumbers& n, const Trace& trace, int current) {
  const Step& s = trace.steps[static_cast<std::size_t>(current)];
  if (s.id.rfind(ids::kRunPrefix, 0) == 0) return {descent_path_figure(n, trace, current)};
  if (s.id.rfind(ids::kOptPrefix, 0) == 0) return {optimizer_paths_figure(n, trace, current)};
  if (s.id.rfind(ids::kBatchPrefix, 0) == 0) return batch_figures(n, s);
  return {};
}

}  // namespace neurostep
