// graph_layout.h — a network drawn as a graph, shared by the chain-rule lesson's figure and the
// playground's panel: units placed in columns, and labels placed where they cover no other label
// and no unit, and as few edges as they can; a whole graph labelled at the shortest height where
// every label finds a place (labelled_graph). Pure geometry in pixels (y down) on boxes: it draws
// nothing and knows no renderer. Text is measured by an estimate that errs wide (DejaVu Sans's
// advance widths, rounded up), so a label the layout places is never wider than it is drawn.
#pragma once

#include <string>
#include <vector>

#include "figure/figure_painter.h"

namespace neurostep {

struct Box {
  double x0, y0, x1, y1;  // pixels, y down
};
// Whether a and b share more than a hair (`gap` pixels of space kept between them).
bool boxes_overlap(const Box& a, const Box& b, double gap = 2);

// Every column's unit centres, the columns evenly from `area`'s left to its right edge (one column:
// its middle). `Full`: a column's units from the top of `area` to its bottom (one unit: the middle);
// `Rows`: each unit a row as high as the tallest column's rows, every column centred in `area`.
enum class ColumnSpread { Full, Rows };
std::vector<std::vector<Point>> unit_columns(const std::vector<int>& counts, const Box& area, ColumnSpread spread);

// Titles over columns (`widths` wide, centred on `xs`, left to right, `font` high): each on the first
// row, or on the second where it would come closer than half a line to the title before it on the
// first. Returns each title's top-left corner, the first row's top at `top`.
std::vector<Point> column_titles(const std::vector<double>& widths, const std::vector<double>& xs, double top,
                                 double font);

// A label's size at text size `font`: its widest line (estimated wide) and its lines' height.
double label_width(const std::string& text, double font);
int label_lines(const std::string& text);
Point label_size(const std::string& text, double font);

// Where the figure painter draws an annotation of `size` at point q: above-right of q, or centred
// under it (`below`) — the one rule paint_annotation and the layout share.
Box annotation_box(Point q, Point size, bool below, double font);

// Labels placed one by one in `area`, each covering nothing placed before.
class LabelPlacer {
 public:
  explicit LabelPlacer(Box area) : area_(area) {}
  void take(const Box& b) { taken_.push_back(b); }  // a unit or a placed label: later labels stay off it
  void add_edge(Point a, Point b) { edges_.push_back({a, b}); }

  // How badly a label in `b` would sit is must_not(b) + 40 per edge it covers (what had better not):
  // 10⁴ per pixel² over the area's edge or over anything taken (what must not happen).
  double must_not(const Box& b) const;
  // Whether a label in `b` stays inside the area and covers nothing taken (edges allowed).
  bool fits(const Box& b) const;
  // The overlap with what is taken (for a label's dot, which sits on its edge by design).
  double covered(const Box& b) const;

  // A label for the edge a–b: the point along it (10 % to 90 %), above-right of it or under it,
  // where it covers nothing taken and as few edges as it can, nearest the share `prefer` of the way.
  struct OnEdge {
    Point at;    // the label's point on the edge
    bool below;  // centred under it, else above-right
    Box box;
  };
  OnEdge along_edge(Point a, Point b, double prefer, Point size, double font) const;

 private:
  struct Segment {
    Point a, b;
  };
  int crossings(const Box& b) const;
  Box area_;
  std::vector<Box> taken_;
  std::vector<Segment> edges_;
};

// A layered graph with a label under every unit and one along every edge, laid out in a plot
// `width` pixels wide (y down), as short as it can be: from three quarters of the width up to
// `tallest`, the first height at which every label finds a free place — the units in straight
// columns, else in a zigzag (every other column half a row lower, so that labels of neighbouring
// columns, too wide to sit side by side, sit one below the other). Past `tallest`, the labels that
// find no place are left out (`missing`); every edge keeps its dot.
struct GraphStyle {
  double font = 13;       // text size, pixels
  double width = 265;     // the plot's width, pixels
  double dot = 10;        // a unit's radius, pixels
  double tallest = 1400;  // the tallest the graph may grow, pixels
};
struct GraphEdge {
  std::size_t column;  // from unit `from` of this column to unit `to` of the next
  int from, to;
  double prefer;  // the share of the way along the edge its label would rather be
  std::string text;
  Color color;  // its label's
};
struct LabelledGraph {
  double height = 0;
  std::vector<std::vector<Point>> units;  // per column, each unit's centre
  std::vector<Annotation> labels;         // the units' first (outputs, inputs, hidden), then the edges'
  std::vector<Point> edge_dots;           // per edge, in the order given: the point on it (to click)
  int missing = 0;                        // labels that found no free place
};
// `sizes`: units per column; `unit_texts`: per column, each unit's label.
LabelledGraph labelled_graph(const std::vector<int>& sizes, const std::vector<std::vector<std::string>>& unit_texts,
                             const std::vector<GraphEdge>& edges, const GraphStyle& style);

}  // namespace neurostep
