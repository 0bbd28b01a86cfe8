// backwards_query.h — Symon, §7: run a trained sigmoid network backwards to see what an output
// "looks like". Starting from the wanted outputs (0.99 for the digit, 0.01 for the others), each
// layer a → b is undone by
//   1. b_in  = logit(b_out)                 (logit(y) = ln(y / (1 − y)), the inverse of the sigmoid)
//   2. a_out = Wᵀ · b_in                    (a bias, if the layer has one, is taken off b_in first)
//   3. a_out scaled to [0.01, 0.99]:        a ← (a − min) / (max − min) · 0.98 + 0.01
// and step 1 again for the layer below, down to the input image.
#pragma once

#include <vector>

#include "core/sequential.h"

namespace neurostep {

// The input (in [0.01, 0.99], the model's per-sample input size) whose outputs would be `outputs`;
// the model must be dense layers each followed by a sigmoid, with an optional flatten first.
// Throws std::invalid_argument naming the layer that does not fit.
std::vector<double> backwards_query(Sequential<float>& model, const std::vector<double>& outputs);

// The outputs Symon asks about: 0.99 for `digit`, 0.01 for the other classes.
std::vector<double> query_targets(int digit, int classes = 10);

}  // namespace neurostep
