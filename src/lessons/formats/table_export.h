// table_export.h — the history table as text other tools read: CSV, Markdown and a LaTeX document.
// A figure's own data as CSV is in figure/figure_csv.h.
#pragma once

#include <string>
#include <vector>

#include "lessons/framework/history.h"

namespace neurostep {

std::string history_csv(const HistoryTable& table);
std::string history_markdown(const HistoryTable& table, int precision);

// A table as a complete LaTeX document (booktabs rules, Latin Modern fonts) that compiles as is
// with pdflatex: every non-ASCII symbol in it (∂, σ, w₁, −, …) is declared with
// \DeclareUnicodeCharacter in the preamble, so the table itself keeps the same text as the screen.
// The table is a longtable, which continues across pages with its header repeated; it lies between
// \begin{longtable} and \end{longtable}, for pasting into slides with the same declarations.
std::string latex_table_document(const std::vector<std::string>& headers,
                                 const std::vector<std::vector<std::string>>& rows, const std::string& alignment);

// A part of a longer LaTeX document (a worksheet): a section title, a paragraph, and a longtable
// if it has headers. All text is plain (escaped here), with the same Unicode declarations.
struct LatexBlock {
  std::string heading;               // \section*{…}; empty: none
  std::string text;                  // a paragraph; a blank line starts another
  std::vector<std::string> headers;  // empty: no table
  std::vector<std::vector<std::string>> rows;
  std::string alignment;  // "lp{5cm}r"
  bool roomy = false;     // taller rows: room to write by hand
};
std::string latex_document(const std::vector<LatexBlock>& blocks);
std::string history_latex(const HistoryTable& table, int precision);

// Plain text as LaTeX that needs no preamble declarations: special characters escaped and every
// symbol the lessons use written as a command ("w₁ − σ(z)" → "w\\ensuremath{_{1}} \\ensuremath{-} …"),
// for text set inside someone else's document (a TikZ figure, a slide).
std::string latex_text(const std::string& text);

}  // namespace neurostep
