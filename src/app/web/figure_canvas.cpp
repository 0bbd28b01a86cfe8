// figure_canvas.cpp — the web edition's figure renderer (export/figure_renderer.h): PNG drawn by
// the browser's 2-D canvas with the page's DejaVu Sans (the font of every other renderer), text
// measured by the same canvas for SVG. There is no PDF renderer in the browser.
#include <stdexcept>
#include <vector>

#include "app/web/page.h"
#include "export/figure_renderer.h"

namespace neurostep {

namespace {

class CanvasText final : public TextMeasure {
 public:
  explicit CanvasText(double size) : size_(size) { canvas_font_metrics(size, &ascent_, &descent_); }
  double ascent() const override { return ascent_; }
  double line_height() const override { return ascent_ + descent_; }
  double advance(const std::string& line) const override { return canvas_text_width(line.c_str(), size_); }

 private:
  double size_, ascent_ = 0, descent_ = 0;
};

class CanvasPainter final : public Painter {
 public:
  explicit CanvasPainter(double font) : font_(font), text_(font) {}
  double font_size() const override { return font_; }
  Point text_size(const std::string& text) override { return text_.size(text); }
  void set_text_scale(double scale) override {
    text_ = CanvasText(font_ * scale);
    canvas_font(font_ * scale);
  }
  void text(Point at, const std::string& text, Rgba c) override {
    canvas_fill_style(c.r, c.g, c.b, c.a);
    double y = at.y + text_.ascent();
    for (const auto& line : text_lines(text)) {
      canvas_text(at.x, y, line.c_str());
      y += text_.line_height();
    }
  }
  void polyline(const std::vector<Point>& pts, Rgba c, double width, bool dashed) override {
    if (pts.size() < 2) return;
    canvas_stroke_style(c.r, c.g, c.b, c.a, width, dashed);
    path(pts, false, false);
  }
  void polygon(const std::vector<Point>& pts, Rgba fill) override {
    canvas_fill_style(fill.r, fill.g, fill.b, fill.a);
    path(pts, true, true);
  }
  void rect(Point a, Point b, Rgba fill) override {
    canvas_fill_style(fill.r, fill.g, fill.b, fill.a);
    canvas_rect(a.x, a.y, b.x - a.x, b.y - a.y, 1);
  }
  void rect_outline(Point a, Point b, Rgba c, double width) override {
    canvas_stroke_style(c.r, c.g, c.b, c.a, width, 0);
    canvas_rect(a.x, a.y, b.x - a.x, b.y - a.y, 0);
  }
  void circle(Point center, double r, Rgba fill, Rgba outline) override {
    canvas_fill_style(fill.r, fill.g, fill.b, fill.a);
    canvas_stroke_style(outline.r, outline.g, outline.b, outline.a, 1, 0);
    canvas_circle(center.x, center.y, r);
  }
  void push_clip(Point a, Point b) override { canvas_clip(a.x, a.y, b.x - a.x, b.y - a.y); }
  void pop_clip() override { canvas_unclip(); }

 private:
  static void path(const std::vector<Point>& pts, bool close, bool fill) {
    std::vector<double> xy;
    for (const Point& p : pts) xy.insert(xy.end(), {p.x, p.y});
    canvas_path(xy.data(), static_cast<int>(pts.size()), close, fill);
  }
  double font_;
  CanvasText text_;
};

}  // namespace

std::unique_ptr<TextMeasure> make_text_measure(double font_size) { return std::make_unique<CanvasText>(font_size); }

void write_png_page(const PagePainter& paint, double width, double height, double scale, double font_size,
                    const std::filesystem::path& path) {
  canvas_begin(width, height, scale, font_size);
  CanvasPainter painter(font_size);
  paint(painter);
  if (!canvas_write_png(path.c_str()))
    throw std::runtime_error(path.string() + ": the browser did not give the picture as PNG");
}

void write_pdf_page(const PagePainter&, double, double, double, const std::filesystem::path& path) {
  throw std::runtime_error(path.string() + ": " + kNoPdf);
}

bool pdf_supported() { return false; }

}  // namespace neurostep
