// architecture_count_figures.h — internal to the architecture-count kind: the plot of a step
// (architecture_count_figures.cpp), which the lesson shows (architecture_count_file.cpp).
#pragma once

#include <vector>

#include "lessons/engines/architecture_count.h"

namespace neurostep {

// The parameters of each layer of the architecture step `current` belongs to, as bars in
// millions; the step's own layer in orange. None for a step out of range.
std::vector<Figure> architecture_count_figures(const Trace& trace, int current);

}  // namespace neurostep
