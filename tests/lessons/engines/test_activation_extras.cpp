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
  expect_reference(t, "bias.shift", "a", "a");
  expect_reference(t, "bias.shift", "midpoints", "midpoints");
  // Lazović's b = −5 with w = 1: the curve is ½ at x = 5, exactly.
  CHECK(step(t, "bias.shift").find("midpoints")->data == std::vector<double>{5, 0, -5});
  expect_reference(t, "logistic", "f", "f");
  expect_reference(t, "logistic", "df", "df");
  expect_reference(t, "logistic", "slope_mid", "slope_mid");
  // σ is the logistic with L = 1, k = 1, x₀ = 0: the two agree to the last bit.
  CHECK(step(t, "logistic").find("f")->scalar() == step(t, "logistic").find("sigma")->scalar());
}

TEST_CASE("the general logistic's slope is the derivative of its value, for other L, k, x₀") {
  auto lesson = load_lesson(test::lesson_path("activations"));
  *editable(*lesson, "Logistic", "L").number = 2.5;
  *editable(*lesson, "Logistic", "k").number = -0.75;
  *editable(*lesson, "Logistic", "x₀").number = 1.5;
  const Trace t = lesson->run();
  const Step& s = step(t, "logistic");
  const auto f = [](double x) { return 2.5 / (1 + std::exp(0.75 * (x - 1.5))); };
  CHECK(s.find("f")->scalar() == doctest::Approx(f(2)).epsilon(1e-14));
  CHECK(s.find("df")->scalar() == doctest::Approx((f(2 + 1e-6) - f(2 - 1e-6)) / 2e-6).epsilon(1e-8));
  CHECK(s.find("slope_mid")->scalar() == doctest::Approx(-0.75 * 2.5 / 4).epsilon(1e-15));
  CHECK(s.equations[2].result[0] == 1.25);  // f(x₀) = L/2
}

TEST_CASE("a negative weight mirrors the curve: the note says above, not below") {
  auto lesson = load_lesson(test::lesson_path("activations"));
  *editable(*lesson, "Bias shift", "w").number = -2;
  const Trace t = lesson->run();
  const Step& s = step(t, "bias.shift");
  CHECK(s.find("midpoints")->data == std::vector<double>{-2.5, 0, 2.5});
  CHECK(s.note.find("above that point") != std::string::npos);
  *editable(*lesson, "Bias shift", "w").number = 0;
  const Trace flat_trace = lesson->run();
  const Step& flat_step = step(flat_trace, "bias.shift");
  CHECK(flat_step.find("midpoints")->data.empty());
  CHECK(flat_step.note.find("flat line") != std::string::npos);
}

TEST_CASE("the absolute error beside the squared one, and its corner at a = y") {
  auto lesson = load_lesson(test::lesson_path("activations"));
  const Trace t = lesson->run();
  for (const char* v : {"E_abs", "dE_abs", "E_sq", "dE_sq"}) expect_reference(t, "absolute_error", v, v);
  *editable(*lesson, "Losses", "prediction p").number = 1.0;  // a = y = 1
  const Trace at_corner = lesson->run();
  const Step& corner = step(at_corner, "absolute_error");
  CHECK(corner.find("E_abs")->scalar() == 0);
  CHECK(corner.find("dE_abs")->scalar() == 0);
  CHECK(corner.equations[1].symbols.find("none at a = y") != std::string::npos);
  CHECK(corner.note.find("no derivative") != std::string::npos);
}

TEST_CASE("cross-entropy with log₂: everything divided by ln 2, the minimum in the same place") {
  const Trace t = load_lesson(test::lesson_path("activations"))->run();
  for (const char* v : {"E", "E_2", "dE_dp", "dE2_dp", "delta", "delta_2"})
    expect_reference(t, "cross_entropy.log2", v, v);
  const Step& s = step(t, "cross_entropy.log2");
  CHECK(s.find("E_2")->scalar() == doctest::Approx(-std::log2(0.7)).epsilon(1e-15));
  CHECK(s.find("E_2")->scalar() / s.find("E")->scalar() == doctest::Approx(1 / std::log(2.0)).epsilon(1e-15));
  CHECK(s.find("dE2_dp")->scalar() / s.find("dE_dp")->scalar() == doctest::Approx(1 / std::log(2.0)).epsilon(1e-15));
  // Each δ₂ has δ's sign: the gradient keeps its direction.
  const auto &d = s.find("delta")->data, &d2 = s.find("delta_2")->data;
  for (std::size_t i = 0; i < d.size(); ++i) CHECK(std::signbit(d[i]) == std::signbit(d2[i]));
  CHECK(s.equations.back().result[0] == 0);  // both are 0 at p = 1
}
