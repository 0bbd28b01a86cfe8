// pooling_figures.h — internal to the pooling kind: the plots of a step (pooling_figures.cpp), which
// the lesson shows (pooling_file.cpp).
#pragma once

#include <vector>

#include "lessons/engines/pooling.h"

namespace neurostep {

// The plots of step `current` of a trace of the numbers `n`.
std::vector<Figure> pooling_figures(const PoolingNumbers& n, const Trace& trace, int current);

}  // namespace neurostep
