// chain_rule.h — lesson kind "chain-rule": backpropagation through a small fully connected network,
// node by node and factor by factor (Lazović 2020, §2.11; Creus & Picón, §II.D eq. 10; Jäppinen 2024, §2.6).
//
// One training example; every number comes from the core library: the model is a Sequential of
// Dense and activation layers, the loss is core's, δ are the gradients its backward pass produces,
// and the update is an SGD step. The steps and their values are listed in chain_rule_ids below: the
// engine builds its steps with them and the tests look steps up by them; lessons/chain-rule.toml
// names them, and reading it checks every name against the steps the lesson makes (exercise.cpp,
// variant.cpp).
//
// Files: chain_rule.cpp (the steps), chain_rule_symmetry.cpp (the steps on initial weights),
// chain_rule_numbers.cpp (the network as a core model, the weights' names), chain_rule_figures.cpp
// (the network graph, the error curve, the symmetry plot), chain_rule_file.cpp (the lesson file and
// the Lesson).
#pragma once

#include <string>

#include "core/activation.h"
#include "core/loss.h"
#include "lessons/framework/registry.h"

namespace neurostep {

namespace chain_rule_ids {
// Steps, in order (layers L counted from 1, as the math writes them):
//   forward(L)     z and a of every unit of layer L           values z(L), a(L)
//   kError         E and each output's share                 values kE, kEOut, kTarget
//   backward(L)    δ of every unit, output layer first       values delta(L)
//   kChain         the whole chain for the chosen weight     values kDEdw, kFactors, kChosen (from 1)
//   kGradients     every ∂E/∂w = δ·a and ∂E/∂b = δ          values dW(L), db(L)
//   kGradcheck     the same by central finite differences    values numeric_dW(L), kMaxRelativeError
//   kSymon         Symon's error spreading (Wᵀe, proportional) vs the true gradient (2 layers or more)
//                  values kEOutSymon, kEHiddenWTe, kEHiddenProportional, kMinusDEda
//   kUpdate        w ← w − η·∂E/∂w                           values W(L), b(L)
//   kErrorAfter    E with the new weights                    values kEAfter, kE, a(L)
//   train(N)       after N iterations of the same step       values kE, kECurve, W(L), b(L), a(L), delta(L)
//   kTrainStopped  when E stops being a finite number        no values
//   kSymmetryConstant, kSymmetryRandom   from constant and from random initial weights (chain_rule_symmetry.h):
//                  values kHiddenW, kSpread, kEEach, and kConstant or kSigma
std::string forward(std::size_t layer);   // "forward.l{L}"
std::string backward(std::size_t layer);  // "backward.l{L}"
std::string train(int iterations);        // "train.{N}"
inline constexpr char kError[] = "error", kChain[] = "chain", kGradients[] = "gradients", kGradcheck[] = "gradcheck",
                      kSymon[] = "symon", kUpdate[] = "update", kErrorAfter[] = "error_after";
inline constexpr char kTrainPrefix[] = "train.";  // what every training step's id starts with
inline constexpr char kTrainStopped[] = "train.stopped";
inline constexpr char kSymmetryPrefix[] = "symmetry.";  // what both symmetry steps' ids start with
inline constexpr char kSymmetryConstant[] = "symmetry.constant", kSymmetryRandom[] = "symmetry.random";

// Values per layer L (from 1): "z{L}", "a{L}", "delta{L}", "dW{L}", "db{L}", "numeric_dW{L}", "W{L}", "b{L}".
std::string z(std::size_t layer);
std::string a(std::size_t layer);
std::string delta(std::size_t layer);
std::string dW(std::size_t layer);
std::string db(std::size_t layer);
std::string numeric_dW(std::size_t layer);
std::string W(std::size_t layer);
std::string b(std::size_t layer);
inline constexpr char kE[] = "E", kEOut[] = "E_out", kTarget[] = "target";
inline constexpr char kDEdw[] = "dE_dw", kFactors[] = "factors", kChosen[] = "chosen";
inline constexpr char kMaxRelativeError[] = "max_relative_error";
inline constexpr char kEOutSymon[] = "e_out", kEHiddenWTe[] = "e_hidden_WTe",
                      kEHiddenProportional[] = "e_hidden_proportional", kMinusDEda[] = "minus_dE_da";
inline constexpr char kEAfter[] = "E_after", kECurve[] = "E_curve";
inline constexpr char kHiddenW[] = "hidden_W", kSpread[] = "spread", kEEach[] = "E_each", kConstant[] = "constant",
                      kSigma[] = "sigma";
}  // namespace chain_rule_ids

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

// The kind as registry.cpp lists it: its name in lesson files, its description, its lesson-file
// reader (chain_rule_file.cpp) and its default exercises.
LessonKind chain_rule_kind();

}  // namespace neurostep
