// diagram_files.h — an architecture diagram (figure/diagram.h) as files: SVG (every label a <text>
// element, written by figure_files' SVG painter — Cairo's SVG surface would turn the glyphs into
// paths), PDF and PNG (the program's renderer), and TikZ: a LaTeX document that compiles with
// pdflatex as it is (article, a page the size of the picture, Latin Modern sans), every shape and
// label a TikZ command an instructor can restyle. All from one layout; every file is written to a
// temporary name and renamed when complete.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "figure/diagram.h"

namespace neurostep {

enum class DiagramFormat { Svg, Pdf, Tikz, Png };
inline constexpr double kDiagramFont = 11;  // points

// "svg,pdf,tikz" → the formats, or nullopt for an unknown or empty list.
std::optional<std::vector<DiagramFormat>> parse_diagram_formats(std::string_view list);

DiagramLayout layout_for_files(const NetworkDiagram& diagram);  // measured with the figure font
std::string diagram_tikz(const DiagramLayout& layout);          // the whole .tex document

// Writes <dir>/<name>-diagram.<svg|pdf|tex|png> for each format; returns the files written.
// Throws std::runtime_error naming a file that cannot be written.
std::vector<std::filesystem::path> write_diagram_files(const NetworkDiagram& diagram, const std::filesystem::path& dir,
                                                       const std::string& name,
                                                       const std::vector<DiagramFormat>& formats);

}  // namespace neurostep
