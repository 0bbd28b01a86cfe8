// The first two steps of each optimizer on E(w) = w² from w = 1 (so g = 2w), η = 0.1, worked by hand.
#include <doctest/doctest.h>

#include "core/optimizer.h"

using namespace neurostep;

namespace {
// Runs two steps and returns w after each.
std::pair<double, double> two_steps(OptimizerOptions o, Optimizer<double>** keep = nullptr) {
  static std::unique_ptr<Optimizer<double>> opt;
  opt = std::make_unique<Optimizer<double>>(o);
  if (keep) *keep = opt.get();
  Tensor<double> w({1}, {1.0}), g({1});
  double after[2];
  for (double& a : after) {
    g[0] = 2 * w[0];
    opt->step({{"w", &w, &g}});
    a = w[0];
  }
  return {after[0], after[1]};
}
}  // namespace

TEST_CASE("SGD: w ← w − η·g") {
  // 1 − 0.1·2 = 0.8;  0.8 − 0.1·1.6 = 0.64
  auto [w1, w2] = two_steps({.kind = OptimizerKind::SGD, .learning_rate = 0.1});
  CHECK(w1 == doctest::Approx(0.8).epsilon(1e-12));
  CHECK(w2 == doctest::Approx(0.64).epsilon(1e-12));
}

TEST_CASE("AdaGrad: G accumulates g², step η·g/√(G + ε)") {
  // G = 4, 1 − 0.1·2/√4 = 0.9;  G = 4 + 1.8² = 7.24, 0.9 − 0.1·1.8/√7.24 = 0.9 − 0.0668965 = 0.8331035
  Optimizer<double>* opt = nullptr;
  auto [w1, w2] = two_steps({.kind = OptimizerKind::AdaGrad, .learning_rate = 0.1}, &opt);
  CHECK(w1 == doctest::Approx(0.9).epsilon(1e-8));
  CHECK(w2 == doctest::Approx(0.8331035).epsilon(1e-7));
  CHECK((*opt->state(0, "G"))[0] == doctest::Approx(7.24));
}

TEST_CASE("RMSProp: A = γA + (1 − γ)g², step η·g/√(A + ε)") {
  // A = 0.1·4 = 0.4, 1 − 0.2/0.6324555 = 0.6837722
  // g = 1.3675445, A = 0.9·0.4 + 0.1·1.8701779 = 0.5470178, 0.6837722 − 0.13675445/0.7396065 = 0.4988706
  auto [w1, w2] = two_steps({.kind = OptimizerKind::RMSProp, .learning_rate = 0.1});
  CHECK(w1 == doctest::Approx(0.6837722).epsilon(1e-7));
  CHECK(w2 == doctest::Approx(0.4988706).epsilon(1e-7));
}

TEST_CASE("Adam: bias-corrected m̂ and v̂") {
  // t = 1: m = 0.1·2 = 0.2, v = 0.001·4 = 0.004, m̂ = 0.2/0.1 = 2, v̂ = 0.004/0.001 = 4, w = 1 − 0.1·2/2 = 0.9
  // t = 2: g = 1.8, m = 0.18 + 0.18 = 0.36, v = 0.003996 + 0.00324 = 0.007236,
  //        m̂ = 0.36/0.19 = 1.8947368, v̂ = 0.007236/0.001999 = 3.6198099, w = 0.9 − 0.1·1.8947368/1.9025798 = 0.8004122
  Optimizer<double>* opt = nullptr;
  auto [w1, w2] = two_steps({.kind = OptimizerKind::Adam, .learning_rate = 0.1}, &opt);
  CHECK(w1 == doctest::Approx(0.9).epsilon(1e-8));
  CHECK(w2 == doctest::Approx(0.8004122).epsilon(1e-7));
  CHECK((*opt->state(0, "m"))[0] == doctest::Approx(0.36));
  CHECK((*opt->state(0, "v"))[0] == doctest::Approx(0.007236));
  CHECK(opt->state(0, "G") == nullptr);
}

TEST_CASE("optimizer names round-trip") {
  for (auto k : {OptimizerKind::SGD, OptimizerKind::AdaGrad, OptimizerKind::RMSProp, OptimizerKind::Adam})
    CHECK(parse_optimizer(optimizer_name(k)) == k);
  CHECK_FALSE(parse_optimizer("nesterov").has_value());
}
