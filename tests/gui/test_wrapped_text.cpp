// The line breaker of gui/wrapped_text.h, without a window: every character is one unit wide, so
// a width is a number of characters. Lines break between terms and list items, never in a number.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "gui/wrapped_text.h"

using namespace neurostep;

namespace {
// One unit per character (UTF-8 continuation bytes do not count).
float characters(std::string_view s) {
  float n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}
std::vector<std::string> wrap(std::string_view text, float width) { return wrap_lines(text, width, width, characters); }
using Lines = std::vector<std::string>;
}  // namespace

// The pieces' texts and the ranks of the breaks after them.
std::vector<std::string_view> texts(std::string_view text) {
  std::vector<std::string_view> out;
  for (const WrapPiece& p : wrap_pieces(text)) out.push_back(p.text);
  return out;
}
std::vector<int> ranks(std::string_view text) {
  std::vector<int> out;
  for (const WrapPiece& p : wrap_pieces(text)) out.push_back(p.rank);
  return out;
}

TEST_CASE("the pieces: a number keeps its sign and brackets, a lone operator goes with the next term") {
  using Pieces = std::vector<std::string_view>;
  using Ranks = std::vector<int>;
  CHECK(texts("0.1050·1.7353 + 0.0756·1.6078") == Pieces{"0.1050·", "1.7353 ", "+ 0.0756·", "1.6078"});
  CHECK(ranks("0.1050·1.7353 + 0.0756·1.6078") == Ranks{1, 0, 1, 0});  // between terms, then after a product's "·"
  CHECK(texts("2·(0.1, 0.4, −0.3)") == Pieces{"2·", "(0.1, ", "0.4, ", "−0.3)"});
  CHECK(ranks("2·(0.1, 0.4, −0.3)") == Ranks{1, 0, 0, 0});  // a list's items break like words
  CHECK(texts("−0.1435·1 + (−0.1309)·1") == Pieces{"−0.1435·", "1 ", "+ (−0.1309)·", "1"});
  // Inside brackets a break is the last resort: after the "/" (2) of the top level, before the
  // "−" in brackets (3), after a "·" in brackets (4).
  CHECK(texts("(1 − 0.3)/√(1.2)") == Pieces{"(1 ", "− 0.3)/", "√(1.2)"});
  CHECK(ranks("(1 − 0.3)/√(1.2)") == Ranks{3, 2, 0});
  CHECK(texts("(0.2·0.5 + 1)·3") == Pieces{"(0.2·", "0.5 ", "+ 1)·", "3"});
  CHECK(ranks("(0.2·0.5 + 1)·3") == Ranks{4, 3, 1, 0});
  CHECK(texts("a = − 3") == Pieces{"a ", "= − 3"});  // operators in a row stay with the term after them
  CHECK(texts("one\ntwo  three") == Pieces{"one", "\n", "two  ", "three"});
  CHECK(texts("") == Pieces{});
}

TEST_CASE("a long numbers line breaks between terms, never inside a number") {
  // 45 characters, 20 a line: a term that does not fit moves to the next line whole.
  CHECK(wrap("0.1050·1.7353 + 0.0834·1.4824 + 0.0756·1.6078", 20) ==
        Lines{"0.1050·1.7353", "+ 0.0834·1.4824", "+ 0.0756·1.6078"});
  // What ImGui's word wrap cut as "(−0." / "1581)" stays whole.
  CHECK(wrap("0.2 − 0.2 − (−1.2647)·(−0.1581)", 12) == Lines{"0.2 − 0.2", "− (−1.2647)·", "(−0.1581)"});
  // Items of a list: "(1.6960, 0, 2.544, 0, 1.2)" at 14 a line.
  CHECK(wrap("(1.6960, 0, 2.544, 0, 1.2)", 14) == Lines{"(1.6960, 0,", "2.544, 0, 1.2)"});
  // It fits: one line, unchanged.
  CHECK(wrap("2(0.6726 − 1)·0.6726", 40) == Lines{"2(0.6726 − 1)·0.6726"});
}

TEST_CASE("a term longer than a line breaks after its products; a number longer than a line runs over alone") {
  CHECK(wrap("x = 0.5·0.25·0.125·2", 10) == Lines{"x = 0.5·", "0.25·", "0.125·2"});
  CHECK(wrap("1 0.123456789 2", 5) == Lines{"1", "0.123456789", "2"});
  // A quotient too long for a line breaks after its "/" — but "1/4" that fits stays whole.
  CHECK(wrap("2·(1 − 0.3000)/√(1.2345 + 0.001)", 16) == Lines{"2·(1 − 0.3000)/", "√(1.2345", "+ 0.001)"});
  CHECK(wrap("x = 1/4 + 1/8", 8) == Lines{"x = 1/4", "+ 1/8"});
}

TEST_CASE("the first line may be shorter (a lead such as \"= \" before it); forced breaks; empty text") {
  CHECK(wrap_lines("aa bb cc dd", 5, 8, characters) == Lines{"aa bb", "cc dd"});
  CHECK(wrap_lines("aa bb cc dd", 4, 8, characters) == Lines{"aa", "bb cc dd"});
  CHECK(wrap("one\n\ntwo", 20) == Lines{"one", "", "two"});
  CHECK(wrap("", 20).empty());
}

TEST_CASE("an expression breaks between its top-level terms; inside brackets only if they are wider than a line") {
  // What broke as "2(0.6726" / "− 1)" and "√(2.5" / "+ 0.001)": the bracket moves to the next line whole.
  CHECK(wrap("∂C/∂a = 2(0.6726 − 1)", 16) == Lines{"∂C/∂a", "= 2(0.6726 − 1)"});
  CHECK(wrap("y = 0.3·0.5/√(2.5 + 0.001) + 0.1", 20) == Lines{"y = 0.3·", "0.5/√(2.5 + 0.001)", "+ 0.1"});
  const std::string text = "∂C/∂w = 2(0.6726 − 1)·0.2264 + 0.5/√(2.5 + 0.001) − 0.1";
  for (float width = 16; width <= 60; ++width) {
    const Lines lines = wrap(text, width);
    CAPTURE(width);
    CAPTURE(lines.size());
    CHECK(std::any_of(lines.begin(), lines.end(),
                      [](const std::string& l) { return l.find("2(0.6726 − 1)") != std::string::npos; }));
    CHECK(std::any_of(lines.begin(), lines.end(),
                      [](const std::string& l) { return l.find("√(2.5 + 0.001)") != std::string::npos; }));
  }
  // Brackets wider than a whole line break at their own terms, the outermost first, rather than
  // run out of the window.
  CHECK(wrap("2(0.6726 − 1)", 8) == Lines{"2(0.6726", "− 1)"});
  CHECK(wrap("(σ(0.3298·0.9 + 0.6298·0.9) − 1)²", 20) == Lines{"(σ(0.3298·0.9", "+ 0.6298·0.9) − 1)²"});
  // The words of a remark in brackets break as words.
  CHECK(wrap("(see the plot above for a − b)", 16) == Lines{"(see the plot", "above for a − b)"});
}
