// dropout_figures.h — internal to the kind dropout: the figures of a step, drawn from the trace's
// values (dropout_ids) and the lesson's numbers.
#pragma once

#include <vector>

#include "lessons/engines/dropout.h"

namespace neurostep {

// The figures of step `current` of `trace` (run_dropout's for `n`); none for a step out of range.
std::vector<Figure> dropout_figures(const DropoutNumbers& n, const Trace& trace, int current);

}  // namespace neurostep
