// figure_cairo.cpp — the native program's figure renderer (figure_renderer.h): PNG and PDF drawn by
// Cairo, and Cairo's metrics of the figure font for SVG.
#include <cairo-pdf.h>
#include <cairo.h>
#include <unistd.h>

#include <cmath>
#include <stdexcept>

#include "export/figure_renderer.h"

namespace neurostep {

namespace {

struct CairoSurface {
  cairo_surface_t* surface;
  cairo_t* cr;
  ~CairoSurface() {
    if (cr) cairo_destroy(cr);
    if (surface) cairo_surface_destroy(surface);
  }
};

// Text metrics from Cairo with the figure font.
class CairoText final : public TextMeasure {
 public:
  CairoText(cairo_t* cr, double size) : cr_(cr) {
    cairo_select_font_face(cr_, kFigureFont, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr_, size);
    cairo_font_extents(cr_, &extents_);
  }
  double ascent() const override { return extents_.ascent; }
  double line_height() const override { return extents_.ascent + extents_.descent; }
  double advance(const std::string& line) const override {
    cairo_text_extents_t e;
    cairo_text_extents(cr_, line.c_str(), &e);
    return e.x_advance;
  }

 private:
  cairo_t* cr_;
  cairo_font_extents_t extents_{};
};

// CairoText with a 1×1 surface of its own, for measuring alone (the SVG writer).
class OwnCairoText final : public TextMeasure {
 public:
  explicit OwnCairoText(double size)
      : surface_{cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1), nullptr},
        text_((surface_.cr = cairo_create(surface_.surface)), size) {}
  double ascent() const override { return text_.ascent(); }
  double line_height() const override { return text_.line_height(); }
  double advance(const std::string& line) const override { return text_.advance(line); }

 private:
  CairoSurface surface_;
  CairoText text_;
};

// The Painter of PNG and PDF files.
class CairoPainter final : public Painter {
 public:
  CairoPainter(cairo_t* cr, double font) : cr_(cr), font_(font), text_(cr, font) {}
  double font_size() const override { return font_; }
  Point text_size(const std::string& text) override { return text_.size(text); }
  void set_text_scale(double scale) override { text_ = CairoText(cr_, font_ * scale); }  // sets the size of cr_'s font
  void text(Point at, const std::string& text, Rgba c) override {
    set(c);
    double y = at.y + text_.ascent();
    for (const auto& line : text_lines(text)) {
      cairo_move_to(cr_, at.x, y);
      cairo_show_text(cr_, line.c_str());
      y += text_.line_height();
    }
  }
  void polyline(const std::vector<Point>& pts, Rgba c, double width, bool dashed) override {
    if (pts.size() < 2) return;
    set(c);
    cairo_new_path(cr_);  // text leaves a current point behind; do not join it
    cairo_set_line_width(cr_, width);
    const double dash[] = {6, 6};
    cairo_set_dash(cr_, dash, dashed ? 2 : 0, 0);
    cairo_move_to(cr_, pts[0].x, pts[0].y);
    for (std::size_t i = 1; i < pts.size(); ++i) cairo_line_to(cr_, pts[i].x, pts[i].y);
    cairo_stroke(cr_);
    cairo_set_dash(cr_, dash, 0, 0);
  }
  void polygon(const std::vector<Point>& pts, Rgba fill) override {
    set(fill);
    cairo_new_path(cr_);
    cairo_move_to(cr_, pts[0].x, pts[0].y);
    for (std::size_t i = 1; i < pts.size(); ++i) cairo_line_to(cr_, pts[i].x, pts[i].y);
    cairo_close_path(cr_);
    cairo_fill(cr_);
  }
  void rect(Point a, Point b, Rgba fill) override {
    set(fill);
    cairo_new_path(cr_);
    cairo_rectangle(cr_, a.x, a.y, b.x - a.x, b.y - a.y);
    cairo_fill(cr_);
  }
  void rect_outline(Point a, Point b, Rgba c, double width) override {
    set(c);
    cairo_new_path(cr_);
    cairo_set_line_width(cr_, width);
    cairo_rectangle(cr_, a.x, a.y, b.x - a.x, b.y - a.y);
    cairo_stroke(cr_);
  }
  void circle(Point center, double r, Rgba fill, Rgba outline) override {
    cairo_new_path(cr_);
    cairo_arc(cr_, center.x, center.y, r, 0, 2 * M_PI);
    set(fill);
    cairo_fill_preserve(cr_);
    set(outline);
    cairo_set_line_width(cr_, 1);
    cairo_stroke(cr_);
  }
  void push_clip(Point a, Point b) override {
    cairo_save(cr_);
    cairo_rectangle(cr_, a.x, a.y, b.x - a.x, b.y - a.y);
    cairo_clip(cr_);
  }
  void pop_clip() override { cairo_restore(cr_); }

 private:
  void set(Rgba c) { cairo_set_source_rgba(cr_, c.r, c.g, c.b, c.a); }
  cairo_t* cr_;
  double font_;
  CairoText text_;
};

void check(cairo_status_t status, const std::filesystem::path& path) {
  if (status != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(path.string() + ": cannot write: " + cairo_status_to_string(status));
}

// Cairo writes to a temporary name beside `path`; it becomes `path` only when complete.
std::string temporary_name(const std::filesystem::path& path) {
  return path.string() + ".tmp-" + std::to_string(::getpid());
}

void rename_into_place(const std::string& tmp, const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    throw std::runtime_error(path.string() + ": cannot write: " + ec.message());
  }
}

}  // namespace

std::unique_ptr<TextMeasure> make_text_measure(double font_size) { return std::make_unique<OwnCairoText>(font_size); }

void write_png_page(const PagePainter& paint, double width, double height, double scale, double font_size,
                    const std::filesystem::path& path) {
  const std::string tmp = temporary_name(path);
  {
    const int pw = static_cast<int>(std::lround(width * scale)), ph = static_cast<int>(std::lround(height * scale));
    CairoSurface s{cairo_image_surface_create(CAIRO_FORMAT_ARGB32, pw, ph), nullptr};
    s.cr = cairo_create(s.surface);
    cairo_scale(s.cr, scale, scale);
    CairoPainter painter(s.cr, font_size);
    paint(painter);
    cairo_surface_flush(s.surface);
    check(cairo_surface_write_to_png(s.surface, tmp.c_str()), path);
  }
  rename_into_place(tmp, path);
}

void write_pdf_page(const PagePainter& paint, double width, double height, double font_size,
                    const std::filesystem::path& path) {
  const std::string tmp = temporary_name(path);
  {
    CairoSurface s{cairo_pdf_surface_create(tmp.c_str(), width, height), nullptr};
    s.cr = cairo_create(s.surface);
    CairoPainter painter(s.cr, font_size);
    paint(painter);
    cairo_show_page(s.cr);
    cairo_surface_finish(s.surface);
    check(cairo_surface_status(s.surface), path);
  }
  rename_into_place(tmp, path);
}

bool pdf_supported() { return true; }

}  // namespace neurostep
