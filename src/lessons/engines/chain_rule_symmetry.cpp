#include "lessons/engines/chain_rule_symmetry.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/activation.h"
#include "core/dense.h"
#include "core/init.h"
#include "core/loss.h"
#include "core/optimizer.h"
#include "core/sequential.h"

namespace neurostep {

namespace {

namespace ids = chain_rule_ids;

// The lesson's network as a core model, its weights drawn by `init` (biases 0).
Sequential<double> build(const ChainRuleNumbers& n, InitKind init) {
  Sequential<double> m({n.sizes[0]});
  const std::size_t layers = n.sizes.size() - 1;
  for (std::size_t l = 0; l < layers; ++l) {
    m.emplace<Dense<double>>(n.sizes[l], n.sizes[l + 1]);
    if (l + 1 < layers || n.loss != LossKind::SoftmaxCrossEntropy) m.emplace<Activation<double>>(n.activation);
  }
  m.initialize(init, kSymmetrySeed);
  return m;
}

// The first hidden layer through the updates: its weights after each (u = 0 … kSymmetryUpdates),
// the gradient each update used, and E before each update and after the last.
struct Run {
  std::vector<std::vector<double>> W, dW;
  std::vector<double> spread, E;
};

// The largest |w⁽¹⁾ⱼᵢ − w⁽¹⁾₁ᵢ| of a hidden layer's weights (rows of `inputs`).
double spread_of(const std::vector<double>& W, int inputs) {
  double worst = 0;
  for (std::size_t k = 0; k < W.size(); ++k) worst = std::max(worst, std::abs(W[k] - W[k % std::size_t(inputs)]));
  return worst;
}

Run train(const ChainRuleNumbers& n, InitKind init) {
  Sequential<double> m = build(n, init);
  auto& first = static_cast<Dense<double>&>(m.layer(0));
  Optimizer<double> sgd({.kind = OptimizerKind::SGD, .learning_rate = n.learning_rate});
  const Tensor<double> x({1, n.sizes[0]}, n.input), t({1, n.sizes.back()}, n.target);
  Run r;
  for (int u = 0; u <= kSymmetryUpdates; ++u) {
    const LossResult<double> loss = compute_loss(n.loss, m.forward(x, Mode::Train), t);
    r.W.push_back(first.W.values());
    r.spread.push_back(spread_of(r.W.back(), n.sizes[0]));
    r.E.push_back(loss.value);
    if (u == kSymmetryUpdates) break;
    m.zero_grad();
    m.backward(loss.grad);
    r.dW.push_back(first.dW.values());
    sgd.step(m.params());
  }
  return r;
}

// "({}, {}, …)": a row of `count` numbers.
std::string row_format(int count) {
  std::string s = "(";
  for (int i = 0; i < count; ++i) s += i ? ", {}" : "{}";
  return s + ")";
}

std::vector<double> row(const std::vector<double>& W, int j, int inputs) {
  return {W.begin() + j * inputs, W.begin() + (j + 1) * inputs};
}

// Each update of the first two hidden units' rows, and the spread after every update.
Step updates_step(const ChainRuleNumbers& n, const Run& r, std::string id, std::string title) {
  const int inputs = n.sizes[0], units = n.sizes[1];
  Step s{.id = std::move(id), .group = "Initial weights", .title = std::move(title)};
  for (int u = 0; u < kSymmetryUpdates; ++u)
    for (int j = 0; j < std::min(units, 2); ++j) {
      const std::string w = "w⁽¹⁾" + subscript(j + 1);
      std::vector<double> args = row(r.W[std::size_t(u)], j, inputs);
      args.push_back(n.learning_rate);
      const std::vector<double> grad = row(r.dW[std::size_t(u)], j, inputs);
      args.insert(args.end(), grad.begin(), grad.end());
      s.equations.push_back({fmt::format("update {}: {} ← {} − η·∂E/∂{}", u + 1, w, w, w),
                             row_format(inputs) + " − {}·" + row_format(inputs), std::move(args),
                             row(r.W[std::size_t(u) + 1], j, inputs)});
    }
  const std::vector<double> first = row(r.W.back(), 0, inputs), second = row(r.W.back(), 1, inputs);
  std::vector<double> args = second, difference;
  args.insert(args.end(), first.begin(), first.end());
  for (int i = 0; i < inputs; ++i) difference.push_back(second[std::size_t(i)] - first[std::size_t(i)]);
  s.equations.push_back({fmt::format("after {} updates: w⁽¹⁾₂ − w⁽¹⁾₁", kSymmetryUpdates),
                         row_format(inputs) + " − " + row_format(inputs), std::move(args), std::move(difference)});
  std::vector<double> all;
  for (const auto& W : r.W) all.insert(all.end(), W.begin(), W.end());
  s.values = {{ids::kHiddenW, {kSymmetryUpdates + 1, units * inputs}, all},
              vector_value(ids::kSpread, r.spread),
              vector_value(ids::kEEach, r.E)};
  return s;
}

}  // namespace

void symmetry_steps(const ChainRuleNumbers& n, Trace& trace) {
  if (n.sizes.size() < 3 || n.sizes[1] < 2) return;
  const double c = 1 / std::sqrt(double(n.sizes[0]));
  const std::string shown_c = format_number(c, shown_decimals());
  const Run constant = train(n, InitKind::Constant), random = train(n, InitKind::NormalFanIn);
  Step s =
      updates_step(n, constant, ids::kSymmetryConstant, "Constant initial weights: do the hidden units stay alike?");
  s.values.push_back(scalar_value(ids::kConstant, c));
  const double left = constant.spread.back();
  s.note = fmt::format(
      "Every weight starts at 1/√{} = {}, every bias at 0, so every hidden unit computes the same z and a. ",
      n.sizes[0], shown_c);
  s.note +=
      left == 0
          ? fmt::format(
                "Each then receives the same δ and the same update: after {} updates the rows still differ by {}, to "
                "the last "
                "bit. The units are copies and the layer works as one unit. Jäppinen 2024, §2.5: “it is very important "
                "to "
                "initialize different values for every weight in the same layer”; Symon, §5.3: constant weights “would "
                "update all weights equally”.",
                kSymmetryUpdates, left)
          : fmt::format("After {} updates the rows differ by up to {}.", kSymmetryUpdates,
                        format_number(left, shown_decimals()));
  trace.steps.push_back(std::move(s));
  s = updates_step(n, random, ids::kSymmetryRandom, "Random initial weights: the symmetry is broken");
  s.values.push_back(scalar_value(ids::kSigma, c));
  s.note = fmt::format(
      "Symon's weights (§5.3): normal with σ = 1/√{} = {}, drawn with seed {}. The units start different, so their a, "
      "δ "
      "and updates differ: after {} updates the rows differ by up to {}, and each unit can learn a feature of its own.",
      n.sizes[0], shown_c, kSymmetrySeed, kSymmetryUpdates, format_number(random.spread.back(), shown_decimals()));
  trace.steps.push_back(std::move(s));
}

}  // namespace neurostep
