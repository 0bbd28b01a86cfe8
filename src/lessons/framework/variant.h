// variant.h — fresh numbers for a lesson: "numbers #4817", the same for everyone who asks for 4817.
//
// A lesson file's [variants] table says which of the lesson's editable numbers vary and how, and
// what the trace of a variant must satisfy to be worth working through:
//
//   [[variants.vary]]                  every editable whose key matches gets a fresh number
//   numbers = "Weights/*"              key = "group/label" as the Numbers tab shows them; * = any text
//   range = [-1, 1]                    drawn uniformly in the range…
//   decimals = 2                       …and rounded to this many decimals (0 for a whole number)
//
//   [[variants.require]]               a condition on the variant's trace
//   step = "sample*.a"                 a step id or pattern (every matching step must satisfy it)
//   value = "a"                        a value of that step; `element = k` (1-based) for one
//   between = [0.05, 0.95]             element, otherwise every element must satisfy it
//
// Conditions (exactly one per entry): `between = [lo, hi]`, `above = x`, `below = x` (strict),
// `magnitude_above = x` (|v| > x: a gradient that is not almost zero), `less_than` /
// `greater_than` = { step = "…", value = "…", element = k } (another value; step defaults to the
// same step — a `*` in it stands for what the condition's step's `*` matched, so "sample*.C_after"
// compares with "sample*.C" of the same sample — and element to the same element). Every variant must also give a whole
// trace of finite numbers (see failed_conditions). A draw that fails is drawn again (`tries` times, default 200); if
// none qualifies the variant is refused with the condition that failed most often.
//
// The numbers are set through Lesson::editables(), so no engine has code for variants. The draws
// come from the variant's number alone (splitmix64, no std distribution), so they are the same in
// every build, in the window and on the command line. A variant's numbers are not the thesis's:
// the lesson then has no printed values to compare (Lesson::printed_values() is empty).
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "lessons/framework/exercise.h"

namespace neurostep {

class Lesson;
struct Editable;

struct VaryRule {
  std::string numbers;  // a pattern over editable keys: "Sample */x*"
  double min = 0, max = 1;
  int decimals = 2;
  FilePlace at_numbers, at_range;
};

struct Condition {
  enum class Kind { Between, Above, Below, MagnitudeAbove, LessThan, GreaterThan };
  Kind kind = Kind::Between;
  std::string step, value;
  int element = 0;                      // 1-based; 0: every element
  double low = 0, high = 0;             // the bounds (Above, MagnitudeAbove: low; Below: high)
  std::string other_step, other_value;  // LessThan / GreaterThan; other_step empty: the same step
  int other_element = 0;
  std::string text;  // the condition as a reader says it: "sample*.a: a in [0.05, 0.95]"
  FilePlace at_step, at_value, at_other;
};

struct VariantSpec {
  std::vector<VaryRule> vary;
  std::vector<Condition> require;
  int tries = 200;
  bool empty() const { return vary.empty(); }
};

// "group/label": the key a [[variants.vary]] pattern matches.
std::string editable_key(const Editable& e);

VariantSpec read_variant_spec(LessonTable& root);  // the [variants] table; empty if none

// Every mistake of the spec against the lesson's editables and its trace with its own numbers:
// a pattern that matches no editable or a choice, a range outside the editable's, a condition's
// step or value that does not exist.
std::vector<LessonError> variant_errors(const VariantSpec& spec, Lesson& lesson, const Trace& trace);

// The conditions this trace fails (their text), plus the Stopped note, an infinity anywhere, or a
// NaN in a scalar or in one of the `exercises` (a NaN inside a vector or matrix is a lesson's
// "not yet computed" cell).
std::vector<std::string> failed_conditions(const VariantSpec& spec, const Trace& trace,
                                           const std::vector<ExerciseRule>& exercises = {});

struct VariantError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct VariantNumber {
  std::string key;  // "Weights/w₁"
  double value;
};

struct Variant {
  std::uint64_t seed = 0;
  int draws = 1;                       // how many draws it took to meet the conditions
  std::vector<VariantNumber> numbers;  // what was drawn, in the order of the editables
  Trace trace;
};

constexpr std::uint64_t kMaxVariant = 999'999'999;

// Sets the lesson's numbers to variant `seed` (1 … kMaxVariant) and returns them with the trace.
// Throws VariantError if the lesson has no [variants] or no draw meets the conditions (the
// lesson's numbers are then as they were).
Variant apply_variant(Lesson& lesson, std::uint64_t seed);

}  // namespace neurostep
