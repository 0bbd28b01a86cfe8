// chain_rule_numbers.h — the chain-rule lesson's numbers beyond its steps, shared by its files
// (internal to the kind, in namespace chain_rule): the network as a core model, which weight the lesson expands, the
// parameters' names in the lesson's symbols, and Symon's two ways of spreading the output error
// (Symon, §3), computed on plain numbers. It builds no step and draws nothing.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/dense.h"
#include "core/sequential.h"
#include "lessons/engines/chain_rule.h"

namespace neurostep::chain_rule {

// The lesson's network as a core model: Dense → activation per layer (the output layer of
// softmax + cross-entropy has no activation layer: the loss applies the softmax).
struct Network {
  Sequential<double> model;
  std::vector<std::size_t> dense_at, act_at;  // layer positions in the model, per network layer
};

Network build(const ChainRuleNumbers& n);
Dense<double>& dense(Network& net, std::size_t l);
// The parameters the update changes: every weight and bias, or the weights alone.
std::vector<Param<double>> trained_params(Network& net, ChainRuleNumbers::Biases biases);
double error_of(Network& net, const Tensor<double>& x, const Tensor<double>& t, LossKind loss);

// The weight whose chain the lesson expands: its layer l and its index k in that layer's weights
// (a chosen weight past the last: the last).
std::pair<std::size_t, int> chosen_weight(const ChainRuleNumbers& n);

// "w⁽ˡ⁾ⱼᵢ": the weight into unit j of layer l from unit i of the layer before (l 0-based, shown from 1).
std::string weight_name(std::size_t l, int j, int i);
// "b⁽ˡ⁾ⱼ": the bias of unit j of layer l (l 0-based, shown from 1).
std::string bias_name(std::size_t l, int j);
// "a⁽ˡ⁾ⱼ" for `letter` "a": a unit's quantity, l as written (0: the input).
std::string unit(const char* letter, std::size_t l, int j);
// The input of layer l (0-based): x for the first layer, a⁽ˡ⁾ after.
std::string input_name(std::size_t l, int i);

// Symon, §3 spreads the output error e = t − o back to the hidden units of the last layer (its
// weights W, (outputs × hidden)) by Wᵀe, or in proportion to the weights into each output.
struct SymonSpread {
  std::vector<double> e;       // (outputs) t − o
  std::vector<double> column;  // (outputs) Σᵢ wₖᵢ: the weights into output k
  std::vector<double> wte, prop;  // (hidden) Wᵀe; Σₖ eₖ·wₖₘ/Σᵢ wₖᵢ (an output whose weights cancel spreads nothing)
};
SymonSpread symon_spread(const std::vector<double>& W, int hidden, const std::vector<double>& target,
                         const std::vector<double>& o);

}  // namespace neurostep::chain_rule
