// mnist_figures.h — internal to the mnist kind: the plot of a step (mnist_figures.cpp), which the
// lesson shows (mnist_file.cpp).
#pragma once

#include <vector>

#include "lessons/engines/mnist.h"

namespace neurostep {

// The parameters of each layer of the model step `current` shows, as bars. None for a step out of
// range or without layers.
std::vector<Figure> mnist_figures(const Trace& trace, int current);

}  // namespace neurostep
