// numbers_line.h — an equation's numbers line as a function of its numbers, so that Try it can
// judge an answer worked from the numbers the screen shows, and recompute a step with one slip.
//
// The numbers line "2({} − {})·{}·{}" is read by muparser (core/expression.h) with one variable a
// "{}"; the signs the app prints (·, −, ², √, e^, ln, σ, ½, [ ]) are written as muparser reads
// them. It is used only when it gives back the engine's own result at the engine's own numbers
// (to 1e-9): a line it cannot read, or reads differently, has no function and the answer is
// judged by the plain rounding rule (exercise.h).
//
// An answer worked from the screen: every number of the line is shown rounded to the student's
// decimals, so it stands for any value within half a unit of what is shown (none for a number the
// rounding leaves exact, such as 2 or 0.05). The result of the line over those intervals is, to
// first order, the engine's result ± Σ |∂f/∂xᵢ|·½·10⁻ᵈ (each slope by `central_difference`, the one
// finite difference of the project); an answer inside that range, widened by the half unit of the
// answer's own rounding, is right.
//
// Not here: which values are exercises (exercise.h), naming slips (slips.h).
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>

#include "lessons/framework/trace.h"

namespace neurostep {

// The numbers line as muparser reads it, with variables v0, v1, …; nothing when it holds a sign
// that has no muparser form (⌊ ⌋, ′, →, a list "(a, b)").
std::optional<std::string> numbers_line_formula(const std::string& numbers);

// The line's value at other numbers (as many as `equation.args`), or nothing when the line cannot
// be read or does not give the equation's own single result.
using NumbersFunction = std::function<double(std::span<const double>)>;
std::optional<NumbersFunction> numbers_function(const Equation& equation);

// A formula of `arity` variables v0, v1, … (a numbers line with one rule changed, slips.h), or
// nothing where muparser cannot read it.
std::optional<NumbersFunction> formula_function(const std::string& formula, std::size_t arity);

// What the result can be when each number of the line is taken as shown at `decimals`: the lowest
// and highest (to first order). Nothing without a numbers function.
struct ResultRange {
  double low = 0, high = 0;
  bool contains(double x, double slack) const { return x >= low - slack && x <= high + slack; }
};
std::optional<ResultRange> shown_range(const Equation& equation, int decimals);
ResultRange shown_range(const Equation& equation, const NumbersFunction& line,
                        int decimals);  // `line`: its numbers function

// The result with every number of the line rounded to `decimals` first (what rounding too early
// gives); nothing without a numbers function, or where it is not finite.
std::optional<double> result_with_rounded_inputs(const Equation& equation, int decimals);
std::optional<double> result_with_rounded_inputs(const Equation& equation, const NumbersFunction& line, int decimals);

}  // namespace neurostep
