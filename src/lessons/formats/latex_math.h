// latex_math.h — the lessons' Unicode text ("δ⁽¹⁾₁ = σ′(z⁽¹⁾₁)·Σₖ δ⁽²⁾ₖ w⁽²⁾ₖ₁", "Σ_q", "E after 1000
// updates = ½ Σₖ (tₖ − oₖ)²") as LaTeX that typesets as the formulas read: the math in $…$
// (w^{(1)}_{11}, \partial C/\partial K_{0,1}, \sigma'(z)), the words around it as text, so that
// a line breaks where a paragraph would. No Unicode is left in the output except Latin-1 letters
// in the words (which inputenc's utf8 knows), and no character TeX reads as a command.
//
// How a text is split: a run of two or more letters is a word (text), unless it stands right
// before "(" or a sub/superscript (an operator: max, ln, log₂, ReLU); a single letter, a Greek
// letter, an operator or a sub/superscript is math; digits, spaces and punctuation go with what
// stands before them (a space between a word and math goes to the text). Three spaces before a
// bracket start a remark ("   (Creus & Picón, eq. 10)"), which is text.
// Not here: a whole document (worksheet_latex.cpp, table_export.h).
#pragma once

#include <string>
#include <string_view>

namespace neurostep {

// The text with its math in $…$ (empty: empty).
std::string latex_mixed(std::string_view text);

// The text entirely as math, for inside $…$ or a matrix (its words as \text{…}).
std::string latex_math(std::string_view text);

// Text with TeX's special characters escaped and no math (a student's name, a file name).
std::string latex_plain(std::string_view text);

}  // namespace neurostep
