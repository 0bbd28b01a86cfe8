// activations_figures.h — internal to the kind "activations": the plot of a step of its trace.
#pragma once

#include <vector>

#include "lessons/engines/activations.h"

namespace neurostep {

// The plot of step `step` for the lesson's numbers (none for a step without one).
std::vector<Figure> activations_figures(const Step& step, const ActivationsNumbers& numbers);

}  // namespace neurostep
