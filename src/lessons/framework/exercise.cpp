#include "lessons/framework/exercise.h"

#include "figure/number_text.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "lessons/framework/lesson_file.h"
#include "lessons/framework/slips.h"

namespace neurostep {

LessonError FilePlace::error(std::string message) const { return LessonError(file, line, column, std::move(message)); }

FilePlace place_of(const LessonTable& table, std::string_view key) {
  const LessonError e = table.error_at(key, "");
  return {e.file, e.line, e.column};
}

bool step_matches(std::string_view pattern, std::string_view id) {
  const auto star = pattern.find('*');
  if (star == std::string_view::npos) return pattern == id;
  const std::string_view head = pattern.substr(0, star), rest = pattern.substr(star + 1);
  if (!id.starts_with(head)) return false;
  for (std::size_t i = head.size(); i <= id.size(); ++i)
    if (step_matches(rest, id.substr(i))) return true;
  return false;
}

std::string Exercise::label() const { return element > 0 ? fmt::format("{}[{}]", value, element) : value; }

std::vector<ExerciseRule> read_exercise_rules(LessonTable& root) {
  std::vector<ExerciseRule> rules;
  if (!root.has("exercise")) return rules;
  for (LessonTable& t : root.tables("exercise")) {
    ExerciseRule r;
    r.at_step = place_of(t, "step");
    r.at_value = place_of(t, "value");
    r.step = t.text("step");
    r.value = t.text("value");
    if (t.has("element") && t.has("elements")) t.fail("elements", "give 'element' or 'elements', not both");
    if (t.has("element")) {
      r.at_elements = place_of(t, "element");
      r.elements = {t.integer("element", 1, 1'000'000)};
    } else if (t.has("elements")) {
      r.at_elements = place_of(t, "elements");
      for (double e : t.numbers("elements", {}, {1, 1e6})) {
        if (e != std::floor(e))
          t.fail("elements", fmt::format("'elements' must hold whole numbers (1-based), not {}", e));
        r.elements.push_back(static_cast<int>(e));
      }
    }
    if (t.has("tolerance")) r.tolerance = t.number("tolerance", {0, 1e6});
    r.hint = t.text_or("hint", "");
    t.finish();
    rules.push_back(std::move(r));
  }
  return rules;
}

std::vector<LessonError> exercise_errors(const std::vector<ExerciseRule>& rules, const Trace& trace) {
  std::vector<LessonError> errors;
  for (const ExerciseRule& r : rules) {
    int matched = 0;
    for (const Step& s : trace.steps) {
      if (!step_matches(r.step, s.id)) continue;
      ++matched;
      const Value* v = s.find(r.value);
      if (!v) {
        std::string names;
        for (const Value& x : s.values) names += (names.empty() ? "" : ", ") + x.name;
        errors.push_back(r.at_value.error(fmt::format("exercise: step '{}' has no value '{}' (it has: {})", s.id,
                                                      r.value, names.empty() ? "no values" : names)));
        break;
      }
      for (int e : r.elements)
        if (e > static_cast<int>(v->data.size())) {
          errors.push_back(
              r.at_elements.error(fmt::format("exercise: '{}' of step '{}' has {} element{}, not {}", r.value, s.id,
                                              v->data.size(), v->data.size() == 1 ? "" : "s", e)));
          break;
        }
    }
    if (matched == 0)
      errors.push_back(r.at_step.error(fmt::format(
          "exercise: no step '{}' in this lesson (`neurostep trace {}` lists the step ids)", r.step, trace.lesson_id)));
  }
  return errors;
}

namespace {

// "∂C/∂w₁ = ∂C/∂a·… = 2(a − y)·…" → "∂C/∂w₁"; "w₁ ← w₁ − η·∂C/∂w₁" → "w₁".
std::string left_side(const std::string& symbols) {
  std::size_t end = symbols.size();
  for (const char* sign : {" = ", " ← ", " ≈ "}) end = std::min(end, symbols.find(sign));
  if (end == std::string::npos || end == symbols.size() || end == 0 || end > 40) return "";
  return symbols.substr(0, end);
}

// Each exercise's symbol, kept only where no other exercise of its step has the same one.
void name_by_formulas(std::vector<Exercise>& exercises, const Trace& trace) {
  for (Exercise& e : exercises)
    if (const Equation* eq = equation_for(trace.steps[static_cast<std::size_t>(e.step)], e))
      e.symbol = left_side(eq->symbols);
  std::vector<bool> keep(exercises.size());
  for (std::size_t i = 0; i < exercises.size(); ++i) {
    const Exercise& e = exercises[i];
    const auto step_mates = [&](const Exercise& x) { return x.step == e.step; };
    const bool alone = std::count_if(exercises.begin(), exercises.end(),
                                     [&](const Exercise& x) { return step_mates(x) && x.symbol == e.symbol; }) == 1;
    // The elements of one value are named one way: all by their formulas, or all by the value's label.
    const bool whole = std::none_of(exercises.begin(), exercises.end(), [&](const Exercise& x) {
      return step_mates(x) && x.value == e.value && x.symbol.empty();
    });
    keep[i] = alone && whole;
  }
  for (std::size_t i = 0; i < exercises.size(); ++i)
    if (!keep[i]) exercises[i].symbol.clear();
}

// An element of a value named as its formulas write the value: "x̂" → "x̂₂,₃" (row 2, column 3),
// "δ[{}]" with the classes from 0 → "δ[7]". Empty where the value has only an identifier ("dX_max").
std::string element_symbol(const Value& v, int element) {
  const std::string base = v.symbol.empty() ? v.name : v.symbol;
  if (v.symbol.empty() && base.find('_') != std::string::npos) return "";
  if (element == 0) return base;
  const int i = element - 1;
  std::vector<int> index = {i + v.first_index};
  if (v.shape.size() == 2) index = {i / v.shape[1] + v.first_index, i % v.shape[1] + v.first_index};
  std::string at = base.find("{}") == std::string::npos ? base + "{}" : base;
  const bool brackets = at.find("[{}]") != std::string::npos;
  std::string text;
  for (std::size_t k = 0; k < index.size(); ++k)
    text += (k ? "," : "") + (brackets ? std::to_string(index[k]) : subscript(index[k]));
  return at.replace(at.find("{}"), 2, text);
}

// The exercises that no formula names alone are named by their value's symbol.
void name_by_values(std::vector<Exercise>& exercises, const Trace& trace) {
  for (Exercise& e : exercises)
    if (e.symbol.empty())
      if (const Value* v = trace.steps[static_cast<std::size_t>(e.step)].find(e.value))
        e.symbol = element_symbol(*v, e.element);
}

}  // namespace

std::vector<Exercise> exercises_for(const std::vector<ExerciseRule>& rules, const Trace& trace) {
  std::vector<Exercise> out;
  for (std::size_t i = 0; i < trace.steps.size(); ++i) {
    const Step& s = trace.steps[i];
    for (const ExerciseRule& r : rules) {
      if (!step_matches(r.step, s.id)) continue;
      const Value* v = s.find(r.value);
      if (!v) continue;
      const int n = static_cast<int>(v->data.size());
      std::vector<int> elements = r.elements;
      if (elements.empty())
        for (int e = 1; e <= n; ++e) elements.push_back(e);
      for (int e : elements) {
        if (e > n) continue;
        const bool scalar = v->shape.empty();
        out.push_back({static_cast<int>(i), s.id, r.value, scalar ? 0 : e, v->data[static_cast<std::size_t>(e - 1)],
                       r.tolerance, r.hint, ""});
      }
    }
  }
  name_by_formulas(out, trace);
  name_by_values(out, trace);
  return out;
}

double round_to(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

AnswerCheck check_answer(const Exercise& exercise, double answer, int decimals) {
  AnswerCheck c;
  c.off = answer - exercise.answer;
  // Half a unit in the last place: the answer rounds to what the exact value rounds to (a value
  // that lies on a rounding boundary accepts either neighbour). A hair more for the binary noise
  // of decimal fractions.
  const double half_unit = 0.5 * std::pow(10.0, -decimals);
  c.allowed = std::max(half_unit, exercise.tolerance.value_or(0.0));
  c.right = std::isfinite(answer) && std::abs(c.off) <= c.allowed * (1 + 1e-9) + 1e-12 * std::abs(exercise.answer);
  return c;
}

}  // namespace neurostep
