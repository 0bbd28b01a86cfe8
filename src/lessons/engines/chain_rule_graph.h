// chain_rule_graph.h — the chain-rule lesson's network graph (a figure): units as nodes, each with
// its bias b and, once computed, its a and δ; weights as edges labelled with their value; the
// chosen weight and its path to the outputs in orange. Every label is at the lesson's decimals
// (format_number at shown_decimals()) and placed by figure/graph_layout.h where it covers no other
// label and no unit; where a graph has no room for every label, the figure grows taller.
#pragma once

#include <string>
#include <vector>

#include "figure/figure.h"
#include "lessons/engines/chain_rule.h"

namespace neurostep {

// The latest value `name` at or before step `current`, and the step it is from (-1: none yet).
struct LatestValue {
  const std::vector<double>* data = nullptr;
  int step = -1;
};
LatestValue find_latest(const Trace& trace, int current, const std::string& name);

// The network as it stands at step `current`: the weights and biases after the update and after
// training, a of the latest forward pass, δ only while it belongs to the same weights as a. Its
// points are in pixels of the smallest plot the graph is drawn in (y up), and the figure keeps one
// unit equally long on both axes, so a larger drawing only adds room between the labels.
Figure chain_rule_graph(const ChainRuleNumbers& n, const Trace& trace, int current);

}  // namespace neurostep
