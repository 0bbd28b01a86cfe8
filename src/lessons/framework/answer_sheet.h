// answer_sheet.h — answers handed in outside the window (typed from a paper worksheet, exported
// from a quiz) and how each names its exercise; `neurostep answer` and `neurostep grade` judge them
// with judge.h, as the window's Try it does.
//
// The CSV has a header naming its columns, in any order: student, variant, step, value, answer,
// and optionally element and lesson (without a lesson column, `grade --lesson` gives it). A step
// is its number as the window counts (1-based) or its id ("sample0.gradient"); a value its name
// ("dC_dw") or the label the window shows ("dC_dw[2]"), an element 1-based (empty or 0 for a
// number). A variant is the sheet's "numbers #" (0 or empty: the lesson's own numbers). A row that
// cannot be read is a problem at its line, and the other rows are still read.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lessons/framework/exercise.h"
#include "lessons/framework/trace.h"

namespace neurostep {

struct HandedAnswer {
  int line = 0;  // in the CSV
  std::string student, lesson;
  std::uint64_t variant = 0;
  bool variant_given = false;  // the row's variant field was not empty (grade --variants fills an empty one)
  std::string step, value;
  int element = 0;
  std::string answer;  // as typed
};

struct SheetProblem {
  int line = 0;
  std::string message;
};

struct AnswerSheet {
  std::vector<HandedAnswer> answers;
  std::vector<SheetProblem> problems;  // rows left out, each with why
};

// `default_lesson`: the lesson of rows without a lesson column ("" : the column is required).
AnswerSheet read_answer_sheet(std::string_view text, const std::string& default_lesson);

// The exercise a step and value name: its index in `exercises`, or a sentence saying why none
// (an unknown step, a value that is not an exercise of it, an element out of range).
struct ExerciseLookup {
  int index = -1;
  std::string problem;
};
ExerciseLookup find_exercise(const Trace& trace, const std::vector<Exercise>& exercises, const std::string& step,
                             const std::string& value, int element);

}  // namespace neurostep
