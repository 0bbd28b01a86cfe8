// table_export.h — the data behind plots and tables as text other tools read: a figure's series and
// heatmaps as CSV, the history table as CSV and Markdown. The graphics formats (PNG, SVG, PDF) of
// the same figures come from a file renderer; this is the data.
#pragma once

#include <string>

#include "lessons/figure.h"
#include "lessons/history.h"

namespace neurostep {

// One row per point: series,label,x,y; then one row per heatmap cell: heatmap,row,col,value.
std::string figure_csv(const Figure& figure);
std::string history_csv(const HistoryTable& table);
std::string history_markdown(const HistoryTable& table, int precision);

// A table as a complete LaTeX document (booktabs rules) that compiles as is with pdflatex: every
// non-ASCII symbol in it (∂, σ, w₁, −, …) is declared with \DeclareUnicodeCharacter in the
// preamble, so the table itself keeps the same text as the screen. The tabular alone lies between
// \begin{tabular} and \end{tabular}, for pasting into slides with the same declarations.
std::string latex_table_document(const std::vector<std::string>& headers, const std::vector<std::vector<std::string>>& rows,
                                 const std::string& alignment);
std::string history_latex(const HistoryTable& table, int precision);

// A CSV field, quoted when it holds a comma, a quote or a newline.
std::string csv_field(const std::string& s);

// "Decision line w₀ + w₁x₁" → "decision-line-w0-w1x1": a file name from a title.
std::string file_slug(const std::string& title);

}  // namespace neurostep
