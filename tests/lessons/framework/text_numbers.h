// text_numbers.h — the numbers a text of a step shows (a note, a title, a figure's labels), as the
// tests of the decimals rule read them: the digits, an exponent ("1.5e−7", or the "4.274·10⁻⁵"
// format_number writes), a sign, a "%" after it; citations ("§3.4", "eqs. 72–76") and quotations
// ("…", “…”) are skipped.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace neurostep {

// The power of ten "·10⁻⁵" at `at` of `s`: the exponent and where it ends ({0, at} if none).
inline std::pair<int, std::size_t> power_after(const std::string& s, std::size_t at) {
  static const char* kDigits[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
  if (s.compare(at, std::string_view("·10").size(), "·10") != 0) return {0, at};
  std::size_t i = at + std::string_view("·10").size();
  const bool negative = s.compare(i, std::string_view("⁻").size(), "⁻") == 0;
  if (negative) i += std::string_view("⁻").size();
  int exponent = 0, digits = 0;
  for (bool more = true; more;) {
    more = false;
    for (int d = 0; d < 10 && !more; ++d)
      if (s.compare(i, std::string_view(kDigits[d]).size(), kDigits[d]) == 0) {
        exponent = 10 * exponent + d, i += std::string_view(kDigits[d]).size(), ++digits, more = true;
      }
  }
  return digits ? std::pair{negative ? -exponent : exponent, i} : std::pair{0, at};
}

struct NoteNumber {
  double value = 0;
  int decimals = 0;   // digits after the point (of the mantissa, with an exponent)
  int exponent = 0;   // 10^exponent
  bool whole = true;  // written without a point or an exponent
  bool percent = false;
  std::string text;
};

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

inline bool ends_with(const std::string& s, std::size_t end, std::string_view tail) {
  return end >= tail.size() && s.compare(end - tail.size(), tail.size(), tail) == 0;
}

// Whether the number starting at `i` is part of a citation ("§3.4", "eq. 59", "eqs. 72–76").
inline bool cited(const std::string& s, std::size_t i) {
  for (std::string_view mark :
       {"§", "eq. ", "eqs. ", "Eq. ", "Eqs. ", "Fig. ", "Figs. ", "Table ", "Tables ", "ch. ", "p. ", "pp. "})
    if (ends_with(s, i, mark)) return true;
  if (ends_with(s, i, "–") || ends_with(s, i, ", ")) {  // a range or list of citations: "eqs. 72–76", "eqs. 60, 62"
    std::size_t j = i - (ends_with(s, i, "–") ? std::string_view("–").size() : 2);
    while (j > 0 && (is_digit(s[j - 1]) || s[j - 1] == '.')) --j;
    return j < i && is_digit(s[j]) && cited(s, j);
  }
  return false;
}

// The numbers of a note outside quotations and citations.
inline std::vector<NoteNumber> note_numbers(const std::string& s) {
  std::vector<NoteNumber> out;
  bool quoted = false;
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '"') {
      quoted = !quoted;
      ++i;
      continue;
    }
    if (s.compare(i, 3, "“") == 0) {
      quoted = true;
      i += 3;
      continue;
    }
    if (s.compare(i, 3, "”") == 0) {
      quoted = false;
      i += 3;
      continue;
    }
    const bool starts = is_digit(s[i]) && (i == 0 || (!is_digit(s[i - 1]) && s[i - 1] != '.'));
    if (!starts) {
      ++i;
      continue;
    }
    const std::size_t begin = i;
    NoteNumber n;
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i + 1 < s.size() && s[i] == '.' && is_digit(s[i + 1])) {
      n.whole = false;
      const std::size_t point = ++i;
      while (i < s.size() && is_digit(s[i])) ++i;
      n.decimals = static_cast<int>(i - point);
    }
    n.value = std::stod(s.substr(begin, i - begin));
    if (i + 1 < s.size() && s[i] == 'e' &&
        (is_digit(s[i + 1]) || s[i + 1] == '-' || s[i + 1] == '+' || s.compare(i + 1, 3, "−") == 0)) {
      int sign = 1;
      ++i;
      if (s[i] == '-' || s[i] == '+')
        sign = s[i++] == '-' ? -1 : 1;
      else if (s.compare(i, 3, "−") == 0)
        sign = -1, i += 3;
      const std::size_t e = i;
      while (i < s.size() && is_digit(s[i])) ++i;
      n.exponent = sign * std::stoi(s.substr(e, i - e));
      n.whole = false;
    } else if (const auto [power, end] = power_after(s, i); end > i) {
      n.exponent = power;
      n.whole = false;
      i = end;
    }
    if (ends_with(s, begin, "−") || (begin > 0 && s[begin - 1] == '-')) n.value = -n.value;
    std::size_t after = i;
    while (after < s.size() && s[after] == ' ') ++after;
    n.percent = after < s.size() && s[after] == '%';
    n.text = s.substr(begin, i - begin);
    if (!quoted && !cited(s, begin)) out.push_back(n);
  }
  return out;
}

}  // namespace neurostep
