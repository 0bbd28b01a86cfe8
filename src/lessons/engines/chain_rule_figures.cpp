#include "lessons/engines/chain_rule_figures.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

#include "figure/graph_layout.h"
#include "figure/number_text.h"
#include "lessons/engines/chain_rule_symmetry.h"

namespace neurostep {

namespace {

namespace ids = chain_rule_ids;

// The narrowest plot the graph is drawn in, in lines of text: the window's plot column at 1024×700
// at 125 % text (355 px wide with 16.25 px text; its plot area about 21 lines). The graph is laid out
// 20.4 lines wide, in pixels of 13 px text, y down: a wider plot only gives its labels more room.
// It grows up to 1400 pixels to find every label a place.
constexpr GraphStyle kStyle{.font = 13, .width = 265, .dot = 10, .tallest = 1400};

// The latest value `name` at or before step `current`, and the step it is from (-1: none yet).
struct LatestValue {
  const std::vector<double>* data = nullptr;
  int step = -1;
};
LatestValue find_latest(const Trace& trace, int current, const std::string& name) {
  for (int i = std::min(current, static_cast<int>(trace.steps.size()) - 1); i >= 0; --i)
    if (const Value* v = trace.steps[static_cast<std::size_t>(i)].find(name)) return {&v->data, i};
  return {};
}

// Each unit's label: x for the inputs; b, then a and δ once known, for the others.
std::vector<std::vector<std::string>> unit_labels(const ChainRuleNumbers& n, const Trace& trace, int current) {
  const auto number = [](double v) { return format_number(v, shown_decimals()); };
  std::vector<std::vector<std::string>> labels(n.sizes.size());
  for (std::size_t l = 0; l < n.sizes.size(); ++l)
    for (std::size_t j = 0; j < static_cast<std::size_t>(n.sizes[l]); ++j) {
      if (l == 0) {
        labels[l].push_back(fmt::format("x{} = {}", subscript(static_cast<int>(j) + 1), number(n.input[j])));
        continue;
      }
      const LatestValue b = find_latest(trace, current, ids::b(l));
      const LatestValue a = find_latest(trace, current, ids::a(l));
      const LatestValue d = find_latest(trace, current, ids::delta(l));
      std::string label = "b = " + number(b.data ? (*b.data)[j] : n.biases[l - 1][j]);
      if (a.data) label += "\na = " + number((*a.data)[j]);
      if (d.data && d.step >= a.step) label += "\nδ = " + number((*d.data)[j]);
      labels[l].push_back(std::move(label));
    }
  return labels;
}

// A weight as an edge: from unit i of layer l to unit j of the next, its label and where along the
// edge that label would rather be (labels of later sources farther along, so they do not stack).
struct Edge {
  GraphEdge graph;          // where it runs and its label (orange for the chosen weight)
  int id;                   // counted over all weights, as a click reports it
  bool chosen, downstream;  // the chosen weight; an edge after its layer (its gradient flows back there)
  std::string tip;          // "w⁽¹⁾₂₁ = 0.2": what hovering its dot shows (its label may have found no place)
};

std::vector<Edge> weight_edges(const ChainRuleNumbers& n, const Trace& trace, int current) {
  std::size_t cl = 0;  // the chosen weight's layer, and its index there
  int k = n.chosen_weight;
  while (cl + 1 < n.weights.size() && k >= static_cast<int>(n.weights[cl].size()))
    k -= static_cast<int>(n.weights[cl].size()), ++cl;
  std::vector<Edge> edges;
  int first_id = 0;
  for (std::size_t l = 0; l + 1 < n.sizes.size(); ++l) {
    const LatestValue W = find_latest(trace, current, ids::W(l + 1));
    const int sources = n.sizes[l];
    for (int i = 0; i < sources; ++i)  // source by source, so a unit's labels are placed together
      for (int j = 0; j < n.sizes[l + 1]; ++j) {
        const std::size_t flat = static_cast<std::size_t>(j * sources + i);
        const double w = W.data ? (*W.data)[flat] : n.weights[l][flat];
        const double prefer = 0.3 + 0.4 * (sources > 1 ? static_cast<double>(i) / (sources - 1) : 0.5);
        const bool chosen = l == cl && static_cast<int>(flat) == k;
        edges.push_back({{l, i, j, prefer, format_number(w, shown_decimals()), chosen ? Color::Orange : Color::Gray},
                         first_id + static_cast<int>(flat),
                         chosen,
                         l > cl,
                         "w" + superscript(static_cast<int>(l) + 1) + subscript(j + 1) + subscript(i + 1) + " = " +
                             format_number(w, shown_decimals())});
      }
    first_id += static_cast<int>(n.weights[l].size());
  }
  std::stable_partition(edges.begin(), edges.end(), [](const Edge& e) { return e.chosen; });  // its label first
  return edges;
}

// The network as it stands at step `current`: the weights and biases after the update and after
// training, a of the latest forward pass, δ only while it belongs to the same weights as a. Its
// points are in pixels of the smallest plot the graph is drawn in (y up), and the figure keeps one
// unit equally long on both axes, so a larger drawing only adds room between the labels.
Figure chain_rule_graph(const ChainRuleNumbers& n, const Trace& trace, int current) {
  const std::vector<Edge> edges = weight_edges(n, trace, current);
  const std::vector<std::vector<std::string>> texts = unit_labels(n, trace, current);
  std::vector<GraphEdge> graph_edges;
  for (const Edge& e : edges) graph_edges.push_back(e.graph);
  const LabelledGraph layout = labelled_graph(n.sizes, texts, graph_edges, kStyle);
  const double height = layout.height;
  const auto up = [h = height](Point p) { return Point{p.x, h - p.y}; };  // the figure's y runs up
  Figure f{.title = "The network: weights, biases, a and δ of every unit",
           .x = {"", 0, kStyle.width},
           .y = {"", 0, height},
           .equal_aspect = true,
           .show_axes = false,
           .aspect = height / (kStyle.width + kStyle.font)};
  Series dots{.kind = Series::Kind::Scatter, .color = Color::Gray, .width = 4};
  for (std::size_t e = 0; e < edges.size(); ++e) {
    const GraphEdge& g = edges[e].graph;
    const Point a = up(layout.units[g.column][static_cast<std::size_t>(g.from)]);
    const Point b = up(layout.units[g.column + 1][static_cast<std::size_t>(g.to)]);
    const bool orange = edges[e].chosen || edges[e].downstream;
    f.series.push_back({.kind = Series::Kind::Line,
                        .x = {a.x, b.x},
                        .y = {a.y, b.y},
                        .color = orange ? Color::Orange : Color::Gray,
                        .width = edges[e].chosen       ? 4.f
                                 : edges[e].downstream ? 2.5f
                                                       : 1.2f});
    const Point dot = up(layout.edge_dots[e]);
    dots.x.push_back(dot.x);  // the dot to click, even where the label is left out
    dots.y.push_back(dot.y);
    dots.ids.push_back(edges[e].id);
    dots.tips.push_back(edges[e].tip + "  (click to expand its chain)");
  }
  Series nodes{.kind = Series::Kind::Scatter, .color = Color::Blue, .width = static_cast<float>(kStyle.dot)};
  for (std::size_t l = 0; l < layout.units.size(); ++l)
    for (std::size_t j = 0; j < layout.units[l].size(); ++j) {
      nodes.x.push_back(layout.units[l][j].x);
      nodes.y.push_back(height - layout.units[l][j].y);
      nodes.tips.push_back(texts[l][j]);
    }
  f.series.push_back(std::move(dots));
  f.series.push_back(std::move(nodes));
  for (Annotation a : layout.labels) {
    a.y = height - a.y;
    f.annotations.push_back(std::move(a));
  }
  return f;
}

// E over the training iterations, once the trace has them.
std::optional<Figure> error_curve(const Trace& trace, int current) {
  const auto* curve = find_latest(trace, current, ids::kECurve).data;
  if (!curve) return std::nullopt;
  // E falls by orders of magnitude: on a linear axis it looks flat after the first 50
  // iterations, so the plot shows its logarithm.
  Figure f{.title = "log₁₀ E over the training iterations", .x = {"iteration", 0, 0}, .y = {"log₁₀ E", 0, 0}};
  Series s{.label = "log₁₀ E", .color = Color::Purple};
  for (std::size_t i = 0; i < curve->size(); ++i)
    if ((*curve)[i] > 0 && std::isfinite((*curve)[i])) {  // E = 0 has no logarithm (a ReLU network can reach it)
      s.x.push_back(static_cast<double>(i));
      s.y.push_back(std::log10((*curve)[i]));
    }
  f.series.push_back(std::move(s));
  f.fit_axes();
  f.x.min = 0;
  return f;
}

// The plot of a symmetry step: every hidden unit's incoming weights over the updates (a network
// with `inputs` inputs); none for another step.
std::optional<Figure> symmetry_figure(const Step& s, int inputs) {
  const Value* W = s.find(ids::kHiddenW);
  if (s.id.rfind(ids::kSymmetryPrefix, 0) != 0 || !W) return std::nullopt;
  constexpr Color kColors[] = {Color::Blue, Color::Orange, Color::Green, Color::Red, Color::Purple, Color::Brown};
  Figure f{.title = "The hidden units' incoming weights, update by update",
           .x = {"update", 0, double(kSymmetryUpdates)},
           .y = {"w⁽¹⁾ⱼᵢ", 0, 0},
           .legend = Corner::Below};
  const int columns = W->shape[1];
  for (int k = 0; k < columns; ++k) {
    const int j = k / inputs, i = k % inputs;
    Series line{.label = i == 0 ? fmt::format("into unit {}", j + 1) : "",
                .color = kColors[j % 6],
                .width = j == 0 ? 4.0f : 2.0f,
                .dashed = j > 0};
    for (int u = 0; u <= kSymmetryUpdates; ++u) {
      line.x.push_back(u);
      line.y.push_back(W->data[std::size_t(u * columns + k)]);
    }
    f.series.push_back(std::move(line));
  }
  f.fit_axes();
  f.x.ticks = {0, 1, 2, 3};
  return f;
}

}  // namespace

std::vector<Figure> chain_rule_figures(const ChainRuleNumbers& n, const Trace& trace, int current) {
  if (auto f = symmetry_figure(trace.steps[static_cast<std::size_t>(current)], n.sizes[0])) return {std::move(*f)};
  std::vector<Figure> figs = {chain_rule_graph(n, trace, current)};
  if (auto f = error_curve(trace, current)) figs.push_back(std::move(*f));
  return figs;
}

}  // namespace neurostep
