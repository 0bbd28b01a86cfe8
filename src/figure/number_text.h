// number_text.h — numbers as a student reads them: the one rule every screen, note, plot label,
// table and export uses to print a number, and the sub-/superscripts of symbols such as w⁽²⁾₁₂.
#pragma once

#include <string>

namespace neurostep {

// The decimals of the numbers a lesson writes into its titles, notes and figure labels, and the
// view's default for its equations: one rule, so the same value reads the same everywhere.
constexpr int kShownDecimals = 4;

// The decimals a lesson writes its titles, notes and figure texts at while it runs: kShownDecimals,
// or the view's choice (3, 4 or 6) for as long as a ShownDecimals of this thread lives. The lesson
// runners (run_guarded, apply_variant, LessonSession::figures) open one with the lesson's
// decimals, so engines need no extra parameter and a run outside them prints at the default.
int shown_decimals();
class ShownDecimals {
 public:
  explicit ShownDecimals(int decimals);
  ~ShownDecimals();
  ShownDecimals(const ShownDecimals&) = delete;
  ShownDecimals& operator=(const ShownDecimals&) = delete;

 private:
  int before_;
};

// A number rounded to `precision` decimals, the zeros at the end left off, with a real minus sign:
// "−0.1298", "0.9", "1", "0.3" (for 0.30000000000000004, not "0.3000"); a non-zero number that would
// round to zero (|x| < 0.5·10^−precision) is written with `precision` significant digits times a
// power of ten in superscripts ("1.234·10⁻⁷" at 4 decimals, "−4·10⁻⁴" at 3): the same text for the
// same value in titles, notes, equations, tables, figure labels and answer keys.
std::string format_number(double value, int precision);
// The superscript exponent of a power of ten: −3 → "⁻³", 12 → "¹²".
std::string power_of_ten(int k);
// A share as a percentage honest about small ones: two significant digits below 10 % ("0.53 %",
// "5.3 %"), whole numbers from 10 % ("25 %"), "0 %" only for exactly 0.
std::string format_percent(double share);
// A number as written elsewhere ("-0.129", a thesis's printed value) with the real minus sign the
// computed numbers use ("−0.129").
std::string with_real_minus(std::string text);
std::string subscript(int n);    // 12 → "₁₂", for symbols such as w₁
std::string superscript(int n);  // 2 → "⁽²⁾", the layer index of a⁽²⁾

}  // namespace neurostep
