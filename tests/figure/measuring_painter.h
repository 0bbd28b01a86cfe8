// A Painter for the figure tests: draws nothing, measures text like DejaVu Sans (advance widths in
// em: digits 0.636, "." and "·" 0.318, "−" 0.838, sub- and superscripts 0.4, anything else 0.65; a
// line 1.17 em) and keeps every text it was asked to draw, with its box, and every circle.
#pragma once

#include <string>
#include <vector>

#include "figure/figure_painter.h"

namespace neurostep::test {

class MeasuringPainter final : public Painter {
 public:
  struct Text {
    std::string text;
    Point p0, p1;  // its box
    bool in_plot;  // drawn inside the clip of a plot area (an annotation), not the title's
  };
  struct Circle {
    Point centre;
    double radius;
  };
  explicit MeasuringPainter(double font) : font_(font) {}
  std::vector<std::string> texts;
  std::vector<Text> boxes;
  std::vector<Circle> circles;

  double font_size() const override { return font_; }
  Point text_size(const std::string& text) override {
    double em = 0, widest = 0;
    int lines = 1;
    for (std::size_t i = 0; i < text.size();) {
      const unsigned char c = static_cast<unsigned char>(text[i]);
      const std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      const std::string ch = text.substr(i, n);
      if (ch == "\n")
        widest = std::max(widest, em), em = 0, ++lines;
      else
        em += (c >= '0' && c <= '9')     ? 0.636
              : (ch == "." || ch == "·") ? 0.318
              : ch == "−"                ? 0.838
              : n > 1 && ch != "·"       ? 0.4
                                         : 0.65;
      i += n;
    }
    return {std::max(widest, em) * font_ * scale_, lines * 1.17 * font_ * scale_};
  }
  void set_text_scale(double scale) override { scale_ = scale; }
  void text(Point at, const std::string& text, Rgba) override {
    texts.push_back(text);
    const Point size = text_size(text);
    boxes.push_back({text, at, {at.x + size.x, at.y + size.y}, clip_depth_ > 0 && !title_clip_});
  }
  void polyline(const std::vector<Point>&, Rgba, double, bool) override {}
  void polygon(const std::vector<Point>&, Rgba) override {}
  void rect(Point, Point, Rgba) override {}
  void rect_outline(Point, Point, Rgba, double) override {}
  void circle(Point centre, double radius, Rgba, Rgba) override { circles.push_back({centre, radius}); }
  // The title's clip is the first one a figure pushes, from the figure's own top-left corner.
  void push_clip(Point a, Point) override { title_clip_ = ++clip_depth_ == 1 && a.y == origin_y_; }
  void pop_clip() override { --clip_depth_, title_clip_ = false; }
  void set_origin_y(double y) { origin_y_ = y; }

 private:
  double font_, scale_ = 1, origin_y_ = 0;
  int clip_depth_ = 0;
  bool title_clip_ = false;
};

}  // namespace neurostep::test
