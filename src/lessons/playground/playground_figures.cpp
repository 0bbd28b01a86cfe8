#include "lessons/playground/playground_figures.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "figure/number_text.h"

namespace neurostep {

namespace {

Heatmap plane_heatmap(int resolution) {
  return {.rows = resolution,
          .cols = resolution,
          .x0 = -kPlaneExtent,
          .x1 = kPlaneExtent,
          .y0 = -kPlaneExtent,
          .y1 = kPlaneExtent};
}

// Per cell: the winning class k plus how sure the network is, rescaled so that a tie of all
// classes is k + 0 and certainty is k + 0.999 (Heatmap::classes).
std::vector<double> class_map(const std::vector<std::vector<double>>& probabilities) {
  const std::size_t cells = probabilities.front().size(), classes = probabilities.size();
  std::vector<double> out(cells);
  for (std::size_t c = 0; c < cells; ++c) {
    std::size_t best = 0;
    for (std::size_t k = 1; k < classes; ++k)
      if (probabilities[k][c] > probabilities[best][c]) best = k;
    const double chance = 1.0 / static_cast<double>(classes);
    out[c] = static_cast<double>(best) + 0.999 * std::clamp((probabilities[best][c] - chance) / (1 - chance), 0.0, 1.0);
  }
  return out;
}

Figure plane_axes(std::string title) {
  return {.title = std::move(title),
          .x = {"x", -kPlaneExtent, kPlaneExtent},
          .y = {"y", -kPlaneExtent, kPlaneExtent},
          .equal_aspect = true,
          .legend = Corner::Below,
          .aspect = 1};
}

}  // namespace

Figure plane_figure(const Playground& pg) {
  const PointSet& set = pg.points();
  const UnitGrid& grid = pg.grid(kPlaneResolution);
  Figure f =
      plane_axes(set.regression ? "The predicted z over the plane, and the points" : "Decision regions and the points");
  Heatmap h = plane_heatmap(grid.resolution);
  const auto& out = grid.a.back();
  if (set.regression) {
    h.values = out.front();
    const ColourScale scale = colour_scale({h.values}, true);
    h.min = scale.min;
    h.max = scale.max;
    h.diverging = true;
    h.scale_label = "ŷ";
  } else {
    h.values = class_map(out);
    for (int k = 0; k < set.classes; ++k) h.classes.push_back(kClassColors[k]);
  }
  f.heatmaps.push_back(std::move(h));
  if (test_count(set) > 0) f.x.label = "x   (rings: test points)";
  // Classes by their colour; regression points by the sign of their z, as the heatmap's scale.
  for (const bool test : {false, true})
    for (int k = 0; k < (set.regression ? 2 : set.classes); ++k) {
      Series s{.kind = Series::Kind::Scatter,
               .color = set.regression ? (k ? Color::Red : Color::Blue) : kClassColors[k],
               .width = 4.5f,
               .hollow = test};
      // One legend entry per colour; the x axis says that rings are test points.
      if (!test) s.label = set.regression ? fmt::format("z {} 0", k ? ">" : "≤") : fmt::format("class {}", k);
      for (std::size_t i = 0; i < set.points.size(); ++i) {
        const DataPoint& p = set.points[i];
        if (p.test != test || (set.regression ? (p.target > 0) != (k == 1) : p.label != k)) continue;
        s.x.push_back(p.x);
        s.y.push_back(p.y);
        s.ids.push_back(static_cast<int>(i));
      }
      if (!s.x.empty()) f.series.push_back(std::move(s));
    }
  if (const int i = pg.selected_point(); i >= 0) {
    const DataPoint& p = set.points[static_cast<std::size_t>(i)];
    f.series.push_back(point_series(fmt::format("point {}", i + 1), p.x, p.y, Color::Red, 8));
    f.series.back().hollow = true;
  }
  return f;
}

Figure unit_figure(const Playground& pg, int layer, int unit, bool small) {
  const UnitGrid& grid = pg.grid(kPlaneResolution);
  const PlaygroundNet& net = pg.training().net();
  const bool output = layer + 1 == net.layers();
  Figure f = plane_axes(output ? (net.spec().regression
                                      ? "ŷ over the plane"
                                      : fmt::format("ŷ{}: P(class {}) over the plane", subscript(unit + 1), unit))
                               : fmt::format("a{}{}: layer {}, unit {} over the plane", subscript(unit + 1),
                                             superscript(layer + 1), layer + 1, unit + 1));
  Heatmap h = plane_heatmap(grid.resolution);
  h.values = grid.a[static_cast<std::size_t>(layer)][static_cast<std::size_t>(unit)];
  const bool signed_output = !output && net.activation(layer) == ActivationKind::Tanh;
  const ColourScale scale = colour_scale({h.values}, signed_output || (output && net.spec().regression));
  h.min = scale.min;
  h.max = scale.max;
  h.diverging = signed_output || (output && net.spec().regression);
  h.scale_label = small ? "" : "a";
  f.heatmaps.push_back(std::move(h));
  if (small) {
    f.show_axes = false;
    f.title.clear();
  }
  return f;
}

Figure loss_figure(const Playground& pg) {
  Figure f{.title = "Loss per epoch", .x = {"epochs", 0, 0}, .y = {"mean loss (no penalty)", 0, 0}};
  Series train{.label = "training", .color = Color::Blue},
      test{.label = "test", .color = Color::Orange, .dashed = true};
  for (const EpochRecord& e : pg.training().history()) {
    train.x.push_back(e.epoch);
    train.y.push_back(e.train.loss);
    if (e.test.count == 0) continue;
    test.x.push_back(e.epoch);
    test.y.push_back(e.test.loss);
  }
  f.series = {std::move(train), std::move(test)};
  f.fit_axes();
  f.y.min = 0;
  if (f.x.max <= f.x.min) f.x = {"epochs", 0, 1};
  if (f.y.max <= f.y.min) f.y.max = 1;
  return f;
}

Figure accuracy_figure(const Playground& pg) {
  Figure f{.title = "Accuracy per epoch",
           .x = {"epochs", 0, 0},
           .y = {"share right (%)", 0, 100},
           .legend = Corner::BottomRight};
  Series train{.label = "training", .color = Color::Blue},
      test{.label = "test", .color = Color::Orange, .dashed = true};
  for (const EpochRecord& e : pg.training().history()) {
    train.x.push_back(e.epoch);
    train.y.push_back(100 * e.train.accuracy);
    if (e.test.count == 0) continue;
    test.x.push_back(e.epoch);
    test.y.push_back(100 * e.test.accuracy);
  }
  f.x.max = train.x.empty() ? 1 : std::max(1.0, train.x.back());
  f.series = {std::move(train), std::move(test)};
  return f;
}

Figure confusion_figure(const Playground& pg) {
  const Evaluation& test = pg.evaluate_test();
  const int c = pg.points().classes;
  std::vector<double> counts(test.confusion.begin(), test.confusion.end());
  if (counts.size() != static_cast<std::size_t>(c * c)) counts.assign(static_cast<std::size_t>(c * c), 0);
  Figure f = matrix_figure(fmt::format("Test points: true class (rows) × predicted (columns), {} points", test.count),
                           counts, c, c, false);
  f.heatmaps[0].scale_label = "points";
  return f;
}

std::vector<Figure> playground_figures(const Playground& pg) {
  std::vector<Figure> figs = {plane_figure(pg), loss_figure(pg)};
  if (!pg.points().regression) {
    figs.push_back(accuracy_figure(pg));
    figs.push_back(confusion_figure(pg));
  }
  return figs;
}

}  // namespace neurostep
