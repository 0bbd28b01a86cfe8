// chain_rule_figures.h — the chain-rule lesson's figures of a step (internal to the kind): the
// network graph as it stands at the step (units as nodes, each with its bias b and, once computed,
// its a and δ; weights as edges labelled with their value, the chosen weight and its path to the
// outputs in orange; every label at the lesson's decimals and placed by figure/graph_layout.h where
// it covers no other label and no unit, the figure growing taller where a graph has no room for
// every label), E over the training iterations once trained, and on a symmetry step the hidden
// units' incoming weights update by update instead.
#pragma once

#include <vector>

#include "figure/figure.h"
#include "lessons/engines/chain_rule.h"

namespace neurostep {

// The figures of step `current` of a trace the lesson with numbers `n` made.
std::vector<Figure> chain_rule_figures(const ChainRuleNumbers& n, const Trace& trace, int current);

}  // namespace neurostep
