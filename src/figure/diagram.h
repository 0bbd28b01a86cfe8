// diagram.h — a network's architecture as figure data, laid out and drawn: CNNs as LeNet-style
// feature-map blocks (stacked rectangles as large as the maps, "C@H×W" under them, the kernel and
// stride on the arrow into them, flatten and dense layers as bars), MLPs as layered node graphs
// (a column of circles per layer, "⋮" in a layer wider than kMaxShownNodes). Every block carries
// the parameter counts of its layers and the diagram the model's total.
//
// Knows no model: src/lessons/training/model_diagram.h turns a core Sequential into a
// NetworkDiagram. The layout is shapes in points on a canvas (y down), which the painters
// (figure_painter.h: screen, PNG, PDF, SVG) draw with paint_diagram and the TikZ writer
// (src/export/diagram_files.h) writes out one by one.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "figure/figure_painter.h"

namespace neurostep {

// One column of the diagram: what a layer that makes a new shape outputs, with the layers after
// it that keep the shape (activations, batch normalization, dropout) folded into it.
struct DiagramLayer {
  enum class Kind { Input, Conv, Pool, Pad, Flatten, Dense };
  Kind kind = Kind::Input;
  std::vector<int> shape;              // its output per sample: {C, H, W} or {units}
  std::vector<std::string> operation;  // lines on the arrow into it: "conv 5×5", "stride 1", "ReLU"
  std::vector<std::size_t> params;     // parameter counts of its layers that have parameters
};

struct NetworkDiagram {
  std::string title;
  std::vector<DiagramLayer> layers;      // the input first
  std::size_t total_params = 0;          // the model's own count
  bool graph = false;                    // an MLP: layered node graph instead of blocks
  std::vector<std::string> input_names;  // names of the input nodes (the playground's features), or none
};

inline constexpr int kMaxShownNodes = 10;  // a wider layer shows 4 nodes, "⋮", 4 nodes

// "208 parameters", "9,248 + 64 parameters" (a convolution and its batch normalization), "" for
// none; and the total: "42,154 parameters in all".
std::string params_label(const DiagramLayer& layer);
std::string total_label(std::size_t total);
// "8@24×24" for maps, "128" for units.
std::string shape_label(const std::vector<int>& shape);
// 42154 → "42,154".
std::string thousands(std::size_t n);

// The laid-out diagram: shapes in points, y down, on a canvas of width × height.
struct DiagramBox {
  Point a, b;   // top-left, bottom-right
  Color color;  // filled lightly, outlined in the colour
};
struct DiagramNode {
  Point center;
  double radius;
  Color color;
};
struct DiagramLine {
  Point a, b;
  bool arrow = false;  // an arrow head at b
  bool faint = false;  // the graph's edges: thin and light
};
struct DiagramText {
  Point at;                   // top-left of the text as measured
  Point size;                 // width, height as measured
  std::string text;           // one line
  Align align = Align::Left;  // how writers with other fonts anchor it: at its left or centre
};
struct DiagramLayout {
  double width = 0, height = 0;
  std::vector<DiagramBox> boxes;
  std::vector<DiagramNode> nodes;
  std::vector<DiagramLine> lines;
  std::vector<DiagramText> texts;
};

using MeasureText = std::function<Point(const std::string&)>;  // width, height of one line
DiagramLayout layout_diagram(const NetworkDiagram& diagram, const MeasureText& measure);

// Draws the layout with its top-left corner at `origin`, on a light background.
void paint_diagram(const DiagramLayout& layout, Painter& painter, Point origin = {0, 0});

}  // namespace neurostep
