// lesson_file.h — reading a lesson file (TOML) field by field, with file:line:col on every error.
//
// A lesson file names its engine (`kind`), its text, its numbers and the printed values of the
// thesis it follows. Engines read their fields through LessonTable, which checks types, sizes and
// ranges, remembers which keys were read and reports any other key as unknown — so a typo in a
// hand-written file is an error with its position, never a silently ignored value.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "core/tensor.h"
#include "lessons/framework/choice.h"

namespace neurostep {

// An error in a lesson file: what() is "file:line:col: message".
struct LessonError : std::runtime_error {
  LessonError(std::string file, int line, int column, std::string message);
  std::string file;
  int line, column;
  std::string message;
};

// The file's text, kept to quote printed values exactly as written.
struct LessonSource {
  std::string path;
  std::vector<std::string> lines;
  // Set by check_lesson (`neurostep check`): a wrong value (type, range, list size, unknown key or
  // choice) is recorded here and reading goes on with a stand-in, so that one run reports every
  // such mistake. Otherwise the first mistake throws.
  std::vector<LessonError>* collected = nullptr;
};

struct NumberRange {
  double min = -1e12, max = 1e12;
};

// The folders that hold the app's own data (assets/): where a lesson file's data files are looked
// for when they are not next to it. Set once by the program at start (src/app/paths.h data_roots).
void set_lesson_data_roots(std::vector<std::filesystem::path> roots);
const std::vector<std::filesystem::path>& lesson_data_roots();

// One table of a lesson file. Reading a key marks it as known; finish() reports the rest.
class LessonTable {
 public:
  LessonTable(const toml::table& table, std::shared_ptr<const LessonSource> source, std::string name);

  bool has(std::string_view key) const;
  double number(std::string_view key, NumberRange range = {});
  double number_or(std::string_view key, double fallback, NumberRange range = {});
  int integer(std::string_view key, int min, int max);
  int integer_or(std::string_view key, int fallback, int min, int max);
  std::vector<double> numbers(std::string_view key, std::optional<std::size_t> size = {}, NumberRange range = {});
  // Nested lists of numbers of the given rank (2: [[…], […]], 3: channels of rows), rectangular,
  // each dimension at most `max_dim`.
  Tensor<double> array(std::string_view key, int rank, int max_dim = 64, NumberRange range = {});
  // A path relative to the lesson file's folder ("../assets/…"); if it is not there (a lesson file
  // copied elsewhere), the same path without its leading "../" in each of the data roots (see
  // set_lesson_data_roots). Must exist; the error says where it looked.
  std::filesystem::path file(std::string_view key);
  std::string text(std::string_view key);
  std::vector<std::string> texts(std::string_view key);  // a list of texts
  std::string text_or(std::string_view key, std::string fallback);
  // A text that must be one of `choices`.
  std::string choice(std::string_view key, const std::vector<std::string>& choices, std::string fallback);
  // The option of `table` whose key the file gives (or `fallback`); an unknown key is an error.
  template <typename E>
  E choice_of(std::string_view key, const ChoiceTable<E>& table, E fallback) {
    const std::string k =
        choice(key, choice_keys(table), table.at(static_cast<std::size_t>(choice_index(table, fallback))).key);
    for (const auto& o : table)
      if (k == o.key) return o.value;
    return fallback;
  }
  // A number exactly as the file writes it ("0.070", "-0.129"), for printed values.
  std::string literal(std::string_view key);
  LessonTable table(std::string_view key);
  std::vector<LessonTable> tables(std::string_view key);  // an array of tables ([[key]])

  int line() const;  // where the table starts in the file
  // An error at the key's value (at the table if the key is absent), to throw or collect later —
  // for mistakes found after reading, such as a step name checked against the trace.
  LessonError error_at(std::string_view key, const std::string& message) const;
  const std::string& path() const;

  // Throws for the first key that no reader asked for.
  void finish() const;
  [[noreturn]] void fail(std::string_view key, const std::string& message) const;  // at the key's value
  [[noreturn]] void fail_here(const std::string& message) const;                   // at the table

 private:
  // The value of `key`. When the file lacks it but has an unread key that misspells it
  // ("learnig_rate"), that key is reported as unknown at its own position with "did you mean
  // 'learning_rate'?" and its value is returned. Otherwise an absent key is "missing key" at the
  // table: recorded, when collecting and the reader has a stand-in (`may_stand_in`), and nullptr
  // returned; else thrown.
  const toml::node* value(std::string_view key, bool may_stand_in) const;
  const toml::node& node(std::string_view key) const;  // value() for readers without a stand-in
  std::string in_table() const;                        // " in [network]", "" at the top level
  std::string unknown_key_message(std::string_view key, const std::optional<std::string>& meant) const;
  [[noreturn]] void fail_at(const toml::source_region& where, const std::string& message) const;
  // A wrong value: recorded (see LessonSource::collected) and `stand_in` returned, or thrown.
  template <typename T>
  T wrong(const toml::source_region& where, const std::string& message, T stand_in) const;

  const toml::table* table_;
  std::shared_ptr<const LessonSource> source_;
  std::string name_;  // "" for the top level, "network", "samples[2]"
  mutable std::vector<std::string> read_;
};

// The number of edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`.
std::size_t edit_distance(std::string_view a, std::string_view b);
// The key of `known` that `key` most likely misspells (at most 2 edits, fewer than half of the
// shorter key's length), if any.
std::optional<std::string> nearest_key(std::string_view key, const std::vector<std::string>& known);

// A parsed lesson file: the root table plus the source it came from.
class LessonDocument {
 public:
  static LessonDocument load(const std::filesystem::path& path);    // throws LessonError
  static LessonDocument parse(std::string text, std::string path);  // same, from memory
  // Records the wrong values of the file in `errors` instead of throwing at the first (neurostep check).
  void collect_errors(std::vector<LessonError>* errors) { source_->collected = errors; }
  bool collecting() const { return source_->collected != nullptr; }
  void collect(std::vector<LessonError> errors) const {
    for (LessonError& e : errors) source_->collected->push_back(std::move(e));
  }
  LessonTable root() const { return LessonTable(*table_, source_, ""); }
  const std::string& path() const { return source_->path; }

 private:
  std::shared_ptr<toml::table> table_;
  std::shared_ptr<LessonSource> source_;
};

// Every mistake of a lesson file that reading can find in one pass (wrong types, ranges, list
// sizes, unknown keys and choices, then the first mistake reading cannot go on after), in file
// order; empty if the file loads. Defined with load_lesson (lesson.cpp).
std::vector<LessonError> check_lesson(const std::filesystem::path& path);

}  // namespace neurostep
