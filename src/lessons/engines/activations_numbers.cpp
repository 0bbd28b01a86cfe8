#include "lessons/engines/activations_numbers.h"

#include <cmath>
#include <string_view>

#include "core/dense.h"
#include "core/sequential.h"

namespace neurostep::activations_parts {

double param_of(const FunctionInfo& f, const ActivationsNumbers& n) {
  if (std::string_view(f.id) == activations_ids::kLeakyRelu) return n.leaky_slope;
  if (std::string_view(f.id) == activations_ids::kPrelu) return n.prelu_b;
  if (std::string_view(f.id) == activations_ids::kElu) return n.elu_alpha;
  return 0;
}

double chain_gradient(ActivationKind kind, int layers, double x) {
  Sequential<double> m({1});
  for (int l = 0; l < layers; ++l) {
    auto& d = m.emplace<Dense<double>>(1, 1, false);
    d.W[0] = 1;
    m.emplace<Activation<double>>(kind);
  }
  m.forward(Tensor<double>({1, 1}, {x}), Mode::Train);
  return std::abs(m.backward(Tensor<double>({1, 1}, {1.0}))[0]);
}

double sigmoid(double z) { return activate(ActivationKind::Sigmoid, z); }

double logistic(const ActivationsNumbers& n, double x) {
  return n.logistic_height * sigmoid(n.logistic_steepness * (x - n.logistic_midpoint));
}

LossResult<double> loss_at(LossKind kind, double p, double y) {
  return compute_loss(kind, Tensor<double>(Shape{1}, std::vector<double>{p}),
                      Tensor<double>(Shape{1}, std::vector<double>{y}));
}

double sign(double v) { return v > 0 ? 1 : v < 0 ? -1 : 0; }

}  // namespace neurostep::activations_parts
