// worksheet.h — a variant of a lesson as an exercise sheet for a student and as its answer key, in
// Markdown and as a LaTeX document that compiles as is with pdflatex. `neurostep worksheet` writes
// them; nothing here touches files.
//
// The sheet: the lesson, the variant's number ("numbers #4817"), the student's name (or a line
// for it), the given numbers — a vector or matrix as a grid with the symbol the formulas use (X,
// K, W⁽¹⁾), the rest as "η = 0.5" — then the steps. Those before the first exercise are worked
// out (where the student starts from); from there to the last exercise each step with exercises
// is a numbered exercise (1, 2, 3, …): its formulas and a framed box with room for the working and
// a line for each value asked, labelled as the formulas name it (∂C/∂K₀,₁, δ⁽¹⁾₁). A step between
// exercises that asks nothing prints its formulas (later exercises may need its numbers).
// The key: the same steps with the same numbering, each worked out (numbers line and result), and
// every asked value with its own numbers line and the answer at the sheet's decimals (fixed:
// "0.6720", as a student writes them). The Markdown key also names each answer as `neurostep
// grade` reads it (step id and value label).
// Not here: the hints (Try it), the figures (worksheet_command.cpp puts them beside the .tex).
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
  std::string key;     // "Weights/w₁"
  std::string text;    // "0.84", or a choice's option
  bool drawn = false;  // drawn for this variant (else the lesson file's own)
};

struct Worksheet {
  const LessonInfo* info = nullptr;
  const Variant* variant = nullptr;
  std::vector<Exercise> exercises;  // those of the variant's trace within the steps
  WorksheetOptions options;
  std::vector<GivenNumber> given;    // every number of the lesson, as set for the variant
  std::string student;               // printed on the sheet; empty: a line to write the name on
  std::vector<std::string> figures;  // per step of the trace: a figure file beside the .tex ("" none)
};

// The given numbers as the sheet prints them: per group of the lesson ("B–C. Input"), its numbers
// — those that index one symbol (X[0,0] … X[5,5]; w⁽¹⁾₁₁ … w⁽¹⁾₂₂) as one grid (X; W⁽¹⁾), the others
// one by one.
struct GivenItem {
  std::string symbol;              // "X", "W⁽¹⁾", "η", "activation"
  int rows = 0, cols = 0;          // a grid (row-major `cells`); 0: a single number
  std::vector<std::string> cells;  // a grid's numbers
  std::string text;                // a single number's text ("0.5", "sigmoid")
  bool grid() const { return rows > 0; }
};
struct GivenGroup {
  std::string name;  // "Layer 1"
  std::vector<GivenItem> items;
};
std::vector<GivenGroup> given_groups(const std::vector<GivenNumber>& given);

// One step as a sheet prints it, in order.
struct SheetBlock {
  int step = 0;                        // its index in the trace
  int exercise = 0;                    // its exercise number (1, 2, …); 0: it asks nothing
  bool worked = false;                 // with its numbers lines and results
  std::vector<const Exercise*> asked;  // the sheet's exercises of this step
};
std::vector<SheetBlock> sheet_blocks(const Worksheet& sheet, bool key);

// A step's title as the sheet prints it: a number in it that shows an answer of the sheet (other
// than a whole number) is "?"
// (withheld.h's mask), and from the first exercise on so is every number with decimals, as Try it
// shows the titles of the steps still to work out. The key prints the titles as they are.
std::string sheet_title(const Worksheet& sheet, const SheetBlock& block, bool key);

// Every editable number of the lesson as it stands (set to the variant `v` by apply_variant).
std::vector<GivenNumber> given_numbers(Lesson& lesson, const Variant& v);

// The exercises of `trace` (from `rules`) within the options' steps.
std::vector<Exercise> worksheet_exercises(const std::vector<ExerciseRule>& rules, const Trace& trace,
                                          const WorksheetOptions& options);

// An answer as the key writes it: as the trace shows it (format_number: −0.7 for −0.7, never
// "−0.7000"; 4.274·10⁻⁵ for a value too small for the decimals).
std::string answer_text(double value, int precision);

std::string worksheet_markdown(const Worksheet& sheet, bool key);
std::string worksheet_latex(const Worksheet& sheet, bool key);  // worksheet_latex.cpp

// A class's key (a roster's): per student, in the given order, their numbers # and every answer
// with its exercise number and symbol.
struct ClassSheet {
  std::string student;
  const Worksheet* sheet = nullptr;
};
std::string class_key_markdown(const std::vector<ClassSheet>& sheets);
std::string class_key_latex(const std::vector<ClassSheet>& sheets);  // worksheet_latex.cpp

}  // namespace neurostep
