// Lesson 1 — the perceptron (Sougrati et al., ch. 2, §2): the thesis's printed trace, convergence epoch by epoch
// in exact arithmetic, the hand-worked version's reversed signs, XOR's cycle and the network.
#include <doctest/doctest.h>

#include "lesson_paths.h"
#include "lessons/framework/session.h"

using namespace neurostep;
using test::step;

namespace {
std::vector<double> w_of(const Trace& t, const std::string& id) { return step(t, id).find("w")->data; }
}  // namespace

TEST_CASE("AND: the thesis's printed trace after each sample of epoch 1") {
  const Trace t = load_lesson(test::lesson_path("perceptron-and"))->run();
  // (0,0): z = 0.8 > 0, ŷ = 1 ≠ 0 → w = (0.8 − 0.2, −1, −1)
  CHECK(w_of(t, "e1.s0") == std::vector<double>{0.6, -1, -1});
  // (1,1): z = 0.6 − 2 = −1.4, ŷ = 0 ≠ 1 → w = (0.6 + 0.2, −1 + 0.2, −1 + 0.2)
  CHECK(w_of(t, "e1.s1") == std::vector<double>{0.8, -0.8, -0.8});
  // (0,1): z = 0.8 − 0.8 = 0 exactly → ŷ = 0 = y, unchanged; (1,0) likewise
  CHECK(step(t, "e1.s2").find("z")->scalar() == 0.0);
  CHECK(w_of(t, "e1.s2") == std::vector<double>{0.8, -0.8, -0.8});
  CHECK(w_of(t, "e1.s3") == std::vector<double>{0.8, -0.8, -0.8});
  CHECK(step(t, "e1.end").find("errors")->scalar() == 2);
}

TEST_CASE("AND converges in epoch 14 on paper; a double-precision run differs from epoch 7 on") {
  const Trace t = load_lesson(test::lesson_path("perceptron-and"))->run();
  CHECK(step(t, "e14.end").find("errors")->scalar() == 0);
  CHECK(step(t, "e13.end").find("errors")->scalar() == 2);
  const auto w = w_of(t, "e14.end");
  CHECK(w[0] == doctest::Approx(-0.4));
  CHECK(w[1] == doctest::Approx(0.4));
  CHECK(w[2] == doctest::Approx(0.2));
  CHECK(step(t, "e14.end").note.find("epoch 12") != std::string::npos);
  int pitfalls = 0;
  for (const auto& s : t.steps) pitfalls += s.note.find("Floating-point pitfall") != std::string::npos;
  CHECK(pitfalls == 1);
  CHECK(step(t, "e7.s0").note.find("Floating-point pitfall") != std::string::npos);
}

TEST_CASE("AND: the thesis check of the printed trace and of the hand-worked version") {
  LessonSession session(load_lesson(test::lesson_path("perceptron-and")));
  const auto& c = session.checks();
  REQUIRE(c.size() == 14);
  CHECK(c[0].verdict == Verdict::Disagrees);  // 0.600000000000001: the float artifact, printed
  for (int i = 1; i <= 5; ++i) CHECK(c[static_cast<std::size_t>(i)].verdict == Verdict::Agrees);
  for (int i = 6; i <= 9; ++i) CHECK(c[static_cast<std::size_t>(i)].verdict == Verdict::Disagrees);  // reversed signs
  for (int i = 10; i <= 13; ++i) CHECK(c[static_cast<std::size_t>(i)].verdict == Verdict::Agrees);   // its lines
  // Under the stated rule the hand-worked weights (1.2, −0.8, −0.8) compute NAND: every output wrong.
  const Trace& t = session.trace();
  CHECK(w_of(t, "hand.result") == std::vector<double>{1.2, -0.8, -0.8});
  CHECK(step(t, "hand.result").find("correct")->data == std::vector<double>{0, 0, 0, 0});
  CHECK(step(t, "hand.classify").find("correct")->data == std::vector<double>{0, 0, 1, 1});
}

TEST_CASE("OR converges in epoch 12; XOR cycles and the 2-2-1 network solves it") {
  const Trace orr = load_lesson(test::lesson_path("perceptron-or"))->run();
  CHECK(step(orr, "e12.end").find("errors")->scalar() == 0);
  CHECK(w_of(orr, "e12.end") == std::vector<double>{0.0, 0.2, 0.2});

  const Trace x = load_lesson(test::lesson_path("perceptron-xor"))->run();
  CHECK(step(x, "e13.end").note.find("cycles forever") != std::string::npos);
  const Step& last = x.steps.back();
  CHECK(last.id == "net.epoch1000");
  CHECK(last.find("loss")->scalar() < 0.01);
  const auto& out = last.find("outputs")->data;  // samples (0,0), (1,1), (0,1), (1,0)
  CHECK(out[0] < 0.5);
  CHECK(out[1] < 0.5);
  CHECK(out[2] > 0.5);
  CHECK(out[3] > 0.5);
}

TEST_CASE("the perceptron's figures: the decision line with its shaded side, then the network's output") {
  LessonSession session(load_lesson(test::lesson_path("perceptron-xor")));
  session.go_to(1);
  auto figs = session.figures();
  REQUIRE(figs.size() == 2);
  CHECK(figs[0].series[0].kind == Series::Kind::Polygon);
  CHECK(figs[0].equal_aspect);
  session.run_to_end();
  figs = session.figures();
  REQUIRE(figs.size() == 2);
  REQUIRE(figs[0].heatmaps.size() == 1);
  CHECK(figs[0].heatmaps[0].values.size() == 48 * 48);
  CHECK(figs[1].series[0].x.size() == 1000);
}
