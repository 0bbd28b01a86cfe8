// worksheet.h — a variant of a lesson as a worksheet for a student and as its answer key, in
// Markdown and as a LaTeX document that compiles as is with pdflatex (tables continue across
// pages). `neurostep worksheet` writes them; nothing here touches files.
//
// The sheet prints the lesson, the variant's number ("numbers #4817"), the given numbers (those
// the variant drew), and the steps in the chosen range with their formulas: the steps before the
// first exercise are worked out in full (numbers line and result: where the student starts from),
// from the first exercise on only the formulas are printed, since later numbers lines would give
// earlier answers away. Then a table of the exercises with room to write each answer.
// The key has every step with its numbers line and result, and every answer at the sheet's
// decimals (fixed: "0.6720", as a student writes them).
// Not here: the hints (the window's hint ladder comes with the Try-it mode).
#pragma once

#include <string>
#include <vector>

#include "lessons/framework/exercise.h"
#include "lessons/framework/lesson.h"
#include "lessons/framework/variant.h"

namespace neurostep {

struct WorksheetOptions {
  int first_step = 1;  // 1-based, inclusive
  int last_step = -1;  // 1-based, inclusive; -1: the last step of the trace
  int precision = 4;   // the decimals of numbers and answers
};

// One of the lesson's numbers as the sheet gives it.
struct GivenNumber {
  std::string key;    // "Weights/w₁"
  std::string text;   // "0.84", or a choice's option
  bool drawn = false; // drawn for this variant (else the lesson file's own)
};

struct Worksheet {
  const LessonInfo* info = nullptr;
  const Variant* variant = nullptr;
  std::vector<Exercise> exercises;  // those of the variant's trace within the steps
  WorksheetOptions options;
  std::vector<GivenNumber> given;   // every number of the lesson, as set for the variant
};

// Every editable number of the lesson as it stands (set to the variant `v` by apply_variant).
std::vector<GivenNumber> given_numbers(Lesson& lesson, const Variant& v);

// The exercises of `trace` (from `rules`) within the options' steps.
std::vector<Exercise> worksheet_exercises(const std::vector<ExerciseRule>& rules, const Trace& trace, const WorksheetOptions& options);

// An answer as the key writes it: fixed decimals, real minus sign, no "−0.0000".
std::string answer_text(double value, int precision);

std::string worksheet_markdown(const Worksheet& sheet, bool key);
std::string worksheet_latex(const Worksheet& sheet, bool key);

}  // namespace neurostep
