// csv_rows.cpp — libcsv is fed one line at a time so that every row knows its line, and the rows
// are handed on outside libcsv's callbacks (an exception must not pass through its C code).
#include "core/io/csv_rows.h"

#include <cctype>

#include <csv.h>

#include <algorithm>
#include <new>

namespace neurostep {

namespace {

// What libcsv's callbacks fill in while a line is parsed.
struct Collector {
  int line = 0;      // the line being fed
  int row_line = 0;  // the line the open row started on, 0 when no row is open
  std::vector<std::string> fields;
  std::vector<CsvRow> rows;  // complete rows, taken away after each line
};

void on_field(void* data, std::size_t size, void* collector) {
  auto& c = *static_cast<Collector*>(collector);
  c.fields.emplace_back(data ? static_cast<const char*>(data) : "", data ? size : 0);
}

void on_row_end(int /*terminator*/, void* collector) {
  auto& c = *static_cast<Collector*>(collector);
  c.rows.push_back(CsvRow{c.row_line ? c.row_line : c.line, std::move(c.fields)});
  c.fields.clear();
  c.row_line = 0;
}

// Owns a libcsv parser.
class CsvParser {
 public:
  CsvParser() {
    if (csv_init(&parser_, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) throw std::bad_alloc();
  }
  ~CsvParser() { csv_free(&parser_); }
  CsvParser(const CsvParser&) = delete;
  CsvParser& operator=(const CsvParser&) = delete;

  void feed(std::string_view text, Collector& c) {
    if (csv_parse(&parser_, text.data(), text.size(), on_field, on_row_end, &c) != text.size()) fail(c.line);
  }
  void finish(Collector& c) {
    if (csv_fini(&parser_, on_field, on_row_end, &c) != 0) fail(c.line);
  }

 private:
  void fail(int line) {
    const int code = csv_error(&parser_);
    throw CsvError(line, code == CSV_EPARSE ? "a quote (\") in the wrong place" : csv_strerror(code));
  }
  csv_parser parser_{};
};

// The text's lines, each with its end ("\n", "\r\n" or a lone "\r").
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find_first_of("\r\n", start);
    if (end == std::string_view::npos)
      end = text.size();
    else if (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n')
      end += 2;
    else
      end += 1;
    lines.push_back(text.substr(start, end - start));
    start = end;
  }
  return lines;
}

bool is_blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

}  // namespace

CsvError::CsvError(int line_, const std::string& message_)
    : std::runtime_error("line " + std::to_string(line_) + ": " + message_), line(line_), message(message_) {}

void read_csv_rows(std::string_view text, const std::function<void(const CsvRow&)>& take) {
  CsvParser parser;
  Collector c;
  auto take_rows = [&] {
    for (const CsvRow& row : c.rows) take(row);
    c.rows.clear();
  };
  for (std::string_view line : split_lines(text)) {
    ++c.line;
    if (c.row_line == 0 && !is_blank(line)) c.row_line = c.line;
    parser.feed(line, c);
    take_rows();
  }
  parser.finish(c);
  take_rows();
}

bool is_blank_row(const CsvRow& row) { return row.fields.size() == 1 && is_blank(row.fields[0]); }

std::string trimmed(std::string_view field) {
  const std::size_t first = field.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "";
  return std::string(field.substr(first, field.find_last_not_of(" \t\r\n") - first + 1));
}

std::string lowercase(std::string field) {
  for (char& c : field) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return field;
}

}  // namespace neurostep
