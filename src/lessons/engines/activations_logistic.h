// activations_logistic.h — two steps of the activations lesson on the sigmoid's place and shape
// (their values: activations_ids::kBiasShift, kLogistic):
//   bias.shift  σ(w·x + b) for each of the lesson's biases b, read at one x, and where each curve
//               crosses ½ (x = −b/w): the bias shifts the sigmoid along the x-axis (Lazović 2020,
//               §2.11, Fig. 13; its example: b = −5).
//   logistic    the general logistic f(x) = L/(1 + e^(−k(x − x₀))) of Lazović 2020, §2.6.1, at the
//               same x, its slope f′(x) = k·f(1 − f/L), its midpoint, and σ as L = 1, k = 1, x₀ = 0.
// f is L·σ(k(x − x₀)) and f′ is L·k·σ′(k(x − x₀)), both through the core's sigmoid.
#pragma once

#include "lessons/engines/activations.h"

namespace neurostep {

Step bias_shift_step(const ActivationsNumbers& numbers);
Step logistic_step(const ActivationsNumbers& numbers);

}  // namespace neurostep
