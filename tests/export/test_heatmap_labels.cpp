// Heatmap labels never hidden (issue 26): every figure of every step of every lesson, painted at the
// size the screen gives a plot at 1024×700 (the plot column, 13 px text) and in presentation mode
// (text × 1.5, the plots sharing the window) at 2560×1440, prints a label in every
// cell that has one — shrunk to fit (cell_label.h), never dropped — and each is the cell's value as
// the math prints it. The painter measures text with DejaVu Sans's advance widths.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "figure/figure_painter.h"
#include "figure/number_text.h"
#include "lessons/framework/catalog.h"
#include "lessons/framework/lesson.h"

using namespace neurostep;

namespace {

// Draws nothing; measures like DejaVu Sans (advance widths in em: digits 0.636, "." and "·" 0.318,
// "−" 0.838, superscripts 0.4, anything else 0.65; a line 1.17 em) and keeps every text drawn.
class MeasuringPainter final : public Painter {
 public:
  explicit MeasuringPainter(double font) : font_(font) {}
  std::vector<std::string> texts;

  double font_size() const override { return font_; }
  Point text_size(const std::string& text) override {
    double em = 0;
    for (std::size_t i = 0; i < text.size();) {
      const unsigned char c = static_cast<unsigned char>(text[i]);
      const std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      const std::string ch = text.substr(i, n);
      em += (c >= '0' && c <= '9') ? 0.636 : (ch == "." || ch == "·") ? 0.318 : ch == "−" ? 0.838 : n > 1 && ch != "·" ? 0.4 : 0.65;
      i += n;
    }
    return {em * font_ * scale_, 1.17 * font_ * scale_};
  }
  void set_text_scale(double scale) override { scale_ = scale; }
  void text(Point, const std::string& text, Rgba) override { texts.push_back(text); }
  void polyline(const std::vector<Point>&, Rgba, double, bool) override {}
  void polygon(const std::vector<Point>&, Rgba) override {}
  void rect(Point, Point, Rgba) override {}
  void rect_outline(Point, Point, Rgba, double) override {}
  void circle(Point, double, Rgba, Rgba) override {}
  void push_clip(Point, Point) override {}
  void pop_clip() override {}

 private:
  double font_, scale_ = 1;
};

struct Screen {
  const char* name;
  double font, width, height;  // the text size; the box the step's plots share (a column: its width)
  bool grid;                   // presentation mode: the plots in a grid, else a column of plots
};
// The lesson view at 1024×700 gives its plots a column about 390 px wide; presentation mode gives
// them the window below its title line.
// (Presenting at 1024×700, conv-gradients' 8×8 maps share the window with two more plots: cells of
// about 28 px cannot hold "−0.0087" at 19.5 px even halved; there the value shows on hover.)
const Screen kScreens[] = {{"1024×700", 13, 390, 0, false}, {"presenting at 2560×1440", 19.5, 2520, 1330, true}};

// The box of one of `count` plots: a column gives each plot the height the window gives it; a grid shares the box
// (two side by side, more in a square-ish grid).
Point plot_box(const Screen& s, const Figure& f, int count) {
  if (!s.grid) return {s.width, figure_height(f, s.width, s.font)};
  const int cols = count <= 2 ? count : static_cast<int>(std::ceil(std::sqrt(count)));
  const int rows = (count + cols - 1) / cols;
  return {s.width / cols, s.height / rows};
}

}  // namespace

TEST_CASE("a label too wide for its cell is counted as hidden; the same label in a larger cell is drawn, shrunk") {
  Figure f{.title = "t", .show_axes = false};
  f.heatmaps.push_back({.rows = 1, .cols = 8, .values = std::vector<double>(8, -0.44721), .x0 = 0, .x1 = 8, .y0 = 0, .y1 = 1, .show_values = true});
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
        for (const Figure& f : figures) {
          bool labelled = false;
          for (const Heatmap& h : f.heatmaps) labelled = labelled || h.show_values;
          if (!labelled) continue;
          ++heatmaps;
          const Point box = plot_box(screen, f, static_cast<int>(figures.size()));
          MeasuringPainter p(screen.font);
          const PlotArea m = paint_figure(f, p, {0, 0}, box.x, box.y, FigureTheme::dark(), screen.font * 3);
          CHECK_MESSAGE(m.hidden_labels == 0, entry.id << " step " << step + 1 << " \"" << f.title << "\" " << std::string(screen.name) << ": "
                                                       << m.hidden_labels << " labels hidden");
        }
    }
  }
  CHECK(heatmaps > 20);
}
