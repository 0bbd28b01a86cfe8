// chain_rule.h — lesson kind "chain-rule": backpropagation through a small fully connected network,
// node by node and factor by factor (Lazović 2020, §2.11; Creus & Picón, §II.D eq. 10; Jäppinen 2024, §2.6).
//
// One training example; every number comes from the core library: the model is a Sequential of
// Dense and activation layers, the loss is core's, δ are the gradients its backward pass produces,
// and the update is an SGD step. Steps, in order:
//   forward.l{L}      z and a of every unit of layer L           values z{L}, a{L}
//   error             E and each output's share                 values E, E_out
//   backward.l{L}     δ of every unit, output layer first       values delta{L}
//   chain             the whole chain for the chosen weight     values dE_dw, factors
//   gradients         every ∂E/∂w = δ·a and ∂E/∂b = δ          values dW{L}, db{L}
//   gradcheck         the same by central finite differences    values max_relative_error
//   symon           Symon's error spreading (Wᵀe, proportional) vs the true gradient
//   update            w ← w − η·∂E/∂w                           values W{L}, b{L}
//   error_after       E with the new weights                    values E_after
//   train.{N}         after N iterations of the same step       values E, E_curve
//   symmetry.*        from constant and from random initial weights (chain_rule_symmetry.h)
#pragma once

#include "core/activation.h"
#include "core/loss.h"
#include "lessons/framework/registry.h"

namespace neurostep {

struct ChainRuleNumbers {
  std::vector<int> sizes;  // units per layer, the input first: {2, 2, 2}
  std::vector<double> input, target;
  std::vector<std::vector<double>> weights;  // per layer: (out × in), row-major (row j: into unit j)
  std::vector<std::vector<double>> biases;   // per layer: (out)
  double learning_rate = 0.5;
  ActivationKind activation = ActivationKind::Sigmoid;  // of every layer (the output too, unless softmax)
  LossKind loss = LossKind::HalfSquaredError;           // ½Σ(t − o)², Σ(o − t)², or softmax + cross-entropy
  enum class Biases { Learned, Fixed };
  Biases biases_update = Biases::Learned;  // Fixed: the update leaves the biases as they are (Mazur's example)
  int chosen_weight = 0;                   // which weight's chain to expand (0-based index over all weights, layer by
                                           // layer; the lesson file and the trace count from 1)
  int iterations = 1000;                   // "train N iterations"

  // Resizes weights and biases to `sizes`, filling new entries with a fixed pattern.
  void fit_shapes();
};

Trace run_chain_rule(const std::string& lesson_id, const ChainRuleNumbers& numbers);

std::unique_ptr<Lesson> make_chain_rule_lesson(LessonInfo info, std::vector<PrintedValue> printed, LessonTable& root);

}  // namespace neurostep
