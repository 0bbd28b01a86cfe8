// figure_tikz.h — a figure as a PGFPlots picture for LaTeX documents: `export --format tikz`, the
// plot's Save → TikZ and the figures of `neurostep slides`.
//
// figure_tikz writes one `tikzpicture` holding a PGFPlots `axis`: lines and filled areas as
// \addplot, scatter series as marks only (one \addplot per series, i.e. per class), heatmaps as a
// `matrix plot*` with each cell's colour as on screen (explicit rgb) and, where the cell is wide
// enough at the document's font size, its value as a label; annotations as nodes. Figures without
// axes (network graphs, matrices) hide the axis: their edges, nodes and labels stay. Every number
// sits in the file (inline tables, full precision), and the palette colours used are named with
// \definecolor at the top (nsblue, nsorange, …), so a document that \input-s the file sets it in its
// own fonts and may redefine the colours. The text has no Unicode left: symbols are LaTeX commands.
// Needs \usepackage{pgfplots} in the document that \input-s it.
//
// tikz_wrapper_document is a small document that \input-s such a file and crops its page to the
// picture (pdfTeX's page size set from the picture's box: no `standalone` class or preview.sty
// needed), so each figure also compiles on its own: NAME-standalone.tex.
//
// Not here: the colour scale bar beside a heatmap (the cells carry their colours and values).
#pragma once

#include <string>

#include "figure/figure.h"

namespace neurostep {

struct TikzOptions {
  double width_cm = 9;       // the plot area's width (labels and title come outside it)
  double max_height_cm = 7;  // the plot area is never taller: a tall figure gets narrower instead
  double font_pt = 10;       // the document's font size: which heatmap cells have room for their value
  int max_cells = 0;         // > 0: a heatmap with more cells is drawn from every k-th row and column
                             // (slides: PGFPlots takes about a second per 5,000 cells, on every frame)
};

std::string figure_tikz(const Figure& figure, const TikzOptions& options = {});

// A complete document (article class, Latin Modern, pgfplots) whose one page is the picture in
// `figure_file` (a name \input finds beside it, e.g. "sigmoid-neuron-step3-sigmoid.tex").
std::string tikz_wrapper_document(const std::string& figure_file);

}  // namespace neurostep
