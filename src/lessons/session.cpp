#include "lessons/session.h"

#include <algorithm>

namespace neurostep {

LessonSession::LessonSession(std::unique_ptr<Lesson> lesson) : lesson_(std::move(lesson)) {
  trace_ = lesson_->run();
  checks_ = check_printed_values(lesson_->printed_values(), trace_);
}

void LessonSession::go_to(int index) { current_ = std::clamp(index, 0, std::max(0, step_count() - 1)); }

void LessonSession::recompute() {
  lesson_->numbers_changed();
  trace_ = lesson_->run();
  checks_ = check_printed_values(lesson_->printed_values(), trace_);
  go_to(current_);
}

}  // namespace neurostep
