// Shared helpers of the lesson tests.
#pragma once
#include <doctest/doctest.h>

#include <fstream>
#include <string>

#include "lessons/framework/exercise.h"
#include "lessons/framework/lesson.h"
#include "lessons/framework/lesson_file.h"
#include "lessons/framework/session.h"
#include "lessons/framework/trace.h"

namespace neurostep::test {

// The smallest lesson file that loads: one sigmoid neuron, one sample.
inline const char* kSmallLesson = R"(id = "t"
kind = "sigmoid-neuron"
title = "T"
[neuron]
weights = [0.5, 0.5]
learning_rate = 1.0
[[samples]]
x = [1, 0]
y = 1
)";

inline std::string lesson_path(const std::string& id) {
  return std::string(NEUROSTEP_SOURCE_DIR) + "/lessons/" + id + ".toml";
}

// The step with this id; fails the test if there is none.
inline const Step& step(const Trace& t, const std::string& id) {
  for (const auto& s : t.steps)
    if (s.id == id) return s;
  FAIL("no step " << id);
  throw;
}

// A file's whole text.
inline std::string read(const std::string& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

// `s` with the first `from` replaced by `to`; fails the test if there is none.
inline std::string replace(std::string s, const std::string& from, const std::string& to) {
  const auto at = s.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, from);
  return s.replace(at, from.size(), to);
}

// Loading `text` fails at line:column (column 0: any column) with a message holding `contains`.
inline void expect_error(const std::string& text, int line, int column, const std::string& contains) {
  CAPTURE(text);
  try {
    parse_lesson(text, "my.toml");
    FAIL("no error for: " << contains);
  } catch (const LessonError& e) {
    CHECK(e.file == "my.toml");
    CHECK(e.line == line);
    if (column > 0) CHECK(e.column == column);
    CHECK_MESSAGE(e.message.find(contains) != std::string::npos, e.what());
  }
}

// A lesson file's trace with its own numbers and its exercises.
struct WorkedLesson {
  Trace trace;
  std::vector<Exercise> exercises;
  explicit WorkedLesson(const std::string& path) {
    const auto lesson = load_lesson(path);
    trace = run_guarded(*lesson);
    exercises = exercises_for(lesson->exercise_rules(), trace);
  }
  const Step& step(const Exercise& e) const { return trace.steps[static_cast<std::size_t>(e.step)]; }
  // The exercise of this step with this label ("dC_dw[1]"); fails the test if there is none.
  const Exercise& exercise(const std::string& step_id, const std::string& label) const {
    for (const Exercise& e : exercises)
      if (e.step_id == step_id && e.label() == label) return e;
    FAIL("no exercise " << step_id << " " << label);
    throw;
  }
};

}  // namespace neurostep::test
