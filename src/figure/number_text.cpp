#include "figure/number_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace neurostep {

namespace {
thread_local int current_decimals = kShownDecimals;
}  // namespace

int shown_decimals() { return current_decimals; }
ShownDecimals::ShownDecimals(int decimals) : before_(current_decimals) { current_decimals = decimals; }
ShownDecimals::~ShownDecimals() { current_decimals = before_; }

namespace {
// Rounds a plain decimal string ("0.125") to `precision` decimals, half away from zero, as done by
// hand ("0.13"); the shortest round-trip text of a double is exact enough for that.
std::string round_decimal(std::string s, int precision) {
  auto dot = s.find('.');
  if (dot == std::string::npos) {
    s += '.';
    dot = s.size() - 1;
  }
  s.append(static_cast<std::size_t>(std::max(0, precision + 1 - static_cast<int>(s.size() - dot - 1))), '0');
  const bool up = s[dot + 1 + static_cast<std::size_t>(precision)] >= '5';
  s.resize(dot + 1 + static_cast<std::size_t>(precision));
  if (up) {
    int i = static_cast<int>(s.size()) - 1;
    for (; i >= 0; --i) {
      if (s[i] == '.') continue;
      if (s[i] < '9') {
        ++s[i];
        break;
      }
      s[i] = '0';
    }
    if (i < 0) s.insert(0, "1");
  }
  if (precision == 0) s.pop_back();  // no trailing '.'
  return s;
}
// A non-zero number below half a unit of the last decimal: its `precision` significant digits (the
// zeros at the end left off) times a power of ten in superscripts, "−4.274·10⁻⁵".
std::string small_number(double value, int precision) {
  std::string e = fmt::format("{:.{}e}", value, std::max(0, precision - 1));
  const auto at = e.find('e');
  std::string mantissa = e.substr(0, at);
  const int exponent = std::stoi(e.substr(at + 1));
  if (mantissa.find('.') != std::string::npos) {  // the same rule: no zeros at the end
    mantissa.erase(mantissa.find_last_not_of('0') + 1);
    if (mantissa.back() == '.') mantissa.pop_back();
  }
  if (mantissa[0] == '-') mantissa.replace(0, 1, "−");
  return mantissa + "·10" + power_of_ten(exponent);
}
}  // namespace

std::string power_of_ten(int k) {
  static constexpr const char* kDigits[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
  std::string out = k < 0 ? "⁻" : "";
  for (char c : std::to_string(k < 0 ? -k : k)) out += kDigits[c - '0'];
  return out;
}

std::string format_percent(double share) {
  const double p = 100 * share;
  if (p == 0 || std::abs(p) >= 10) return format_number(std::round(p), 0) + " %";
  const int decimals = std::max(0, 1 - static_cast<int>(std::floor(std::log10(std::abs(p)))));
  return format_number(p, decimals) + " %";
}

std::string format_number(double value, int precision) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "∞" : "−∞";
  // A non-zero number too small to show at this precision is written as 1.234·10⁻⁷.
  if (value != 0 && std::abs(value) < 0.5 * std::pow(10.0, -precision)) return small_number(value, precision);
  // One rule for every number: rounded to `precision` decimals, with the zeros at the end left
  // off — an input such as 0.9 prints as written, and 0.30000000000000004 as 0.3, not 0.3000.
  std::string s = fmt::format("{}", std::abs(value));
  if (s.find('e') != std::string::npos) {
    s = fmt::format("{:.{}f}", std::abs(value), precision);
  } else {
    const auto dot = s.find('.');
    if (dot != std::string::npos && static_cast<int>(s.size() - dot - 1) > precision) s = round_decimal(s, precision);
  }
  if (s.find('.') != std::string::npos) {
    s.erase(s.find_last_not_of('0') + 1);
    if (s.back() == '.') s.pop_back();
  }
  // A value that rounds to zero prints without a sign.
  const bool negative = value < 0 && s.find_first_not_of("0.") != std::string::npos;
  if (negative) s.insert(0, "−");
  return s;
}

std::string subscript(int n) {
  static constexpr const char* kDigits[] = {"₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"};
  std::string digits = std::to_string(n), out;
  for (char c : digits) out += c == '-' ? "₋" : kDigits[c - '0'];
  return out;
}

std::string superscript(int n) {
  static constexpr const char* kDigits[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
  std::string out = "⁽";
  for (char c : std::to_string(n)) out += kDigits[c - '0'];
  return out + "⁾";
}

std::string with_real_minus(std::string text) {
  for (std::size_t i = 0; (i = text.find('-', i)) != std::string::npos;) text.replace(i, 1, "−");
  return text;
}

}  // namespace neurostep
