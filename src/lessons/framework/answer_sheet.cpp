#include "lessons/framework/answer_sheet.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>

#include <fmt/format.h>

#include "core/io/csv_rows.h"

namespace neurostep {

namespace {

// A whole number of the sheet ("", "0", "12"); nothing for anything else.
std::optional<std::uint64_t> whole_number(const std::string& field) {
  if (field.empty()) return 0;
  std::uint64_t n = 0;
  const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), n);
  if (ec != std::errc() || end != field.data() + field.size()) return std::nullopt;
  return n;
}

// Shortened for a message: a field of random bytes is not printed whole.
std::string quoted(std::string_view field) {
  std::string out = "'";
  for (char c : field.substr(0, 24)) out += std::isprint(static_cast<unsigned char>(c)) ? c : '?';
  return out + (field.size() > 24 ? "…'" : "'");
}

constexpr const char* kRequired[] = {"student", "variant", "step", "value", "answer"};

class SheetReader {
 public:
  SheetReader(AnswerSheet& sheet, std::string default_lesson)
      : sheet_(sheet), default_lesson_(std::move(default_lesson)) {}

  void take(const CsvRow& row) {
    if (is_blank_row(row)) return;
    if (columns_.empty()) return read_header(row);
    if (!header_ok_) return;
    if (row.fields.size() != width_)
      return problem(row.line, fmt::format("{} columns where the header has {}", row.fields.size(), width_));
    HandedAnswer a;
    a.line = row.line;
    a.student = field(row, "student");
    a.lesson = columns_.contains("lesson") ? field(row, "lesson") : default_lesson_;
    a.step = field(row, "step");
    a.value = field(row, "value");
    a.answer = field(row, "answer");
    const auto variant = whole_number(field(row, "variant"));
    const auto element =
        columns_.contains("element") ? whole_number(field(row, "element")) : std::optional<std::uint64_t>(0);
    if (a.student.empty()) return problem(row.line, "no student");
    if (a.lesson.empty()) return problem(row.line, "no lesson (give a lesson column, or grade --lesson LESSON)");
    if (!variant)
      return problem(row.line,
                     "variant " + quoted(field(row, "variant")) + " is not a whole number (the sheet's numbers #)");
    if (!element || *element > 100000)
      return problem(row.line, "element " + quoted(field(row, "element")) + " is not a whole number");
    if (a.step.empty() || a.value.empty()) return problem(row.line, "no step or no value");
    a.variant = *variant;
    a.variant_given = !field(row, "variant").empty();
    a.element = static_cast<int>(*element);
    sheet_.answers.push_back(std::move(a));
  }

  void finish() {
    if (columns_.empty())
      problem(1, "the file is empty: a header (student,variant,step,value,element,answer) and a row per answer");
  }

 private:
  void read_header(const CsvRow& row) {
    width_ = row.fields.size();
    for (std::size_t i = 0; i < row.fields.size(); ++i)
      if (!columns_.try_emplace(lowercase(trimmed(row.fields[i])), i).second) {
        header_ok_ = false;  // (columns_ holds the names before it: the next rows are not taken for a header)
        return problem(row.line, "the header names the column " + quoted(trimmed(row.fields[i])) + " twice");
      }
    std::string missing;
    for (const char* name : kRequired)
      if (!columns_.contains(name)) missing += (missing.empty() ? "" : ", ") + std::string(name);
    header_ok_ = missing.empty();
    if (!header_ok_)
      problem(row.line,
              "the header lacks " + missing + " (columns: student, variant, step, value, element, answer[, lesson])");
  }
  std::string field(const CsvRow& row, const char* name) const { return trimmed(row.fields[columns_.at(name)]); }
  void problem(int line, std::string message) { sheet_.problems.push_back({line, std::move(message)}); }

  AnswerSheet& sheet_;
  std::string default_lesson_;
  std::map<std::string, std::size_t> columns_;
  std::size_t width_ = 0;  // the header's columns
  bool header_ok_ = false;
};

// "dC_dw[2]" → ("dC_dw", 2); "a" → ("a", 0).
std::pair<std::string, int> split_label(const std::string& value) {
  const auto open = value.find('[');
  if (open == std::string::npos || value.back() != ']') return {value, 0};
  const auto n = whole_number(value.substr(open + 1, value.size() - open - 2));
  if (!n || *n == 0 || *n > 100000) return {value, 0};
  return {value.substr(0, open), static_cast<int>(*n)};
}

}  // namespace

AnswerSheet read_answer_sheet(std::string_view text, const std::string& default_lesson) {
  AnswerSheet sheet;
  SheetReader reader(sheet, default_lesson);
  try {
    read_csv_rows(text, [&](const CsvRow& row) { reader.take(row); });
  } catch (const CsvError& e) {  // libcsv cannot go on past a broken quote: the rows before it stand
    sheet.problems.push_back({e.line, e.message + "; the rest of the file is not read"});
    return sheet;
  }
  reader.finish();
  return sheet;
}

ExerciseLookup find_exercise(const Trace& trace, const std::vector<Exercise>& exercises, const std::string& step,
                             const std::string& value, int element) {
  int at = -1;
  if (const auto n = whole_number(step); n && !step.empty()) {
    if (*n < 1 || *n > trace.steps.size())
      return {-1, fmt::format("no step {} (the lesson has {})", step, trace.steps.size())};
    at = static_cast<int>(*n) - 1;
  } else {
    const auto it = std::find_if(trace.steps.begin(), trace.steps.end(), [&](const Step& s) { return s.id == step; });
    if (it == trace.steps.end())
      return {-1, "no step " + quoted(step) + " in " + trace.lesson_id + " (neurostep trace lists the step ids)"};
    at = static_cast<int>(it - trace.steps.begin());
  }
  auto [name, from_label] = split_label(value);
  if (from_label > 0) {
    if (element > 0 && element != from_label)
      return {-1, fmt::format("the value {} and element {} disagree", value, element)};
    element = from_label;
  }
  std::string asked;
  for (std::size_t i = 0; i < exercises.size(); ++i) {
    const Exercise& e = exercises[i];
    if (e.step != at) continue;
    asked += (asked.empty() ? "" : ", ") + e.label();
    if (e.value == name && e.element == element) return {static_cast<int>(i), ""};
  }
  if (asked.empty())
    return {-1, fmt::format("step {} ({}) has no exercise", at + 1, trace.steps[static_cast<std::size_t>(at)].id)};
  return {-1, fmt::format("{}{} is not an exercise of step {} (it asks for {})", name,
                          element > 0 ? fmt::format("[{}]", element) : "", at + 1, asked)};
}

}  // namespace neurostep
