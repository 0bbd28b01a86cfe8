// exercise.h — which numbers of a trace a student works out by hand, and whether an answer is right.
//
// A lesson file lists its exercises as [[exercise]] entries: a step (an id, or a pattern in which
// `*` stands for any text: "sample*.gradient"), a value of that step, and optionally its elements,
// a tolerance and a hint. A file without entries gets its kind's default (LessonKind in
// registry.h; docs/lesson-format.md lists them). The rules are checked against the lesson's
// trace when it is loaded: a step or value that does not exist is a LessonError at its place in
// the file. Each rule then expands to Exercises — one per element of each matching step's value —
// for whatever numbers the lesson has (its own, or a variant's: see variant.h).
//
// An answer is right when it lies within half a unit of the student's last decimal (3, 4 or 6:
// the lesson's precision) of the computed value — what rounding the exact value gives — or within
// the file's tolerance, whichever is larger. So an answer one unit in the last place beyond that
// is wrong.
//
// Not here: the window's Try-it mode, the hint ladder, naming slips and the progress file (issue
// 15's student half); they take an Exercise and an AnswerCheck and need nothing else from here.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lessons/framework/trace.h"

namespace neurostep {

class LessonTable;  // lesson_file.h: not included, so that the GUI, which includes lesson.h, parses no TOML
struct LessonError;

// Where a field of an entry stands in the lesson file, for errors found after reading (line 0:
// not from a file, e.g. a kind's default).
struct FilePlace {
  std::string file;
  int line = 0, column = 0;
  LessonError error(std::string message) const;
};
FilePlace place_of(const LessonTable& table, std::string_view key);

// Whether `id` matches `pattern`, in which each `*` stands for any text (also none).
bool step_matches(std::string_view pattern, std::string_view id);

struct ExerciseRule {
  std::string step;                 // a step id or a pattern: "sample0.a", "sample*.gradient"
  std::string value;                // a value of that step: "dC_dw"
  std::vector<int> elements;        // 1-based, row-major for a matrix; empty: every element
  std::optional<double> tolerance;  // accepted distance beyond the rounding rule
  std::string hint;                 // the file's hint, shown before the numbers line
  FilePlace at_step, at_value, at_elements;
};

struct Exercise {
  int step = 0;  // index of the step in the trace
  std::string step_id;
  std::string value;  // "dC_dw"
  int element = 0;    // 1-based; 0 for a scalar value
  double answer = 0;  // the computed value
  std::optional<double> tolerance;
  std::string hint;
  std::string symbol;  // as the step's formula writes it ("∂C/∂w₂", "a⁽¹⁾₁", "w₁"); empty where none is clear
  std::string label() const;  // "dC_dw[2]", or "C" for a scalar: the key of files and the command line
  std::string shown_label() const { return symbol.empty() ? label() : symbol; }  // what a student reads
};

// The [[exercise]] entries of a lesson file (none: an empty list).
std::vector<ExerciseRule> read_exercise_rules(LessonTable& root);

// Every mistake of the rules against this trace: a pattern that matches no step, a value that a
// matching step does not have, an element beyond the value's size.
std::vector<LessonError> exercise_errors(const std::vector<ExerciseRule>& rules, const Trace& trace);

// The exercises of a trace, in step order (rules that name nothing in it add nothing), each with
// the symbol of the formula that computes it (the left-hand side of its equation, slips.h's
// equation_for) where that names it alone within its step.
std::vector<Exercise> exercises_for(const std::vector<ExerciseRule>& rules, const Trace& trace);

struct AnswerCheck {
  bool right = false;
  double off = 0;      // answer − computed value
  double allowed = 0;  // the largest |off| accepted
};

// `decimals`: the decimals the student works in (the lesson's precision, 3, 4 or 6).
AnswerCheck check_answer(const Exercise& exercise, double answer, int decimals);

// The value rounded to `decimals` as a student writes it (half away from zero).
double round_to(double value, int decimals);

}  // namespace neurostep
