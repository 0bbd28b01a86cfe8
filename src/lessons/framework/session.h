// session.h — one open lesson as the student steps through it: the lesson, its trace, the current
// step and the thesis checks. Everything the GUI changes goes through here, so stepping and
// editing behave the same in the window, in tests and on the command line.
//
// The whole trace is computed eagerly, so stepping back restores the exact earlier state: it is
// only a different index into the same trace. An edit re-runs the engine and keeps the current
// step when the new trace still has it.
// Numerical faults never reach the screen as garbage: the trace ends at the first step with a
// scalar value that is NaN or infinite (a learning rate of 1000, huge inputs), and that step says
// which value it was; an engine that fails (an exact fraction outgrowing 64 bits) leaves a trace
// of one step that says why. The numbers the student edited stay, so the edit can be undone.
#pragma once

#include <memory>

#include "lessons/framework/history.h"
#include "lessons/framework/lesson.h"
#include "lessons/framework/thesis_check.h"
#include "lessons/framework/withheld.h"

namespace neurostep {

// Runs the lesson's engine, guarded as described above (also used by the command line).
Trace run_guarded(const Lesson& lesson);
// Whether run_guarded stopped the trace (an engine that failed, or a value that is not finite).
bool trace_stopped(const Trace& trace);

// A change the Numbers tab asks for: editable `editable` (an index into Lesson::editables()) set to
// `value` — a number, an integer (as the lesson counts it, not as the screen shows it) or a
// choice's option index. LessonSession::edit applies it.
struct NumberEdit {
  int editable = 0;
  double value = 0;
  bool operator==(const NumberEdit&) const = default;
};

class LessonSession {
 public:
  explicit LessonSession(std::unique_ptr<Lesson> lesson);

  Lesson& lesson() { return *lesson_; }
  const Lesson& lesson() const { return *lesson_; }
  const Trace& trace() const { return trace_; }
  // Counts the traces this session has computed: what is derived from the trace (the exercises)
  // is derived again only when it moved.
  std::uint64_t trace_revision() const { return trace_revision_; }
  // The thesis checks; none while Try it withholds something (they print computed values).
  const std::vector<CheckResult>& checks() const { return withheld_.active() ? kNoChecks : checks_; }

  int current() const { return current_; }  // index of the step shown; 0 after reset
  int step_count() const { return static_cast<int>(trace_.steps.size()); }
  const Step* current_step() const { return trace_.steps.empty() ? nullptr : &trace_.steps[current_]; }
  bool at_end() const { return current_ + 1 >= step_count(); }

  void step() { go_to(current_ + 1); }
  void back() { go_to(current_ - 1); }
  void reset() { go_to(0); }
  void run_to_end() { go_to(step_count() - 1); }
  void go_to(int index);

  // Try it's one filter (withheld.h), set by the window from the student's marks before each
  // frame: every view reads the trace through `shown()`, and the plots and the history table below
  // through it too, so no panel decides on its own what to hide.
  void withhold(Withheld withheld);
  const Withheld& withheld() const { return withheld_; }
  const Trace& shown() const { return withheld_.active() ? shown_ : trace_; }
  const Step* shown_step() const {
    return trace_.steps.empty() ? nullptr : &shown().steps[current_];
  }  // current_step(), as shown

  // The lesson's plots and history table as they stand at the current step, as the views may show them.
  std::vector<Figure> figures() const;
  HistoryTable history() const {
    const HistoryShape shape = lesson_->history();
    HistoryTable table = shape.rows == HistoryShape::Rows::PerStep
                             ? build_step_history(shown(), shape.columns, current_)
                             : build_history(shown(), shape.columns, current_);
    mask_history(table, withheld_);
    return table;
  }

  // Re-runs the engine after the lesson's numbers were edited.
  void recompute();
  // Sets one of the lesson's numbers as the Numbers tab asked (lesson.h) and re-runs the engine.
  void edit(const NumberEdit& edit);
  // Re-runs the engine with its titles, notes and figure texts at `decimals` (the view's choice of
  // 3, 4 or 6; Lesson::decimals): the numbers, the step shown and the edits stay. Nothing if unchanged.
  void set_decimals(int decimals);
  // Whether the numbers were edited since the lesson was loaded (the thesis's numbers no longer hold).
  bool edited() const { return edited_; }

  // Sets the numbers of variant `seed` ("numbers #4817", variant.h): the trace is recomputed, the
  // thesis checks go (these are not the thesis's numbers), the step shown stays. Throws
  // VariantError, with the lesson unchanged, for a lesson without [variants] or when no draw meets
  // its conditions.
  void use_variant(std::uint64_t seed);
  std::optional<std::uint64_t> variant() const { return lesson_->variant(); }

 private:
  void rerun();  // the engine run again on the lesson's numbers and decimals, the step shown kept
  void withhold_again();
  static inline const std::vector<CheckResult> kNoChecks{};
  std::unique_ptr<Lesson> lesson_;
  Trace trace_;
  Withheld withheld_;
  Trace shown_;                       // trace_ through withheld_ (while it is active)
  std::uint64_t shown_revision_ = 0;  // the trace_revision_ shown_ was made from
  std::vector<CheckResult> checks_;
  int current_ = 0;
  bool edited_ = false;
  std::uint64_t trace_revision_ = 1;
};

}  // namespace neurostep
