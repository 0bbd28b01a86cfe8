// figure_renderer.h — what draws a figure's PNG and PDF files and measures text for its SVG: Cairo in
// the native program (figure_cairo.cpp), the browser's canvas in the web edition
// (src/app/web/figure_canvas.cpp). Each program links one of the two; figure_files.cpp writes
// through whichever it has. Every renderer uses the same font, so the layouts agree.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "figure/figure_painter.h"

namespace neurostep {

inline constexpr const char* kFigureFont = "DejaVu Sans";

// The lines of a (possibly multi-line) label; one empty line for an empty label.
std::vector<std::string> text_lines(const std::string& text);

// Metrics of kFigureFont at one size, in points.
class TextMeasure {
 public:
  virtual ~TextMeasure() = default;
  virtual double ascent() const = 0;
  virtual double line_height() const = 0;
  virtual double advance(const std::string& line) const = 0;  // the width of one line of text
  Point size(const std::string& text) const;                  // every line: the widest, and their height
};
std::unique_ptr<TextMeasure> make_text_measure(double font_size);

// A page of `width` × `height` points drawn by `paint`, written to `path` (atomically) as PNG at
// `scale` pixels per point, or as PDF. Throws std::runtime_error with the reason.
using PagePainter = std::function<void(Painter&)>;
void write_png_page(const PagePainter& paint, double width, double height, double scale, double font_size,
                    const std::filesystem::path& path);
void write_pdf_page(const PagePainter& paint, double width, double height, double font_size,
                    const std::filesystem::path& path);

// Whether this program writes PDF: the native one does (Cairo); the web edition does not.
bool pdf_supported();
// What the window says where PDF would be offered, in a program without it.
inline constexpr const char* kNoPdf = "PDF: only in the desktop program";

}  // namespace neurostep
