// figure_painter.h — lays out and draws a Figure through an abstract Painter, so the screen (ImGui)
// and the files (Cairo PNG/PDF, SVG) draw the same plot from one piece of code: title, axes with
// round ticks, grid, labels, heatmaps with their colour scale, series, annotations and legend.
// A renderer implements Painter; nothing here knows which one it is.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "figure/figure.h"

namespace neurostep {

struct Point {
  double x, y;
};
struct Rgba {
  float r, g, b, a = 1;
};
enum class Align { Left, Center, Right };

class Painter {
 public:
  virtual ~Painter() = default;
  virtual double font_size() const = 0;
  virtual Point text_size(const std::string& text) = 0;  // width, height of (possibly multi-line) text
  // The size of the text that text_size and text measure and draw from now on, as a share of
  // font_size() (1 until set; heatmap cells shrink their labels with it, cell_label.h).
  virtual void set_text_scale(double scale) = 0;
  virtual void text(Point top_left, const std::string& text, Rgba color) = 0;
  virtual void polyline(const std::vector<Point>& points, Rgba color, double width, bool dashed) = 0;
  virtual void polygon(const std::vector<Point>& points, Rgba fill) = 0;  // convex, filled
  virtual void rect(Point a, Point b, Rgba fill) = 0;
  virtual void rect_outline(Point a, Point b, Rgba color, double width) = 0;
  virtual void circle(Point center, double radius, Rgba fill, Rgba outline) = 0;
  virtual void push_clip(Point a, Point b) = 0;
  virtual void pop_clip() = 0;
};

// Colours of everything that is not data: dark for the screen, light for slides and paper.
struct FigureTheme {
  Rgba background, plot_background, axis, grid, text, legend_background;
  static FigureTheme dark();
  static FigureTheme light();
};

// Where the data went: screen coordinates of the plot area and the data range it shows, for hover
// read-outs and clicks; and where the title went, for showing a shortened one whole on hover.
struct PlotArea {
  Point p0, p1;  // top-left and bottom-right of the plot area
  double x0, x1, y0, y1;
  Point title_p0{}, title_p1{};  // the box of the title as drawn
  bool title_shortened = false;  // the title did not fit its line and ends in "…"
  int hidden_labels = 0;         // heatmap cells whose label fits not even at kMinLabelScale (cell_label.h)
  Point to_screen(double x, double y) const;
  double data_x(double sx) const;
  double data_y(double sy) const;
};

// Draws `figure` into the rectangle at `origin` of `width` × `height`. The title has the first
// line of the box to itself (nothing else of the figure is drawn there). `reserve_right` > 0 keeps
// that much of the title line free at its right end (the screen's Save button) and shortens a
// title that does not fit the rest with "…" (PlotArea::title_shortened); 0, as for files: the
// whole title.
PlotArea paint_figure(const Figure& figure, Painter& painter, Point origin, double width, double height,
                      const FigureTheme& theme, double reserve_right = 0);

// `text` if it is at most `width` wide, else its longest beginning that is, with "…" (never cut
// inside a UTF-8 character; "…" alone if nothing else fits).
std::string shorten_to_width(const std::string& text, double width, Painter& painter);
std::string shorten_to_width(const std::string& text, double width,
                             const std::function<double(const std::string&)>& text_width);

// The colour of a heatmap value on its scale (diverging: blue – white – red around 0).
Rgb heatmap_rgb(const Heatmap& h, double value);

}  // namespace neurostep
