// The gradient-descent lesson: values worked by hand and the behaviours each run is there to show.
#include <doctest/doctest.h>

#include <cmath>

#include "lesson_paths.h"
#include "lessons/engines/gradient_descent.h"
#include "lessons/framework/session.h"

using namespace neurostep;
using test::step;
namespace ids = gradient_descent_ids;

TEST_CASE("gradient descent: each run shows what it is there to show") {
  const Trace t = load_lesson(test::lesson_path("gradient-descent"))->run();
  // E₁ from −2: the first step w = −2 − 0.3·2(−2 − 1) = −0.2
  CHECK(step(t, ids::run(ids::kGood, 1)).find(ids::kW)->scalar() == doctest::Approx(-0.2));
  CHECK(std::abs(step(t, ids::run(ids::kGood, 20)).find(ids::kW)->scalar() - 1) < 1e-3);
  CHECK(std::abs(step(t, ids::run(ids::kSmall, 20)).find(ids::kW)->scalar() - 1) > 0.3);  // still crawling
  CHECK(std::abs(step(t, ids::run(ids::kLarge, 20)).find(ids::kW)->scalar() - 1) >
        std::abs(step(t, ids::run(ids::kLarge, 1)).find(ids::kW)->scalar() - 1));
  CHECK(step(t, ids::run(ids::kLocal, 20)).find(ids::kW)->scalar() ==
        doctest::Approx(1.33).epsilon(0.02));  // the nearer valley
  CHECK(step(t, ids::run(ids::kDeclining, 20)).find(ids::kW)->scalar() ==
        doctest::Approx(-1.484).epsilon(0.01));  // the lower one
}

TEST_CASE("gradient descent: each step's title says what it changes, its id stays") {
  const Trace t = load_lesson(test::lesson_path("gradient-descent"))->run();
  // E₁ from −2 with η = 0.3: w = −0.2, E₁ = (−0.2 − 1)² + 0.5 = 1.94
  // (w and E first: a narrow step list cuts the end)
  CHECK(step(t, ids::run(ids::kGood, 1)).title == "w = −0.2, E = 1.94 (step 1, η = 0.3)");
  // the declining η: η₀/(1 + 0.3·1) = 0.6/1.3 = 0.4615 at step 2
  CHECK(step(t, ids::run(ids::kDeclining, 2)).title.find("(step 2, η = 0.4615)") != std::string::npos);
  // the overshooting run: its w after 20 steps, 1 − 3·(−1.1)²⁰
  const double w20 = step(t, ids::run(ids::kLarge, 20)).find(ids::kW)->scalar();
  CHECK(w20 == doctest::Approx(1 - 3 * std::pow(-1.1, 20)));
  CHECK(step(t, ids::run(ids::kLarge, 20)).title.rfind("w = " + format_number(w20, kShownDecimals) + ", E = ", 0) == 0);
  CHECK(step(t, ids::opt(1)).title.rfind("Lowest E = ", 0) == 0);
  CHECK(step(t, ids::opt(1)).title.find("(iteration 1)") != std::string::npos);
  CHECK(step(t, ids::batch(30)).title.find(", w = 1.") != std::string::npos);
  CHECK(step(t, ids::batch(30)).title.find("(epoch 30)") != std::string::npos);
  // E₁(w) = (w − 1)² + 0.5 with the new w put in
  const Equation& e = step(t, ids::run(ids::kGood, 1)).equations.back();
  CHECK(equation_numbers(e, 1) == "(−0.2 − 1)² + 0.5");
  CHECK(e.result[0] == doctest::Approx(1.94));
}

TEST_CASE("the four optimizers use the core's state: Adam's m̂ and v̂ after the first step") {
  const Trace t = load_lesson(test::lesson_path("gradient-descent"))->run();
  const Step& s = step(t, ids::opt(1));
  // g = (−4, 20): m = 0.1·g, v = 0.001·g², m̂ = g, v̂ = g², so the step is η·sign(g) = (+0.5, −0.5)
  CHECK(s.find(ids::kMHat)->data[0] == doctest::Approx(-4));
  CHECK(s.find(ids::kVHat)->data[1] == doctest::Approx(400));
  CHECK(s.find(ids::position(OptimizerKind::Adam))->data[0] == doctest::Approx(-3.5));
  CHECK(s.find(ids::position(OptimizerKind::Adam))->data[1] == doctest::Approx(1.5));
  // SGD: (−4, 2) − 0.18·(−4, 20) = (−3.28, −1.6)
  CHECK(s.find(ids::position(OptimizerKind::SGD))->data[1] == doctest::Approx(-1.6));
  CHECK(s.find(ids::kG)->data[1] == doctest::Approx(400));
  const Step& last = step(t, ids::opt(30));
  for (const OptimizerKind o :
       {OptimizerKind::SGD, OptimizerKind::AdaGrad, OptimizerKind::RMSProp, OptimizerKind::Adam})
    CHECK(last.find(ids::error(o))->scalar() < step(t, ids::opt(1)).find(ids::error(o))->scalar());
}

TEST_CASE("one sample at a time and the batch both fit y ≈ 2x + 1") {
  const Trace t = load_lesson(test::lesson_path("gradient-descent"))->run();
  const Step& last = t.steps.back();
  REQUIRE(last.id == ids::batch(30));
  CHECK(last.find(ids::kLossSample)->data.back() < last.find(ids::kLossSample)->data.front());
  CHECK(last.find(ids::kLossBatch)->data.back() < last.find(ids::kLossBatch)->data.front());
  CHECK(last.find(ids::kW)->scalar() == doctest::Approx(2).epsilon(0.15));
}
