// Lesson 1 — the perceptron (Sougrati et al., ch. 2, §2): the thesis's printed trace, convergence epoch by epoch
// in exact arithmetic, the hand-worked version's reversed signs, XOR's cycle and the network.
#include <doctest/doctest.h>

#include <array>

#include "lesson_paths.h"
#include "lessons/engines/perceptron.h"
#include "lessons/framework/session.h"

using namespace neurostep;
using test::step;
namespace ids = perceptron_ids;

namespace {
std::vector<double> w_of(const Trace& t, const std::string& id) { return step(t, id).find(ids::kW)->data; }
// Where the step with this id is in the trace, −1 if it has none.
int step_index(const Trace& t, const std::string& id) {
  for (std::size_t i = 0; i < t.steps.size(); ++i)
    if (t.steps[i].id == id) return static_cast<int>(i);
  return -1;
}
}  // namespace

TEST_CASE("AND: the thesis's printed trace after each sample of epoch 1") {
  const Trace t = load_lesson(test::lesson_path("perceptron-and"))->run();
  // (0,0): z = 0.8 > 0, ŷ = 1 ≠ 0 → w = (0.8 − 0.2, −1, −1)
  CHECK(w_of(t, ids::sample(1, 0)) == std::vector<double>{0.6, -1, -1});
  // (1,1): z = 0.6 − 2 = −1.4, ŷ = 0 ≠ 1 → w = (0.6 + 0.2, −1 + 0.2, −1 + 0.2)
  CHECK(w_of(t, ids::sample(1, 1)) == std::vector<double>{0.8, -0.8, -0.8});
  // (0,1): z = 0.8 − 0.8 = 0 exactly → ŷ = 0 = y, unchanged; (1,0) likewise
  CHECK(step(t, ids::sample(1, 2)).find(ids::kZ)->scalar() == 0.0);
  CHECK(w_of(t, ids::sample(1, 2)) == std::vector<double>{0.8, -0.8, -0.8});
  CHECK(w_of(t, ids::sample(1, 3)) == std::vector<double>{0.8, -0.8, -0.8});
  CHECK(step(t, ids::epoch_end(1)).find(ids::kErrors)->scalar() == 2);
}

TEST_CASE("AND converges in epoch 14 on paper; a double-precision run differs from epoch 7 on") {
  const Trace t = load_lesson(test::lesson_path("perceptron-and"))->run();
  CHECK(step(t, ids::epoch_end(14)).find(ids::kErrors)->scalar() == 0);
  CHECK(step(t, ids::epoch_end(13)).find(ids::kErrors)->scalar() == 2);
  const auto w = w_of(t, ids::epoch_end(14));
  CHECK(w[0] == doctest::Approx(-0.4));
  CHECK(w[1] == doctest::Approx(0.4));
  CHECK(w[2] == doctest::Approx(0.2));
  CHECK(step(t, ids::epoch_end(14)).note.find("epoch 12") != std::string::npos);
  int pitfalls = 0;
  for (const auto& s : t.steps) pitfalls += s.note.find("Floating-point pitfall") != std::string::npos;
  CHECK(pitfalls == 1);
  CHECK(step(t, ids::sample(7, 0)).note.find("Floating-point pitfall") != std::string::npos);
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
  CHECK(w_of(t, ids::kHandResult) == std::vector<double>{1.2, -0.8, -0.8});
  CHECK(step(t, ids::kHandResult).find(ids::kCorrect)->data == std::vector<double>{0, 0, 0, 0});
  CHECK(step(t, ids::kHandClassify).find(ids::kCorrect)->data == std::vector<double>{0, 0, 1, 1});
}

TEST_CASE("OR converges in epoch 12; XOR cycles and the 2-2-1 network solves it") {
  const Trace orr = load_lesson(test::lesson_path("perceptron-or"))->run();
  CHECK(step(orr, ids::epoch_end(12)).find(ids::kErrors)->scalar() == 0);
  CHECK(w_of(orr, ids::epoch_end(12)) == std::vector<double>{0.0, 0.2, 0.2});

  const Trace x = load_lesson(test::lesson_path("perceptron-xor"))->run();
  CHECK(step(x, ids::epoch_end(13)).note.find("cycles forever") != std::string::npos);
  const Step& last = x.steps.back();
  CHECK(last.id == ids::network_epoch(1000));
  CHECK(last.find(ids::kLoss)->scalar() < 0.01);
  const auto& out = last.find(ids::kOutputs)->data;  // samples (0,0), (1,1), (0,1), (1,0)
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

// Worked in exact fractions independently (Python's fractions.Fraction, the rule w ← w + η(y − ŷ)x from
// w = (0.8, −1, −1), η = 0.2, samples (0,0), (1,1), (0,1), (1,0)): AND converges in epoch 14 at
// (−0.4, 0.4, 0.2), OR in epoch 12 at (0, 0.2, 0.2), NAND in epoch 2 at (1.2, −0.8, −0.8).
TEST_CASE("XOR from gates: AND(NAND, OR) with the trained gates, each sample through both layers") {
  const Trace t = load_lesson(test::lesson_path("perceptron-xor"))->run();
  CHECK(step(t, ids::kGatesAnd).find(ids::kEpochs)->scalar() == 14);
  CHECK(w_of(t, ids::kGatesAnd) == std::vector<double>{-0.4, 0.4, 0.2});
  CHECK(step(t, ids::kGatesOr).find(ids::kEpochs)->scalar() == 12);
  CHECK(w_of(t, ids::kGatesOr) == std::vector<double>{0.0, 0.2, 0.2});
  // AND's z at (1,0) is −0.4 + 0.4 = 0: negated it is still 0, H(0) = 0, but NAND(1,0) = 1.
  const Step& negated = step(t, ids::kGatesNotAnd);
  CHECK(negated.find(ids::kCorrect)->data == std::vector<double>{1, 1, 1, 0});
  CHECK(negated.note.find("(1, 0) lies on AND's line") != std::string::npos);
  CHECK(step(t, ids::kGatesNand).find(ids::kEpochs)->scalar() == 2);
  CHECK(w_of(t, ids::kGatesNand) == std::vector<double>{1.2, -0.8, -0.8});
  // (0,0): z₁ = 1.2 → n = 1, z₂ = 0 → o = 0, z = −0.4 + 0.4·1 + 0.2·0 = 0 → ŷ = 0
  // (1,1): z₁ = 1.2 − 1.6 = −0.4 → 0, z₂ = 0.4 → 1, z = −0.4 + 0.2 = −0.2 → 0
  // (0,1) and (1,0): z₁ = 0.4 → 1, z₂ = 0.2 → 1, z = −0.4 + 0.4 + 0.2 = 0.2 → 1
  const std::vector<std::array<double, 4>> expected = {
      {1.2, 0, 0, 0}, {-0.4, 0.4, -0.2, 0}, {0.4, 0.2, 0.2, 1}, {0.4, 0.2, 0.2, 1}};
  for (std::size_t k = 0; k < expected.size(); ++k) {
    CAPTURE(k);
    const Step& s = step(t, ids::gates_sample(k));
    CHECK(s.find(ids::kZNand)->scalar() == doctest::Approx(expected[k][0]).epsilon(1e-15));
    CHECK(s.find(ids::kZOr)->scalar() == doctest::Approx(expected[k][1]).epsilon(1e-15));
    CHECK(s.find(ids::kZ)->scalar() == doctest::Approx(expected[k][2]).epsilon(1e-15));
    CHECK(s.find(ids::kYHat)->scalar() == expected[k][3]);
  }
  CHECK(step(t, ids::kGatesTable).find(ids::kRight)->scalar() == 4);
  // The gates come after the perceptron's cycle and before the network.
  CHECK(step_index(t, ids::kGatesAnd) > step_index(t, ids::epoch_end(13)));
  CHECK(step_index(t, ids::kGatesTable) < step_index(t, ids::network_epoch(0)));
}

TEST_CASE(
    "XOR from gates: negated AND weights are NAND when no sample lies on AND's line; the figure shows both lines") {
  std::string text = test::read(test::lesson_path("perceptron-xor"));
  const std::string start = "weights = [0.8, -1, -1]";
  text.replace(text.find(start), start.size(), "weights = [0.5, -1, -1]");
  LessonSession session(parse_lesson(text, "gates.toml"));
  const Trace& t = session.trace();
  CHECK(step(t, ids::kGatesNotAnd).find(ids::kCorrect)->data == std::vector<double>{1, 1, 1, 1});
  CHECK(step(t, ids::kGatesNotAnd).note.find("compute NAND") != std::string::npos);
  CHECK(step_index(t, ids::kGatesNand) == -1);
  CHECK(step(t, ids::kGatesTable).find(ids::kRight)->scalar() == 4);
  session.go_to(step_index(t, ids::gates_sample(2)));
  const auto figs = session.figures();
  REQUIRE(figs.size() == 1);
  CHECK(figs[0].series[0].kind == Series::Kind::Polygon);  // the band where NAND = OR = 1
  CHECK(figs[0].series.size() == 6);                       // band, two lines, the sample, y = 1, y = 0
}

TEST_CASE("perceptron: every step is a declared id, in order, with the declared values") {
  const Trace t = load_lesson(test::lesson_path("perceptron-and"))->run();
  // lessons/perceptron-and.toml: 4 samples, converged in epoch 14, two hand-worked updates.
  std::vector<std::string> expected;
  for (int e = 1; e <= 14; ++e) {
    for (std::size_t k = 0; k < 4; ++k) expected.push_back(ids::sample(e, k));
    expected.push_back(ids::epoch_end(e));
  }
  expected.insert(expected.end(), {ids::kHandClassify, ids::hand_update(1), ids::hand_update(2), ids::kHandResult});
  std::vector<std::string> got;
  for (const Step& s : t.steps) got.push_back(s.id);
  CHECK(got == expected);
  CHECK(ids::epoch_samples(1) == "e1.s*");  // the pattern lessons/perceptron-*.toml and the default exercises name
  const auto has = [](const Trace& tr, const std::string& id, std::vector<const char*> values) {
    for (const char* v : values) CHECK_MESSAGE(step(tr, id).find(v), id << " " << v);
  };
  has(t, ids::sample(7, 0),
      {ids::kX, ids::kY, ids::kZ, ids::kYHat, ids::kW, ids::kMisclassified, ids::kZFloatRun, ids::kWFloatRun});
  has(t, ids::epoch_end(14), {ids::kErrors, ids::kW, ids::kEpochFloatRun, ids::kWFloatRun});
  has(t, ids::kHandClassify, {ids::kZ, ids::kOutput, ids::kCorrect, ids::kW});
  has(t, ids::hand_update(1), {ids::kW, ids::kSlope, ids::kIntercept});
  const Trace x = load_lesson(test::lesson_path("perceptron-xor"))->run();
  std::vector<std::string> gates;
  for (const Step& s : x.steps)
    if (s.group == step(x, ids::kGatesAnd).group) gates.push_back(s.id);
  CHECK(gates == std::vector<std::string>{ids::kGatesAnd, ids::kGatesNotAnd, ids::kGatesNand, ids::kGatesOr,
                                          ids::gates_sample(0), ids::gates_sample(1), ids::gates_sample(2),
                                          ids::gates_sample(3), ids::kGatesTable});
  has(x, ids::kGatesAnd, {ids::kEpochs, ids::kW, ids::kZ, ids::kOutput, ids::kCorrect});
  has(x, ids::kGatesNotAnd, {ids::kW, ids::kZ, ids::kOutput, ids::kCorrect});
  has(x, ids::gates_sample(1),
      {ids::kX, ids::kZNand, ids::kN, ids::kZOr, ids::kO, ids::kZ, ids::kYHat, ids::kY, ids::kWNand, ids::kWOr});
  has(x, ids::kGatesTable, {ids::kYHat, ids::kY, ids::kRight, ids::kWNand, ids::kWOr});
  has(x, ids::network_epoch(50), {ids::kLoss, ids::kOutputs, ids::kW1, ids::kB1, ids::kW2, ids::kB2, ids::kLossCurve});
}
