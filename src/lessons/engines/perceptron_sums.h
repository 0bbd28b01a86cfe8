// perceptron_sums.h — the pieces of a perceptron step both perceptron step files write: a point as
// "(0, 1)" and the weighted sum as an equation. Internal to the perceptron lesson kind (perceptron.cpp,
// perceptron_gates.cpp); the numbers they share are in perceptron_numbers.h.
#pragma once

#include <string>
#include <vector>

#include "lessons/framework/trace.h"

namespace neurostep::perceptron_parts {

inline std::string point_text(const std::vector<double>& x) {
  std::string s = "(";
  for (std::size_t i = 0; i < x.size(); ++i) s += (i ? ", " : "") + format_number(x[i], shown_decimals());
  return s + ")";
}

// z = w₀·1 + w₁x₁ + … as symbols and a numbers template with its arguments.
inline Equation sum_equation(const std::vector<double>& w, const std::vector<double>& x1, double z) {
  Equation e{"z = w₀·1", "{}·1", {w[0]}, {z}};
  for (std::size_t i = 1; i < w.size(); ++i) {
    e.symbols += " + w" + subscript(static_cast<int>(i)) + "x" + subscript(static_cast<int>(i));
    e.numbers += " + {}·{}";
    e.args.insert(e.args.end(), {w[i], x1[i]});
  }
  return e;
}

}  // namespace neurostep::perceptron_parts
