// libFuzzer target: the formula parser on arbitrary text (the first byte picks f(x) or f(x, y)).
// Any input must either parse and evaluate or throw ExpressionError with a column inside the
// text — never crash, hang, throw anything else, or trip a sanitizer.
#include <cstdint>
#include <string>

#include "core/expression.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const bool two_variables = data[0] & 1;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    const neurostep::Expression f(text,
                                  two_variables ? std::vector<std::string>{"x", "y"} : std::vector<std::string>{"x"});
    for (double v : {-3.0, 0.0, 1e-300, 2.5}) (void)f(v, -v);  // any value, NaN included, is fine
  } catch (const neurostep::ExpressionError& e) {
    // Columns count characters, so at most one past the last byte.
    if (e.column < 1 || e.column > static_cast<int>(text.size()) + 1 || e.message.empty()) __builtin_trap();
  }
  return 0;
}
