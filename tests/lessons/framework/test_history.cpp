// The history tables: a row per step for the lessons whose every step computes something new
// (pooling's windows, conv-gradients' sliding window and cells, cnn-walk's layers), each cell the
// value that step computed; a row per step group for the others.
#include <doctest/doctest.h>

#include <string>

#include "lesson_paths.h"
#include "lessons/framework/history.h"
#include "lessons/framework/session.h"

using namespace neurostep;
using test::lesson_path;

TEST_CASE("pooling's history: a row per window with its maximum and mean, then the δ each sends back") {
  LessonSession session(load_lesson(lesson_path("pooling")));
  session.go_to(session.step_count() - 1);
  const HistoryTable t = session.history();
  REQUIRE(t.headers.size() == 4);
  CHECK(t.headers[1] == "max");
  const Trace& trace = session.trace();
  int rows = 0;
  for (int i = 0; i < session.step_count(); ++i) {
    const Step& s = trace.steps[static_cast<std::size_t>(i)];
    const Value* max = s.find("max");
    const Value* delta = s.find("delta");
    if (!max && !delta) continue;
    REQUIRE(rows < static_cast<int>(t.cells.size()));
    CHECK(t.row_labels[static_cast<std::size_t>(rows)] == std::to_string(i + 1) + " " + s.title);
    if (max) CHECK(*t.cells[static_cast<std::size_t>(rows)][0] == max->data[0]);
    if (delta) CHECK(*t.cells[static_cast<std::size_t>(rows)][2] == delta->data[0]);
    ++rows;
  }
  CHECK(rows == static_cast<int>(t.cells.size()));
  CHECK(rows == 8);  // four windows forward, four back
}

TEST_CASE("the table stops at the current step; cnn-walk and conv-gradients have one too") {
  for (const char* id : {"pooling", "cnn-walk", "conv-gradients"}) {
    CAPTURE(id);
    LessonSession session(load_lesson(lesson_path(id)));
    session.go_to(0);
    const std::size_t at_start = session.history().cells.size();
    session.go_to(session.step_count() - 1);
    CHECK(session.history().cells.size() > at_start);
    CHECK(session.history().headers.size() > 2);
  }
}
