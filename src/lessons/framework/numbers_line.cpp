#include "lessons/framework/numbers_line.h"

#include <cmath>
#include <memory>
#include <string_view>
#include <vector>

#include "core/expression.h"
#include "core/gradient_check.h"
#include "lessons/framework/exercise.h"

namespace neurostep {

namespace {

bool starts(std::string_view s, std::size_t at, std::string_view what) { return s.substr(at, what.size()) == what; }
bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Whether rounding to `decimals` leaves x as it is (2, 0.05 at 4 decimals): such a number is
// shown exactly and stands for itself alone.
bool shown_exactly(double x, int decimals) {
  return std::abs(round_to(x, decimals) - x) <= 1e-12 * std::max(1.0, std::abs(x));
}

}  // namespace

std::optional<std::string> numbers_line_formula(const std::string& numbers) {
  // The app's signs that muparser has no name for; "·", "×" and "−" Expression reads itself.
  static constexpr std::pair<std::string_view, std::string_view> kSigns[] = {
      {"²", "^2"}, {"³", "^3"}, {"√", "sqrt"}, {"σ(", "sigmoid("}, {"½", "0.5"}, {"[", "("}, {"]", ")"}};
  static constexpr std::string_view kUnreadable[] = {"⌊", "⌋", "′", "→", "Σ", "…", ";", "{#"};
  std::string out;
  int next = 0;
  for (std::size_t i = 0; i < numbers.size();) {
    if (starts(numbers, i, "{}")) {
      out += "v" + std::to_string(next++);
      i += 2;
      continue;
    }
    for (std::string_view bad : kUnreadable)
      if (starts(numbers, i, bad)) return std::nullopt;
    if (starts(numbers, i, "e^") && (i == 0 || !is_word_char(numbers[i - 1]))) {  // e^z: muparser's constant _e
      out += "_e^";
      i += 2;
      continue;
    }
    if (starts(numbers, i, "ln {}")) {  // "ln a" as the thesis writes it: ln(a)
      out += "ln(v" + std::to_string(next++) + ")";
      i += 5;
      continue;
    }
    if (starts(numbers, i, "√{}")) {
      out += "sqrt(v" + std::to_string(next++) + ")";
      i += std::string_view("√{}").size();
      continue;
    }
    bool replaced = false;
    for (const auto& [sign, as] : kSigns)
      if (starts(numbers, i, sign)) {
        out += as;
        i += sign.size();
        replaced = true;
        break;
      }
    if (!replaced) out += numbers[i++];
  }
  return out;
}

std::optional<NumbersFunction> formula_function(const std::string& formula, std::size_t arity) {
  std::vector<std::string> names;
  for (std::size_t k = 0; k < arity; ++k) names.push_back("v" + std::to_string(k));
  std::shared_ptr<Expression> f;
  try {
    f = std::make_shared<Expression>(formula, names);
  } catch (const ExpressionError&) {
    return std::nullopt;
  }
  return NumbersFunction([f](std::span<const double> x) { return (*f)(x); });
}

std::optional<NumbersFunction> numbers_function(const Equation& equation) {
  if (equation.result.size() != 1 || equation.args.empty() || equation.numbers.empty()) return std::nullopt;
  const auto formula = numbers_line_formula(equation.numbers);
  if (!formula) return std::nullopt;
  auto f = formula_function(*formula, equation.args.size());
  if (!f) return std::nullopt;
  // Only a line read as the engine computed it: its own numbers give its own result.
  const double own = (*f)(equation.args), result = equation.result[0];
  if (!std::isfinite(own) || std::abs(own - result) > 1e-9 * std::max(1.0, std::abs(result))) return std::nullopt;
  return f;
}

ResultRange shown_range(const Equation& equation, const NumbersFunction& line, int decimals) {
  std::vector<double> x = equation.args;
  const double half_unit = 0.5 * std::pow(10.0, -decimals);
  double spread = 0;
  for (double& xi : x) {
    if (shown_exactly(xi, decimals)) continue;
    const double slope = central_difference(xi, 1e-6 * std::max(1.0, std::abs(xi)), [&] { return line(x); });
    if (std::isfinite(slope)) spread += std::abs(slope) * half_unit;
  }
  const double result = equation.result[0];
  return ResultRange{result - spread, result + spread};
}

std::optional<ResultRange> shown_range(const Equation& equation, int decimals) {
  const auto f = numbers_function(equation);
  return f ? std::optional<ResultRange>(shown_range(equation, *f, decimals)) : std::nullopt;
}

std::optional<double> result_with_rounded_inputs(const Equation& equation, const NumbersFunction& line, int decimals) {
  std::vector<double> x = equation.args;
  for (double& xi : x) xi = round_to(xi, decimals);
  const double r = line(x);
  return std::isfinite(r) ? std::optional<double>(r) : std::nullopt;
}

std::optional<double> result_with_rounded_inputs(const Equation& equation, int decimals) {
  const auto f = numbers_function(equation);
  return f ? result_with_rounded_inputs(equation, *f, decimals) : std::nullopt;
}

}  // namespace neurostep
