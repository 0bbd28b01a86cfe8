// number_text.h — numbers as a student reads them: the one rule every screen, note, plot label,
// table and export uses to print a number, and the sub-/superscripts of symbols such as w⁽²⁾₁₂.
#pragma once

#include <string>

namespace neurostep {

// A number rounded to `precision` decimals, the zeros at the end left off, with a real minus sign:
// "−0.1298", "0.9", "1", "0.3" (for 0.30000000000000004, not "0.3000"); a non-zero number that would
// round to zero is written in scientific form ("1.234e−7").
std::string format_number(double value, int precision);
// A share as a percentage honest about small ones: two significant digits below 10 % ("0.53 %",
// "5.3 %"), whole numbers from 10 % ("25 %"), "0 %" only for exactly 0.
std::string format_percent(double share);
// A number as written elsewhere ("-0.129", a thesis's printed value) with the real minus sign the
// computed numbers use ("−0.129").
std::string with_real_minus(std::string text);
std::string subscript(int n);    // 12 → "₁₂", for symbols such as w₁
std::string superscript(int n);  // 2 → "⁽²⁾", the layer index of a⁽²⁾

}  // namespace neurostep
