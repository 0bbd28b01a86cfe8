// figure_files.h — a figure as files, without a display: PNG (raster, any size and scale), SVG
// (vector, every label a real <text> element), PDF (vector, text as text), and CSV (the data). SVG
// is written element by element here; PNG and PDF are drawn by the program's renderer
// (figure_renderer.h: Cairo natively; the browser's canvas draws PNG in the web edition, which
// writes no PDF). All go through the same layout as the screen (figure/figure_painter.h), on a
// light theme for slides. Knows figures only, not lessons: lesson_export.h writes a lesson's
// figures and tables through it. Every file is written to a temporary name and renamed when complete.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "figure/figure.h"

namespace neurostep {

// Tikz: a PGFPlots picture to \input (figure_tikz.h), with NAME-standalone.tex beside it.
enum class ExportFormat { Png, Svg, Pdf, Csv, Tikz };

std::optional<ExportFormat> parse_export_format(std::string_view name);  // "png", "svg", "pdf", "csv", "tikz"
std::string_view export_extension(ExportFormat format);

struct ExportOptions {
  double width = 720;  // points (PDF, SVG) — PNG pixels are width·scale
  double height = 0;   // 0: width·figure.aspect (taller for square plots)
  double scale = 2;    // PNG pixels per point: 2 is sharp on a slide
  double font_size = 13;
};

// Writes `figure` to `path` (its extension is not changed) in `format`.
void export_figure(const Figure& figure, const std::filesystem::path& path, ExportFormat format,
                   const ExportOptions& options = {});

// A page of width × height points drawn by `paint` (another kind of figure: an architecture
// diagram), written as PNG, SVG or PDF with the same painters; CSV is refused (std::invalid_argument).
class Painter;
void export_page(const std::function<void(Painter&)>& paint, double width, double height,
                 const std::filesystem::path& path, ExportFormat format, const ExportOptions& options = {});

// Writes `figure` once per format as <dir>/<prefix>-<figure title as a file name>.<ext> (TikZ:
// .tex, and <…>-standalone.tex that compiles on its own).
// Returns the files written.
std::vector<std::filesystem::path> export_figure_files(const Figure& figure, const std::filesystem::path& dir,
                                                       const std::string& prefix,
                                                       const std::vector<ExportFormat>& formats,
                                                       const ExportOptions& options = {});

}  // namespace neurostep
