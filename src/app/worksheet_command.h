// worksheet_command.h — `neurostep worksheet LESSON --variants N [--seed S] [--steps A..B] --out DIR
// [--format tex|pdf] [--precision 3|4|6]`: for variants S, S+1, …, S+N−1 of the lesson, a worksheet
// (ID-S.tex and .md) and its answer key (ID-S-key.tex and .md), and with --format pdf the PDFs
// through pdflatex. Everything is computed (and compiled) before the first file is written, and
// each file is written atomically: an error leaves no file half written and writes none at all.
// With --roster class.csv instead of --variants: a sheet per student with their name and their own
// numbers (ID-NAME-N.tex, .md, .pdf; N drawn from the student and --seed, roster.h), one key for
// the class ordered by name (ID-class-key.*) and class-variants.csv (student,variant) for `neurostep
// grade --variants`. A bad roster row is reported as FILE:LINE and nothing is written (exit 2).
// Without pdflatex, --format pdf writes the .tex and .md files, says that no PDF was made and why,
// and exits with 1.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace neurostep {

struct WorksheetArguments {
  std::string lesson;          // id or path
  int variants = 1;            // how many sheets
  std::uint64_t seed = 1001;   // the first variant's number
  std::string steps;           // "A..B", "A..", "..B" (1-based, inclusive); empty: all
  std::string out;             // the folder (created if missing)
  std::string format = "tex";  // tex: .tex and .md; pdf: also .pdf
  int precision = 4;           // decimals of the answers: 3, 4 or 6
  std::string roster;          // a class list (roster.h): a sheet per student, numbers from --seed
};

// "3..7" → {3, 7}; "..7" → {1, 7}; "3.." → {3, -1}; nullopt if it is not such a range.
std::optional<std::pair<int, int>> parse_step_range(const std::string& text);

int worksheet_command(const std::filesystem::path& lessons_dir, const WorksheetArguments& a);

// The same without printing (the window's Worksheet… popup): the files written, in order, and
// what went wrong (empty if nothing); returns the command's exit code.
struct WorksheetReport {
  std::vector<std::filesystem::path> written;
  std::string error;
};
int write_worksheets(const std::filesystem::path& lessons_dir, const WorksheetArguments& a, WorksheetReport& report);

// The window's Worksheet…: writes them and says, for the status line, how many files went where
// (or what went wrong).
std::string worksheets_for_window(const std::filesystem::path& lessons_dir, const WorksheetArguments& a);

}  // namespace neurostep
