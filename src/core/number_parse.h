// number_parse.h — a whole string as a double, the same in every locale and on every platform:
// std::from_chars's rules (no leading '+', no spaces; "nan" and "inf" accepted) through Debian's
// fast_float, since the libc++ of the web edition's compiler has no from_chars for double.
#pragma once

#include <fast_float/fast_float.h>

#include <optional>
#include <string_view>
#include <system_error>

namespace neurostep {

// The number `text` is, if all of it is one.
inline std::optional<double> parse_double(std::string_view text) {
  double v = 0;
  const auto [end, ec] = fast_float::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

}  // namespace neurostep
