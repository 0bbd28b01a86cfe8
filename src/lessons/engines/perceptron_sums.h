// perceptron_sums.h — the pieces of a perceptron step both perceptron files write: weights as exact
// fractions and back, the input with x₀ = 1, a point as "(0, 1)" and the weighted sum as an equation.
// Internal to the perceptron lesson kind (perceptron.cpp, perceptron_gates.cpp).
#pragma once

#include <string>
#include <vector>

#include "core/rational.h"
#include "lessons/framework/trace.h"

namespace neurostep::perceptron_parts {

inline std::vector<double> to_doubles(const std::vector<Rational>& v) {
  std::vector<double> out;
  for (const Rational& r : v) out.push_back(r.to_double());
  return out;
}

inline std::vector<Rational> to_rationals(const std::vector<double>& v) {
  std::vector<Rational> out;
  for (double d : v) out.push_back(Rational::from_decimal(d));
  return out;
}

inline std::vector<double> with_bias_input(const std::vector<double>& x) {
  std::vector<double> out = {1.0};
  out.insert(out.end(), x.begin(), x.end());
  return out;
}

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
