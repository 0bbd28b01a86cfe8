#include "lessons/framework/lesson_file.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <sstream>

namespace neurostep {

LessonError::LessonError(std::string file_, int line_, int column_, std::string message_)
    : std::runtime_error(fmt::format("{}:{}:{}: {}", file_, line_, column_, message_)),
      file(std::move(file_)), line(line_), column(column_), message(std::move(message_)) {}

LessonTable::LessonTable(const toml::table& table, std::shared_ptr<const LessonSource> source, std::string name)
    : table_(&table), source_(std::move(source)), name_(std::move(name)) {}

void LessonTable::fail_at(const toml::source_region& where, const std::string& message) const {
  throw LessonError(source_->path, static_cast<int>(where.begin.line), static_cast<int>(where.begin.column), message);
}

template <typename T>
T LessonTable::wrong(const toml::source_region& where, const std::string& message, T stand_in) const {
  if (!source_->collected) fail_at(where, message);
  source_->collected->emplace_back(source_->path, static_cast<int>(where.begin.line), static_cast<int>(where.begin.column), message);
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

const toml::node& LessonTable::node(std::string_view key) const {
  read_.emplace_back(key);
  const toml::node* n = table_->get(key);
  if (!n) fail_here(fmt::format("missing key '{}'{}", key, name_.empty() ? "" : " in [" + name_ + "]"));
  return *n;
}

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
  const toml::node& n = node(key);
  const auto v = as_number(n);
  if (!v) return wrong(n.source(), fmt::format("'{}' must be a number, not {}", key, type_name(n)), stand_in(0, range));
  if (!std::isfinite(*v) || *v < range.min || *v > range.max)
    return wrong(n.source(), fmt::format("'{}' = {} is out of range [{}, {}]", key, *v, range.min, range.max), stand_in(*v, range));
  return *v;
}

double LessonTable::number_or(std::string_view key, double fallback, NumberRange range) {
  return has(key) ? number(key, range) : fallback;
}

int LessonTable::integer(std::string_view key, int min, int max) {
  const toml::node& n = node(key);
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
  const toml::node& n = node(key);
  const toml::array* arr = n.as_array();
  const std::vector<double> fallback(size.value_or(1), stand_in(0, range));
  if (!arr) return wrong(n.source(), fmt::format("'{}' must be a list of numbers, not {}", key, type_name(n)), fallback);
  if (size && arr->size() != *size)
    return wrong(n.source(), fmt::format("'{}' must hold {} numbers, not {}", key, *size, arr->size()), fallback);
  std::vector<double> out;
  for (const toml::node& element : *arr) {
    const auto v = as_number(element);
    if (!v)
      out.push_back(wrong(element.source(), fmt::format("'{}' must hold only numbers, not {}", key, type_name(element)), stand_in(0, range)));
    else if (!std::isfinite(*v) || *v < range.min || *v > range.max)
      out.push_back(wrong(element.source(), fmt::format("{} in '{}' is out of range [{}, {}]", *v, key, range.min, range.max), stand_in(*v, range)));
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
      if (size < 1 || size > max_dim) fail_at(item.source(), fmt::format("'{}' must have 1 to {} entries per level, not {}", key, max_dim, size));
      shape.push_back(size);
    } else if (shape[static_cast<std::size_t>(depth)] != size) {
      fail_at(item.source(), fmt::format("every row of '{}' must have {} entries, this one has {}", key, shape[static_cast<std::size_t>(depth)], size));
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
  const std::filesystem::path relative = text(key);
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
  fail(key, fmt::format("'{}': no file {} (looked for {})", key, relative.string(), looked));
}

std::string LessonTable::text(std::string_view key) {
  const toml::node& n = node(key);
  const auto v = n.value_exact<std::string>();
  if (!v) return wrong(n.source(), fmt::format("'{}' must be a text in quotes, not {}", key, type_name(n)), std::string());
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

std::string LessonTable::text_or(std::string_view key, std::string fallback) {
  return has(key) ? text(key) : fallback;
}

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
  const toml::node& n = node(key);
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
  for (const auto& [key, value] : *table_) {
    if (std::find(read_.begin(), read_.end(), key.str()) == read_.end())
      wrong(value.source(), fmt::format("unknown key '{}'{}", key.str(), name_.empty() ? "" : " in [" + name_ + "]"), 0);
  }
}

LessonDocument LessonDocument::parse(std::string text, std::string path) {
  auto source = std::make_shared<LessonSource>();
  source->path = path;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) source->lines.push_back(line);
  LessonDocument doc;
  try {
    doc.table_ = std::make_shared<toml::table>(toml::parse(text, path));
  } catch (const toml::parse_error& e) {
    throw LessonError(path, static_cast<int>(e.source().begin.line), static_cast<int>(e.source().begin.column),
                      std::string(e.description()));
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
