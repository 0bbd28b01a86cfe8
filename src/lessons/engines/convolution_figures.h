// convolution_figures.h — internal to the kind convolution: the figures of a step, drawn from the
// trace's values (convolution_ids) and the lesson's numbers.
#pragma once

#include <vector>

#include "lessons/engines/convolution.h"

namespace neurostep {

// The figures of step `current` of `trace` (run_convolution's for `n`): heatmaps, windows marked.
std::vector<Figure> convolution_figures(const ConvolutionNumbers& n, const Trace& trace, int current);

}  // namespace neurostep
