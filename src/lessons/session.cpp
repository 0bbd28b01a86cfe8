#include "lessons/session.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace neurostep {

Trace run_guarded(const Lesson& lesson) {
  Trace trace;
  try {
    trace = lesson.run();
  } catch (const std::exception& e) {
    return {lesson.info().id, {{"failed", "Stopped", "The lesson cannot be computed with these numbers", {}, {},
                                std::string(e.what()) + ". Change the numbers back in the Numbers tab."}}};
  }
  for (std::size_t i = 0; i < trace.steps.size(); ++i) {
    Step& s = trace.steps[i];
    for (const Value& v : s.values)
      if (v.shape.empty() && !std::isfinite(v.data.at(0))) {
        s.note = fmt::format("Stopped here: {} is {} at this step — the numbers grew too large (is the learning rate or an input "
                             "too big?). The steps before it are the last good state.",
                             v.name, std::isnan(v.data[0]) ? "not a number (NaN)" : "infinite");
        trace.steps.resize(i + 1);
        return trace;
      }
  }
  return trace;
}

LessonSession::LessonSession(std::unique_ptr<Lesson> lesson) : lesson_(std::move(lesson)) {
  trace_ = run_guarded(*lesson_);
  checks_ = check_printed_values(lesson_->printed_values(), trace_);
}

void LessonSession::go_to(int index) { current_ = std::clamp(index, 0, std::max(0, step_count() - 1)); }

void LessonSession::recompute() {
  lesson_->numbers_changed();
  trace_ = run_guarded(*lesson_);
  checks_ = check_printed_values(lesson_->printed_values(), trace_);
  go_to(current_);
}

}  // namespace neurostep
