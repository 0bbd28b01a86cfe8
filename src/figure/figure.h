// figure.h — a plot as data: title, axes, and what is drawn on them. Lessons build figures from the
// trace up to the current step; a renderer draws them (ImGui on screen, files on export). Nothing
// in a lesson knows which renderer will draw it.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "figure/number_text.h"

namespace neurostep {

// Colours are indices into one palette shared by every renderer (see palette_rgb).
enum class Color : std::uint8_t { Blue, Orange, Green, Red, Purple, Brown, Pink, Gray, Olive, Cyan, Black };
struct Rgb {
  float r, g, b;
};
Rgb palette_rgb(Color c);

struct Series {
  enum class Kind { Line, Scatter, Polygon };  // Polygon: a filled area (e.g. the side of a decision line)
  Kind kind = Kind::Line;
  std::string label;  // shown in the legend; empty: not listed
  std::vector<double> x, y;
  Color color = Color::Blue;
  float width = 2;  // line width or marker radius, in points
  float alpha = 1;  // for Polygon fills
  bool dashed = false;
  std::vector<int> ids;           // optional, one per point: clicking the point reports its id to the lesson
  std::vector<std::string> tips;  // optional, one per point: what hovering it shows instead of its coordinates
  bool hollow = false;  // Scatter: rings on a light fill instead of filled dots (the playground's test points)
};

// A value grid drawn as coloured cells over [x0, x1] × [y0, y1]; row 0 is at the top.
struct Heatmap {
  int rows = 0, cols = 0;
  std::vector<double> values;  // rows·cols, row-major
  double x0 = 0, x1 = 1, y0 = 0, y1 = 1;
  double min = 0, max = 1;   // the colour scale's range
  bool diverging = false;    // blue (negative) – white (0) – red (positive); else white → blue
  bool show_values = false;  // print each cell's value when it fits
  std::string scale_label;   // label of the colour scale
  int click_id = -1;         // ≥ 0: clicking cell (row, col) reports click_id + row·cols + col to the lesson
  // Non-empty: a class map instead of a scale. A value k + s (0 ≤ s < 1) is class k, drawn in the
  // palette colour classes[k] the stronger the larger s (how sure a classifier is); no colour scale.
  std::vector<Color> classes;
};

struct Annotation {
  double x, y;
  std::string text;            // may hold several lines
  Color color = Color::Black;  // Black: the renderer's text colour
  bool below = false;          // centred under the point instead of above to its right
};

struct Axis {
  std::string label;
  double min = 0, max = 1;    // the range shown
  std::vector<double> ticks;  // where to put ticks, if not at round numbers (e.g. channels 1, 2, 3)
};

enum class Corner { TopLeft, TopRight, BottomLeft, BottomRight, Below };  // Below: a row under the plot

struct Figure {
  std::string title;
  Axis x, y;
  std::vector<Series> series;
  std::vector<Heatmap> heatmaps;  // drawn first, under the series
  std::vector<Annotation> annotations;
  bool equal_aspect = false;         // one unit is as long on both axes (geometry plots)
  Corner legend = Corner::TopRight;  // where the legend sits inside the plot
  bool show_axes = true;             // false for diagrams (a network graph): no ticks, no grid
  double aspect = 0.6;               // height / width the renderers aim for
  std::vector<double>
      withheld;  // numbers no hover read-out may show (Try it's asked values: withheld.h's mask_figures)
  int decimals =
      kShownDecimals;  // of its cell labels, colour-scale ends and hover read-outs: its texts' (Lesson::decimals)

  // Fits the axis ranges around all series (with a small margin) where min == max.
  void fit_axes(double margin = 0.05);
};

// The height a renderer gives a figure drawn `width` wide: width · aspect, with room for the title
// and labels of figures that keep one unit equally long on both axes (matrices, image grids), for
// the top label of a colour scale under the title of a figure without axes, and for a legend below
// the plot. The window and the exports use the same.
double figure_height(const Figure& figure, double width, double font_size);

// A curve y = f(x) sampled at n points over [x0, x1].
Series function_series(std::string label, const std::function<double(double)>& f, double x0, double x1, Color color,
                       int n = 200);
// A single point, drawn as a marker.
Series point_series(std::string label, double x, double y, Color color, float radius = 5);

// The colour scale of heatmaps showing `maps`: from the smallest to the largest finite value, 0
// always included, or symmetric about 0 when `diverging`; never empty.
struct ColourScale {
  double min, max;
};
ColourScale colour_scale(const std::vector<std::vector<double>>& maps, bool diverging);

// A matrix (row 0 at the top) as a figure of one heatmap over [0, cols] × [0, rows], without axes.
// `diverging`: blue–white–red around 0 (for gradients and kernels); otherwise white → blue.
Figure matrix_figure(std::string title, const std::vector<double>& values, int rows, int cols, bool diverging,
                     bool show_values = true);
// Outlines the cells [row, row + height) × [col, col + width) of a matrix_figure (a sliding window).
void add_window(Figure& figure, int row, int col, int height, int width, Color color = Color::Orange);

// Round tick positions ("nice numbers": 1, 2, 2.5 or 5 × 10ᵏ) covering [min, max], about `target` of them.
std::vector<double> nice_ticks(double min, double max, int target = 6);
// A tick label with as few decimals as the tick spacing needs ("0.25", "−1", "1000").
std::string tick_label(double value, double spacing);

}  // namespace neurostep
