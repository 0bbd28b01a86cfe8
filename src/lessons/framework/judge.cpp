#include "lessons/framework/judge.h"

#include <cmath>

#include <fmt/format.h>

#include "lessons/framework/numbers_line.h"
#include "lessons/framework/slips.h"

namespace neurostep {

namespace {

double half_unit(int decimals) { return 0.5 * std::pow(10.0, -decimals); }

// Right by the plain rule, or worked from the numbers the screen shows (numbers_line.h). `line`:
// the numbers function of the exercise's equation `eq`, where it has one.
bool is_right(const Equation* eq, const NumbersFunction* line, const Exercise& exercise, double answer, int decimals) {
  if (check_answer(exercise, answer, decimals).right) return true;
  if (!line) return false;
  const double slack = std::max(half_unit(decimals), exercise.tolerance.value_or(0.0)) * (1 + 1e-9);
  return shown_range(*eq, *line, decimals).contains(answer, slack);
}

// The decimals (fewer than asked) the numbers were rounded to before the line was worked, if
// that gives the answer.
std::optional<int> rounded_early_to(const Equation* eq, const NumbersFunction* line, double answer, int decimals) {
  if (!line) return std::nullopt;
  for (int k = decimals - 1; k >= 1; --k)
    if (const auto r = result_with_rounded_inputs(*eq, *line, k);
        r && std::abs(answer - *r) <= half_unit(decimals) * (1 + 1e-9))
      return k;
  return std::nullopt;
}

}  // namespace

const char* verdict_name(AnswerVerdict v) {
  switch (v) {
    case AnswerVerdict::Right: return "right";
    case AnswerVerdict::TooHigh: return "too high";
    case AnswerVerdict::TooLow: return "too low";
    case AnswerVerdict::MoreDecimals: return "more decimals";
    case AnswerVerdict::NotANumber: return "not a number";
  }
  return "not a number";
}

int decimals_of(double answer) {
  for (int k = 0; k < 12; ++k)
    if (std::abs(round_to(answer, k) - answer) <= 1e-12 * std::max(1.0, std::abs(answer))) return k;
  return 12;
}

std::string Judgement::text() const {
  switch (verdict) {
    case AnswerVerdict::Right: return "✓ Right.";
    case AnswerVerdict::NotANumber: return "That is not a number (type a decimal such as 0.25, −1.5 or 1e-3).";
    case AnswerVerdict::MoreDecimals: return fmt::format("Close: give {} decimals.", decimals);
    case AnswerVerdict::TooHigh:
    case AnswerVerdict::TooLow: break;
  }
  std::string s = fmt::format("Not yet: {}.", verdict_name(verdict));
  if (slips.size() == 1)
    s += " Looks like " + slips.front() + ".";
  else if (!slips.empty()) {
    s += " Looks like one of these:";
    for (const std::string& slip : slips) s += " " + slip + ";";
    s.back() = '.';
  }
  return s;
}

Judgement judge_answer(const Step& step, const Exercise& exercise, double answer, int decimals) {
  Judgement j;
  j.decimals = decimals;
  if (!std::isfinite(answer)) return j;
  const Equation* eq = equation_for(step, exercise);
  const std::optional<NumbersFunction> line =
      eq ? numbers_function(*eq) : std::nullopt;  // muparser reads the line once
  const NumbersFunction* f = line ? &*line : nullptr;
  if (is_right(eq, f, exercise, answer, decimals)) {
    j.verdict = AnswerVerdict::Right;
    return j;
  }
  // 0.673 for 0.6726… at 4 decimals: right, but rounded to fewer decimals than asked.
  if (const int given = decimals_of(answer);
      given < decimals && std::abs(answer - round_to(exercise.answer, given)) <= half_unit(decimals)) {
    j.verdict = AnswerVerdict::MoreDecimals;
    return j;
  }
  j.verdict = answer > exercise.answer ? AnswerVerdict::TooHigh : AnswerVerdict::TooLow;
  if (const auto k = rounded_early_to(eq, f, answer, decimals))
    j.slips.push_back(fmt::format(
        "the numbers rounded to {} decimal{} before working the line out: keep {} and round only the answer", *k,
        *k == 1 ? "" : "s", decimals));
  for (const Slip& s : matching_slips(step, exercise, answer, decimals)) j.slips.push_back(s.name);
  return j;
}

}  // namespace neurostep
