// batch_norm_figures.h — internal to the kind batch-norm: the figures of a step, drawn from the
// trace's values (batch_norm_ids) and the lesson's numbers.
#pragma once

#include <vector>

#include "lessons/engines/batch_norm.h"

namespace neurostep {

// The figures of step `current` of `trace` (run_batch_norm's for `n`).
std::vector<Figure> batch_norm_figures(const BatchNormNumbers& n, const Trace& trace, int current);

}  // namespace neurostep
