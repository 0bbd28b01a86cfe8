// figure_tikz: a figure's data comes out exactly (every coordinate reads back to the same double),
// a heatmap's cells come out with their colours as on screen and their values where they fit, and
// text is escaped for LaTeX with its symbols as commands.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <string>

#include "export/figure_tikz.h"
#include "figure/figure_painter.h"

using namespace neurostep;

namespace {

bool holds(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("a curve's points come out exactly, in order, with its colour named and its label in the legend") {
  Figure f;
  f.title = "Loss & accuracy_1";
  f.series.push_back({.kind = Series::Kind::Line,
                      .label = "σ(z) − y",
                      .x = {0, 0.1, 1e-7},
                      .y = {0.30000000000000004, -2.5, 1234567.125},
                      .color = Color::Orange});
  const std::string tex = figure_tikz(f);
  CHECK(holds(tex, "\\definecolor{nsorange}{rgb}{1.000,0.498,0.055}"));
  // 0.1 + 0.2 is written in full: the shortest text that reads back to the same double
  CHECK(holds(tex, "{x y\\\\\n0 0.30000000000000004\\\\\n0.1 -2.5\\\\\n1e-07 1234567.125\\\\\n}"));
  CHECK(holds(tex, "\\addplot[color=nsorange, line width=2pt, no marks]"));
  CHECK(holds(tex, "\\addlegendentry{\\ensuremath{\\sigma}(z) \\ensuremath{-} y}"));
  CHECK(holds(tex, "title={Loss \\& accuracy\\_1}"));
  CHECK_FALSE(holds(tex, "σ"));  // no Unicode left: the file needs no declarations
}

TEST_CASE("a scatter series is marks only; an unlabelled series stays out of the legend") {
  Figure f;
  f.series.push_back(point_series("", 1, 2, Color::Green));
  const std::string tex = figure_tikz(f);
  CHECK(holds(tex, "only marks"));
  CHECK(holds(tex, "forget plot"));
  CHECK_FALSE(holds(tex, "\\addlegendentry"));
}

TEST_CASE("a 2 × 2 heatmap: each cell at its centre, row 0 at the top, its colour and its value") {
  // Cells over [0, 2] × [0, 2]: row 0 (values 1, −2) at y = 1.5, row 1 (0.5, 0) at y = 0.5.
  Figure f = matrix_figure("K", {1, -2, 0.5, 0}, 2, 2, true);
  const Heatmap& h = f.heatmaps[0];
  const std::string tex = figure_tikz(f, {.width_cm = 8, .max_height_cm = 8, .font_pt = 10});
  CHECK(holds(tex, "matrix plot*, mesh/cols=2"));
  const Rgb top_right = heatmap_rgb(h, -2);
  // The bottom row comes first in the table (y grows up it).
  const auto bottom = tex.find("0.5 0.5 rgb="), top = tex.find(fmt::format("1.5 1.5 rgb={:.3f},{:.3f},{:.3f}\\\\ % -2",
                                                                           top_right.r, top_right.g, top_right.b));
  CHECK(bottom != std::string::npos);
  CHECK(top != std::string::npos);
  CHECK(bottom < top);
  CHECK(holds(tex, "at (axis cs:1.5,1.5) {\\ensuremath{-}2}"));
  CHECK(holds(tex, "at (axis cs:0.5,0.5) {0.5}"));
}
