// playground_explain.h — the playground's numbers as sentences for the network graph's and the
// plane's tooltips: a weight's gradient as its chain and its last update, a unit's z, a and δ for
// one point, and one point's whole forward pass. Every number comes from the core's passes.
#pragma once

#include <string>

#include "lessons/playground/playground.h"

namespace neurostep {

// Weight `in` → `out` of dense layer `layer` (in = −1: the bias): its value, ∂E/∂w for the next
// batch as Σ δ·a with the numbers, and the last update w ← w − η·∂E/∂w with its numbers.
std::string weight_explanation(const Playground& playground, int layer, int out, int in, int precision);
// Unit `unit` of dense layer `layer` for point `point`: z with its sum, a, and δ of the point's own error.
std::string unit_explanation(const Playground& playground, int layer, int unit, int point, int precision);
// Unit `unit` of dense layer `layer` at the place (x, y) of the plane (under the mouse in its map).
std::string place_explanation(const Playground& playground, int layer, int unit, double x, double y, int precision);
// Point `point` through the network, layer by layer, and its error.
std::string point_explanation(const Playground& playground, int point, int precision);
// Feature f of the inputs over the plane (the graph's input nodes), resolution² cells, row 0 at the top.
std::vector<double> feature_map(Feature f, int resolution);

}  // namespace neurostep
