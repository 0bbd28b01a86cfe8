// why_convolution_figures.h — internal to the kind "why-convolution": the plots of a step of its trace.
#pragma once

#include <vector>

#include "lessons/engines/why_convolution.h"

namespace neurostep {

// The plots of step `current`: the pixels the followed neuron sees (dense, and from kLocal on also
// convolutional), or the map of outgoing connections; none for the other steps.
std::vector<Figure> why_convolution_figures(const Trace& trace, int current, const WhyConvolutionNumbers& numbers);

}  // namespace neurostep
