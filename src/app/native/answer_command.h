// answer_command.h — Try it without a window, for instructors: `neurostep answer` judges one
// answer as the window would (right, too high, too low, more decimals, the slips) and `neurostep
// grade` judges a class's answers (answer_sheet.h), with a score per student.
// With grade --variants class-variants.csv, a row whose variant is empty takes the student's numbers
// # from that file (a student the file lacks is a bad row); a row that gives a number other than
// the file's is a bad row too, so that a mistyped number is not graded against the wrong sheet.
// Exit codes: answer: 0 right, 1 wrong, 2 bad input (no such lesson, step, exercise or number), 3 more
// decimals wanted (not a wrong try);
// grade: 0 every row graded, 1 some rows left out (each reported at its line; the rest are
// graded and written), 2 the file or the options cannot be used.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace neurostep {

struct AnswerArguments {
  std::string lesson;
  std::uint64_t variant = 0;  // 0: the lesson's own numbers
  std::string step, value;    // step: its number (1-based) or id; value: its name or label ("dC_dw[2]")
  int element = 0;
  std::string answer;  // as typed: "−0.1298", "0,5", "1e-3"
  int precision = 4;
};
int answer_command(const std::filesystem::path& lessons_dir, const AnswerArguments& args);

struct GradeArguments {
  std::string file;    // the answers (CSV)
  std::string lesson;  // for rows without a lesson column
  std::string out;     // per answer: its verdict and slip (CSV); empty: not written
  int precision = 4;
  std::string variants;  // class-variants.csv (worksheet --roster): the numbers # of a row whose variant is empty
};
int grade_command(const std::filesystem::path& lessons_dir, const GradeArguments& args);

}  // namespace neurostep
