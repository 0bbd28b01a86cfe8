#include "lessons/engines/perceptron_figures.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <tuple>

#include "core/dense.h"
#include "lessons/engines/perceptron_numbers.h"
#include "lessons/framework/history.h"

namespace neurostep {

namespace ids = perceptron_ids;

namespace {

using namespace perceptron_parts;

constexpr double kLo = -0.5, kHi = 1.5;
using Polygon = std::vector<std::pair<double, double>>;

Polygon box() { return {{kLo, kLo}, {kHi, kLo}, {kHi, kHi}, {kLo, kHi}}; }

// The polygon clipped to the half-plane w₀ + w₁x₁ + w₂x₂ > 0 (Sutherland–Hodgman against one
// edge), and the points where the line w·x = 0 crosses its edges.
std::pair<Polygon, Polygon> clip(const Polygon& poly, const std::vector<double>& w) {
  auto side = [&](std::pair<double, double> p) { return w[0] + w[1] * p.first + w[2] * p.second; };
  Polygon inside, crossings;
  for (std::size_t i = 0; i < poly.size(); ++i) {
    const auto a = poly[i], b = poly[(i + 1) % poly.size()];
    const double sa = side(a), sb = side(b);
    if (sa > 0) inside.push_back(a);
    if ((sa > 0) != (sb > 0)) {
      const double t = sa / (sa - sb);
      crossings.push_back({a.first + t * (b.first - a.first), a.second + t * (b.second - a.second)});
      inside.push_back(crossings.back());
    }
  }
  return {inside, crossings};
}

// The samples, y = 1 and y = 0 apart, and the one at `highlight` (x with x₀ = 1) marked.
void add_points(Figure& f, const std::vector<double>* highlight, const PerceptronNumbers& n) {
  Series ones{.kind = Series::Kind::Scatter, .label = "y = 1", .color = Color::Blue, .width = 7};
  Series zeros{.kind = Series::Kind::Scatter, .label = "y = 0", .color = Color::Red, .width = 7};
  for (const auto& s : n.samples) {
    (s.y ? ones : zeros).x.push_back(s.x[0]);
    (s.y ? ones : zeros).y.push_back(s.x[1]);
  }
  if (highlight)
    f.series.push_back({.kind = Series::Kind::Scatter,
                        .x = {(*highlight)[1]},
                        .y = {(*highlight)[2]},
                        .color = Color::Orange,
                        .width = 12});
  f.series.push_back(ones);
  f.series.push_back(zeros);
}

// XOR from gates: NAND's and OR's lines, the band where both output 1 (there AND(n, o) = 1).
Figure gates_figure(const Step& step, const PerceptronNumbers& n) {
  Figure f{.title = "NAND's and OR's lines: AND(NAND, OR) = 1 between them",
           .x = {"x₁", kLo, kHi},
           .y = {"x₂", kLo, kHi},
           .equal_aspect = true,
           .legend = Corner::Below};
  const std::vector<double>& w_nand = step.find(ids::kWNand)->data;
  const std::vector<double>& w_or = step.find(ids::kWOr)->data;
  Series band{.kind = Series::Kind::Polygon, .label = "NAND = OR = 1", .color = Color::Blue, .alpha = 0.22f};
  for (const auto& [x1, x2] : clip(clip(box(), w_nand).first, w_or).first) {
    band.x.push_back(x1);
    band.y.push_back(x2);
  }
  f.series.push_back(std::move(band));
  for (const auto& [w, label, color] :
       {std::tuple{&w_nand, "NAND's line", Color::Green}, std::tuple{&w_or, "OR's line", Color::Orange}}) {
    Series line{.kind = Series::Kind::Line, .label = label, .color = color, .width = 2.5f};
    for (const auto& [x1, x2] : clip(box(), *w).second) {
      line.x.push_back(x1);
      line.y.push_back(x2);
    }
    if (line.x.size() == 2) f.series.push_back(std::move(line));
  }
  const Value* x = step.find(ids::kX);
  add_points(f, x ? &x->data : nullptr, n);
  return f;
}

// The points, the line w₀ + w₁x₁ + w₂x₂ = 0 and the side where the perceptron outputs 1, shaded.
Figure line_figure(const Trace& trace, int current, const PerceptronNumbers& n) {
  Figure f{.title = "Decision line w₀ + w₁x₁ + w₂x₂ = 0",
           .x = {"x₁", kLo, kHi},
           .y = {"x₂", kLo, kHi},
           .equal_aspect = true,
           .legend = Corner::Below};
  std::vector<double> w(3, 0.0);
  for (int i = 0; i < 3; ++i)
    w[static_cast<std::size_t>(i)] = latest_value(trace, current, ids::kW, static_cast<std::size_t>(i)).value_or(0);
  const auto [side, ends] = clip(box(), w);
  Series shade{.kind = Series::Kind::Polygon, .label = "ŷ = 1 side", .color = Color::Blue, .alpha = 0.22f};
  Series line{.kind = Series::Kind::Line, .label = "decision line", .color = Color::Green, .width = 2.5f};
  for (const auto& [x1, x2] : side) {
    shade.x.push_back(x1);
    shade.y.push_back(x2);
  }
  for (const auto& [x1, x2] : ends) {
    line.x.push_back(x1);
    line.y.push_back(x2);
  }
  f.series.push_back(shade);
  if (line.x.size() == 2) f.series.push_back(line);
  const Value* x = trace.steps[static_cast<std::size_t>(current)].find(ids::kX);
  add_points(f, x ? &x->data : nullptr, n);
  return f;
}

// The misclassified samples of every epoch that ended by step `current`.
Figure errors_figure(const Trace& trace, int current, const PerceptronNumbers& n) {
  Figure errors{.title = "Misclassified samples per epoch", .x = {"epoch", 0, 0}, .y = {"misclassified", 0, 0}};
  Series s{.kind = Series::Kind::Line, .label = "misclassified", .color = Color::Red};
  Series dots{.kind = Series::Kind::Scatter, .color = Color::Red, .width = 4};
  for (int i = 0; i <= current; ++i)
    if (const Value* v = trace.steps[static_cast<std::size_t>(i)].find(ids::kErrors)) {
      s.x.push_back(static_cast<double>(s.x.size() + 1));
      s.y.push_back(v->scalar());
    }
  dots.x = s.x;
  dots.y = s.y;
  errors.series = {s, dots};
  errors.x = {"epoch", 0, std::max(2.0, static_cast<double>(s.x.size()) + 1)};
  errors.y = {"misclassified", 0, static_cast<double>(n.samples.size())};
  return errors;
}

// One hidden unit's line W₁ⱼ·x + b₁ⱼ = 0 across the plot (none if both its weights are 0).
Series hidden_line(const Dense<double>& l1, int j) {
  const double a = l1.W.at(j, 0), b = l1.W.at(j, 1), c = l1.b[static_cast<std::size_t>(j)];
  Series s{.kind = Series::Kind::Line,
           .label = fmt::format("hidden unit {}", j + 1),
           .color = j == 0 ? Color::Green : Color::Orange,
           .width = 2.5f,
           .dashed = true};
  if (std::abs(b) > 1e-12) {
    s.x = {kLo, kHi};
    s.y = {-(a * kLo + c) / b, -(a * kHi + c) / b};
  } else if (std::abs(a) > 1e-12) {
    s.x = {-c / a, -c / a};
    s.y = {kLo, kHi};
  }
  return s;
}

// The network's output over the plane (computed by the core model) and its hidden units' lines.
Figure network_figure(const Step& step, const PerceptronNumbers& n) {
  const int hidden = n.network->hidden;
  Sequential<double> model = xor_network(2, hidden);
  auto& l1 = static_cast<Dense<double>&>(model.layer(0));
  auto& l2 = static_cast<Dense<double>&>(model.layer(2));
  l1.W = Tensor<double>({hidden, 2}, step.find(ids::kW1)->data);
  l1.b = Tensor<double>({hidden}, step.find(ids::kB1)->data);
  l2.W = Tensor<double>({1, hidden}, step.find(ids::kW2)->data);
  l2.b = Tensor<double>({1}, step.find(ids::kB2)->data);
  const int cells = 48;
  Tensor<double> grid({cells * cells, 2});
  for (int r = 0; r < cells; ++r)
    for (int c = 0; c < cells; ++c) {
      grid.at(r * cells + c, 0) = kLo + (c + 0.5) * (kHi - kLo) / cells;
      grid.at(r * cells + c, 1) = kHi - (r + 0.5) * (kHi - kLo) / cells;
    }
  const Tensor<double> out = model.forward(grid, Mode::Eval);
  Figure f{.title = "Network output o(x₁, x₂) and its hidden units' lines",
           .x = {"x₁", kLo, kHi},
           .y = {"x₂", kLo, kHi},
           .equal_aspect = true,
           .legend = Corner::Below};
  f.heatmaps.push_back({.rows = cells,
                        .cols = cells,
                        .values = out.values(),
                        .x0 = kLo,
                        .x1 = kHi,
                        .y0 = kLo,
                        .y1 = kHi,
                        .min = 0,
                        .max = 1,
                        .scale_label = "o"});
  for (int j = 0; j < hidden; ++j) f.series.push_back(hidden_line(l1, j));
  add_points(f, nullptr, n);
  return f;
}

Figure network_loss_figure(const Step& step) {
  Figure loss{.title = "Network loss per epoch", .x = {"epoch", 0, 0}, .y = {"binary cross-entropy", 0, 0}};
  Series s{.label = "loss", .color = Color::Purple};
  const auto& curve = step.find(ids::kLossCurve)->data;
  for (std::size_t i = 0; i < curve.size(); ++i) {
    s.x.push_back(static_cast<double>(i + 1));
    s.y.push_back(curve[i]);
  }
  loss.series.push_back(std::move(s));
  loss.fit_axes();
  loss.y.min = 0;
  return loss;
}

}  // namespace

std::vector<Figure> perceptron_figures(const Trace& trace, int current, const PerceptronNumbers& n) {
  if (n.samples.empty() || n.samples[0].x.size() != 2) return {};
  const Step& step = trace.steps[static_cast<std::size_t>(current)];
  if (step.find(ids::kW1)) return {network_figure(step, n), network_loss_figure(step)};
  if (step.find(ids::kWNand)) return {gates_figure(step, n)};
  return {line_figure(trace, current, n), errors_figure(trace, current, n)};
}

}  // namespace neurostep
