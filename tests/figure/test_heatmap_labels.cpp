// Heatmap labels never hidden (issue 26): every figure of every step of every lesson, painted at the
// size the screen gives a plot at 1024×700 (the plot column, 13 px text) and in presentation mode
// (text × 1.5, the plots sharing the window in its grid) at 1024×700 and 2560×1440, prints a label in every
// cell that has one — shrunk to fit (cell_label.h), never dropped — and each is the cell's value as
// the math prints it. The painter measures text with DejaVu Sans's advance widths.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "figure/figure_painter.h"
#include "figure/number_text.h"
#include "gui/plot_layout.h"
#include "lessons/framework/catalog.h"
#include "lessons/framework/lesson.h"
#include "measuring_painter.h"

using namespace neurostep;

namespace {

using test::MeasuringPainter;

struct Screen {
  const char* name;
  float font, width, height;  // the text size; the box the step's plots share (a column: its width)
  bool grid;                  // presentation mode: the plots in a grid, else a column of plots
};
// The lesson view at 1024×700 gives its plots a column about 390 px wide; presentation mode gives
// them the window less its bar and the math's 40 % (20 to 40 lines of text), in its plot grid —
// where a map gets at least the height its shape asks at 28 lines of text wide (plot_layout.h).
const Screen kScreens[] = {{"1024×700", 13, 390, 0, false},
                           {"presenting at 1024×700", 19.5, 590, 630, true},
                           {"presenting at 2560×1440", 19.5, 1740, 1360, true}};

// Every plot's box on `s`: a column gives each plot the height its shape asks; a grid shares the box.
std::vector<PlotBox> plot_boxes(const Screen& s, const std::vector<Figure>& figures) {
  if (s.grid) return plot_grid_boxes(figures, s.width, s.height, s.font, 12, 6).boxes;
  std::vector<PlotBox> boxes;
  for (const Figure& f : figures) boxes.push_back({s.width, static_cast<float>(figure_height(f, s.width, s.font))});
  return boxes;
}

}  // namespace

TEST_CASE("a label too wide for its cell is counted as hidden; the same label in a larger cell is drawn, shrunk") {
  Figure f{.title = "t", .show_axes = false};
  f.heatmaps.push_back({.rows = 1,
                        .cols = 8,
                        .values = std::vector<double>(8, -0.44721),
                        .x0 = 0,
                        .x1 = 8,
                        .y0 = 0,
                        .y1 = 1,
                        .show_values = true});
  f.x = {"", 0, 8};
  f.y = {"", 0, 1};
  MeasuringPainter narrow(13);
  CHECK(paint_figure(f, narrow, {0, 0}, 150, 100, FigureTheme::light()).hidden_labels == 8);  // cells about 18 px wide
  MeasuringPainter wide(13);
  CHECK(paint_figure(f, wide, {0, 0}, 500, 100, FigureTheme::light()).hidden_labels == 0);
  CHECK(std::count(wide.texts.begin(), wide.texts.end(), "−0.4472") == 8);
}

TEST_CASE("every heatmap label of every lesson's figures is drawn at 1024×700 and in presentation mode") {
  int heatmaps = 0;
  for (const auto& entry : scan_lessons(std::string(NEUROSTEP_SOURCE_DIR) + "/lessons")) {
    CAPTURE(entry.id);
    auto lesson = load_lesson(entry.path);
    const Trace trace = lesson->run();
    for (int step = 0; step < static_cast<int>(trace.steps.size()); ++step) {
      const std::vector<Figure> figures = lesson->figures(trace, step);
      for (const Screen& screen : kScreens)
        for (std::size_t i = 0; i < figures.size(); ++i) {
          const Figure& f = figures[i];
          bool labelled = false;
          for (const Heatmap& h : f.heatmaps) labelled = labelled || h.show_values;
          if (!labelled) continue;
          ++heatmaps;
          const PlotBox box = plot_boxes(screen, figures)[i];
          MeasuringPainter p(screen.font);
          const PlotArea m = paint_figure(f, p, {0, 0}, box.width, box.height, FigureTheme::dark(), screen.font * 3);
          CHECK_MESSAGE(m.hidden_labels == 0, entry.id << " step " << step + 1 << " \"" << f.title << "\" "
                                                       << std::string(screen.name) << ": " << m.hidden_labels
                                                       << " labels hidden");
        }
    }
  }
  CHECK(heatmaps > 20);
}
