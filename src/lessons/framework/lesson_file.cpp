#include "lessons/framework/lesson_file.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <functional>
#include <sstream>
#include <string_view>

namespace neurostep {

LessonError::LessonError(std::string file_, int line_, int column_, std::string message_)
    : std::runtime_error(fmt::format("{}:{}:{}: {}", file_, line_, column_, message_)),
      file(std::move(file_)),
      line(line_),
      column(column_),
      message(std::move(message_)) {}

LessonTable::LessonTable(const toml::table& table, std::shared_ptr<const LessonSource> source, std::string name)
    : table_(&table), source_(std::move(source)), name_(std::move(name)) {}

void LessonTable::fail_at(const toml::source_region& where, const std::string& message) const {
  throw LessonError(source_->path, static_cast<int>(where.begin.line), static_cast<int>(where.begin.column), message);
}

template <typename T>
T LessonTable::wrong(const toml::source_region& where, const std::string& message, T stand_in) const {
  if (!source_->collected) fail_at(where, message);
  source_->collected->emplace_back(source_->path, static_cast<int>(where.begin.line),
                                   static_cast<int>(where.begin.column), message);
  return stand_in;
}

void LessonTable::fail(std::string_view key, const std::string& message) const {
  const toml::node* n = table_->get(key);
  fail_at(n ? n->source() : table_->source(), message);
}

void LessonTable::fail_here(const std::string& message) const { fail_at(table_->source(), message); }

bool LessonTable::has(std::string_view key) const {
  read_.emplace_back(key);
  return table_->contains(key);
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Optimal string alignment: insertions, deletions, substitutions and swaps of two neighbours.
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i)
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

std::optional<std::string> nearest_key(std::string_view key, const std::vector<std::string>& known) {
  std::optional<std::string> best;
  std::size_t best_distance = 3;  // at most 2 edits
  for (const std::string& k : known) {
    const std::size_t d = edit_distance(key, k);
    if (d > 0 && d < best_distance && 2 * d < std::min(key.size(), k.size())) {
      best = k;
      best_distance = d;
    }
  }
  return best;
}

std::string LessonTable::in_table() const { return name_.empty() ? "" : " in [" + name_ + "]"; }

std::string LessonTable::unknown_key_message(std::string_view key, const std::optional<std::string>& meant) const {
  return fmt::format("unknown key '{}'{}{}", key, in_table(), meant ? fmt::format(": did you mean '{}'?", *meant) : "");
}

const toml::node* LessonTable::value(std::string_view key, bool may_stand_in) const {
  read_.emplace_back(key);
  if (const toml::node* n = table_->get(key)) return n;
  // A key of the file that misspells this one ("learnig_rate") is reported where it is, and its
  // value is read in its place, so that what follows is checked too.
  std::vector<std::string> unread;
  for (const auto& [k, v] : *table_)
    if (std::find(read_.begin(), read_.end(), k.str()) == read_.end()) unread.emplace_back(k.str());
  for (const std::string& k : unread) {
    if (nearest_key(k, {std::string(key)})) {
      read_.push_back(k);
      const toml::node* n = table_->get(k);
      const std::string message = unknown_key_message(k, std::string(key));
      if (!source_->collected) fail_at(n->source(), message);
      source_->collected->emplace_back(source_->path, static_cast<int>(n->source().begin.line),
                                       static_cast<int>(n->source().begin.column), message);
      return n;
    }
  }
  const std::string missing = fmt::format("missing key '{}'{}", key, in_table());
  if (!may_stand_in || !source_->collected) fail_here(missing);
  source_->collected->emplace_back(source_->path, line(), static_cast<int>(table_->source().begin.column), missing);
  return nullptr;
}

const toml::node& LessonTable::node(std::string_view key) const { return *value(key, false); }

namespace {
std::optional<double> as_number(const toml::node& n) {
  if (auto v = n.value_exact<double>()) return *v;
  if (auto i = n.value_exact<int64_t>()) return static_cast<double>(*i);
  return std::nullopt;
}

std::string_view type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string: return "a text";
    case toml::node_type::integer:
    case toml::node_type::floating_point: return "a number";
    case toml::node_type::boolean: return "true/false";
    case toml::node_type::array: return "a list";
    case toml::node_type::table: return "a table";
    default: return "a date or time";
  }
}
}  // namespace

namespace {
// What a wrong number reads as while checking goes on: the nearest value in its range.
double stand_in(double v, NumberRange range) { return std::clamp(std::isfinite(v) ? v : 0.0, range.min, range.max); }
}  // namespace

double LessonTable::number(std::string_view key, NumberRange range) {
  const toml::node* found = value(key, true);
  if (!found) return stand_in(0, range);
  const toml::node& n = *found;
  const auto v = as_number(n);
  if (!v) return wrong(n.source(), fmt::format("'{}' must be a number, not {}", key, type_name(n)), stand_in(0, range));
  if (!std::isfinite(*v) || *v < range.min || *v > range.max)
    return wrong(n.source(), fmt::format("'{}' = {} is out of range [{}, {}]", key, *v, range.min, range.max),
                 stand_in(*v, range));
  return *v;
}

double LessonTable::number_or(std::string_view key, double fallback, NumberRange range) {
  return has(key) ? number(key, range) : fallback;
}

int LessonTable::integer(std::string_view key, int min, int max) {
  const toml::node* found = value(key, true);
  if (!found) return std::clamp(0, min, max);
  const toml::node& n = *found;
  const auto v = n.value_exact<int64_t>();
  if (!v) {
    const auto fraction = n.value_exact<double>();  // 2.5: say the number itself, not its type
    return wrong(n.source(),
                 fraction ? fmt::format("'{}' must be a whole number, not {}", key, *fraction)
                          : fmt::format("'{}' must be a whole number, not {}", key, type_name(n)),
                 std::clamp(0, min, max));
  }
  if (*v < min || *v > max)
    return wrong(n.source(), fmt::format("'{}' = {} is out of range [{}, {}]", key, *v, min, max),
                 static_cast<int>(std::clamp<int64_t>(*v, min, max)));
  return static_cast<int>(*v);
}

int LessonTable::integer_or(std::string_view key, int fallback, int min, int max) {
  return has(key) ? integer(key, min, max) : fallback;
}

std::vector<double> LessonTable::numbers(std::string_view key, std::optional<std::size_t> size, NumberRange range) {
  const std::vector<double> fallback(size.value_or(1), stand_in(0, range));
  const toml::node* found = value(key, true);
  if (!found) return fallback;
  const toml::node& n = *found;
  const toml::array* arr = n.as_array();
  if (!arr)
    return wrong(n.source(), fmt::format("'{}' must be a list of numbers, not {}", key, type_name(n)), fallback);
  if (size && arr->size() != *size)
    return wrong(n.source(), fmt::format("'{}' must hold {} numbers, not {}", key, *size, arr->size()), fallback);
  std::vector<double> out;
  for (const toml::node& element : *arr) {
    const auto v = as_number(element);
    if (!v)
      out.push_back(wrong(element.source(), fmt::format("'{}' must hold only numbers, not {}", key, type_name(element)),
                          stand_in(0, range)));
    else if (!std::isfinite(*v) || *v < range.min || *v > range.max)
      out.push_back(wrong(element.source(),
                          fmt::format("{} in '{}' is out of range [{}, {}]", *v, key, range.min, range.max),
                          stand_in(*v, range)));
    else
      out.push_back(*v);
  }
  return out;
}

Tensor<double> LessonTable::array(std::string_view key, int rank, int max_dim, NumberRange range) {
  const toml::node& n = node(key);
  Shape shape;
  std::vector<double> values;
  // Walks the nested lists depth first; the first list at each depth fixes that dimension.
  std::function<void(const toml::node&, int)> walk = [&](const toml::node& item, int depth) {
    if (depth == rank) {
      const auto v = as_number(item);
      if (!v) fail_at(item.source(), fmt::format("'{}' must hold only numbers, not {}", key, type_name(item)));
      if (!std::isfinite(*v) || *v < range.min || *v > range.max)
        fail_at(item.source(), fmt::format("{} in '{}' is out of range [{}, {}]", *v, key, range.min, range.max));
      values.push_back(*v);
      return;
    }
    const toml::array* arr = item.as_array();
    if (!arr) fail_at(item.source(), fmt::format("'{}' must be {} nested lists of numbers", key, rank));
    const int size = static_cast<int>(arr->size());
    if (static_cast<int>(shape.size()) == depth) {
      if (size < 1 || size > max_dim)
        fail_at(item.source(), fmt::format("'{}' must have 1 to {} entries per level, not {}", key, max_dim, size));
      shape.push_back(size);
    } else if (shape[static_cast<std::size_t>(depth)] != size) {
      fail_at(item.source(), fmt::format("every row of '{}' must have {} entries, this one has {}", key,
                                         shape[static_cast<std::size_t>(depth)], size));
    }
    for (const toml::node& child : *arr) walk(child, depth + 1);
  };
  walk(n, 0);
  return Tensor<double>(shape, values);
}

namespace {
std::vector<std::filesystem::path>& data_roots_list() {
  static std::vector<std::filesystem::path> roots;
  return roots;
}
}  // namespace

void set_lesson_data_roots(std::vector<std::filesystem::path> roots) { data_roots_list() = std::move(roots); }
const std::vector<std::filesystem::path>& lesson_data_roots() { return data_roots_list(); }

std::filesystem::path LessonTable::file(std::string_view key) {
  const toml::node& n = node(key);  // no stand-in: an engine cannot read a file that is not there
  const auto name = n.value_exact<std::string>();
  if (!name) fail_at(n.source(), fmt::format("'{}' must be a text in quotes, not {}", key, type_name(n)));
  const std::filesystem::path relative = *name;
  const std::filesystem::path beside = std::filesystem::path(source_->path).parent_path() / relative;
  if (std::filesystem::exists(beside)) return beside;
  std::filesystem::path inside;  // "../assets/x.gz" → "assets/x.gz", looked for in each data root
  for (const auto& part : relative)
    if (part != ".." && part != ".") inside /= part;
  std::string looked = beside.lexically_normal().string();
  for (const std::filesystem::path& root : data_roots_list()) {
    const std::filesystem::path candidate = root / inside;
    if (std::filesystem::exists(candidate)) return candidate;
    looked += ", " + candidate.lexically_normal().string();
  }
  fail_at(n.source(), fmt::format("'{}': no file {} (looked for {})", key, relative.string(), looked));
}

std::string LessonTable::text(std::string_view key) {
  const toml::node* found = value(key, true);
  if (!found) return std::string();
  const toml::node& n = *found;
  const auto v = n.value_exact<std::string>();
  if (!v)
    return wrong(n.source(), fmt::format("'{}' must be a text in quotes, not {}", key, type_name(n)), std::string());
  return *v;
}

std::vector<std::string> LessonTable::texts(std::string_view key) {
  const toml::node& n = node(key);
  const toml::array* arr = n.as_array();
  if (!arr) fail(key, fmt::format("'{}' must be a list of texts, not {}", key, type_name(n)));
  std::vector<std::string> out;
  for (const toml::node& element : *arr) {
    const auto v = element.value_exact<std::string>();
    if (!v) fail_at(element.source(), fmt::format("'{}' must hold only texts in quotes", key));
    out.push_back(*v);
  }
  return out;
}

std::string LessonTable::text_or(std::string_view key, std::string fallback) { return has(key) ? text(key) : fallback; }

std::string LessonTable::choice(std::string_view key, const std::vector<std::string>& choices, std::string fallback) {
  if (!has(key)) return fallback;
  std::string v = text(key);
  if (std::find(choices.begin(), choices.end(), v) == choices.end()) {
    std::string list;
    for (const auto& c : choices) list += (list.empty() ? "" : ", ") + ("'" + c + "'");
    return wrong(table_->get(key)->source(), fmt::format("'{}' = '{}' is not one of {}", key, v, list), fallback);
  }
  return v;
}

std::string LessonTable::literal(std::string_view key) {
  const toml::node* found = value(key, true);
  if (!found) return "0";
  const toml::node& n = *found;
  if (auto s = n.value_exact<std::string>()) return *s;
  if (!as_number(n)) fail(key, fmt::format("'{}' must be a number, not {}", key, type_name(n)));
  // Quote the value from the file, so "0.070" keeps its three decimals.
  const auto& where = n.source();
  const std::size_t line = where.begin.line - 1;
  if (line < source_->lines.size() && where.end.line == where.begin.line) {
    const std::string& text = source_->lines[line];
    const std::size_t from = where.begin.column - 1, to = std::min<std::size_t>(where.end.column - 1, text.size());
    if (from < to) {
      std::string s = text.substr(from, to - from);
      s.erase(s.find_last_not_of(" \t,]}") + 1);
      return s;
    }
  }
  return fmt::format("{}", *as_number(n));
}

LessonTable LessonTable::table(std::string_view key) {
  const toml::node& n = node(key);
  const toml::table* t = n.as_table();
  if (!t) fail(key, fmt::format("'{}' must be a table ([{}]), not {}", key, key, type_name(n)));
  return LessonTable(*t, source_, name_.empty() ? std::string(key) : name_ + "." + std::string(key));
}

std::vector<LessonTable> LessonTable::tables(std::string_view key) {
  const toml::node& n = node(key);
  const toml::array* arr = n.as_array();
  if (!arr) fail(key, fmt::format("'{}' must be a list of tables ([[{}]]), not {}", key, key, type_name(n)));
  std::vector<LessonTable> out;
  for (const toml::node& element : *arr) {
    const toml::table* t = element.as_table();
    if (!t) fail_at(element.source(), fmt::format("every entry of '{}' must be a table", key));
    out.emplace_back(*t, source_, fmt::format("{}[{}]", key, out.size()));
  }
  return out;
}

int LessonTable::line() const { return static_cast<int>(table_->source().begin.line); }

LessonError LessonTable::error_at(std::string_view key, const std::string& message) const {
  const toml::node* n = table_->get(key);
  const toml::source_region& where = n ? n->source() : table_->source();
  return LessonError(source_->path, static_cast<int>(where.begin.line), static_cast<int>(where.begin.column), message);
}

const std::string& LessonTable::path() const { return source_->path; }

void LessonTable::finish() const {
  // The keys a misspelt one may have meant: those this table was asked for that the file lacks.
  std::vector<std::string> absent;
  for (const std::string& k : read_)
    if (!table_->contains(k)) absent.push_back(k);
  for (const auto& [key, value] : *table_) {
    if (std::find(read_.begin(), read_.end(), key.str()) == read_.end())
      wrong(value.source(), unknown_key_message(key.str(), nearest_key(key.str(), absent)), 0);
  }
}

namespace {
struct OpenBracket {
  char bracket;  // '[' or '{'
  int line, column;
  std::string key;  // the key whose value it opens ("weights"), or its enclosing one's
};

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t"), last = s.find_last_not_of(" \t\r");
  return first == std::string_view::npos ? "" : std::string(s.substr(first, last - first + 1));
}

// The key that the bracket at byte `at` of `line` is the value of ("weights = [" → "weights").
std::string key_before(const std::string& line, std::size_t at) {
  if (at == 0) return "";
  const std::size_t eq = line.find_last_not_of(" \t", at - 1);
  if (eq == std::string::npos || line[eq] != '=') return "";
  const std::size_t brace = line.find_last_of("{,", eq);
  const std::size_t from = brace == std::string::npos ? 0 : brace + 1;
  return trim(std::string_view(line).substr(from, eq - from));
}

// The brackets still open where a parse error stopped (line:column, 1-based, columns in
// characters), read from the start of the file past strings, comments and table headers.
std::vector<OpenBracket> open_brackets(const std::vector<std::string>& lines, int stop_line, int stop_column) {
  std::vector<OpenBracket> open;
  std::string_view quote;  // the string being read: ", ', """ or '''; empty outside strings
  for (int l = 1; l <= stop_line && l <= static_cast<int>(lines.size()); ++l) {
    const std::string& text = lines[static_cast<std::size_t>(l - 1)];
    const std::string_view view(text);
    int column = 0;
    bool line_start = true;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
      if (l == stop_line && column >= stop_column) return open;
      const char c = text[i];
      if (!quote.empty()) {
        if (c == '\\' && quote[0] == '"') {
          ++i;  // an escape: the next character does not end the string
        } else if (view.substr(i).starts_with(quote)) {
          i += quote.size() - 1;
          quote = {};
        }
        continue;
      }
      if (c == '#') break;  // a comment, to the end of the line
      if (c == '"' || c == '\'') {
        const std::string_view triple = view.substr(i, 3);
        quote = triple == "\"\"\"" || triple == "'''" ? triple : view.substr(i, 1);
        i += quote.size() - 1;
      } else if (c == '[' && line_start && open.empty()) {
        break;  // a table header, [name] or [[name]]
      } else if (c == '[' || c == '{') {
        std::string key = key_before(text, i);
        if (key.empty() && !open.empty()) key = open.back().key;
        open.push_back({c, l, column, std::move(key)});
      } else if ((c == ']' || c == '}') && !open.empty()) {
        open.pop_back();
      }
      if (c != ' ' && c != '\t') line_start = false;
    }
    if (quote.size() == 1) quote = {};  // a one-line string ends with its line
  }
  return open;
}

// For an error inside an array that was never closed — the parser meets the next key or table
// on a later line ("expected comma or closing ']', saw 'l'") or the end of the file — where the
// array opened: ": the array of 'weights' opened at 4:11 is not closed".
std::string unclosed_array_note(const std::vector<std::string>& lines, int line, int column, std::string_view error) {
  const bool at_end = error.find("end-of-file") != std::string_view::npos;
  const std::vector<OpenBracket> open =
      at_end ? open_brackets(lines, static_cast<int>(lines.size()) + 1, 0) : open_brackets(lines, line, column);
  if (open.empty() || open.back().bracket != '[' || (!at_end && open.back().line >= line)) return "";
  const std::string here =
      line >= 1 && line <= static_cast<int>(lines.size()) ? trim(lines[static_cast<std::size_t>(line - 1)]) : "";
  const auto starts_key = [](char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '"' || c == '\'';
  };
  const std::size_t name = here.find_first_not_of('[');
  const bool table = !here.empty() && here[0] == '[' && name != std::string::npos && starts_key(here[name]);
  const bool key = !here.empty() && starts_key(here[0]) && here.find('=') != std::string::npos;
  if (!at_end && !table && !key) return "";
  const OpenBracket& b = open.back();
  return fmt::format(": the array {}opened at {}:{} is not closed", b.key.empty() ? "" : "of '" + b.key + "' ", b.line,
                     b.column);
}
}  // namespace

LessonDocument LessonDocument::parse(std::string text, std::string path) {
  auto source = std::make_shared<LessonSource>();
  source->path = path;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) source->lines.push_back(line);
  LessonDocument doc;
  try {
    doc.table_ = std::make_shared<toml::table>(toml::parse(text, path));
  } catch (const toml::parse_error& e) {
    const int line = static_cast<int>(e.source().begin.line), column = static_cast<int>(e.source().begin.column);
    throw LessonError(path, line, column,
                      std::string(e.description()) + unclosed_array_note(source->lines, line, column, e.description()));
  }
  doc.source_ = std::move(source);
  return doc;
}

LessonDocument LessonDocument::load(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw LessonError(path.string(), 1, 1, "cannot open the file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return parse(buffer.str(), path.string());
}

}  // namespace neurostep
