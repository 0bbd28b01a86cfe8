// lesson.h — a loaded lesson: its text, the numbers a student may edit, the printed values of the
// thesis it follows, and the engine that turns the numbers into a Trace.
//
// A lesson is a pure function from its numbers to its trace: editing a number and calling run()
// again recomputes every step (well under a millisecond for the worked examples), so stepping
// back and forth is moving an index and nothing is ever patched by hand.
// Adding a lesson kind: write an engine (see pooling.h/.cpp as the template), register it in
// registry.cpp, add a lesson file to lessons/ and a test of its numbers to tests/lessons/.
#pragma once

#include <filesystem>
#include <functional>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "figure/figure.h"
#include "figure/number_text.h"
#include "lessons/framework/choice.h"
#include "lessons/framework/exercise.h"
#include "lessons/framework/sources.h"
#include "lessons/framework/trace.h"
#include "lessons/framework/variant.h"

namespace neurostep {

struct LessonInfo {
  std::string id;                            // "sigmoid-neuron": what `neurostep trace ID` takes
  std::string kind;                          // the engine: "sigmoid-neuron"
  std::string title;                         // "The sigmoid worked example"
  std::string source;                        // "Lazović 2020, §2.13": the file's `sources`, as a reader sees them
  std::vector<Citation> citations;           // the file's `sources`, by key
  std::vector<SourceEntry> cited;            // the full entries of the documents it follows (its Sources)
  std::string check_title = "Thesis check";  // the tab of printed values: "Check against Mazur"
  std::string summary;                       // a paragraph for the student
  std::string path;                          // the lesson file
  int order = 100;                           // position in the lesson list
};

// A choice as the Numbers tab edits it: the index of the chosen option, read and set.
struct EditableChoice {
  std::function<int()> get;
  std::function<void(int)> set;
  explicit operator bool() const { return static_cast<bool>(get); }
};

// A number the student can change in place. Exactly one of `number`, `integer`, `choice` is set.
struct Editable {
  std::string group;  // "Weights", "Sample 0"
  std::string label;  // "w₁", "η", "loss"
  double* number = nullptr;
  double min = -10, max = 10;  // for a number or an integer
  EditableChoice choice;
  std::vector<std::string> options;  // for a choice: the labels, in the order of its table
  int* integer = nullptr;            // a count or a seed
  int shown_from = 0;                // an integer that is an index counted from 0: the screen counts it from this (1)
};

// An Editable for an enum field that offers the options of `table` (which must outlive it).
template <typename E>
Editable choice_editable(std::string group, std::string label, E& field, const ChoiceTable<E>& table) {
  Editable e{.group = std::move(group), .label = std::move(label)};
  e.choice = {[&field, &table] { return choice_index(table, field); },
              [&field, &table](int i) { field = table.at(static_cast<std::size_t>(i)).value; }};
  for (const auto& o : table) e.options.push_back(o.label);
  return e;
}

// A value as printed in the thesis, to be compared with the computed one.
struct PrintedValue {
  std::string step;     // step id: "sample0.update"
  std::string value;    // value name: "w"
  int element = 0;      // 1-based position in a vector value (w₁ → 1); 0 for a scalar
  std::string printed;  // as written: "0.329"
  std::string note;     // why it differs, if it does
  int line = 0;         // where the lesson file lists it
};

// A column of the history table: the value `value` (element `element`, 1-based, of a vector).
struct HistoryColumn {
  std::string header;  // "w₁"
  std::string value;   // "w"
  int element = 0;
};

// The history table a lesson keeps: its columns, and whether it has a row per step group (a
// sample, an epoch) or a row per step that computes one of its columns (a window sliding, a digit
// walked through the layers).
struct HistoryShape {
  enum class Rows { PerGroup, PerStep };
  std::vector<HistoryColumn> columns;
  Rows rows = Rows::PerGroup;
};

class Lesson {
 public:
  virtual ~Lesson() = default;
  const LessonInfo& info() const { return info_; }
  // The thesis's printed values; none while a variant's numbers are set (they are not the thesis's).
  const std::vector<PrintedValue>& printed_values() const {
    static const std::vector<PrintedValue> none;
    return variant_ ? none : printed_;
  }
  // The [[exercise]] entries of the file, or the kind's default (exercise.h), and its [variants].
  const std::vector<ExerciseRule>& exercise_rules() const { return exercise_rules_; }
  const VariantSpec& variant_spec() const { return variant_spec_; }
  // The variant whose numbers are set (apply_variant in variant.h), or nothing: the file's numbers.
  std::optional<std::uint64_t> variant() const { return variant_; }
  // Set once by load_lesson, and by apply_variant.
  void set_exercises(std::vector<ExerciseRule> rules, VariantSpec spec) {
    exercise_rules_ = std::move(rules);
    variant_spec_ = std::move(spec);
  }
  void set_variant(std::optional<std::uint64_t> v) { variant_ = v; }
  // The decimals its titles, notes and figure texts are written at: kShownDecimals, or the view's
  // choice (3, 4 or 6). run_guarded and LessonSession::figures run the engine at them (ShownDecimals).
  int decimals() const { return decimals_; }
  void set_decimals(int decimals) { decimals_ = decimals; }

  virtual std::vector<Editable> editables() = 0;  // pointers into this lesson's numbers
  virtual Trace run() const = 0;                  // every step, from the current numbers
  // Called after an edit, before run(): a lesson whose shape depends on its numbers adjusts here.
  virtual void numbers_changed() {}

  // The plots of the lesson as they stand at step `current` of `trace`.
  virtual std::vector<Figure> figures(const Trace& /*trace*/, int /*current*/) const { return {}; }
  // The history table (like the tables in the theses); no columns: none.
  virtual HistoryShape history() const { return {}; }
  // What only some kinds offer is a capability: an interface the kind's lesson class also derives
  // from, declared on the floor of what it needs (Trainable in lessons/training/trainable.h,
  // PlaygroundHost in lessons/playground/playground_host.h, ClickableFigures, TakesDrawing,
  // HasNetworkSpec and CountsArchitectures in lessons/framework/capabilities.h). offers<C>() finds it; nullptr when the
  // lesson lacks it.
  template <typename Capability>
  const Capability* offers() const {
    return dynamic_cast<const Capability*>(this);
  }
  template <typename Capability>
  Capability* offers() {
    return dynamic_cast<Capability*>(this);
  }

 protected:
  Lesson(LessonInfo info, std::vector<PrintedValue> printed) : info_(std::move(info)), printed_(std::move(printed)) {}

  LessonInfo info_;
  std::vector<PrintedValue> printed_;

 private:
  std::vector<ExerciseRule> exercise_rules_;
  VariantSpec variant_spec_;
  std::optional<std::uint64_t> variant_;
  int decimals_ = kShownDecimals;
};

// Loads and validates a lesson file; throws LessonError (file:line:col) for anything wrong in it.
std::unique_ptr<Lesson> load_lesson(const std::filesystem::path& path);
std::unique_ptr<Lesson> parse_lesson(std::string text, std::string path);

}  // namespace neurostep
