// slip_reruns.h — what the engines with an activation's derivative or a weight matrix share to
// rerun a step as a slip would work it (trace.h, Step::reruns; slips.h names the answers): the
// slopes a student may take in place of the layer's f′. The engine reruns its own step with each
// (and, where it sends δ back through Wᵀ, with W: slips.h's untransposed_slip) and adds what it
// gives; nothing here knows a lesson.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/activation.h"

namespace neurostep {

using Slope = std::function<double(double z)>;

struct SlopeSlip {
  std::string slip;  // its name (slips.h): "tanh′ instead of σ′: …"
  Slope slope;       // what the student takes for f′(z)
};

// In place of f′ (parameter `param`): every other activation's derivative — those that agree at
// every z of `at` (the step's z) named together, as one answer — and f itself. Those that agree
// with f′ at every z of `at` are left out: they give the right answer.
std::vector<SlopeSlip> slope_slips(ActivationKind f, double param, const std::vector<double>& at);

}  // namespace neurostep
