// wrapped_text.h — text that fits its box at any window size: it wraps only where a reader would
// break it — between the terms of an equation ("0.1·0.2 + 0.3·0.4"), the items of a list
// ("(0.5, −0.5, 1.5)") or the words of a title — never inside a number; and text that cannot
// wrap (a combo's preview) shows whole in a tooltip when its box cuts it; a row of controls flows
// onto the next line.
//
// Why not ImGui::TextWrapped: ImGui's word wrap may break after any '.', so "0.0756" became "0."
// and "0756", and "(−0.1581)" became "(−0." and "1581)". Use wrapped_text for anything that holds
// numbers. It does not hyphenate, justify or break a piece wider than the whole line (that piece
// gets a line of its own and runs over).
//
// The line breaker is pure (it measures through a function), so it is tested without a window.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace neurostep {

// --- the line breaker: no ImGui ---

// A piece of text a line may break after, and how readily: 0 between the top-level terms of an
// expression (before " + ", " − ", " = " outside brackets), the items of a list and words; 1 after
// a "·" or "×" outside brackets; 2 after a "/" outside brackets; then the same one bracket deeper
// (3 before an operator in brackets, 4 after a "·" in them, 5 after a "/", 6 two brackets deep, …).
struct WrapPiece {
  std::string_view text;
  int rank = 0;
  bool operator==(const WrapPiece&) const = default;
};

// The pieces of `text`. A piece keeps its trailing spaces. An operator that stands alone ("+",
// "−", "=", "/", …) stays with the term after it, so a continued line starts with its operator:
// "0.1·0.2" / "+ 0.3·0.4". A "\n" is a piece of its own: a forced break. A number, its sign and
// its brackets ("(−0.1581)") never contain a break.
std::vector<WrapPiece> wrap_pieces(std::string_view text);

// Measures the width of a piece of text (in pixels on screen, in characters in tests).
using TextWidth = std::function<float(std::string_view)>;

// `text` in lines at most `first_width` (the first line) and `next_width` (every other line) wide,
// broken only between wrap_pieces: at breaks of rank 0, a part that does not fit moving to the next
// line whole; a part wider than a whole line is broken at its own lowest rank, and so on. So
// "2(0.6726 − 1)" and "√(2.5 + 0.001)" break inside only if they alone are wider than a line.
// Lines keep no trailing spaces. A piece wider than its line gets a line of its own. Empty text
// gives no lines.
std::vector<std::string> wrap_lines(std::string_view text, float first_width, float next_width,
                                    const TextWidth& width_of);

// --- on screen: ImGui, current font and colour ---

struct WrapStyle {
  std::string_view lead;  // drawn before the first line, e.g. "    = "
  float indent = -1;      // where continued lines start, from the line's left edge; < 0: under the text after `lead`
  unsigned color = 0;     // ABGR (gui/theme.h colors); 0: the current text colour
};

// `text` wrapped to the space left on the current line of the window, table cell or child.
void wrapped_text(std::string_view text, const WrapStyle& style = {});

// A full-width Selectable whose label wraps like wrapped_text instead of being cut at the right
// edge; continued lines start `indent` in. `id` is the ImGui id ("##step7"). Returns true when
// clicked. A single word wider than the whole box still runs over: then the label's whole text
// shows in a tooltip on hover.
bool wrapped_selectable(const char* id, std::string_view text, bool selected, float indent = 0);

// ImGui::SameLine if an item `width` wide still fits right of the last item, else nothing (the item
// starts the next line): a row of controls flows over two lines in a small window instead of
// running off its right edge.
void same_line_if_fits(float width);
float button_width(const char* label);  // the width of ImGui::Button(label)

// ImGui::BeginCombo, plus the whole preview in a tooltip on hover when the combo's box cuts it.
// Pair with ImGui::EndCombo as usual when it returns true.
bool begin_combo(const char* label, const char* preview);

}  // namespace neurostep
