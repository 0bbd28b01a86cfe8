// gradcheck.h — central finite differences against a layer's backward pass, in double.
//
// With a fixed random upstream gradient dy, E = Σ y·dy, so the exact ∂E/∂x is backward(dy).
// Each input and parameter element is nudged by ±h and (E₊ − E₋)/2h compared with it;
// the error is |analytic − numeric| / max(|analytic|, |numeric|, 1e-3) and must stay below `tolerance`.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <random>

#include "core/gradient_check.h"
#include "core/layer.h"

namespace neurostep::test {

inline Tensor<double> random_tensor(Shape shape, std::uint64_t seed, double scale = 1.0) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> d(0.0, scale);
  Tensor<double> t(std::move(shape));
  for (auto& v : t.values()) v = d(rng);
  return t;
}

// Values spread at least `gap` apart (shuffled), so that no max-pool tie or ReLU kink lies within ±h.
inline Tensor<double> distinct_tensor(Shape shape, std::uint64_t seed, double gap = 0.05) {
  Tensor<double> t(std::move(shape));
  for (std::size_t i = 0; i < t.size(); ++i) t[i] = gap * (static_cast<double>(i) - t.size() / 2.0) + gap / 2;
  std::shuffle(t.values().begin(), t.values().end(), std::mt19937_64(seed));
  return t;
}

inline double relative_error(double analytic, double numeric) { return relative_difference(analytic, numeric, 1e-3); }

struct GradcheckOptions {
  Mode mode = Mode::Train;
  double h = 1e-5;
  double tolerance = 1e-6;
  double zero_share = 0;  // the share of dy set to zero, as δ behind max-pooling (Conv2D's sparse backward)
  std::function<void()> before_forward = [] {};  // e.g. reseed Dropout so every pass uses one mask
};

// Returns the largest relative error over the input and every parameter.
inline double gradcheck(Layer<double>& layer, Tensor<double> x, GradcheckOptions o = {}) {
  o.before_forward();
  const Tensor<double> y = layer.forward(x, o.mode);
  Tensor<double> dy = random_tensor(y.shape(), 99);
  std::mt19937_64 rng(98);
  for (auto& v : dy.values())
    if (std::uniform_real_distribution<double>(0, 1)(rng) < o.zero_share) v = 0;
  layer.zero_grad();
  const Tensor<double> dx = layer.backward(dy);
  std::vector<Tensor<double>> dparams;
  for (auto& p : layer.params()) dparams.push_back(*p.grad);

  auto energy = [&] {
    o.before_forward();
    const Tensor<double> yy = layer.forward(x, o.mode);
    return (yy.array() * dy.array()).sum();
  };
  double worst = 0;
  auto nudge = [&](double& v, double analytic, const std::string& what) {
    const double numeric = central_difference(v, o.h, energy);
    const double err = relative_error(analytic, numeric);
    if (err >= o.tolerance)
      FAIL_CHECK(layer.describe() << ": ∂E/∂" << what << " analytic " << analytic << " numeric " << numeric);
    worst = std::max(worst, err);
  };
  for (std::size_t i = 0; i < x.size(); ++i) nudge(x[i], dx[i], "x[" + std::to_string(i) + "]");
  auto params = layer.params();
  for (std::size_t k = 0; k < params.size(); ++k)
    for (std::size_t i = 0; i < params[k].value->size(); ++i)
      nudge((*params[k].value)[i], dparams[k][i], params[k].name + "[" + std::to_string(i) + "]");
  return worst;
}

}  // namespace neurostep::test
