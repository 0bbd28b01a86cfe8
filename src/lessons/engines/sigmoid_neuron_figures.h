// sigmoid_neuron_figures.h — the sigmoid-neuron lesson's figures of a step (internal to the kind):
// σ(z) with its tangent at the latest z, σ′(z) with that z marked, the error before and after each
// update, and every weight step by step (a staircase: a weight changes only at an update).
#pragma once

#include <vector>

#include "figure/figure.h"
#include "lessons/engines/sigmoid_neuron.h"

namespace neurostep {

// The figures of step `current` of a trace the lesson with numbers `n` made.
std::vector<Figure> sigmoid_neuron_figures(const SigmoidNeuronNumbers& n, const Trace& trace, int current);

}  // namespace neurostep
