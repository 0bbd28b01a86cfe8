#include "export/figure_files.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cmath>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "core/atomic_file.h"
#include "figure/figure_painter.h"
#include "figure/figure_csv.h"

namespace neurostep {

namespace {

constexpr const char* kFont = "DejaVu Sans";

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  if (lines.empty()) lines.emplace_back();
  return lines;
}

// Text metrics from Cairo with the font every renderer uses, so SVG and PDF lay out alike.
class CairoText {
 public:
  explicit CairoText(cairo_t* cr, double size) : cr_(cr), size_(size) {
    cairo_select_font_face(cr_, kFont, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr_, size_);
    cairo_font_extents(cr_, &extents_);
  }
  double line_height() const { return extents_.ascent + extents_.descent; }
  double ascent() const { return extents_.ascent; }
  Point size(const std::string& text) const {
    double w = 0;
    const auto lines = lines_of(text);
    for (const auto& line : lines) {
      cairo_text_extents_t e;
      cairo_text_extents(cr_, line.c_str(), &e);
      w = std::max(w, e.x_advance);
    }
    return {w, line_height() * static_cast<double>(lines.size())};
  }

 private:
  cairo_t* cr_;
  double size_;
  cairo_font_extents_t extents_{};
};

// The Painter of PNG and PDF files.
class CairoPainter final : public Painter {
 public:
  CairoPainter(cairo_t* cr, double font) : cr_(cr), font_(font), text_(cr, font) {}
  double font_size() const override { return font_; }
  Point text_size(const std::string& text) override { return text_.size(text); }
  void text(Point at, const std::string& text, Rgba c) override {
    set(c);
    double y = at.y + text_.ascent();
    for (const auto& line : lines_of(text)) {
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

// The Painter of SVG files: one element per call, text as <text> so it stays editable.
class SvgPainter final : public Painter {
 public:
  SvgPainter(double font, cairo_t* measure) : font_(font), text_(measure, font) {}
  double font_size() const override { return font_; }
  Point text_size(const std::string& text) override { return text_.size(text); }
  void text(Point at, const std::string& text, Rgba c) override {
    double y = at.y + text_.ascent();
    for (const auto& line : lines_of(text)) {
      out_ += fmt::format("<text x=\"{:.2f}\" y=\"{:.2f}\" font-family=\"{}\" font-size=\"{}\" {}>{}</text>\n", at.x, y, kFont, font_,
                          paint("fill", c), escape(line));
      y += text_.line_height();
    }
  }
  void polyline(const std::vector<Point>& pts, Rgba c, double width, bool dashed) override {
    out_ += fmt::format("<polyline fill=\"none\" {} stroke-width=\"{}\"{} points=\"{}\"/>\n", paint("stroke", c), width,
                        dashed ? " stroke-dasharray=\"6 6\"" : "", points(pts));
  }
  void polygon(const std::vector<Point>& pts, Rgba fill) override {
    out_ += fmt::format("<polygon {} points=\"{}\"/>\n", paint("fill", fill), points(pts));
  }
  void rect(Point a, Point b, Rgba fill) override {
    out_ += fmt::format("<rect x=\"{:.2f}\" y=\"{:.2f}\" width=\"{:.2f}\" height=\"{:.2f}\" {}/>\n", a.x, a.y, b.x - a.x, b.y - a.y, paint("fill", fill));
  }
  void rect_outline(Point a, Point b, Rgba c, double width) override {
    out_ += fmt::format("<rect x=\"{:.2f}\" y=\"{:.2f}\" width=\"{:.2f}\" height=\"{:.2f}\" fill=\"none\" {} stroke-width=\"{}\"/>\n", a.x, a.y,
                        b.x - a.x, b.y - a.y, paint("stroke", c), width);
  }
  void circle(Point c, double r, Rgba fill, Rgba outline) override {
    out_ += fmt::format("<circle cx=\"{:.2f}\" cy=\"{:.2f}\" r=\"{}\" {} {}/>\n", c.x, c.y, r, paint("fill", fill), paint("stroke", outline));
  }
  void push_clip(Point a, Point b) override {
    const int id = clips_++;
    out_ += fmt::format("<clipPath id=\"clip{}\"><rect x=\"{:.2f}\" y=\"{:.2f}\" width=\"{:.2f}\" height=\"{:.2f}\"/></clipPath>\n<g clip-path=\"url(#clip{})\">\n",
                        id, a.x, a.y, b.x - a.x, b.y - a.y, id);
  }
  void pop_clip() override { out_ += "</g>\n"; }

  std::string document(double width, double height) const {
    return fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" "
                       "viewBox=\"0 0 {} {}\">\n{}</svg>\n",
                       width, height, width, height, out_);
  }

 private:
  static std::string paint(const char* what, Rgba c) {
    return fmt::format("{}=\"rgb({},{},{})\"{}", what, std::lround(c.r * 255), std::lround(c.g * 255), std::lround(c.b * 255),
                       c.a < 1 ? fmt::format(" {}-opacity=\"{:.3f}\"", what, c.a) : "");
  }
  static std::string points(const std::vector<Point>& pts) {
    std::string s;
    for (const Point& p : pts) s += fmt::format("{:.2f},{:.2f} ", p.x, p.y);
    return s;
  }
  static std::string escape(const std::string& text) {
    std::string out;
    for (char c : text) {
      if (c == '&') out += "&amp;";
      else if (c == '<') out += "&lt;";
      else if (c == '>') out += "&gt;";
      else if (c == '"') out += "&quot;";
      else out += c;
    }
    return out;
  }

  double font_;
  CairoText text_;
  std::string out_;
  int clips_ = 0;
};

struct CairoSurface {
  cairo_surface_t* surface;
  cairo_t* cr;
  ~CairoSurface() {
    if (cr) cairo_destroy(cr);
    if (surface) cairo_surface_destroy(surface);
  }
};

void check(cairo_status_t status, const std::filesystem::path& path) {
  if (status != CAIRO_STATUS_SUCCESS) throw std::runtime_error(path.string() + ": cannot write: " + cairo_status_to_string(status));
}

double figure_height(const Figure& f, const ExportOptions& o) {
  if (o.height > 0) return o.height;
  return neurostep::figure_height(f, o.width, o.font_size);
}

void paint_page(const Figure& f, Painter& painter, double w, double h) {
  const FigureTheme theme = FigureTheme::light();
  painter.rect({0, 0}, {w, h}, theme.background);
  paint_figure(f, painter, {8, 6}, w - 16, h - 12, theme);
}

}  // namespace

std::optional<ExportFormat> parse_export_format(std::string_view name) {
  if (name == "png") return ExportFormat::Png;
  if (name == "svg") return ExportFormat::Svg;
  if (name == "pdf") return ExportFormat::Pdf;
  if (name == "csv") return ExportFormat::Csv;
  return std::nullopt;
}

std::string_view export_extension(ExportFormat format) {
  static constexpr std::string_view kExt[] = {"png", "svg", "pdf", "csv"};
  return kExt[static_cast<int>(format)];
}

void export_figure(const Figure& figure, const std::filesystem::path& path, ExportFormat format, const ExportOptions& o) {
  const double w = o.width, h = figure_height(figure, o);
  const std::string tmp = path.string() + ".tmp-" + std::to_string(::getpid());
  switch (format) {
    case ExportFormat::Csv: write_file_atomically(path, figure_csv(figure)); return;
    case ExportFormat::Svg: {
      CairoSurface measure{cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1), nullptr};
      measure.cr = cairo_create(measure.surface);
      SvgPainter painter(o.font_size, measure.cr);
      paint_page(figure, painter, w, h);
      write_file_atomically(path, painter.document(w, h));
      return;
    }
    case ExportFormat::Png: {
      const int pw = static_cast<int>(std::lround(w * o.scale)), ph = static_cast<int>(std::lround(h * o.scale));
      CairoSurface s{cairo_image_surface_create(CAIRO_FORMAT_ARGB32, pw, ph), nullptr};
      s.cr = cairo_create(s.surface);
      cairo_scale(s.cr, o.scale, o.scale);
      CairoPainter painter(s.cr, o.font_size);
      paint_page(figure, painter, w, h);
      cairo_surface_flush(s.surface);
      check(cairo_surface_write_to_png(s.surface, tmp.c_str()), path);
      break;
    }
    case ExportFormat::Pdf: {
      {
        CairoSurface s{cairo_pdf_surface_create(tmp.c_str(), w, h), nullptr};
        s.cr = cairo_create(s.surface);
        CairoPainter painter(s.cr, o.font_size);
        paint_page(figure, painter, w, h);
        cairo_show_page(s.cr);
        cairo_surface_finish(s.surface);
        check(cairo_surface_status(s.surface), path);
      }
      break;
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    throw std::runtime_error(path.string() + ": cannot write: " + ec.message());
  }
}

std::vector<std::filesystem::path> export_figure_files(const Figure& figure, const std::filesystem::path& dir, const std::string& prefix,
                                                       const std::vector<ExportFormat>& formats, const ExportOptions& options) {
  std::filesystem::create_directories(dir);
  std::vector<std::filesystem::path> written;
  for (ExportFormat format : formats) {
    written.push_back(dir / fmt::format("{}-{}.{}", prefix, file_slug(figure.title), export_extension(format)));
    export_figure(figure, written.back(), format, options);
  }
  return written;
}

}  // namespace neurostep
