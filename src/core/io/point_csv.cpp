// point_csv.cpp — points from and to CSV: the rows (csv_rows.h) checked one by one as they come.
#include "core/io/point_csv.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <iterator>
#include <optional>
#include <vector>

#include "core/number_parse.h"

namespace neurostep {

namespace {

std::string_view trimmed(std::string_view s) {
  const std::size_t first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

// The field as a number, if all of it is one ("1.5", "-2", "+3", "1e-3"; NaN and inf included).
std::optional<double> parse_number(std::string_view field) {
  std::string_view s = trimmed(field);
  if (s.size() > 1 && s[0] == '+' && s[1] != '-') s.remove_prefix(1);
  return parse_double(s);
}

// Shortened for a message: a field of random bytes is not printed whole.
std::string quoted(std::string_view field) {
  const std::string_view s = trimmed(field);
  std::string out = "\"";
  for (char c : s.substr(0, 20)) out += std::isprint(static_cast<unsigned char>(c)) ? c : '?';
  return out + (s.size() > 20 ? "…\"" : "\"");
}

double finite_number(const CsvRow& row, std::size_t column, const char* name) {
  const std::string_view field = row.fields[column];
  const std::optional<double> v = parse_number(field);
  if (!v) throw CsvError(row.line, std::string(name) + " " + quoted(field) + " is not a number");
  if (!std::isfinite(*v)) throw CsvError(row.line, std::string(name) + " " + quoted(field) + " is not a finite number");
  return *v;
}

int class_label(const CsvRow& row) {
  const double v = finite_number(row, 2, "label");
  if (v != std::floor(v) || v < 0 || v >= kMaxClasses)
    throw CsvError(row.line, "label " + quoted(row.fields[2]) + " is not a class 0, 1, 2 or 3");
  return static_cast<int>(v);
}

bool test_marker(const CsvRow& row) {
  const std::string_view s = trimmed(row.fields[3]);
  if (s == "1" || s == "test") return true;
  if (s == "0" || s == "train") return false;
  throw CsvError(row.line, "test " + quoted(row.fields[3]) + " is not 0/1 or train/test");
}

void require_columns(const CsvRow& row, bool regression) {
  if (row.fields.size() != 3 && row.fields.size() != 4)
    throw CsvError(row.line, std::string("expected 3 or 4 columns (x, y, ") + (regression ? "z" : "label") +
                                 ", optional test), found " + std::to_string(row.fields.size()));
}

DataPoint data_point(const CsvRow& row, bool regression) {
  require_columns(row, regression);
  DataPoint p;
  p.x = finite_number(row, 0, "x");
  p.y = finite_number(row, 1, "y");
  if (regression)
    p.target = finite_number(row, 2, "z");
  else
    p.label = class_label(row);
  p.test = row.fields.size() == 4 && test_marker(row);
  return p;
}

// A first row none of whose fields is a number names the columns.
bool is_header(const CsvRow& row) {
  return std::none_of(row.fields.begin(), row.fields.end(),
                      [](const std::string& f) { return parse_number(f).has_value(); });
}

// Turns the rows into points as libcsv completes them, so the first bad line is the one reported.
class PointReader {
 public:
  explicit PointReader(bool regression) {
    set_.regression = regression;
    set_.classes = regression ? 1 : 2;
  }

  void take(const CsvRow& row) {
    if (is_blank_row(row)) return;  // a line of spaces
    const bool first = !seen_row_;
    seen_row_ = true;
    if (first && is_header(row)) {
      require_columns(row, set_.regression);
      return;
    }
    if (set_.points.size() == static_cast<std::size_t>(kMaxPoints))
      throw CsvError(row.line, "more than " + std::to_string(kMaxPoints) + " points");
    set_.points.push_back(data_point(row, set_.regression));
    if (!set_.regression) set_.classes = std::max(set_.classes, set_.points.back().label + 1);
  }

  PointSet finish(bool* has_split) {
    if (set_.points.empty())
      throw CsvError(1, std::string("no points (one x,y,") + (set_.regression ? "z" : "label") + " per line)");
    if (has_split) *has_split = test_count(set_) > 0;
    return std::move(set_);
  }

 private:
  PointSet set_;
  bool seen_row_ = false;
};

}  // namespace

PointSet read_points_csv(std::string_view text, bool regression, bool* has_split) {
  PointReader reader(regression);
  read_csv_rows(text, [&](const CsvRow& row) { reader.take(row); });
  return reader.finish(has_split);
}

namespace {

void append_number(std::string& out, double v) {
  fmt::format_to(std::back_inserter(out), "{}", v);  // the shortest text that reads back as v
}

}  // namespace

std::string write_points_csv(const PointSet& set) {
  std::string out = set.regression ? "x,y,z,test\n" : "x,y,label,test\n";
  for (const DataPoint& p : set.points) {
    append_number(out, p.x);
    out += ',';
    append_number(out, p.y);
    out += ',';
    if (set.regression)
      append_number(out, p.target);
    else
      out += std::to_string(p.label);
    out += p.test ? ",1\n" : ",0\n";
  }
  return out;
}

}  // namespace neurostep
