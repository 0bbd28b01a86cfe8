// chain_rule_symmetry.h — the chain-rule lesson's two steps on initial weights (Jäppinen 2024, §2.5; Symon,
// §5.3): the lesson's network (its sizes, activation, loss, example and η) trained a few SGD updates
// from constant weights, every weight 1/√fan-in and every bias 0 (the core's InitKind::Constant),
// and again from Symon's random normal weights (σ = 1/√fan-in, a fixed seed). The first hidden
// layer's rows are written out update after update: from constant weights every hidden unit gets
// the same a, the same δ and the same update, so the rows stay equal to the last bit; from random
// weights they differ and the updates differ.
//
// Steps and values, named in chain_rule_ids (u = 0 … kSymmetryUpdates; W1 rows: one hidden unit's
// incoming weights):
//   kSymmetryConstant   kHiddenW (u × units·inputs, the first hidden layer after u updates), kSpread
//                       (per u: the largest |w⁽¹⁾ⱼᵢ − w⁽¹⁾₁ᵢ| over the units j and inputs i), kEEach
//                       (per u: the error), kConstant (1/√fan-in)
//   kSymmetryRandom     the same from the random weights, and kSigma (their σ, 1/√fan-in)
// Given for a network with a hidden layer of at least 2 units; none otherwise. Their plot is
// chain_rule_figures.cpp's.
#pragma once

#include "lessons/engines/chain_rule.h"

namespace neurostep {

inline constexpr int kSymmetryUpdates = 3;
inline constexpr unsigned kSymmetrySeed = 1;  // the random weights' seed

void symmetry_steps(const ChainRuleNumbers& numbers, Trace& trace);

}  // namespace neurostep
