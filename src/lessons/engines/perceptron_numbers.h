// perceptron_numbers.h — internal to the kind "perceptron": the computations of its own that its step
// files and its figures share: weights as exact fractions and back, the input with x₀ = 1, the same
// training in double precision (as a program computes it), and the 2-H-1 network of the XOR part.
// Every sum, decision and update is the core's (core/perceptron.h, core/rational.h, Sequential).
#pragma once

#include <utility>
#include <vector>

#include "core/rational.h"
#include "core/sequential.h"
#include "lessons/engines/perceptron.h"

namespace neurostep::perceptron_parts {

inline std::vector<double> to_doubles(const std::vector<Rational>& v) {
  std::vector<double> out;
  for (const Rational& r : v) out.push_back(r.to_double());
  return out;
}

inline std::vector<Rational> to_rationals(const std::vector<double>& v) {
  std::vector<Rational> out;
  for (double d : v) out.push_back(Rational::from_decimal(d));
  return out;
}

inline std::vector<double> with_bias_input(const std::vector<double>& x) {
  std::vector<double> out = {1.0};
  out.insert(out.end(), x.begin(), x.end());
  return out;
}

// The epoch in which the same training converges when computed in double, as a program does
// (0 if it does not within max_epochs), and its final weights.
std::pair<int, std::vector<double>> double_run(const PerceptronNumbers& in);

// The 2-H-1 sigmoid network of Sougrati et al., ch. 2, §4.3, built from the core library.
Sequential<double> xor_network(int inputs, int hidden);

}  // namespace neurostep::perceptron_parts
