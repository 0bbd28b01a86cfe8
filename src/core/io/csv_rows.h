// csv_rows.h — the rows of a CSV text, read with Debian's libcsv, each with the line it starts on:
// the one CSV reader of the project (the playground's points, point_csv.h; the answers a class
// hands in, lessons/framework/answer_sheet.h). It only splits rows into fields; what a field must
// hold is its reader's business.
#pragma once

#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace neurostep {

// A text that cannot be read: what() is "line L: message" (1-based line of the text).
struct CsvError : std::runtime_error {
  CsvError(int line, const std::string& message);
  int line;
  std::string message;
};

struct CsvRow {
  int line = 0;  // where the row starts (a quoted field may span lines)
  std::vector<std::string> fields;
};

// Calls `take` with each row in order, as soon as libcsv completes it, so that a reader that throws
// at a bad row reports the first bad line. A quote in the wrong place throws CsvError at its line.
void read_csv_rows(std::string_view text, const std::function<void(const CsvRow&)>& take);

// A row of nothing but spaces (a blank line).
bool is_blank_row(const CsvRow& row);

// A field without the spaces, tabs and line ends around it; in lower case (ASCII), for headers.
std::string trimmed(std::string_view field);
std::string lowercase(std::string field);

}  // namespace neurostep
