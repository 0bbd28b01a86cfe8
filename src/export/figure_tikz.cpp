#include "export/figure_tikz.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <vector>

#include "export/figure_renderer.h"
#include "figure/cell_label.h"
#include "figure/figure_painter.h"
#include "lessons/formats/table_export.h"

namespace neurostep {

namespace {

constexpr double kPtPerCm = 28.4527;

const char* color_name(Color c) {
  static constexpr const char* kNames[] = {"nsblue", "nsorange", "nsgreen", "nsred",  "nspurple", "nsbrown",
                                           "nspink", "nsgray",   "nsolive", "nscyan", "nsblack"};
  return kNames[static_cast<int>(c)];
}

// A coordinate exactly as computed (the shortest text that reads back to the same double); nan and
// inf as PGFPlots reads them (unbounded coords=jump leaves a gap).
std::string number(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  return fmt::format("{}", v);
}

// The \definecolor lines of the palette colours the figure uses.
std::string color_definitions(const Figure& f) {
  std::set<Color> used;
  for (const Series& s : f.series) used.insert(s.color);
  for (const Annotation& a : f.annotations)
    if (a.color != Color::Black) used.insert(a.color);
  std::string out;
  for (Color c : used) {
    const Rgb rgb = palette_rgb(c);
    out += fmt::format("\\definecolor{{{}}}{{rgb}}{{{:.3f},{:.3f},{:.3f}}}%\n", color_name(c), rgb.r, rgb.g, rgb.b);
  }
  return out;
}

std::string inline_table(const Series& s) {
  std::string out = "table[row sep=\\\\] {x y\\\\\n";
  for (std::size_t i = 0; i < s.x.size() && i < s.y.size(); ++i)
    out += number(s.x[i]) + " " + number(s.y[i]) + "\\\\\n";
  return out + "}";
}

std::string series_tikz(const Series& s) {
  if (s.x.empty()) return {};  // nothing to draw yet (PGFPlots refuses an empty table)
  const std::string c = color_name(s.color);
  std::string style;
  switch (s.kind) {
    case Series::Kind::Line:
      style = fmt::format("color={}, line width={}pt, no marks{}", c, s.width, s.dashed ? ", dashed" : "");
      break;
    case Series::Kind::Scatter:
      style = fmt::format("color={}, only marks, mark=*, mark size={}pt{}", c, std::max(1.0f, s.width * 0.6f),
                          s.hollow ? ", mark options={fill=white, line width=1pt}" : "");
      break;
    case Series::Kind::Polygon: style = fmt::format("draw=none, fill={}, fill opacity={:.2f}", c, s.alpha); break;
  }
  if (s.label.empty()) style += ", forget plot";
  std::string out = "\\addplot[" + style + "] " + inline_table(s);
  out += s.kind == Series::Kind::Polygon ? " -- cycle;\n" : ";\n";
  if (!s.label.empty()) out += "\\addlegendentry{" + latex_text(s.label) + "}\n";
  return out;
}

// The cells' value labels (as the screen prints them: cell_label.h, in pt, digits about half an em
// wide), nodes at the cells' centres scaled to fit.
std::string heatmap_labels(const Heatmap& h, int decimals, double cell_w_cm, double cell_h_cm, double font_pt) {
  std::string out;
  const double cw = (h.x1 - h.x0) / h.cols, ch = (h.y1 - h.y0) / h.rows;
  const auto size = [font_pt](const std::string& text) {
    const double chars =
        static_cast<double>(std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
    return std::pair{chars * 0.5 * font_pt, 1.3 * font_pt};
  };
  for (int r = 0; r < h.rows; ++r)
    for (int c = 0; c < h.cols; ++c) {
      const double v = h.values[static_cast<std::size_t>(r * h.cols + c)];
      const CellLabel label = cell_label(v, decimals, cell_w_cm * kPtPerCm, cell_h_cm * kPtPerCm, size);
      if (label.text.empty() || !label.fits) continue;
      const Rgb bg = std::isnan(v) ? Rgb{1, 1, 1} : heatmap_rgb(h, v);
      const bool dark = 0.3f * bg.r + 0.59f * bg.g + 0.11f * bg.b < 0.5f;
      out += fmt::format("\\node[text={}, scale={:.2f}] at (axis cs:{},{}) {{{}}};\n", dark ? "white" : "black",
                         label.scale, number(h.x0 + (c + 0.5) * cw), number(h.y1 - (r + 0.5) * ch),
                         latex_text(label.text));
    }
  return out;
}

// A heatmap of more than `max_cells` cells as the grid of every k-th row and column (the value at
// the middle of each k × k block), covering the same area; others as they are.
Heatmap coarser(const Heatmap& h, int max_cells) {
  if (max_cells <= 0 || h.rows * h.cols <= max_cells) return h;
  const int k = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(h.rows) * h.cols / max_cells)));
  Heatmap out = h;
  out.rows = (h.rows + k - 1) / k;
  out.cols = (h.cols + k - 1) / k;
  out.values.clear();
  for (int r = 0; r < out.rows; ++r)
    for (int c = 0; c < out.cols; ++c)
      out.values.push_back(h.values[static_cast<std::size_t>(std::min(h.rows - 1, r * k + k / 2) * h.cols +
                                                             std::min(h.cols - 1, c * k + k / 2))]);
  out.show_values = false;
  return out;
}

// A heatmap as a matrix plot: one row of the table per cell, row 0 at the top, each cell's colour
// given as on screen.
std::string heatmap_tikz(const Heatmap& h) {
  const double cw = (h.x1 - h.x0) / h.cols, ch = (h.y1 - h.y0) / h.rows;
  std::string out = fmt::format(
      "\\addplot[matrix plot*, mesh/cols={}, mesh/color input=explicit, point meta=explicit symbolic, forget plot] "
      "table[row sep=\\\\, meta=rgb] {{x y rgb\\\\\n",
      h.cols);
  for (int r = h.rows - 1; r >= 0; --r)  // bottom row first: y grows up the table
    for (int c = 0; c < h.cols; ++c) {
      const double v = h.values[static_cast<std::size_t>(r * h.cols + c)];
      const Rgb bg = std::isnan(v) ? Rgb{1, 1, 1} : heatmap_rgb(h, v);
      out += fmt::format("{} {} rgb={:.3f},{:.3f},{:.3f}\\\\ % {}\n", number(h.x0 + (c + 0.5) * cw),
                         number(h.y1 - (r + 0.5) * ch), bg.r, bg.g, bg.b, number(v));
    }
  return out + "};\n";
}

std::string annotation_tikz(const Annotation& a) {
  std::string text;
  const std::vector<std::string> lines = text_lines(a.text);
  for (std::size_t i = 0; i < lines.size(); ++i) text += (i ? "\\\\ " : "") + latex_text(lines[i]);
  return fmt::format("\\node[{}, align={}{}] at (axis cs:{},{}) {{{}}};\n", a.below ? "below" : "above right",
                     a.below ? "center" : "left",
                     a.color == Color::Black ? "" : std::string(", text=") + color_name(a.color), number(a.x),
                     number(a.y), text);
}

// The legend's place: the figure's corner, or below the plot (in one row if its entries fit the
// plot's width, else in a column).
std::string legend_style(const Figure& f, double width_cm, double font_pt) {
  double row_pt = 0, widest_pt = 0;
  for (const Series& s : f.series)
    if (!s.label.empty()) {
      row_pt += (static_cast<double>(s.label.size()) * 0.5 + 3) * font_pt;
      widest_pt = std::max(widest_pt, (static_cast<double>(s.label.size()) * 0.5 + 3) * font_pt);
    }
  // A legend as wide as half the plot would hide it: below it instead, as the screen does.
  const Corner corner = widest_pt / kPtPerCm > width_cm / 2 ? Corner::Below : f.legend;
  switch (corner) {
    case Corner::TopLeft: return "legend pos=north west";
    case Corner::TopRight: return "legend pos=north east";
    case Corner::BottomLeft: return "legend pos=south west";
    case Corner::BottomRight: return "legend pos=south east";
    case Corner::Below:
      // under the tick labels and the x label
      return fmt::format("legend style={{at={{(0.5,0)}}, anchor=north, yshift=-{}em, legend columns={}}}",
                         f.x.label.empty() ? 1.8 : 3.4, row_pt / kPtPerCm < width_cm ? -1 : 1);
  }
  return {};
}

std::string ticks(const char* axis, const std::vector<double>& at) {
  if (at.empty()) return {};
  std::string list;
  for (double t : at) list += (list.empty() ? "" : ",") + number(t);
  return fmt::format(",\n  {}tick={{{}}}", axis, list);
}

struct AxisBox {
  double width, height;  // cm, of the plot area
};

AxisBox axis_box(const Figure& f, const TikzOptions& o) {
  double w = o.width_cm, h = o.width_cm * f.aspect;
  const double dx = f.x.max - f.x.min, dy = f.y.max - f.y.min;
  if (f.equal_aspect && dx > 0 && dy > 0) h = w * dy / dx;
  if (h > o.max_height_cm) {
    w *= o.max_height_cm / h;
    h = o.max_height_cm;
  }
  return {w, h};
}

std::string axis_options(const Figure& f, const AxisBox& box, double font_pt) {
  std::string out = fmt::format(
      "  scale only axis, width={:.2f}cm, height={:.2f}cm,\n  xmin={}, xmax={}, ymin={}, ymax={},\n  unbounded "
      "coords=jump, clip mode=individual",
      box.width, box.height, number(f.x.min), number(f.x.max), number(f.y.min), number(f.y.max));
  if (!f.title.empty())
    out += fmt::format(",\n  title={{{}}}, title style={{align=center, text width={:.2f}cm}}", latex_text(f.title),
                       box.width + 1);
  if (!f.show_axes) return out + ",\n  hide axis";
  if (!f.x.label.empty()) out += ",\n  xlabel={" + latex_text(f.x.label) + "}";
  if (!f.y.label.empty()) out += ",\n  ylabel={" + latex_text(f.y.label) + "}";
  out += ticks("x", f.x.ticks) + ticks("y", f.y.ticks);
  return out + ",\n  grid=major, grid style={gray!25}, " + legend_style(f, box.width, font_pt) +
         ", legend cell align=left";
}

}  // namespace

std::string figure_tikz(const Figure& figure, const TikzOptions& options) {
  Figure f = figure;
  f.fit_axes();
  const AxisBox box = axis_box(f, options);
  std::string out = "% " + latex_text(f.title) + " — written by neurostep (needs \\usepackage{pgfplots})\n";
  out += color_definitions(f);
  out += "\\begin{tikzpicture}\n\\begin{axis}[\n" + axis_options(f, box, options.font_pt) + "]\n";
  for (const Heatmap& full : f.heatmaps) {
    const Heatmap h = coarser(full, options.max_cells);
    out += heatmap_tikz(h);
    if (h.show_values)
      out += heatmap_labels(h, f.decimals, box.width * (h.x1 - h.x0) / h.cols / (f.x.max - f.x.min),
                            box.height * (h.y1 - h.y0) / h.rows / (f.y.max - f.y.min), options.font_pt);
  }
  for (const Series& s : f.series) out += series_tikz(s);
  for (const Annotation& a : f.annotations) out += annotation_tikz(a);
  return out + "\\end{axis}\n\\end{tikzpicture}\n";
}

std::string tikz_wrapper_document(const std::string& figure_file) {
  // The page is made exactly the size of the picture's box (pdfTeX's \pdfpagewidth/height, origin
  // at the corner), so no class or package for cropping is needed.
  return "\\documentclass{article}\n\\usepackage[T1]{fontenc}\n\\usepackage{lmodern}\n\\usepackage{amssymb}\n"
         "\\usepackage{pgfplots}\n\\pgfplotsset{compat=1.18}\n\\begin{document}\n"
         "\\setbox0=\\hbox{\\input{" +
         figure_file +
         "}\\unskip}\n"
         "\\pdfpagewidth=\\dimexpr\\wd0+8pt\\relax\n\\pdfpageheight=\\dimexpr\\ht0+\\dp0+8pt\\relax\n"
         "\\pdfhorigin=4pt\n\\pdfvorigin=4pt\n\\shipout\\hbox{\\box0}\n\\end{document}\n";
}

}  // namespace neurostep
