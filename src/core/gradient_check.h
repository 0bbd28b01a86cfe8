// gradient_check.h — the finite-difference derivative that every gradient check uses, the lessons'
// shown to the student and the tests' alike. Not here: which parameters to probe or what
// tolerance to accept; each check chooses those for its own function.
#pragma once

#include <algorithm>
#include <cmath>

namespace neurostep {

// ∂f/∂θ ≈ (f(θ + h) − f(θ − h)) / 2h, the central difference (its error is of order h²).
// Sets `theta` to θ + h and θ − h in turn, calls `f` for each, and leaves θ as it was.
template <typename F>
double central_difference(double& theta, double h, F&& f) {
  const double keep = theta;
  theta = keep + h;
  const double plus = f();
  theta = keep - h;
  const double minus = f();
  theta = keep;
  return (plus - minus) / (2 * h);
}

// |a − b| relative to the larger of |a|, |b| and `floor` (so that two tiny numbers agree).
inline double relative_difference(double a, double b, double floor) {
  return std::abs(a - b) / std::max({std::abs(a), std::abs(b), floor});
}

}  // namespace neurostep
