#include "lessons/engines/chain_rule_numbers.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "core/activation.h"
#include "core/loss.h"
#include "figure/number_text.h"

namespace neurostep {

void ChainRuleNumbers::fit_shapes() {
  const std::size_t layers = sizes.size() - 1;
  input.resize(static_cast<std::size_t>(sizes.front()), 0.5);
  target.resize(static_cast<std::size_t>(sizes.back()), 0.5);
  weights.resize(layers);
  biases.resize(layers);
  for (std::size_t l = 0; l < layers; ++l) {
    const std::size_t count = static_cast<std::size_t>(sizes[l] * sizes[l + 1]);
    std::mt19937 rng(static_cast<unsigned>(100 * l + count));  // new weights: a fixed pattern per shape
    std::uniform_real_distribution<double> u(-0.5, 0.5);
    while (weights[l].size() < count) weights[l].push_back(std::round(u(rng) * 100) / 100);
    weights[l].resize(count);
    biases[l].resize(static_cast<std::size_t>(sizes[l + 1]), 0.0);
  }
}

namespace chain_rule {

Network build(const ChainRuleNumbers& n) {
  Network net{Sequential<double>({n.sizes[0]}), {}, {}};
  const std::size_t layers = n.sizes.size() - 1;
  for (std::size_t l = 0; l < layers; ++l) {
    auto& d = net.model.emplace<Dense<double>>(n.sizes[l], n.sizes[l + 1]);
    d.W = Tensor<double>({n.sizes[l + 1], n.sizes[l]}, n.weights[l]);
    d.b = Tensor<double>({n.sizes[l + 1]}, n.biases[l]);
    net.dense_at.push_back(net.model.size() - 1);
    if (l + 1 < layers || n.loss != LossKind::SoftmaxCrossEntropy) {
      net.model.emplace<Activation<double>>(n.activation);
      net.act_at.push_back(net.model.size() - 1);
    } else {
      net.act_at.push_back(net.dense_at.back());
    }
  }
  return net;
}

Dense<double>& dense(Network& net, std::size_t l) {
  return static_cast<Dense<double>&>(net.model.layer(net.dense_at[l]));
}

std::vector<Param<double>> trained_params(Network& net, ChainRuleNumbers::Biases biases) {
  std::vector<Param<double>> params = net.model.params();
  if (biases == ChainRuleNumbers::Biases::Fixed)
    std::erase_if(params, [](const Param<double>& p) { return p.name == "b"; });
  return params;
}

double error_of(Network& net, const Tensor<double>& x, const Tensor<double>& t, LossKind loss) {
  return compute_loss(loss, net.model.forward(x, Mode::Eval), t).value;
}

std::pair<std::size_t, int> chosen_weight(const ChainRuleNumbers& n) {
  std::size_t l = 0, weight_count = 0;
  for (const auto& w : n.weights) weight_count += w.size();
  int k = std::clamp(n.chosen_weight, 0, static_cast<int>(weight_count) - 1);
  while (k >= static_cast<int>(n.weights[l].size())) k -= static_cast<int>(n.weights[l].size()), ++l;
  return {l, k};
}

std::string weight_name(std::size_t l, int j, int i) {
  return "w" + superscript(static_cast<int>(l + 1)) + subscript(j + 1) + subscript(i + 1);
}
std::string bias_name(std::size_t l, int j) { return "b" + superscript(static_cast<int>(l + 1)) + subscript(j + 1); }
std::string unit(const char* letter, std::size_t l, int j) {
  return letter + superscript(static_cast<int>(l)) + subscript(j + 1);
}
std::string input_name(std::size_t l, int i) { return l == 0 ? "x" + subscript(i + 1) : unit("a", l, i); }

SymonSpread symon_spread(const std::vector<double>& W, int hidden, const std::vector<double>& target,
                         const std::vector<double>& o) {
  const std::size_t outputs = o.size();
  SymonSpread s{std::vector<double>(outputs), std::vector<double>(outputs, 0.0),
                std::vector<double>(static_cast<std::size_t>(hidden), 0.0),
                std::vector<double>(static_cast<std::size_t>(hidden), 0.0)};
  for (std::size_t k = 0; k < outputs; ++k) s.e[k] = target[k] - o[k];
  for (std::size_t k = 0; k < outputs; ++k) {
    for (int m = 0; m < hidden; ++m)
      s.column[k] += W[k * static_cast<std::size_t>(hidden) + static_cast<std::size_t>(m)];
    for (int m = 0; m < hidden; ++m) {
      const double w = W[k * static_cast<std::size_t>(hidden) + static_cast<std::size_t>(m)];
      s.wte[static_cast<std::size_t>(m)] += w * s.e[k];                                        // Wᵀe
      s.prop[static_cast<std::size_t>(m)] += s.column[k] != 0 ? s.e[k] * w / s.column[k] : 0;  // in proportion
    }
  }
  return s;
}

}  // namespace chain_rule

}  // namespace neurostep
