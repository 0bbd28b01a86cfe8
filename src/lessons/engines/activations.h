// activations.h — lesson kind "activations": the activation functions and their derivatives, the
// softmax Jacobian, vanishing gradients, the loss functions, and why Symon scales its numbers
// (Jäppinen 2024, §2.2–2.3; Lazović 2020, §2.6–2.7, §2.11; Creus & Picón, §II.C; Symon, §5).
//
// Steps and values:
//   f.{name}        z, f, df (f′(z)); f.prelu also dparam (∂f/∂b)
//   derive.sigmoid  the lines of Jäppinen 2024, eq. 12 evaluated at z
//   bias.shift, logistic   the bias shifts σ(w·x + b); the general logistic (activations_logistic.h)
//   softmax         z (3-vector), y_hat
//   jacobian        J (3×3, eq. 25), numeric_J, max_error
//   softmax_ce      E, delta (ŷ − y from the fused loss), numeric_delta, max_error
//   vanishing       sigmoid, tanh, relu: |∂a_L/∂x| through L = 1…depth stacked layers
//   loss.{name}     p, y, E, dE_dp; loss.cross_entropy: −ln p of the true class
//   absolute_error, cross_entropy.log2   |a − y| beside (a − y)²; log₂ beside ln (activations_errors.h)
//   scaling         the saturation numbers of Symon, §5
#pragma once

#include "lessons/framework/registry.h"

namespace neurostep {

struct ActivationsNumbers {
  double z = 0.5;  // where f(z) and f′(z) are read
  double leaky_slope = 0.01, prelu_b = 0.25, elu_alpha = 1.0;
  std::vector<double> softmax_z = {1, 2, 3};
  int target_class = 2;                     // the true class for softmax + cross-entropy (0-based)
  int depth = 10;                           // stacked layers for the vanishing-gradient plot
  double chain_input = 0.5;                 // the input of that stack
  double prediction = 0.7, target = 1.0;    // where the losses are read
  std::vector<double> biases = {-5, 0, 5};  // σ(w·x + b) for each b (Lazović 2020, Fig. 13: b = −5)
  double bias_weight = 1, bias_input = 2;   // w, and the x where those curves and the logistic are read
  double logistic_height = 1, logistic_steepness = 1, logistic_midpoint = 0;  // L, k, x₀ of the general logistic
};

Trace run_activations(const std::string& lesson_id, const ActivationsNumbers& numbers);

std::unique_ptr<Lesson> make_activations_lesson(LessonInfo info, std::vector<PrintedValue> printed, LessonTable& root);

}  // namespace neurostep
