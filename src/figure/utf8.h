// utf8.h — UTF-8 text as code points and back: the one decoder of the LaTeX writers (the tables,
// the worksheets' math, the diagrams' TikZ), which turn the lessons' Unicode symbols into commands.
#pragma once

#include <string>
#include <string_view>

namespace neurostep {

// The code points of UTF-8 text; a broken sequence gives its bytes' partial values, never a throw.
std::u32string code_points(std::string_view text);
// One code point as UTF-8.
std::string utf8(char32_t c);

}  // namespace neurostep
