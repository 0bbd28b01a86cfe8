// activations.h — lesson kind "activations": the activation functions and their derivatives, the
// softmax Jacobian, vanishing gradients, the loss functions, and why Symon scales its numbers
// (Jäppinen 2024, §2.2–2.3; Lazović 2020, §2.6–2.7; Creus & Picón, §II.C; Symon, §5).
//
// Steps and values:
//   f.{name}        z, f, df (f′(z)); f.prelu also dparam (∂f/∂b)
//   derive.sigmoid  the lines of Jäppinen 2024, eq. 12 evaluated at z
//   softmax         z (3-vector), y_hat
//   jacobian        J (3×3, eq. 25), numeric_J, max_error
//   softmax_ce      E, delta (ŷ − y from the fused loss), numeric_delta, max_error
//   vanishing       sigmoid, tanh, relu: |∂a_L/∂x| through L = 1…depth stacked layers
//   loss.{name}     p, y, E, dE_dp; loss.cross_entropy: −ln p of the true class
//   scaling         the saturation numbers of Symon, §5
#pragma once

#include "lessons/framework/registry.h"

namespace neurostep {

struct ActivationsNumbers {
  double z = 0.5;                            // where f(z) and f′(z) are read
  double leaky_slope = 0.01, prelu_b = 0.25, elu_alpha = 1.0;
  std::vector<double> softmax_z = {1, 2, 3};
  int target_class = 2;                      // the true class for softmax + cross-entropy (0-based)
  int depth = 10;                            // stacked layers for the vanishing-gradient plot
  double chain_input = 0.5;                  // the input of that stack
  double prediction = 0.7, target = 1.0;     // where the losses are read
};

Trace run_activations(const std::string& lesson_id, const ActivationsNumbers& numbers);

std::unique_ptr<Lesson> make_activations_lesson(LessonInfo info, std::vector<PrintedValue> printed, LessonTable& root);

}  // namespace neurostep
