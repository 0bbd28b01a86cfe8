// playground_figures.h — internal to the playground kind: the plots of a step
// (playground_figures.cpp), which the lesson shows (playground_file.cpp).
#pragma once

#include <vector>

#include "lessons/engines/playground.h"

namespace neurostep {

// The plots of step `current` of a trace of the playground `pg`.
std::vector<Figure> playground_step_figures(const Playground& pg, const Trace& trace, int current);

}  // namespace neurostep
