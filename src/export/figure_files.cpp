#include "export/figure_files.h"

#include <fmt/format.h>

#include <cmath>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "core/io/atomic_file.h"
#include "export/figure_renderer.h"
#include "export/figure_tikz.h"
#include "figure/figure_csv.h"
#include "figure/figure_painter.h"

namespace neurostep {

std::vector<std::string> text_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  if (lines.empty()) lines.emplace_back();
  return lines;
}

Point TextMeasure::size(const std::string& text) const {
  double w = 0;
  const auto lines = text_lines(text);
  for (const auto& line : lines) w = std::max(w, advance(line));
  return {w, line_height() * static_cast<double>(lines.size())};
}

namespace {

// The Painter of SVG files: one element per call, text as <text> so it stays editable.
class SvgPainter final : public Painter {
 public:
  explicit SvgPainter(double font) : font_(font), size_(font), text_(make_text_measure(font)) {}
  double font_size() const override { return font_; }
  Point text_size(const std::string& text) override { return text_->size(text); }
  void set_text_scale(double scale) override {
    size_ = font_ * scale;
    text_ = make_text_measure(size_);
  }
  void text(Point at, const std::string& text, Rgba c) override {
    double y = at.y + text_->ascent();
    for (const auto& line : text_lines(text)) {
      out_ += fmt::format("<text x=\"{:.2f}\" y=\"{:.2f}\" font-family=\"{}\" font-size=\"{:.4g}\" {}>{}</text>\n",
                          at.x, y, kFigureFont, size_, paint("fill", c), escape(line));
      y += text_->line_height();
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
    out_ += fmt::format("<rect x=\"{:.2f}\" y=\"{:.2f}\" width=\"{:.2f}\" height=\"{:.2f}\" {}/>\n", a.x, a.y,
                        b.x - a.x, b.y - a.y, paint("fill", fill));
  }
  void rect_outline(Point a, Point b, Rgba c, double width) override {
    out_ += fmt::format(
        "<rect x=\"{:.2f}\" y=\"{:.2f}\" width=\"{:.2f}\" height=\"{:.2f}\" fill=\"none\" {} stroke-width=\"{}\"/>\n",
        a.x, a.y, b.x - a.x, b.y - a.y, paint("stroke", c), width);
  }
  void circle(Point c, double r, Rgba fill, Rgba outline) override {
    out_ += fmt::format("<circle cx=\"{:.2f}\" cy=\"{:.2f}\" r=\"{}\" {} {}/>\n", c.x, c.y, r, paint("fill", fill),
                        paint("stroke", outline));
  }
  void push_clip(Point a, Point b) override {
    const int id = clips_++;
    out_ += fmt::format(
        "<clipPath id=\"clip{}\"><rect x=\"{:.2f}\" y=\"{:.2f}\" width=\"{:.2f}\" height=\"{:.2f}\"/></clipPath>\n<g "
        "clip-path=\"url(#clip{})\">\n",
        id, a.x, a.y, b.x - a.x, b.y - a.y, id);
  }
  void pop_clip() override { out_ += "</g>\n"; }

  std::string document(double width, double height) const {
    return fmt::format(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" "
        "height=\"{}\" "
        "viewBox=\"0 0 {} {}\">\n{}</svg>\n",
        width, height, width, height, out_);
  }

 private:
  static std::string paint(const char* what, Rgba c) {
    return fmt::format("{}=\"rgb({},{},{})\"{}", what, std::lround(c.r * 255), std::lround(c.g * 255),
                       std::lround(c.b * 255), c.a < 1 ? fmt::format(" {}-opacity=\"{:.3f}\"", what, c.a) : "");
  }
  static std::string points(const std::vector<Point>& pts) {
    std::string s;
    for (const Point& p : pts) s += fmt::format("{:.2f},{:.2f} ", p.x, p.y);
    return s;
  }
  static std::string escape(const std::string& text) {
    std::string out;
    for (char c : text) {
      if (c == '&')
        out += "&amp;";
      else if (c == '<')
        out += "&lt;";
      else if (c == '>')
        out += "&gt;";
      else if (c == '"')
        out += "&quot;";
      else
        out += c;
    }
    return out;
  }

  double font_, size_;  // the figure's text size; the size of the text drawn now
  std::unique_ptr<TextMeasure> text_;
  std::string out_;
  int clips_ = 0;
};

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
  if (name == "tikz") return ExportFormat::Tikz;
  return std::nullopt;
}

std::string_view export_extension(ExportFormat format) {
  static constexpr std::string_view kExt[] = {"png", "svg", "pdf", "csv", "tex"};
  return kExt[static_cast<int>(format)];
}

void export_figure(const Figure& figure, const std::filesystem::path& path, ExportFormat format,
                   const ExportOptions& o) {
  const double w = o.width, h = figure_height(figure, o);
  const auto paint = [&](Painter& painter) { paint_page(figure, painter, w, h); };
  switch (format) {
    case ExportFormat::Csv: write_file_atomically(path, figure_csv(figure)); return;
    case ExportFormat::Tikz: write_file_atomically(path, figure_tikz(figure)); return;
    case ExportFormat::Svg:
    case ExportFormat::Png:
    case ExportFormat::Pdf: export_page(paint, w, h, path, format, o); return;
  }
}

void export_page(const std::function<void(Painter&)>& paint, double w, double h, const std::filesystem::path& path,
                 ExportFormat format, const ExportOptions& o) {
  switch (format) {
    case ExportFormat::Csv: throw std::invalid_argument("a drawn page has no CSV");
    case ExportFormat::Tikz:
      throw std::invalid_argument("a drawn page is written as TikZ by its own writer (diagram_files.h)");
    case ExportFormat::Svg: {
      SvgPainter painter(o.font_size);
      paint(painter);
      write_file_atomically(path, painter.document(w, h));
      return;
    }
    case ExportFormat::Png: write_png_page(paint, w, h, o.scale, o.font_size, path); return;
    case ExportFormat::Pdf: write_pdf_page(paint, w, h, o.font_size, path); return;
  }
}

std::vector<std::filesystem::path> export_figure_files(const Figure& figure, const std::filesystem::path& dir,
                                                       const std::string& prefix,
                                                       const std::vector<ExportFormat>& formats,
                                                       const ExportOptions& options) {
  std::filesystem::create_directories(dir);
  std::vector<std::filesystem::path> written;
  for (ExportFormat format : formats) {
    written.push_back(dir / fmt::format("{}-{}.{}", prefix, file_slug(figure.title), export_extension(format)));
    export_figure(figure, written.back(), format, options);
    if (format == ExportFormat::Tikz) {  // and a document of its own that \input-s it
      const std::filesystem::path figure_file = written.back();
      written.push_back(dir / fmt::format("{}-{}-standalone.tex", prefix, file_slug(figure.title)));
      write_file_atomically(written.back(), tikz_wrapper_document(figure_file.filename().string()));
    }
  }
  return written;
}

}  // namespace neurostep
