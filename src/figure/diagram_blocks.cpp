// diagram_blocks.cpp — the LeNet-style layout of a CNN: a column per layer that makes a new shape,
// feature maps as stacked rectangles as large as the maps (a few for many channels), vectors as
// bars, the operation on the arrow between columns, shape and parameters under each column.
#include <algorithm>
#include <cmath>

#include "figure/diagram_layout.h"

namespace neurostep {

namespace {

constexpr double kLargestMap = 84;  // points for the widest map's side
constexpr double kDepthStep = 5;    // offset between stacked maps
constexpr int kMostCopies = 5;      // rectangles drawn for a stack of maps
constexpr double kBarWidth = 14;
constexpr double kWidestRow =
    1000;  // points: a wider network wraps into rows (VGG's 13 convolutions), each legible on a page

struct Column {
  Point block;  // width, height of the drawn stack or bar
  int copies = 1;
  std::vector<std::string> under;  // shape and parameters
  double width = 0, x = 0;         // column width, centre
};

Column measure_column(const DiagramBuilder& b, const DiagramLayer& l, double scale) {
  Column c;
  if (l.shape.size() == 3) {
    c.copies = std::min(l.shape[0], kMostCopies);
    const double extra = kDepthStep * (c.copies - 1);
    c.block = {std::max(8.0, l.shape[2] * scale) + extra, std::max(8.0, l.shape[1] * scale) + extra};
  } else {
    const double units = std::max(1, l.shape.empty() ? 1 : l.shape[0]);
    c.block = {kBarWidth, std::min(150.0, 16 + 36 * std::log10(units))};
  }
  if (l.kind == DiagramLayer::Kind::Input) c.under.push_back("input");
  c.under.push_back(shape_label(l.shape));
  if (const std::string p = params_label(l); !p.empty()) c.under.push_back(p);
  c.width = std::max(c.block.x, b.width_of(c.under));
  return c;
}

void add_block(DiagramBuilder& b, const Column& c, Color color, double y_mid) {
  const double w = c.block.x - kDepthStep * (c.copies - 1), h = c.block.y - kDepthStep * (c.copies - 1);
  const double x0 = c.x - c.block.x / 2, y0 = y_mid - c.block.y / 2;
  for (int k = c.copies - 1; k >= 0; --k) {  // the back rectangle (up and right) first
    const Point a{x0 + k * kDepthStep, y0 + (c.copies - 1 - k) * kDepthStep};
    b.out.boxes.push_back({a, {a.x + w, a.y + h}, color});
  }
}

}  // namespace

void layout_blocks(DiagramBuilder& b) {
  const auto& layers = b.diagram.layers;
  int largest = 1;
  for (const DiagramLayer& l : layers)
    if (l.shape.size() == 3) largest = std::max({largest, l.shape[1], l.shape[2]});
  const double scale = kLargestMap / largest;
  std::vector<Column> columns;
  std::vector<double> gaps;  // before each column
  double half = 0, above = 0, below = 0;
  for (const DiagramLayer& l : layers) {
    columns.push_back(measure_column(b, l, scale));
    half = std::max(half, columns.back().block.y / 2);
    above = std::max(above, b.height_of(l.operation) + 6);
    below = std::max(below, b.height_of(columns.back().under));
    gaps.push_back(columns.size() == 1 ? 0 : std::max(40.0, b.width_of(l.operation) + 16));
  }
  const double top = b.title() + 12, row_height = std::max(half, above) + half + 8 + below + 24;
  double mid = top + std::max(half, above), x = kDiagramMargin, right = x, bottom = mid + half + 8;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    Column& c = columns[i];
    const bool wraps =
        i > 0 && x + gaps[i] + c.width > kWidestRow;  // a deep network goes on in a row below, from the left
    if (wraps) {
      const Column& p = columns[i - 1];
      b.out.lines.push_back({{p.x + p.block.x / 2 + 3, mid}, {x + 12, mid}, true, false});
      x = kDiagramMargin;
      mid += row_height;
    }
    c.x = x + gaps[i] + c.width / 2;
    if (i > 0) {
      const double from = wraps ? x : columns[i - 1].x + columns[i - 1].block.x / 2 + 3, to = c.x - c.block.x / 2 - 3;
      b.out.lines.push_back({{from, mid}, {to, mid}, true, false});
      const auto& op = layers[i].operation;
      b.centred(op, (x + c.x - c.width / 2) / 2, mid - 5 - b.height_of(op));
    }
    add_block(b, c, layer_color(layers[i].kind), mid);
    bottom = std::max(bottom, b.centred(c.under, c.x, mid + half + 8));
    x = c.x + c.width / 2;
    right = std::max(right, x + (i + 1 < columns.size() ? 12 : 0));
  }
  b.finish(right, bottom);
}

}  // namespace neurostep
