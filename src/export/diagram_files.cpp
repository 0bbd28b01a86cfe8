#include "export/diagram_files.h"

#include <fmt/format.h>

#include <cmath>
#include <set>

#include "core/io/atomic_file.h"
#include "export/figure_files.h"
#include "export/figure_renderer.h"
#include "figure/utf8.h"

namespace neurostep {

namespace {

constexpr Color kColors[] = {Color::Blue, Color::Orange, Color::Green, Color::Red,  Color::Purple, Color::Brown,
                             Color::Pink, Color::Gray,   Color::Olive, Color::Cyan, Color::Black};

std::string color_name(Color c) { return fmt::format("nsc{}", static_cast<int>(c)); }

// What pdflatex prints for the labels' symbols outside ASCII; "" for Latin-1 and Latin
// Extended-A (ä, é, ć: LaTeX's utf8 input knows them); any other becomes "?" rather than stopping
// the compile (a lesson file's title may hold anything).
std::string latex_symbol(char32_t c) {
  switch (c) {
    case U'×': return "\\ensuremath{\\times}";
    case U'·': return "\\ensuremath{\\cdot}";
    case U'²': return "\\ensuremath{^2}";
    case U'⋮': return "\\ensuremath{\\vdots}";
    case U'→': return "\\ensuremath{\\rightarrow}";
    case U'−': return "\\ensuremath{-}";
    case U'α': return "\\ensuremath{\\alpha}";
    case U'β': return "\\ensuremath{\\beta}";
    case U'γ': return "\\ensuremath{\\gamma}";
    case U'η': return "\\ensuremath{\\eta}";
    case U'λ': return "\\ensuremath{\\lambda}";
    case U'σ': return "\\ensuremath{\\sigma}";
    case U'…': return "\\ldots{}";
    case U'’': return "'";
    case U'“': return "``";
    case U'”': return "''";
    case U'–': return "--";
    case U'—': return "---";
    default: return c < 0x180 ? "" : "?";
  }
}

// \DeclareUnicodeCharacter for every symbol of the labels that needs one.
std::string unicode_declarations(const DiagramLayout& l) {
  std::set<char32_t> symbols;
  for (const DiagramText& t : l.texts)
    for (const char32_t c : code_points(t.text))
      if (c >= 0x80) symbols.insert(c);
  std::string out;
  for (const char32_t c : symbols)
    if (const std::string latex = latex_symbol(c); !latex.empty())
      out += fmt::format("\\DeclareUnicodeCharacter{{{:04X}}}{{{}}}\n", static_cast<unsigned>(c), latex);
  return out;
}

std::string tex_text(const std::string& s) {
  std::string out;
  for (const char c : s) {
    switch (c) {
      case '_':
      case '%':
      case '&':
      case '#':
      case '$':
      case '{':
      case '}':
        out += '\\';
        out += c;
        break;
      case '^': out += "\\textasciicircum{}"; break;
      case '~': out += "\\textasciitilde{}"; break;
      case '\\': out += "\\textbackslash{}"; break;
      default: out += c;
    }
  }
  return out;
}

std::string xy(Point p) { return fmt::format("({:.2f},{:.2f})", p.x, p.y); }

std::string tikz_shapes(const DiagramLayout& l) {
  std::string out;
  for (const DiagramLine& line : l.lines)
    out += fmt::format("\\draw[{}] {} -- {};\n",
                       line.faint   ? "nsc7!45, line width=0.5bp"
                       : line.arrow ? "->, >=stealth, line width=1.2bp"
                                    : "line width=1.2bp",
                       xy(line.a), xy(line.b));
  for (const DiagramBox& b : l.boxes)
    out += fmt::format("\\filldraw[fill={0}!22!white, draw={0}, line width=1bp] {1} rectangle {2};\n",
                       color_name(b.color), xy(b.a), xy(b.b));
  for (const DiagramNode& n : l.nodes)
    out += fmt::format("\\filldraw[fill={0}!25!white, draw={0}, line width=1bp] {1} circle[radius={2}bp];\n",
                       color_name(n.color), xy(n.center), n.radius);
  for (const DiagramText& t : l.texts) {
    const bool centre = t.align == Align::Center;
    out += fmt::format("\\node[anchor={}] at {} {{{}}};\n", centre ? "north" : "north west",
                       xy({centre ? t.at.x + t.size.x / 2 : t.at.x, t.at.y}), tex_text(t.text));
  }
  return out;
}

}  // namespace

std::optional<std::vector<DiagramFormat>> parse_diagram_formats(std::string_view list) {
  std::vector<DiagramFormat> formats;
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    const std::string_view name = list.substr(0, comma);
    if (name == "svg")
      formats.push_back(DiagramFormat::Svg);
    else if (name == "pdf")
      formats.push_back(DiagramFormat::Pdf);
    else if (name == "tikz")
      formats.push_back(DiagramFormat::Tikz);
    else if (name == "png")
      formats.push_back(DiagramFormat::Png);
    else
      return std::nullopt;
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
  }
  if (formats.empty()) return std::nullopt;
  return formats;
}

DiagramLayout layout_for_files(const NetworkDiagram& diagram) {
  const auto measure = make_text_measure(kDiagramFont);
  return layout_diagram(diagram, [&](const std::string& line) { return measure->size(line); });
}

std::string diagram_tikz(const DiagramLayout& l) {
  std::string colors;
  for (const Color c : kColors) {
    const Rgb rgb = palette_rgb(c);
    colors += fmt::format("\\definecolor{{{}}}{{rgb}}{{{:.3f},{:.3f},{:.3f}}}\n", color_name(c), rgb.r, rgb.g, rgb.b);
  }
  // One bp of TikZ is one point of the layout; y grows downwards as in the layout.
  return fmt::format(
      "% An architecture diagram written by Neurostep (neurostep diagram). Compiles with pdflatex as it is.\n"
      "\\documentclass{{article}}\n\\usepackage[utf8]{{inputenc}}\n\\usepackage[T1]{{fontenc}}\n\\usepackage{{lmodern}}"
      "\n"
      "\\usepackage[paperwidth={0:.2f}bp,paperheight={1:.2f}bp,margin=0pt]{{geometry}}\n\\usepackage{{tikz}}\n{2}{3}"
      "\\pagestyle{{empty}}\n\\setlength{{\\parindent}}{{0pt}}\n\\begin{{document}}\n"
      "\\begin{{tikzpicture}}[x=1bp, y=-1bp, every node/.style={{inner sep=0pt, "
      "font=\\sffamily\\fontsize{{{4}}}{{{5}}}\\selectfont}}]\n"
      "\\useasboundingbox (0,0) rectangle ({0:.2f},{1:.2f});\n{6}\\end{{tikzpicture}}\n\\end{{document}}\n",
      l.width, l.height, unicode_declarations(l), colors, kDiagramFont, kDiagramFont + 2, tikz_shapes(l));
}

std::vector<std::filesystem::path> write_diagram_files(const NetworkDiagram& diagram, const std::filesystem::path& dir,
                                                       const std::string& name,
                                                       const std::vector<DiagramFormat>& formats) {
  const DiagramLayout layout = layout_for_files(diagram);
  const auto paint = [&](Painter& painter) { paint_diagram(layout, painter); };
  const ExportOptions options{.width = layout.width, .height = layout.height, .scale = 2, .font_size = kDiagramFont};
  std::filesystem::create_directories(dir);
  std::vector<std::filesystem::path> written;
  for (const DiagramFormat f : formats) {
    static constexpr const char* kExtension[] = {"svg", "pdf", "tex", "png"};
    written.push_back(dir / fmt::format("{}-diagram.{}", name, kExtension[static_cast<int>(f)]));
    if (f == DiagramFormat::Tikz)
      write_file_atomically(written.back(), diagram_tikz(layout));
    else
      export_page(paint, layout.width, layout.height, written.back(),
                  f == DiagramFormat::Svg   ? ExportFormat::Svg
                  : f == DiagramFormat::Pdf ? ExportFormat::Pdf
                                            : ExportFormat::Png,
                  options);
  }
  return written;
}

}  // namespace neurostep
