// cell_label.h — what a heatmap cell prints and at what size: the cell's value as the math prints it
// (format_number at its figure's decimals, the lesson's, never fewer digits), in text shrunk until it fits the cell.
// Every renderer (the screen's ImGui, Cairo PNG/PDF, SVG, the web canvas, TikZ) asks here, so a
// label is the same everywhere. A label that does not fit even at kMinLabelScale is not drawn; the
// screen shows every cell's value on hover.
#pragma once

#include <functional>
#include <string>

namespace neurostep {

constexpr double kMinLabelScale = 0.5;  // labels shrink to half the figure's text size, no further

struct CellLabel {
  std::string text;  // "−0.4472", "0", "·" for a cell not computed yet; empty: none to print
  double scale = 1;  // of the figure's text size
  bool fits = true;  // false: too large for its cell even at kMinLabelScale (not drawn)
};

// The label of a cell of `width` × `height` holding `value` (NaN: not computed yet) at `decimals`
// (its figure's: Figure::decimals), with `text_size(text)` the width and height of a text at the
// figure's text size.
CellLabel cell_label(double value, int decimals, double width, double height,
                     const std::function<std::pair<double, double>(const std::string&)>& text_size);

}  // namespace neurostep
