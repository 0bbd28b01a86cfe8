// activations_errors.h — two steps of the activations lesson that set one error function beside
// another (their values: activations_ids::kAbsoluteError, kCrossEntropyLog2):
//   absolute_error       |a − y| and its slope sign(a − y) beside (a − y)² and 2(a − y), at the
//                        lesson's prediction a and target y (Lazović 2020, §2.7 names both). At a = y
//                        |a − y| has a corner and no derivative; the step says so, and dE_abs is 0
//                        there (sign(0), what libraries take).
//   cross_entropy.log2   the cross-entropy with the natural logarithm and with log₂ (Sougrati et
//                        al., ch. 4, §2, Fig. 23), at the probability p of the true class and for the
//                        lesson's softmax: every value and gradient is divided by ln 2.
// The squared error and the natural cross-entropy with its gradients come from the core's losses;
// the others are those divided by ln 2, or |·| and sign.
#pragma once

#include "lessons/engines/activations.h"

namespace neurostep {

Step absolute_error_step(const ActivationsNumbers& numbers);
Step log2_cross_entropy_step(const ActivationsNumbers& numbers);

}  // namespace neurostep
