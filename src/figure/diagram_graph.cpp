// diagram_graph.cpp — the layout of an MLP: a column of circles per layer (the input's values, then
// every dense layer's units), every shown unit joined to every shown unit of the next layer; a layer
// wider than kMaxShownNodes shows its first and last four units with "⋮" between. What a layer does
// is written above its column, its size and parameters below, each on one line across the diagram.
#include <fmt/format.h>

#include <algorithm>

#include "figure/diagram_layout.h"

namespace neurostep {

namespace {

constexpr double kRadius = 7, kSlot = 20;
constexpr int kShownEachEnd = 4;

struct GraphColumn {
  int units = 0;
  std::vector<std::string> above, below, names;
  double width = 0, x = 0;
  std::vector<Point> nodes;  // centres of the drawn units
  Color color = Color::Gray;
  int slots() const { return units > kMaxShownNodes ? 2 * kShownEachEnd + 1 : units; }
};

int units_of(const std::vector<int>& shape) {
  int n = 1;
  for (const int d : shape) n *= d;
  return n;
}

GraphColumn input_column(const DiagramBuilder& b, const DiagramLayer& input) {
  GraphColumn c;
  c.units = units_of(input.shape);
  c.above = {"input"};
  if (input.shape.size() == 3) c.above.push_back(shape_label(input.shape) + ", flattened");
  c.below = {fmt::format("{} {}", thousands(static_cast<std::size_t>(c.units)), c.units == 1 ? "input" : "inputs")};
  if (static_cast<int>(b.diagram.input_names.size()) == c.units && c.units <= kMaxShownNodes)
    c.names = b.diagram.input_names;
  return c;
}

std::vector<GraphColumn> graph_columns(const DiagramBuilder& b) {
  std::vector<GraphColumn> columns{input_column(b, b.diagram.layers.front())};
  for (std::size_t i = 1; i < b.diagram.layers.size(); ++i) {
    const DiagramLayer& l = b.diagram.layers[i];
    if (l.kind == DiagramLayer::Kind::Flatten) continue;  // the input column shows the flattened values
    GraphColumn c;
    c.units = units_of(l.shape);
    c.above = l.operation;
    c.below = {shape_label(l.shape)};
    if (const std::string p = params_label(l); !p.empty()) c.below.push_back(p);
    c.color = layer_color(l.kind);
    columns.push_back(c);
  }
  for (GraphColumn& c : columns)
    c.width =
        std::max({2 * kRadius, b.width_of(c.above), b.width_of(c.below), 2 * (kRadius + 4 + b.width_of(c.names))});
  return columns;
}

// The column's units centred on `mid`, and "⋮" in the middle slot of a wide layer.
void place_nodes(DiagramBuilder& b, GraphColumn& c, double mid) {
  const double top = mid - c.slots() * kSlot / 2 + kSlot / 2;
  for (int s = 0; s < c.slots(); ++s) {
    const double y = top + s * kSlot;
    if (c.units > kMaxShownNodes && s == kShownEachEnd) {
      b.centred({"⋮"}, c.x, y - b.measure("⋮").y / 2);
      continue;
    }
    c.nodes.push_back({c.x, y});
    b.out.nodes.push_back({{c.x, y}, kRadius, c.color});
    if (!c.names.empty()) {
      const std::string& name = c.names[static_cast<std::size_t>(s)];
      b.left(name, c.x - kRadius - 4 - b.measure(name).x, y - b.measure(name).y / 2);
    }
  }
}

}  // namespace

void layout_graph(DiagramBuilder& b) {
  std::vector<GraphColumn> columns = graph_columns(b);
  double above = 0, half = 0;
  for (const GraphColumn& c : columns) {
    above = std::max(above, b.height_of(c.above));
    half = std::max(half, c.slots() * kSlot / 2);
  }
  const double top = b.title() + 12, mid = top + above + 8 + half;
  double x = kDiagramMargin, bottom = mid + half + 8;
  for (GraphColumn& c : columns) {
    c.x = x + (&c == &columns.front() ? 0 : 70) + c.width / 2;
    place_nodes(b, c, mid);
    b.centred(c.above, c.x,
              mid - half - 8 - b.height_of(c.above));  // every column's labels on one line above and below
    bottom = std::max(bottom, b.centred(c.below, c.x, mid + half + 8));
    x = c.x + c.width / 2;
  }
  for (std::size_t i = 1; i < columns.size(); ++i)
    for (const Point& from : columns[i - 1].nodes)
      for (const Point& to : columns[i].nodes)
        b.out.lines.push_back({{from.x + kRadius, from.y}, {to.x - kRadius, to.y}, false, true});
  b.finish(x, bottom);
}

}  // namespace neurostep
