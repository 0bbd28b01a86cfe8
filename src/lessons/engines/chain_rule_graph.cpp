#include "lessons/engines/chain_rule_graph.h"

#include <fmt/format.h>

#include <algorithm>

#include "figure/graph_layout.h"
#include "figure/number_text.h"

namespace neurostep {

namespace {

// The narrowest plot the graph is drawn in, in lines of text: the window's plot column at 1024×700
// at 125 % text (355 px wide with 16.25 px text; its plot area about 21 lines). The graph is laid out
// 20.4 lines wide, in pixels of 13 px text, y down: a wider plot only gives its labels more room.
// It grows up to kTallest pixels to find every label a place.
constexpr double kFont = 13, kWidth = 265, kDot = 10, kTallest = 1400;

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
      const LatestValue b = find_latest(trace, current, fmt::format("b{}", l));
      const LatestValue a = find_latest(trace, current, fmt::format("a{}", l));
      const LatestValue d = find_latest(trace, current, fmt::format("delta{}", l));
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
  std::size_t l;
  int i, j;
  int id;                   // counted over all weights, as a click reports it
  bool chosen, downstream;  // the chosen weight; an edge after its layer (its gradient flows back there)
  double prefer;
  std::string text;
  std::string tip;  // "w⁽¹⁾₂₁ = 0.2": what hovering its dot shows (its label may have found no place)
};

std::vector<Edge> weight_edges(const ChainRuleNumbers& n, const Trace& trace, int current) {
  std::size_t cl = 0;  // the chosen weight's layer, and its index there
  int k = n.chosen_weight;
  while (cl + 1 < n.weights.size() && k >= static_cast<int>(n.weights[cl].size()))
    k -= static_cast<int>(n.weights[cl].size()), ++cl;
  std::vector<Edge> edges;
  int first_id = 0;
  for (std::size_t l = 0; l + 1 < n.sizes.size(); ++l) {
    const LatestValue W = find_latest(trace, current, fmt::format("W{}", l + 1));
    const int sources = n.sizes[l];
    for (int i = 0; i < sources; ++i)  // source by source, so a unit's labels are placed together
      for (int j = 0; j < n.sizes[l + 1]; ++j) {
        const std::size_t flat = static_cast<std::size_t>(j * sources + i);
        const double w = W.data ? (*W.data)[flat] : n.weights[l][flat];
        const double prefer = 0.3 + 0.4 * (sources > 1 ? static_cast<double>(i) / (sources - 1) : 0.5);
        edges.push_back({l, i, j, first_id + static_cast<int>(flat), l == cl && static_cast<int>(flat) == k, l > cl,
                         prefer, format_number(w, shown_decimals()),
                         "w" + superscript(static_cast<int>(l) + 1) + subscript(j + 1) + subscript(i + 1) + " = " +
                             format_number(w, shown_decimals())});
      }
    first_id += static_cast<int>(n.weights[l].size());
  }
  std::stable_partition(edges.begin(), edges.end(), [](const Edge& e) { return e.chosen; });  // its label first
  return edges;
}

// The graph laid out `height` pixels tall: units, edges and every label it could place.
struct Layout {
  std::vector<std::vector<Point>> units;
  std::vector<Annotation> labels;  // the units' first, then the weights'
  std::vector<Point> weight_dots;  // per edge (in weight_edges' order): the point to click
  int missing = 0;                 // labels that found no free place
};

// The units in columns; `zigzag`: every other column half a row lower, so that labels of
// neighbouring columns, too wide to sit side by side, sit one below the other.
std::vector<std::vector<Point>> place_units(const std::vector<int>& sizes, const Box& area, bool zigzag) {
  const int tallest = *std::max_element(sizes.begin(), sizes.end());
  const double half_row = zigzag && tallest > 1 ? (area.y1 - area.y0) / (tallest - 1) / 2 : 0;
  std::vector<std::vector<Point>> units =
      unit_columns(sizes, {area.x0, area.y0, area.x1, area.y1 - half_row}, ColumnSpread::Full);
  for (std::size_t c = 1; c < units.size(); c += 2)
    for (Point& u : units[c]) u.y += half_row;
  return units;
}

Layout lay_out(const std::vector<int>& sizes, const std::vector<std::vector<std::string>>& texts,
               const std::vector<Edge>& edges, double height, bool zigzag) {
  Layout out;
  double first = 0, last = 0;
  int lines = 1;
  for (const std::string& t : texts.front()) first = std::max(first, label_width(t, kFont));
  for (const std::string& t : texts.back()) last = std::max(last, label_width(t, kFont));
  for (const auto& column : texts)
    for (const std::string& t : column) lines = std::max(lines, label_lines(t));
  const Box area{std::max(first / 2, kDot) + 4, kFont + 8, kWidth - std::max(last / 2, kDot) - 4,
                 height - 0.8 * kFont - lines * kFont * 1.25 - 4};
  out.units = place_units(sizes, area, zigzag);
  LabelPlacer placer({2, 2, kWidth - 2, height - 2});
  for (const auto& column : out.units)
    for (const Point u : column)
      placer.take({u.x - kDot, u.y - kDot, u.x + kDot, u.y + kDot - 5});  // the space below: its own label's
  for (const Edge& e : edges)
    placer.add_edge(out.units[e.l][static_cast<std::size_t>(e.i)], out.units[e.l + 1][static_cast<std::size_t>(e.j)]);
  const auto label_column = [&](std::size_t l) {  // centred under each unit
    for (std::size_t j = 0; j < out.units[l].size(); ++j) {
      const Point u = out.units[l][j];
      const Box box = annotation_box(u, label_size(texts[l][j], kFont), true, kFont);
      if (!placer.fits(box)) {
        ++out.missing;
        continue;
      }
      placer.take(box);
      out.labels.push_back({u.x, u.y, texts[l][j], Color::Black, true});
    }
  };
  label_column(sizes.size() - 1);  // the outputs', then the inputs', then the hidden units' labels
  label_column(0);
  for (std::size_t l = 1; l + 1 < sizes.size(); ++l) label_column(l);
  for (const Edge& e : edges) {
    const Point a = out.units[e.l][static_cast<std::size_t>(e.i)],
                b = out.units[e.l + 1][static_cast<std::size_t>(e.j)];
    const LabelPlacer::OnEdge on = placer.along_edge(a, b, e.prefer, label_size(e.text, kFont), kFont);
    const bool fits = placer.fits(on.box);  // before its own dot is taken
    out.weight_dots.push_back(on.at);
    placer.take({on.at.x - 4, on.at.y - 4, on.at.x + 4, on.at.y + 4});
    if (!fits) {
      ++out.missing;
      continue;
    }
    placer.take(on.box);
    out.labels.push_back({on.at.x, on.at.y, e.text, e.chosen ? Color::Orange : Color::Gray, on.below});
  }
  return out;
}

// The shortest layout, from three quarters of the width up to kTallest, in which every label
// finds a free place — the units in straight columns, else in a zigzag (past that, a weight whose
// label finds none shows its value on hover).
std::pair<Layout, double> shortest_layout(const ChainRuleNumbers& n, const std::vector<std::vector<std::string>>& texts,
                                          const std::vector<Edge>& edges) {
  for (double height = 0.75 * kWidth;; height += 0.25 * kWidth) {
    Layout layout = lay_out(n.sizes, texts, edges, height, false);
    if (layout.missing > 0)
      if (Layout zigzag = lay_out(n.sizes, texts, edges, height, true); zigzag.missing < layout.missing)
        layout = std::move(zigzag);
    if (layout.missing == 0 || height >= kTallest) return {std::move(layout), height};
  }
}

}  // namespace

LatestValue find_latest(const Trace& trace, int current, const std::string& name) {
  for (int i = std::min(current, static_cast<int>(trace.steps.size()) - 1); i >= 0; --i)
    if (const Value* v = trace.steps[static_cast<std::size_t>(i)].find(name)) return {&v->data, i};
  return {};
}

Figure chain_rule_graph(const ChainRuleNumbers& n, const Trace& trace, int current) {
  const std::vector<Edge> edges = weight_edges(n, trace, current);
  const std::vector<std::vector<std::string>> texts = unit_labels(n, trace, current);
  const auto [layout, height] = shortest_layout(n, texts, edges);
  const auto up = [h = height](Point p) { return Point{p.x, h - p.y}; };  // the figure's y runs up
  Figure f{.title = "The network: weights, biases, a and δ of every unit",
           .x = {"", 0, kWidth},
           .y = {"", 0, height},
           .equal_aspect = true,
           .show_axes = false,
           .aspect = height / (kWidth + kFont)};
  Series ids{.kind = Series::Kind::Scatter, .color = Color::Gray, .width = 4};
  for (std::size_t e = 0; e < edges.size(); ++e) {
    const Point a = up(layout.units[edges[e].l][static_cast<std::size_t>(edges[e].i)]);
    const Point b = up(layout.units[edges[e].l + 1][static_cast<std::size_t>(edges[e].j)]);
    const bool orange = edges[e].chosen || edges[e].downstream;
    f.series.push_back({.kind = Series::Kind::Line,
                        .x = {a.x, b.x},
                        .y = {a.y, b.y},
                        .color = orange ? Color::Orange : Color::Gray,
                        .width = edges[e].chosen       ? 4.f
                                 : edges[e].downstream ? 2.5f
                                                       : 1.2f});
    const Point dot = up(layout.weight_dots[e]);
    ids.x.push_back(dot.x);  // the dot to click, even where the label is left out
    ids.y.push_back(dot.y);
    ids.ids.push_back(edges[e].id);
    ids.tips.push_back(edges[e].tip + "  (click to expand its chain)");
  }
  Series nodes{.kind = Series::Kind::Scatter, .color = Color::Blue, .width = static_cast<float>(kDot)};
  for (std::size_t l = 0; l < layout.units.size(); ++l)
    for (std::size_t j = 0; j < layout.units[l].size(); ++j) {
      nodes.x.push_back(layout.units[l][j].x);
      nodes.y.push_back(height - layout.units[l][j].y);
      nodes.tips.push_back(texts[l][j]);
    }
  f.series.push_back(std::move(ids));
  f.series.push_back(std::move(nodes));
  for (Annotation a : layout.labels) {
    a.y = height - a.y;
    f.annotations.push_back(std::move(a));
  }
  return f;
}

}  // namespace neurostep
