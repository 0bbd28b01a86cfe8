// slips.h — naming a student's wrong answer: which typical slip gives exactly that number.
//
// Works on any lesson from the step's Equation alone (its symbols, numbers template, args and
// result; trace.h), never from a lesson kind. For an exercise it finds the equation whose result
// is the exercise's answer (equation_for), then computes what each slip would have given:
//   - a sign error:                        −value
//   - a factor left out:                   value / one factor of a product ("{}·{}·{}"), or / two
//                                          adjacent ones (a(1 − a) = σ′(z)); named by the symbol of
//                                          that factor where the symbols line up with the numbers
//   - the 2 of (a − y)² dropped or doubled: value/2 or 2·value where the numbers start "2(…)"; a 2
//                                          too many where ½(o − t)² leaves none ("({} − {})·…")
//   - the learning rate with the wrong sign: for w ← w − η·g ("{} − {}·{}"), w + η·g
//   - η left out:                          w − g
//   - by recomputing the numbers line with one rule changed (numbers_line.h): one number of the
//     line in place of another (x₃ for x₁, a neighbouring weight), a sum's last single term left
//     out (the bias), the value before an update, N − 1 for the N a line divides by (the unbiased
//     variance) or the division left out, the average of a window for its maximum and back, log₂
//     for ln
//   - by the engine rerunning the step with one rule changed (trace.h, Step::reruns): δ sent back
//     through W where Wᵀ belongs, another activation's derivative for the layer's own, the
//     activation itself for its derivative — worded here, one way for every lesson
// (Rounding too early is judged in judge.h, from the line recomputed with rounded numbers.)
// An answer matches a slip when it lies within two units of the student's last decimal of it (or
// the exercise's tolerance) and nearer to it than to the right value. Slips that give the right
// value to within two units are not offered: they cannot be told apart from it.
//
// Not here: whether the answer is right (exercise.h), the hints and the marks (practice.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lessons/framework/exercise.h"
#include "lessons/framework/trace.h"

namespace neurostep {

struct Slip {
  std::string name;  // "σ′(z⁽²⁾₁) left out", "a sign error", "you rounded too early"
  double value = 0;  // what the slip gives
};

// The names of the slips an engine finds by rerunning a step (Step::reruns):
std::string untransposed_slip();  // "W instead of Wᵀ: …"
// `used`, `right`: the derivatives as the formulas write them ("σ′", "tanh′"; `used` may list several).
std::string other_derivative_slip(std::string_view used, std::string_view right);
std::string activation_for_derivative_slip(std::string_view f);  // f: "σ"

// The equation of `step` that computes `exercise` (its result holds the answer), or null. Where
// several equations give the same number (x₁ = x₂), the n-th element with that answer takes the
// n-th such equation.
const Equation* equation_for(const Step& step, const Exercise& exercise);

// What each slip would give for this exercise.
std::vector<Slip> slips_for(const Step& step, const Exercise& exercise, int decimals);

// Every slip that explains `answer`, the nearest first (a right answer may match none).
std::vector<Slip> matching_slips(const Step& step, const Exercise& exercise, double answer, int decimals);
// The slip that explains `answer` (a wrong one), or nothing. `decimals`: the student's.
std::optional<Slip> name_slip(const Step& step, const Exercise& exercise, double answer, int decimals);

}  // namespace neurostep
