// perceptron.h — Rosenblatt's perceptron (Sougrati et al., ch. 2, §2; Jäppinen 2024, §2.1.2) for any number type:
// double for a program's view, Rational for the exact view on paper.
//
//   z = Σᵢ wᵢxᵢ with x₀ = 1 carrying the bias w₀;  ŷ = H(z) = 1 if z > 0 else 0
//   w ← w + η(y − ŷ)x      (nothing changes when ŷ = y)
#pragma once

#include <cassert>
#include <vector>

namespace neurostep {

template <typename N>
N weighted_sum(const std::vector<N>& w, const std::vector<N>& x) {
  assert(w.size() == x.size() && "weighted_sum: w and x differ in length");
  N z = N(0);
  for (std::size_t i = 0; i < w.size(); ++i) z = z + w[i] * x[i];
  return z;
}

template <typename N>
int heaviside(const N& z) {
  return z > N(0) ? 1 : 0;  // H(0) = 0: "output = 0 if Σ w·x ≤ 0" (Sougrati et al., ch. 2, §2.1)
}

template <typename N>
void perceptron_update(std::vector<N>& w, const std::vector<N>& x, const N& eta, int y, int y_hat) {
  const N step = eta * N(y - y_hat);
  for (std::size_t i = 0; i < w.size(); ++i) w[i] = w[i] + step * x[i];
}

}  // namespace neurostep
