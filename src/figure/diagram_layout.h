// diagram_layout.h — what the two layouts of an architecture diagram share (inside src/figure only):
// placing measured text, the title and the total, and the layouts themselves.
#pragma once

#include <string>
#include <vector>

#include "figure/diagram.h"

namespace neurostep {

inline constexpr double kDiagramMargin = 12;

// Builds one DiagramLayout: text is measured once and placed by its top edge.
struct DiagramBuilder {
  const NetworkDiagram& diagram;
  const MeasureText& measure;
  DiagramLayout& out;

  double width_of(const std::vector<std::string>& lines) const;
  double height_of(const std::vector<std::string>& lines) const;
  // Lines centred on x, the first one's top at y; returns the bottom of the last.
  double centred(const std::vector<std::string>& lines, double x, double y);
  // One line with its left edge at x; returns its width.
  double left(const std::string& line, double x, double y);
  double title();                            // at the top left; returns the bottom of the title
  void finish(double right, double bottom);  // the total under everything, and the canvas size
};

void layout_blocks(DiagramBuilder& b);
void layout_graph(DiagramBuilder& b);
Rgba rgba_of(Color c);
Color layer_color(DiagramLayer::Kind kind);

}  // namespace neurostep
