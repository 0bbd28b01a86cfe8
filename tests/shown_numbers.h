// What "an asked number is on screen" means, shared by the Try-it tests that read the views' data
// (tests/lessons/framework/test_withheld.cpp) and the one that reads what ImGui drew
// (tests/gui/test_try_it_drawn.cpp): numbers are found in a text by this scanner, not by the
// app's own filter, and compared as the screen would print them.
#pragma once

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>
#include <vector>

#include "figure/number_text.h"
#include "lessons/framework/practice.h"
#include "lessons/framework/trace.h"

namespace neurostep::test {

// Whether x and the answer print alike at 3, 4 or 6 decimals (the decimals a student can choose).
inline bool same_shown(double x, double answer) {
  // Numbers more than a unit of the third decimal apart never print alike (a quick way past most).
  if (!std::isfinite(x) || std::abs(x - answer) > 1e-3) return false;
  for (int d : {3, 4, 6})
    if (format_number(x, d) == format_number(answer, d)) return true;
  return false;
}

// A number as written in a text: its value and how many decimals it was written with.
struct Written {
  double value;
  int decimals;
};

// Every number written in `text` ("−0.1298", "0.6726", "6"), read digit by digit. A section
// number ("§3.5", "3.5.2") is not a number.
inline std::vector<Written> written_numbers(const std::string& text) {
  std::string plain = text;
  for (std::size_t at; (at = plain.find("−")) != std::string::npos;) plain.replace(at, std::string("−").size(), "-");
  std::vector<Written> found;
  const auto digit = [&](std::size_t i) {
    return i < plain.size() && std::isdigit(static_cast<unsigned char>(plain[i]));
  };
  for (std::size_t i = 0; i < plain.size(); ++i) {
    const bool starts = digit(i) && (i == 0 || !(std::isalnum(static_cast<unsigned char>(plain[i - 1])) ||
                                                 plain[i - 1] == '_' || plain[i - 1] == '.'));
    if (!starts) continue;
    std::size_t j = i;
    while (digit(j)) ++j;
    int decimals = 0;
    if (j + 1 < plain.size() && plain[j] == '.' && digit(j + 1))
      for (++j; digit(j); ++decimals) ++j;
    const bool section =
        (i >= 2 && plain.compare(i - 2, 2, "§") == 0) || (j + 1 < plain.size() && plain[j] == '.' && digit(j + 1));
    const bool negative = i > 0 && plain[i - 1] == '-';
    if (!section) found.push_back({(negative ? -1 : 1) * std::stod(plain.substr(i, j - i)), decimals});
    while (digit(j) || (j + 1 < plain.size() && plain[j] == '.' && digit(j + 1))) ++j;  // the rest of a section number
    i = j;
  }
  return found;
}

inline std::vector<double> numbers_of(const std::string& text) {
  std::vector<double> values;
  for (const Written& w : written_numbers(text)) values.push_back(w.value);
  return values;
}

// The asked numbers of `step` that can be hidden: not one of its inputs (nor its negative), which
// are the question itself.
inline std::vector<double> asked_numbers(const Trace& trace, const Practice& p, int step) {
  std::vector<double> inputs, asked;
  for (const Equation& e : trace.steps[static_cast<std::size_t>(step)].equations)
    inputs.insert(inputs.end(), e.args.begin(), e.args.end());
  for (int i : p.exercises_of(step)) {
    const double a = p.exercises()[static_cast<std::size_t>(i)].answer;
    if (std::none_of(inputs.begin(), inputs.end(), [&](double x) { return same_shown(x, a) || same_shown(-x, a); }))
      asked.push_back(a);
  }
  return asked;
}

inline bool small_whole(double x) { return x == std::round(x) && std::abs(x) <= 10; }

}  // namespace neurostep::test
