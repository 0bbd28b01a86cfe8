#include "lessons/framework/session.h"

#include <algorithm>
#include <cassert>
#include <cmath>

#include <fmt/format.h>

#include <stdexcept>

#include "core/io/idx.h"
#include "core/layer.h"
#include "lessons/framework/lesson_file.h"

namespace neurostep {

Trace run_guarded(const Lesson& lesson) {
  Trace trace;
  // Only the errors that mean "not with these numbers" become a step that says so: shapes that do
  // not fit, an exact fraction outgrowing 64 bits, a data file the lesson names that cannot be
  // read. Anything else is a programming error and fails loudly (in the tests first).
  auto stopped = [&](const std::exception& e) {
    return Trace{lesson.info().id,
                 {{.id = "failed",
                   .group = "Stopped",
                   .title = "The lesson cannot be computed with these numbers",
                   .note = std::string(e.what()) + ". Change the numbers back in the Numbers tab."}}};
  };
  try {
    const ShownDecimals at(lesson.decimals());
    trace = lesson.run();
  } catch (const ShapeError& e) {
    return stopped(e);
  } catch (const std::overflow_error& e) {
    return stopped(e);
  } catch (const DataError& e) {
    return stopped(e);
  } catch (const LessonError& e) {
    return stopped(e);
  }
  for (std::size_t i = 0; i < trace.steps.size(); ++i) {
    Step& s = trace.steps[i];
    for (const Value& v : s.values)
      if (v.shape.empty() && !std::isfinite(v.data.at(0))) {
        s.note = fmt::format(
            "Stopped here: {} is {} at this step — the numbers grew too large (is the learning rate or an input "
            "too big?). The steps before it are the last good state.",
            v.name, std::isnan(v.data[0]) ? "not a number (NaN)" : "infinite");
        trace.steps.resize(i + 1);
        return trace;
      }
  }
  return trace;
}

bool trace_stopped(const Trace& trace) {
  if (trace.steps.empty()) return false;
  const Step& last = trace.steps.back();
  return (trace.steps.size() == 1 && last.id == "failed" && last.group == "Stopped") ||
         last.note.rfind("Stopped here", 0) == 0;
}

LessonSession::LessonSession(std::unique_ptr<Lesson> lesson) : lesson_(std::move(lesson)) {
  trace_ = run_guarded(*lesson_);
  checks_ = check_printed_values(lesson_->printed_values(), trace_);
}

void LessonSession::withhold(Withheld withheld) {
  const bool same = withheld == withheld_ && shown_revision_ == trace_revision_;
  if (same) return;
  withheld_ = std::move(withheld);
  shown_ = withheld_.active() ? shown_trace(trace_, withheld_) : Trace{};
  shown_revision_ = trace_revision_;
}

std::vector<Figure> LessonSession::figures() const {
  const ShownDecimals at(lesson_->decimals());
  std::vector<Figure> figures = lesson_->figures(shown(), current_);
  for (Figure& f : figures) f.decimals = lesson_->decimals();
  mask_figures(figures, withheld_);
  return figures;
}

void LessonSession::go_to(int index) { current_ = std::clamp(index, 0, std::max(0, step_count() - 1)); }

void LessonSession::use_variant(std::uint64_t seed) {
  Variant v = apply_variant(*lesson_, seed);
  trace_ = std::move(v.trace);
  ++trace_revision_;
  checks_ = check_printed_values(lesson_->printed_values(), trace_);  // none: a variant's numbers are not the thesis's
  edited_ = false;
  go_to(current_);
  withhold_again();
}

void LessonSession::recompute() {
  edited_ = true;
  lesson_->numbers_changed();
  rerun();
}

void LessonSession::rerun() {
  trace_ = run_guarded(*lesson_);
  ++trace_revision_;
  checks_ = check_printed_values(lesson_->printed_values(), trace_);
  go_to(current_);
  withhold_again();
}

void LessonSession::edit(const NumberEdit& edit) {
  std::vector<Editable> editables = lesson_->editables();
  assert(edit.editable >= 0 && edit.editable < static_cast<int>(editables.size()) &&
         "an edit of a number the lesson does not offer");
  Editable& e = editables[static_cast<std::size_t>(edit.editable)];
  if (e.number)
    *e.number = edit.value;
  else if (e.integer)
    *e.integer = static_cast<int>(std::lround(edit.value));
  else if (e.choice)
    e.choice.set(static_cast<int>(std::lround(edit.value)));
  recompute();
}

void LessonSession::set_decimals(int decimals) {
  if (decimals == lesson_->decimals()) return;
  lesson_->set_decimals(decimals);
  rerun();
}

void LessonSession::withhold_again() {
  // Until the window sets the new trace's filter, nothing of it is shown that the old one hid.
  if (withheld_.active()) shown_ = shown_trace(trace_, withheld_);
  shown_revision_ = trace_revision_;
}

}  // namespace neurostep
