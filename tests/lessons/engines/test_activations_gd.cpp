// The activation/loss lesson: values worked by hand (the gradient-descent lesson's tests are in
// test_gradient_descent.cpp).
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

TEST_CASE("clicking the curve moves the z marker; the cross-entropy step is −ln p") {
  LessonSession session(load_lesson(test::lesson_path("activations")));
  CHECK(session.lesson().offers<ClickableFigures>()->on_figure_click(80));  // z = −6 + 8 = 2
  session.recompute();
  CHECK(step(session.trace(), act::function(act::kSigmoid)).find(act::kZ)->scalar() == doctest::Approx(2.0));
  CHECK(step(session.trace(), act::loss(act::kCrossEntropy)).find(act::kDEdp)->scalar() == doctest::Approx(-1 / 0.7));
}
