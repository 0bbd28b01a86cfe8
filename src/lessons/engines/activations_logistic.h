// activations_logistic.h — two steps of the activations lesson on the sigmoid's place and shape:
//   bias.shift  σ(w·x + b) for each of the lesson's biases b, read at one x, and where each curve
//               crosses ½ (x = −b/w): the bias shifts the sigmoid along the x-axis (Lazović 2020,
//               §2.11, Fig. 13; its example: b = −5).
//               values w, x, biases, a (σ(w·x + b) per b), midpoints (−b/w per b; none when w = 0)
//   logistic    the general logistic f(x) = L/(1 + e^(−k(x − x₀))) of Lazović 2020, §2.6.1, at the
//               same x, its slope f′(x) = k·f(1 − f/L), its midpoint, and σ as L = 1, k = 1, x₀ = 0.
//               values L, k, x0, x, f, df, slope_mid (k·L/4, the slope at x₀), sigma (σ(x))
// f is L·σ(k(x − x₀)) and f′ is L·k·σ′(k(x − x₀)), both through the core's sigmoid.
#pragma once

#include <optional>

#include "lessons/engines/activations.h"

namespace neurostep {

Step bias_shift_step(const ActivationsNumbers& numbers);
Step logistic_step(const ActivationsNumbers& numbers);

// The plot of one of these steps (none for another step).
std::optional<Figure> logistic_figure(const Step& step, const ActivationsNumbers& numbers);

}  // namespace neurostep
