// perceptron_gates.h — XOR built from gates (Sougrati et al., ch. 2, §2.2.3): XOR(x₁, x₂) =
// AND(NOT(AND(x₁, x₂)), OR(x₁, x₂)). Each gate is a perceptron trained by the rule of the AND and OR
// lessons, from the lesson's start weights and η, on the lesson's sample order; NOT(AND) is AND's
// weights negated when that computes NAND, and otherwise trained on NAND's truth table (a point on
// AND's line has z = 0, and H(0) = 0 on both sides). Then each sample goes through the two layers.
// Part of the perceptron lesson kind; does not learn the gates together (the 2-2-1 network does).
//
// Its steps, in order, and their values: perceptron_ids (perceptron.h), kGatesAnd … kGatesTable.
#pragma once

#include "lessons/engines/perceptron.h"

namespace neurostep {

// Appends the gate steps to `trace`; the samples must have two inputs, each 0 or 1.
void xor_from_gates(const PerceptronNumbers& numbers, Trace& trace);

}  // namespace neurostep
