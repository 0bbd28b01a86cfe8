// gradient_descent_figures.h — the gradient-descent lesson's figures of a step (internal to the
// kind): on a 1-D run its error curve and the path of w so far; on an optimizer iteration the four
// optimizers' paths over E(x, y); on a regression epoch the error per epoch of both modes and the
// fitted line.
#pragma once

#include <vector>

#include "figure/figure.h"
#include "lessons/engines/gradient_descent.h"

namespace neurostep {

// The figures of step `current` of a trace the lesson with numbers `n` made.
std::vector<Figure> gradient_descent_figures(const GradientDescentNumbers& n, const Trace& trace, int current);

}  // namespace neurostep
