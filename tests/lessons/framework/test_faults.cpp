// Numerical faults and absurd requests: a clear message, the last good state, never garbage.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>

#include "lesson_paths.h"
#include "lessons/framework/lesson_file.h"
#include "lessons/framework/catalog.h"
#include "lessons/framework/session.h"
#include "lessons/formats/trace_format.h"

using namespace neurostep;

namespace {
using test::read;
using test::replace;
void expect_finite(const Trace& t) {
  for (const auto& s : t.steps)
    for (const auto& v : s.values)
      if (v.shape.empty()) CHECK_MESSAGE(std::isfinite(v.data[0]), s.id << " " << v.name);
}
}  // namespace

TEST_CASE("a learning rate of 1000 with huge inputs: the trace ends at the first non-finite value, saying which") {
  std::string text = read(test::lesson_path("chain-rule"));
  text = replace(text, "input = [0.05, 0.10]", "input = [1e6, 1e6]");
  text = replace(text, "activation = \"sigmoid\"", "activation = \"elu\"");  // linear for z > 0: nothing saturates
  text = replace(text, "learning_rate = 0.5", "learning_rate = 1000");
  LessonSession session(parse_lesson(text, "huge.toml"));
  expect_finite(session.trace());  // E reaches 1.5e29 after one update, then the ELUs saturate
}

namespace {
// A lesson whose engine produces a NaN at its third step, to test the session's guard itself.
class NanLesson final : public Lesson {
 public:
  NanLesson() : Lesson({.id = "nan"}, {}) {}
  std::vector<Editable> editables() override { return {}; }
  Trace run() const override {
    Trace t{"nan", {}};
    for (double v : {1.0, 2.0, std::nan(""), 4.0})
      t.steps.push_back({.id = "s", .group = "g", .title = "t", .values = {scalar_value("E", v)}});
    return t;
  }
};
}  // namespace

TEST_CASE("the trace ends at the first NaN, and that step names the value") {
  LessonSession session(std::make_unique<NanLesson>());
  REQUIRE(session.step_count() == 3);
  CHECK(session.trace().steps[2].note.find("Stopped here: E is not a number (NaN)") != std::string::npos);
}

TEST_CASE("an engine that cannot compute (an exact fraction past 64 bits) leaves one step that says why") {
  std::string text = read(test::lesson_path("perceptron-and"));
  text = replace(text, "learning_rate = 0.2", "learning_rate = 0.000001234567891");
  LessonSession session(parse_lesson(text, "tiny.toml"));
  REQUIRE(session.step_count() == 1);
  CHECK(session.trace().steps[0].note.find("Change the numbers back") != std::string::npos);
}

TEST_CASE("every lesson with a learning rate of 1000 and large inputs stays finite on screen") {
  for (const char* id : {"sigmoid-neuron", "chain-rule", "gradient-descent", "conv-gradients", "perceptron-xor",
                         "cnn-walk", "batch-norm"}) {
    CAPTURE(id);
    LessonSession session(load_lesson(test::lesson_path(id)));
    for (auto& e : session.lesson().editables()) {
      if (!e.number) continue;
      if (e.label.find("η") != std::string::npos)
        *e.number = std::min(e.max, 1000.0);
      else if (e.label[0] == 'x' || e.label.rfind("X[", 0) == 0)
        *e.number = e.max;
    }
    session.recompute();
    expect_finite(session.trace());
    for (int i = 0; i < session.step_count(); ++i) {
      session.go_to(i);
      for (const Figure& f : session.figures()) {
        CHECK(std::isfinite(f.x.min));
        CHECK(std::isfinite(f.y.max));
      }
    }
  }
}

TEST_CASE("absurd sizes are refused with a message instead of exhausting memory") {
  std::string and_text = read(test::lesson_path("perceptron-and"));
  std::string samples;
  for (int i = 0; i < 100; ++i) samples += "[[samples]]\nx = [0, 0]\ny = 0\n";
  CHECK_THROWS_WITH_AS(parse_lesson(replace(and_text, "max_epochs = 50", "max_epochs = 10000") + samples, "big.toml"),
                       doctest::Contains("the limit is 200,000"), LessonError);
  std::string mnist = read(test::lesson_path("mnist-cnn"));
  mnist = replace(mnist, "{ type = \"dense\", units = 200, bias = 0 }",
                  "{ type = \"dense\", units = 100000 }");  // 784 × 100,000
  CHECK_THROWS_WITH_AS(parse_lesson(mnist, "huge-model.toml"), doctest::Contains("the limit is 50000000"), LessonError);
  std::string xor_text = read(test::lesson_path("perceptron-xor"));
  CHECK_THROWS_WITH_AS(parse_lesson(replace(replace(xor_text, "epochs = 1000", "epochs = 100000"), "record_every = 50",
                                            "record_every = 1"),
                                    "x.toml"),
                       doctest::Contains("more than 1,000 steps"), LessonError);
}

TEST_CASE("every lesson: each step's plots have finite axes and every trace format prints the whole trace") {
  for (const auto& entry : scan_lessons(std::string(NEUROSTEP_SOURCE_DIR) + "/lessons")) {
    CAPTURE(entry.id);
    LessonSession session(load_lesson(entry.path));
    expect_finite(session.trace());
    for (int i = 0; i < session.step_count(); ++i) {
      session.go_to(i);
      for (const Figure& f : session.figures()) {
        CAPTURE(f.title);
        CHECK(std::isfinite(f.x.min));
        CHECK(std::isfinite(f.x.max));
        CHECK(std::isfinite(f.y.min));
        CHECK(std::isfinite(f.y.max));
      }
    }
    for (const TraceFormat format :
         {TraceFormat::Text, TraceFormat::Json, TraceFormat::Csv, TraceFormat::Markdown, TraceFormat::Latex}) {
      const std::string text = format_trace(session.trace(), format, -1, 4);
      const bool tables =
          format == TraceFormat::Markdown || format == TraceFormat::Latex;  // they show numbers and titles, not ids
      const std::string last =
          tables ? std::to_string(session.step_count()) + (format == TraceFormat::Markdown ? " | " : " & ")
                 : session.trace().steps.back().id;
      CHECK_MESSAGE(text.find(last) != std::string::npos, "no " << last);
    }
  }
}
