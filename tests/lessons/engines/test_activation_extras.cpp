// The activations lesson's bias shift (Lazović 2020, Fig. 13), general logistic, absolute error and
// base-2 cross-entropy (Sougrati et al., Fig. 23): the trace against plain Python
// (tests/reference/plain_reference.json, made by make_plain_reference.py from the lesson file) and
// against exact arithmetic where the numbers allow it.
#include <doctest/doctest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "lesson_paths.h"
#include "reference_json.h"
#include "lessons/engines/activations.h"
#include "lessons/framework/session.h"

using namespace neurostep;
using nlohmann::json;
using test::flat;
using test::step;
namespace ids = activations_ids;

namespace {

const json& reference() {
  return test::reference_json("plain_reference.json", "make_plain_reference.py")["activations_extras"];
}

// Every element of the step's value within 1e-12 (relative, to at least 1e-12) of the reference's.
void expect_reference(const Trace& t, const std::string& step_id, const std::string& value, const std::string& key) {
  CAPTURE(step_id);
  CAPTURE(value);
  const Value* v = step(t, step_id).find(value);
  REQUIRE(v);
  const std::vector<double> theirs = flat(reference()[key]);
  REQUIRE(v->data.size() == theirs.size());
  for (std::size_t i = 0; i < theirs.size(); ++i)
    CHECK(std::abs(v->data[i] - theirs[i]) <= 1e-12 * std::max(1.0, std::abs(theirs[i])));
}

Editable& editable(Lesson& lesson, const std::string& group, const std::string& label) {
  static std::vector<Editable> kept;
  kept = lesson.editables();
  for (Editable& e : kept)
    if (e.group == group && e.label == label) return e;
  FAIL("no editable " << group << "/" << label);
  throw;
}

}  // namespace

TEST_CASE("the lesson file's numbers are those the reference was made from") {
  const json& in = reference()["inputs"];
  const std::string file = test::read(test::lesson_path("activations"));
  CHECK(in["biases"] == json::array({-5, 0, 5}));
  CHECK(file.find("biases = [-5, 0, 5]") != std::string::npos);
  CHECK(file.find("bias_weight = 1.0") != std::string::npos);
  CHECK(file.find("bias_input = 2.0") != std::string::npos);
  CHECK(file.find("logistic_height = 1.0") != std::string::npos);
  CHECK(file.find("prediction = 0.7") != std::string::npos);
  CHECK(in["prediction"] == 0.7);
  CHECK(in["bias_input"] == 2.0);
}

TEST_CASE("the bias shifts the sigmoid: σ(w·x + b) and −b/w against plain Python and exact midpoints") {
  const Trace t = load_lesson(test::lesson_path("activations"))->run();
  expect_reference(t, ids::kBiasShift, ids::kA, "a");
  expect_reference(t, ids::kBiasShift, ids::kMidpoints, "midpoints");
  // Lazović's b = −5 with w = 1: the curve is ½ at x = 5, exactly.
  CHECK(step(t, ids::kBiasShift).find(ids::kMidpoints)->data == std::vector<double>{5, 0, -5});
  expect_reference(t, ids::kLogistic, ids::kF, "f");
  expect_reference(t, ids::kLogistic, ids::kDf, "df");
  expect_reference(t, ids::kLogistic, ids::kSlopeMid, "slope_mid");
  // σ is the logistic with L = 1, k = 1, x₀ = 0: the two agree to the last bit.
  CHECK(step(t, ids::kLogistic).find(ids::kF)->scalar() == step(t, ids::kLogistic).find(ids::kSigma)->scalar());
}

TEST_CASE("the general logistic's slope is the derivative of its value, for other L, k, x₀") {
  auto lesson = load_lesson(test::lesson_path("activations"));
  *editable(*lesson, "Logistic", "L").number = 2.5;
  *editable(*lesson, "Logistic", "k").number = -0.75;
  *editable(*lesson, "Logistic", "x₀").number = 1.5;
  const Trace t = lesson->run();
  const Step& s = step(t, ids::kLogistic);
  const auto f = [](double x) { return 2.5 / (1 + std::exp(0.75 * (x - 1.5))); };
  CHECK(s.find(ids::kF)->scalar() == doctest::Approx(f(2)).epsilon(1e-14));
  CHECK(s.find(ids::kDf)->scalar() == doctest::Approx((f(2 + 1e-6) - f(2 - 1e-6)) / 2e-6).epsilon(1e-8));
  CHECK(s.find(ids::kSlopeMid)->scalar() == doctest::Approx(-0.75 * 2.5 / 4).epsilon(1e-15));
  CHECK(s.equations[2].result[0] == 1.25);  // f(x₀) = L/2
}

TEST_CASE("a negative weight mirrors the curve: the note says above, not below") {
  auto lesson = load_lesson(test::lesson_path("activations"));
  *editable(*lesson, "Bias shift", "w").number = -2;
  const Trace t = lesson->run();
  const Step& s = step(t, ids::kBiasShift);
  CHECK(s.find(ids::kMidpoints)->data == std::vector<double>{-2.5, 0, 2.5});
  CHECK(s.note.find("above that point") != std::string::npos);
  *editable(*lesson, "Bias shift", "w").number = 0;
  const Trace flat_trace = lesson->run();
  const Step& flat_step = step(flat_trace, ids::kBiasShift);
  CHECK(flat_step.find(ids::kMidpoints)->data.empty());
  CHECK(flat_step.note.find("flat line") != std::string::npos);
}

TEST_CASE("the absolute error beside the squared one, and its corner at a = y") {
  auto lesson = load_lesson(test::lesson_path("activations"));
  const Trace t = lesson->run();
  for (const char* v : {ids::kEAbs, ids::kDEAbs, ids::kESq, ids::kDESq}) expect_reference(t, ids::kAbsoluteError, v, v);
  *editable(*lesson, "Losses", "prediction p").number = 1.0;  // a = y = 1
  const Trace at_corner = lesson->run();
  const Step& corner = step(at_corner, ids::kAbsoluteError);
  CHECK(corner.find(ids::kEAbs)->scalar() == 0);
  CHECK(corner.find(ids::kDEAbs)->scalar() == 0);
  CHECK(corner.equations[1].symbols.find("none at a = y") != std::string::npos);
  CHECK(corner.note.find("no derivative") != std::string::npos);
}

TEST_CASE("cross-entropy with log₂: everything divided by ln 2, the minimum in the same place") {
  const Trace t = load_lesson(test::lesson_path("activations"))->run();
  for (const char* v : {ids::kE, ids::kE2, ids::kDEdp, ids::kDE2dp, ids::kDelta, ids::kDelta2})
    expect_reference(t, ids::kCrossEntropyLog2, v, v);
  const Step& s = step(t, ids::kCrossEntropyLog2);
  CHECK(s.find(ids::kE2)->scalar() == doctest::Approx(-std::log2(0.7)).epsilon(1e-15));
  CHECK(s.find(ids::kE2)->scalar() / s.find(ids::kE)->scalar() == doctest::Approx(1 / std::log(2.0)).epsilon(1e-15));
  CHECK(s.find(ids::kDE2dp)->scalar() / s.find(ids::kDEdp)->scalar() ==
        doctest::Approx(1 / std::log(2.0)).epsilon(1e-15));
  // Each δ₂ has δ's sign: the gradient keeps its direction.
  const auto &d = s.find(ids::kDelta)->data, &d2 = s.find(ids::kDelta2)->data;
  for (std::size_t i = 0; i < d.size(); ++i) CHECK(std::signbit(d[i]) == std::signbit(d2[i]));
  CHECK(s.equations.back().result[0] == 0);  // both are 0 at p = 1
}
