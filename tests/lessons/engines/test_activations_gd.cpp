// The activation/loss lesson and the gradient-descent lesson: values worked by hand and the
// behaviours each run is there to show.
#include <doctest/doctest.h>

#include <cmath>

#include "lesson_paths.h"
#include "lessons/engines/activations.h"
#include "lessons/framework/session.h"
#include "lessons/framework/capabilities.h"

using namespace neurostep;
using test::step;
namespace act = activations_ids;  // the activations lesson's ids (gradient descent's are its own)

TEST_CASE("activations at z = 0.5, the softmax of (1, 2, 3) and its Jacobian") {
  const Trace t = load_lesson(test::lesson_path("activations"))->run();
  // σ(0.5) = 0.622459, σ′ = 0.622459·0.377541 = 0.235004
  CHECK(step(t, act::function(act::kSigmoid)).find(act::kF)->scalar() == doctest::Approx(0.6224593));
  CHECK(step(t, act::function(act::kSigmoid)).find(act::kDf)->scalar() == doctest::Approx(0.2350037));
  // every line of the derivation gives the same σ′
  for (const auto& e : step(t, act::kDeriveSigmoid).equations) CHECK(e.result[0] == doctest::Approx(0.2350037));
  CHECK(step(t, act::function(act::kTanh)).find(act::kDf)->scalar() ==
        doctest::Approx(1 - std::tanh(0.5) * std::tanh(0.5)));
  CHECK(step(t, act::function(act::kPrelu)).find(act::kDparam)->scalar() == 0);  // z > 0: ∂f/∂b = 0
  // softmax(1, 2, 3) = (0.0900, 0.2447, 0.6652); J₁₁ = 0.09·0.91, J₁₂ = −0.09·0.2447
  const auto& y = step(t, act::kSoftmax).find(act::kYHat)->data;
  CHECK(y[0] == doctest::Approx(0.0900306));
  const auto& J = step(t, act::kJacobian).find(act::kJ)->data;
  CHECK(J[0] == doctest::Approx(y[0] * (1 - y[0])));
  CHECK(J[1] == doctest::Approx(-y[0] * y[1]));
  CHECK(step(t, act::kJacobian).find(act::kMaxError)->scalar() < 1e-8);
  // δ = ŷ − y with the true class 3
  const auto& d = step(t, act::kSoftmaxCe).find(act::kDelta)->data;
  CHECK(d[2] == doctest::Approx(y[2] - 1));
  // Σ e^z = e¹ + e² + e³ = 30.1929 is derived before ŷ₁ = e¹/30.1929 divides by it
  const Step& sm = step(t, act::kSoftmax);
  CHECK(equation_numbers(sm.equations[0], 4) == "e^1 + e^2 + e^3");
  CHECK(sm.equations[0].result[0] == doctest::Approx(30.1929).epsilon(1e-6));
  CHECK(equation_numbers(sm.equations[1], 4) == "e^1/30.1929");
  CHECK(step(t, act::kSoftmaxCe).find(act::kMaxError)->scalar() < 1e-8);
}

TEST_CASE("vanishing gradients: sigmoid shrinks at least fourfold per layer, ReLU keeps 1") {
  const Trace t = load_lesson(test::lesson_path("activations"))->run();
  const Step& v = step(t, act::kVanishing);
  const auto& sig = v.find(act::kSigmoid)->data;
  for (std::size_t l = 1; l < sig.size(); ++l) CHECK(sig[l] <= sig[l - 1] * 0.25 + 1e-15);
  for (double r : v.find(act::kRelu)->data) CHECK(r == 1);
  // one layer: σ′(0.5) = 0.235
  CHECK(sig[0] == doctest::Approx(0.2350037));
}

TEST_CASE("losses at p = 0.7, y = 1 and Symon's scaling") {
  const Trace t = load_lesson(test::lesson_path("activations"))->run();
  CHECK(step(t, act::loss(act::kSquaredError)).find(act::kE)->scalar() == doctest::Approx(0.09));
  CHECK(step(t, act::loss(act::kHalfSquaredError)).find(act::kDEdp)->scalar() == doctest::Approx(-0.3));
  CHECK(step(t, act::loss(act::kBinaryCrossEntropy)).find(act::kE)->scalar() == doctest::Approx(-std::log(0.7)));
  // z for 0.99: ln 99 = 4.595; σ′ there = 0.99·0.01
  CHECK(step(t, act::kScaling).find(act::kZFor099)->scalar() == doctest::Approx(4.59512));
  CHECK(step(t, act::kScaling).find(act::kSlopeAt099)->scalar() == doctest::Approx(0.0099));
}

TEST_CASE("gradient descent: each run shows what it is there to show") {
  const Trace t = load_lesson(test::lesson_path("gradient-descent"))->run();
  // E₁ from −2: the first step w = −2 − 0.3·2(−2 − 1) = −0.2
  CHECK(step(t, "run.good.1").find("w")->scalar() == doctest::Approx(-0.2));
  CHECK(std::abs(step(t, "run.good.20").find("w")->scalar() - 1) < 1e-3);
  CHECK(std::abs(step(t, "run.small.20").find("w")->scalar() - 1) > 0.3);  // still crawling
  CHECK(std::abs(step(t, "run.large.20").find("w")->scalar() - 1) >
        std::abs(step(t, "run.large.1").find("w")->scalar() - 1));
  CHECK(step(t, "run.local.20").find("w")->scalar() == doctest::Approx(1.33).epsilon(0.02));        // the nearer valley
  CHECK(step(t, "run.declining.20").find("w")->scalar() == doctest::Approx(-1.484).epsilon(0.01));  // the lower one
}

TEST_CASE("gradient descent: each step's title says what it changes, its id stays") {
  const Trace t = load_lesson(test::lesson_path("gradient-descent"))->run();
  // E₁ from −2 with η = 0.3: w = −0.2, E₁ = (−0.2 − 1)² + 0.5 = 1.94
  // (w and E first: a narrow step list cuts the end)
  CHECK(step(t, "run.good.1").title == "w = −0.2, E = 1.94 (step 1, η = 0.3)");
  // the declining η: η₀/(1 + 0.3·1) = 0.6/1.3 = 0.4615 at step 2
  CHECK(step(t, "run.declining.2").title.find("(step 2, η = 0.4615)") != std::string::npos);
  // the overshooting run: its w after 20 steps, 1 − 3·(−1.1)²⁰
  const double w20 = step(t, "run.large.20").find("w")->scalar();
  CHECK(w20 == doctest::Approx(1 - 3 * std::pow(-1.1, 20)));
  CHECK(step(t, "run.large.20").title.rfind("w = " + format_number(w20, kShownDecimals) + ", E = ", 0) == 0);
  CHECK(step(t, "opt.1").title.rfind("Lowest E = ", 0) == 0);
  CHECK(step(t, "opt.1").title.find("(iteration 1)") != std::string::npos);
  CHECK(step(t, "batch.30").title.find(", w = 1.") != std::string::npos);
  CHECK(step(t, "batch.30").title.find("(epoch 30)") != std::string::npos);
  // E₁(w) = (w − 1)² + 0.5 with the new w put in
  const Equation& e = step(t, "run.good.1").equations.back();
  CHECK(equation_numbers(e, 1) == "(−0.2 − 1)² + 0.5");
  CHECK(e.result[0] == doctest::Approx(1.94));
}

TEST_CASE("the four optimizers use the core's state: Adam's m̂ and v̂ after the first step") {
  const Trace t = load_lesson(test::lesson_path("gradient-descent"))->run();
  const Step& s = step(t, "opt.1");
  // g = (−4, 20): m = 0.1·g, v = 0.001·g², m̂ = g, v̂ = g², so the step is η·sign(g) = (+0.5, −0.5)
  CHECK(s.find("m_hat")->data[0] == doctest::Approx(-4));
  CHECK(s.find("v_hat")->data[1] == doctest::Approx(400));
  CHECK(s.find("adam")->data[0] == doctest::Approx(-3.5));
  CHECK(s.find("adam")->data[1] == doctest::Approx(1.5));
  // SGD: (−4, 2) − 0.18·(−4, 20) = (−3.28, −1.6)
  CHECK(s.find("sgd")->data[1] == doctest::Approx(-1.6));
  CHECK(s.find("G")->data[1] == doctest::Approx(400));
  const Step& last = step(t, "opt.30");
  for (const char* o : {"sgd", "adagrad", "rmsprop", "adam"})
    CHECK(last.find(std::string(o) + "_E")->scalar() < step(t, "opt.1").find(std::string(o) + "_E")->scalar());
}

TEST_CASE("one sample at a time and the batch both fit y ≈ 2x + 1") {
  const Trace t = load_lesson(test::lesson_path("gradient-descent"))->run();
  const Step& last = t.steps.back();
  REQUIRE(last.id == "batch.30");
  CHECK(last.find("loss_sample")->data.back() < last.find("loss_sample")->data.front());
  CHECK(last.find("loss_batch")->data.back() < last.find("loss_batch")->data.front());
  CHECK(last.find("w")->scalar() == doctest::Approx(2).epsilon(0.15));
}

TEST_CASE("clicking the curve moves the z marker; the cross-entropy step is −ln p") {
  LessonSession session(load_lesson(test::lesson_path("activations")));
  CHECK(session.lesson().offers<ClickableFigures>()->on_figure_click(80));  // z = −6 + 8 = 2
  session.recompute();
  CHECK(step(session.trace(), act::function(act::kSigmoid)).find(act::kZ)->scalar() == doctest::Approx(2.0));
  CHECK(step(session.trace(), act::loss(act::kCrossEntropy)).find(act::kDEdp)->scalar() == doctest::Approx(-1 / 0.7));
}
