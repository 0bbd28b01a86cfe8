// The title line of figure_painter: on screen the Save button keeps the right end of the line and
// a longer title ends in "…"; a file keeps the whole title; nothing else is drawn on that line.
#include <doctest/doctest.h>

#include "figure/figure_painter.h"

using namespace neurostep;

namespace {

// A painter that draws nothing: every character is 8 wide and a line 10 high; it keeps each text
// with where it went.
class RecordingPainter final : public Painter {
 public:
  struct Text {
    Point at;
    std::string text;
  };
  std::vector<Text> texts;

  double font_size() const override { return 10; }
  Point text_size(const std::string& text) override {
    double n = 0;
    for (unsigned char c : text) n += (c & 0xC0) != 0x80;  // characters, not UTF-8 bytes
    return {8 * n * scale_, 10 * scale_};
  }
  void set_text_scale(double scale) override { scale_ = scale; }
  void text(Point at, const std::string& text, Rgba) override { texts.push_back({at, text}); }
  void polyline(const std::vector<Point>&, Rgba, double, bool) override {}
  void polygon(const std::vector<Point>&, Rgba) override {}
  void rect(Point, Point, Rgba) override {}
  void rect_outline(Point, Point, Rgba, double) override {}
  void circle(Point, double, Rgba, Rgba) override {}
  void push_clip(Point, Point) override {}
  void pop_clip() override {}

 private:
  double scale_ = 1;
};

}  // namespace

TEST_CASE("shorten_to_width: whole if it fits, else the longest beginning that fits with \"…\"") {
  RecordingPainter p;
  CHECK(shorten_to_width("Input X", 56, p) == "Input X");                     // 7 characters, 56 wide
  CHECK(shorten_to_width("Input X with the window", 80, p) == "Input X w…");  // 10 characters, "…" included
  CHECK(shorten_to_width("∂E/∂W (crossed out)", 56, p) ==
        "∂E/∂W…");  // never inside a UTF-8 character; no space before "…"
  CHECK(shorten_to_width("Weights", 4, p) == "…");
}

TEST_CASE("the title leaves the screen's button room and says when it was shortened; a file keeps it whole") {
  Figure f = matrix_figure("P, the dense layer's input, map 0", {1, -2, 3, 4}, 2, 2, true);  // 33 characters, 264 wide
  {
    RecordingPainter screen;
    const PlotArea m = paint_figure(f, screen, {0, 0}, 200, 220, FigureTheme::dark(), 50);
    REQUIRE_FALSE(screen.texts.empty());
    const std::string shown = screen.texts.front().text;  // the title is drawn first
    CHECK(shown.size() < f.title.size());
    CHECK(shown.substr(shown.size() - 3) == "…");
    CHECK(screen.text_size(shown).x <= 200 - 2 - 50);
    CHECK(m.title_shortened);
    CHECK(m.title_p1.x <= 200 - 50);
    // The colour scale's top label stands under the title line, not beside the title.
    for (const auto& t : screen.texts)
      if (&t != &screen.texts.front()) CHECK(t.at.y >= m.title_p1.y);
  }
  {
    RecordingPainter file;
    const PlotArea m = paint_figure(f, file, {0, 0}, 200, 220, FigureTheme::light());
    CHECK(file.texts.front().text == f.title);
    CHECK_FALSE(m.title_shortened);
  }
  {
    RecordingPainter wide;  // room enough: whole, not shortened
    const PlotArea m = paint_figure(f, wide, {0, 0}, 400, 420, FigureTheme::dark(), 50);
    CHECK(wide.texts.front().text == f.title);
    CHECK_FALSE(m.title_shortened);
  }
}
