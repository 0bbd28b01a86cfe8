// Lesson kind dropout: the ids it declares (dropout.h, dropout_ids) are the ones its trace has, the trace against
// PyTorch for the same mask, dropped units with exactly zero gradient, the seeded mask, the K-mask average against the
// inference value, inference without a mask, and bad lesson files refused with their line.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "lesson_paths.h"
#include "reference_json.h"
#include "lessons/engines/dropout.h"
#include "lessons/framework/lesson_file.h"
#include "lessons/framework/session.h"

using namespace neurostep;
using nlohmann::json;
using test::flat;
using test::step;
namespace ids = dropout_ids;

namespace {

std::string lesson_text() {
  std::ifstream in(test::lesson_path("dropout"));
  return {std::istreambuf_iterator<char>(in), {}};
}

// The value `name` of every step that has it (the first one found).
const Value* find(const Trace& t, const std::string& name) {
  for (const Step& s : t.steps)
    if (const Value* v = s.find(name)) return v;
  return nullptr;
}

std::vector<double> editable_values(Lesson& lesson, const std::string& group) {
  std::vector<double> out;
  for (const Editable& e : lesson.editables())
    if (e.group == group && e.number) out.push_back(*e.number);
  return out;
}

int* integer_editable(Lesson& lesson, const std::string& label) {
  for (const Editable& e : lesson.editables())
    if (e.label == label && e.integer) return e.integer;
  FAIL("no editable " << label);
  return nullptr;
}

}  // namespace

TEST_CASE("dropout: every step is a declared id, in order, with the declared values") {
  const Trace t = load_lesson(test::lesson_path("dropout"))->run();
  const std::vector<std::pair<const char*, std::vector<const char*>>> expected = {
      {ids::kMask, {ids::kA, ids::kU, ids::kM, ids::kKeepScale, ids::kKept}},
      {ids::kForward, {ids::kATilde}},
      {ids::kNextLayer, {ids::kW, ids::kB, ids::kZ}},
      {ids::kLoss, {ids::kY, ids::kE, ids::kDelta}},
      {ids::kBackwardDense, {ids::kDEdaTilde}},
      {ids::kBackwardDropout, {ids::kDEda}},
      {ids::kGradients, {ids::kDW, ids::kDb}},
      {ids::kGradcheck, {ids::kNumericDEda, ids::kMaxRelativeError}},
      {ids::kInference, {ids::kAEval, ids::kMaskSize, ids::kZEval}},
      {ids::kJappinen2024, {ids::kAMasked, ids::kS, ids::kZJappinen2024}},
      {ids::kUnscaled, {ids::kZUnscaled, ids::kWInference, ids::kZUnscaledEval}},
      {ids::kExpectation, {ids::kExpectedATilde, ids::kExpectedZ, ids::kExpectedZUnscaled}},
      {ids::kAverage,
       {ids::kK, ids::kKeptFraction, ids::kMeanATilde, ids::kZAverage, ids::kZAverageUnscaled, ids::kRunningZ,
        ids::kRunningZUnscaled, ids::kStdError, ids::kStdErrorUnscaled}}};
  REQUIRE(t.steps.size() == expected.size());
  for (std::size_t k = 0; k < expected.size(); ++k) {
    CHECK(t.steps[k].id == expected[k].first);
    std::vector<std::string> names;
    for (const Value& v : t.steps[k].values) names.push_back(v.name);
    CHECK(names == std::vector<std::string>(expected[k].second.begin(), expected[k].second.end()));
  }
  CHECK(std::string(ids::kBackwardDense).starts_with(ids::kBackwardPrefix));
  CHECK(std::string(ids::kBackwardDropout).starts_with(ids::kBackwardPrefix));
}

TEST_CASE("dropout: the trace agrees with PyTorch (float64) for the same mask") {
  const json& ref = test::reference_json("dropout_reference.json", "make_dropout_reference.py");
  const Trace t = load_lesson(test::lesson_path("dropout"))->run();
  // The reference was made for this file and this mask; if either changed, regenerate it.
  const char* regenerate = "lessons/dropout.toml or its mask changed: run tests/reference/make_dropout_reference.py";
  REQUIRE_MESSAGE(find(t, ids::kA)->data == flat(ref["inputs"]["a"]), regenerate);
  REQUIRE_MESSAGE(find(t, ids::kM)->data == flat(ref["inputs"]["mask"]), regenerate);
  REQUIRE_MESSAGE(find(t, ids::kW)->data == flat(ref["inputs"]["W"]), regenerate);
  int compared = 0;
  for (const auto& [name, theirs] : ref["values"].items()) {
    const Value* ours = find(t, name);
    REQUIRE_MESSAGE(ours, "the trace has no value " << name);
    const std::vector<double> r = flat(theirs);
    REQUIRE(ours->data.size() == r.size());
    double worst = 0;
    for (std::size_t i = 0; i < r.size(); ++i)
      worst = std::max(worst, std::abs(ours->data[i] - r[i]) / std::max(std::abs(r[i]), 1e-12));
    CHECK_MESSAGE(worst < 1e-9, name << ": largest relative difference " << worst);
    ++compared;
  }
  CHECK(compared == 12);
}

TEST_CASE("dropout: a dropped unit gets exactly 0 gradient, a kept one m/(1 − p)·∂E/∂ã") {
  const Trace t = load_lesson(test::lesson_path("dropout"))->run();
  // seed 26 keeps units 1, 3, 6: ã = (0.8·2, 0, 1.2·2, 0, 0, 0.6·2) = (1.6, 0, 2.4, 0, 0, 1.2)
  CHECK(step(t, ids::kMask).find(ids::kM)->data == std::vector<double>{1, 0, 1, 0, 0, 1});
  CHECK(step(t, ids::kForward).find(ids::kATilde)->data == std::vector<double>{1.6, 0, 2.4, 0, 0, 1.2});
  // z₁ = 0.4·1.6 + 0.3·2.4 + 0.5·1.2 + 0.1 = 0.64 + 0.72 + 0.6 + 0.1 = 2.06
  CHECK(step(t, ids::kNextLayer).find(ids::kZ)->data[0] == doctest::Approx(2.06).epsilon(1e-12));
  const auto& m = step(t, ids::kMask).find(ids::kM)->data;
  const auto& da_tilde = step(t, ids::kBackwardDense).find(ids::kDEdaTilde)->data;
  const auto& da = step(t, ids::kBackwardDropout).find(ids::kDEda)->data;
  const auto& dW = step(t, ids::kGradients).find(ids::kDW)->data;
  const auto& numeric = step(t, ids::kGradcheck).find(ids::kNumericDEda)->data;
  for (std::size_t i = 0; i < m.size(); ++i) {
    CAPTURE(i);
    if (m[i] == 0) {
      CHECK(da_tilde[i] != 0);  // the next layer does send a gradient to the dropped unit…
      CHECK(da[i] == 0.0);      // …and the dropout layer stops it, exactly
      CHECK(dW[i] == 0.0);      // row 1, column i
      CHECK(dW[m.size() + i] == 0.0);
      CHECK(numeric[i] == 0.0);
    } else {
      CHECK(da[i] == doctest::Approx(2 * da_tilde[i]).epsilon(1e-15));
    }
  }
  CHECK(step(t, ids::kGradcheck).find(ids::kMaxRelativeError)->scalar() < 1e-7);
}

TEST_CASE("dropout: the same seed draws the same mask, another seed another") {
  LessonSession session(load_lesson(test::lesson_path("dropout")));
  const std::vector<double> u = step(session.trace(), ids::kMask).find(ids::kU)->data;
  const std::vector<double> m = step(session.trace(), ids::kMask).find(ids::kM)->data;
  session.recompute();
  CHECK(step(session.trace(), ids::kMask).find(ids::kU)->data == u);
  CHECK(load_lesson(test::lesson_path("dropout"))->run().steps[0].find(ids::kM)->data == m);
  *integer_editable(session.lesson(), "seed") = 27;
  session.recompute();
  CHECK(step(session.trace(), ids::kMask).find(ids::kU)->data != u);
  CHECK(step(session.trace(), ids::kMask).find(ids::kM)->data != m);
}

TEST_CASE("dropout: the mean of z over K masks approaches the inference z within 4σ/√K") {
  LessonSession session(load_lesson(test::lesson_path("dropout")));
  Lesson& lesson = session.lesson();
  const std::vector<double> a = editable_values(lesson, "Activations a");
  const double p = editable_values(lesson, "Dropout")[0];
  for (int K : {1000, 10000}) {
    *integer_editable(lesson, "masks K") = K;
    session.recompute();
    const Trace& t = session.trace();
    const Step& avg = step(t, ids::kAverage);
    for (int j = 0; j < 2; ++j) {
      CAPTURE(K);
      CAPTURE(j);
      // σ² of one mask's zⱼ: Σᵢ wⱼᵢ²aᵢ²·Var(mᵢ/(1 − p)) = Σᵢ wⱼᵢ²aᵢ²·p/(1 − p) (inverted),
      // Σᵢ wⱼᵢ²aᵢ²·p(1 − p) (unscaled); the mean of K independent masks has σ/√K.
      const std::vector<double> w = editable_values(lesson, "Into output " + std::to_string(j + 1));  // w, then b and y
      double s2 = 0;
      for (std::size_t i = 0; i < a.size(); ++i) s2 += w[i] * w[i] * a[i] * a[i];
      const double se = std::sqrt(s2 * p / (1 - p) / K), se_unscaled = std::sqrt(s2 * p * (1 - p) / K);
      CHECK(avg.find(ids::kStdError)->data[j] == doctest::Approx(se).epsilon(1e-12));
      CHECK(avg.find(ids::kStdErrorUnscaled)->data[j] == doctest::Approx(se_unscaled).epsilon(1e-12));
      const double z_eval = step(t, ids::kInference).find(ids::kZEval)->data[j];
      const double z_unscaled_eval = step(t, ids::kUnscaled).find(ids::kZUnscaledEval)->data[j];
      CHECK(std::abs(avg.find(ids::kZAverage)->data[j] - z_eval) < 4 * se);
      CHECK(std::abs(avg.find(ids::kZAverageUnscaled)->data[j] - z_unscaled_eval) < 4 * se_unscaled);
      // The first of the K masks is the mask of the training steps.
      CHECK(avg.find(ids::kRunningZ)->data[j] ==
            doctest::Approx(step(t, ids::kNextLayer).find(ids::kZ)->data[j]).epsilon(1e-12));
    }
    CHECK(avg.find(ids::kRunningZ)->shape == Shape{K, 2});
    CHECK(std::abs(avg.find(ids::kKeptFraction)->scalar() - (1 - p)) < 4 * std::sqrt(p * (1 - p) / (K * a.size())));
  }
}

TEST_CASE("dropout: inference draws no mask, and Jäppinen's scaling is inverted dropout moved one layer on") {
  const Trace t = load_lesson(test::lesson_path("dropout"))->run();
  const Step& inf = step(t, ids::kInference);
  CHECK(inf.find(ids::kMaskSize)->scalar() == 0);
  CHECK(inf.find(ids::kAEval)->data == step(t, ids::kMask).find(ids::kA)->data);
  // z₁ = 0.4·0.8 − 0.6·0.3 + 0.3·1.2 + 0.8·0.5 − 0.2·0.9 + 0.5·0.6 + 0.1 = 0.32 − 0.18 + 0.36 + 0.4 − 0.18 + 0.3 + 0.1
  // = 1.12
  CHECK(inf.find(ids::kZEval)->data[0] == doctest::Approx(1.12).epsilon(1e-12));
  for (std::size_t j = 0; j < 2; ++j)
    CHECK(step(t, ids::kJappinen2024).find(ids::kZJappinen2024)->data[j] ==
          doctest::Approx(step(t, ids::kNextLayer).find(ids::kZ)->data[j]).epsilon(1e-12));
  CHECK(step(t, ids::kExpectation).find(ids::kExpectedATilde)->data == step(t, ids::kMask).find(ids::kA)->data);
}

TEST_CASE("dropout: p = 0 draws nothing and keeps every unit") {
  LessonSession session(load_lesson(test::lesson_path("dropout")));
  for (const Editable& e : session.lesson().editables())
    if (e.label == "p") *e.number = 0;
  session.recompute();
  const Trace& t = session.trace();
  CHECK(step(t, ids::kMask).find(ids::kM)->data == std::vector<double>(6, 1.0));
  CHECK(std::isnan(step(t, ids::kMask).find(ids::kU)->data[0]));
  CHECK(step(t, ids::kForward).find(ids::kATilde)->data == step(t, ids::kMask).find(ids::kA)->data);
  CHECK(step(t, ids::kAverage).find(ids::kZAverage)->data[0] ==
        doctest::Approx(step(t, ids::kInference).find(ids::kZEval)->data[0]).epsilon(1e-12));
}

TEST_CASE("dropout: a bad lesson file is refused with its line") {
  const std::string good = lesson_text();
  REQUIRE_NOTHROW(parse_lesson(good, "dropout.toml"));
  // Replaces the first `from` by `to` and expects an error at that line containing `contains`.
  auto expect_error = [&](const std::string& from, const std::string& to, const std::string& contains) {
    const std::size_t at = good.find(from);
    REQUIRE_MESSAGE(at != std::string::npos, from);
    const int line =
        1 + static_cast<int>(std::count(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
    std::string bad = good;
    bad.replace(at, from.size(), to);
    try {
      parse_lesson(bad, "dropout.toml");
      FAIL("no error for " << to);
    } catch (const LessonError& e) {
      CHECK_MESSAGE(e.line == line, e.what());
      CHECK_MESSAGE(e.message.find(contains) != std::string::npos, e.what());
    }
  };
  expect_error("p = 0.5 ", "p = 1.0 ", "below 1");
  expect_error("p = 0.5 ", "p = -0.1 ", "0 ≤ p < 1");
  expect_error("p = 0.5 ", "p = 1.5 ", "below 1");
  expect_error("p = 0.5 ", "p = \"half\" ", "must be a number");
  expect_error("masks = 1000 ", "masks = 0 ", "out of range");
  expect_error("masks = 1000 ", "masks = 100000000 ", "out of range");
  expect_error("seed = 26 ", "seed = -3 ", "out of range");
  expect_error("a = [0.8, 0.3, 1.2, 0.5, 0.9, 0.6]", "a = []", "1 to 9");
  expect_error("  [-0.3, 0.2, 0.7, -0.5, 0.6, 0.1],", "  [-0.3, 0.2, 0.7, -0.5, 0.6],", "every row");
  expect_error("weights = [\n  [0.4, -0.6, 0.3, 0.8, -0.2, 0.5],  # into output 1\n  [-0.3, 0.2, 0.7, -0.5, 0.6, 0.1],",
               "weights = [\n  [0.4, -0.6, 0.3, 0.8, -0.2],  # into output 1\n  [-0.3, 0.2, 0.7, -0.5, 0.6],",
               "one column per unit");
  expect_error("target = [1.0, 0.0]", "target = [1.0]", "2 numbers");
  expect_error("biases = [0.1, -0.2]", "bias = [0.1, -0.2]", "unknown key");
}
