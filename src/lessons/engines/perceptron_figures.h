// perceptron_figures.h — internal to the kind "perceptron": the plots of a step of its trace.
#pragma once

#include <vector>

#include "lessons/engines/perceptron.h"

namespace neurostep {

// The plots of step `current` (none unless the samples have two inputs): the network's output and its
// loss curve, XOR's gate lines, or the decision line and the errors per epoch so far.
std::vector<Figure> perceptron_figures(const Trace& trace, int current, const PerceptronNumbers& numbers);

}  // namespace neurostep
