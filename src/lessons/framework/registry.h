// registry.h — the lesson kinds this build knows: the name a lesson file gives as `kind`, and the
// function that reads the rest of the file into a Lesson.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "lessons/framework/exercise.h"
#include "lessons/framework/lesson.h"
#include "lessons/framework/lesson_file.h"

namespace neurostep {

// Reads the engine's own keys from the file's root table (the common keys — id, title, summary,
// thesis_check — are already read and in `info` and `printed`).
using LessonFactory =
    std::function<std::unique_ptr<Lesson>(LessonInfo info, std::vector<PrintedValue> printed, LessonTable& root)>;

struct LessonKind {
  std::string name;         // the `kind` of a lesson file
  std::string description;  // one line for `neurostep --help` and the docs
  LessonFactory make;
  // The exercises of a lesson file of this kind that has no [[exercise]] entries
  // (docs/lesson-format.md lists them).
  std::vector<ExerciseRule> default_exercises = {};
};

const std::vector<LessonKind>& lesson_kinds();

// A kind's default exercise: every element of `value` (all if none are given) in every step
// matching `step` (exercise.h).
inline ExerciseRule default_exercise(std::string step, std::string value, std::vector<int> elements = {}) {
  return {.step = std::move(step), .value = std::move(value), .elements = std::move(elements)};
}

}  // namespace neurostep
