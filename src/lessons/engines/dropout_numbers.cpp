#include "lessons/engines/dropout_numbers.h"

#include <cmath>

#include "core/shape_layers.h"

namespace neurostep {

namespace {

Tensor<double> targets(const DropoutNumbers& n) { return Tensor<double>({1, n.outputs()}, n.y); }

// 1 where the core's mask keeps a unit, 0 where it drops it; all 1 with p = 0 (the core draws no mask).
std::vector<double> kept_units(const Dropout<double>& drop, std::size_t size) {
  std::vector<double> m(size, 1.0);
  for (std::size_t i = 0; i < drop.mask().size(); ++i) m[i] = drop.mask()[i] != 0 ? 1 : 0;
  return m;
}

// The running means of z and of the unscaled z (both (K, O)) over masks 1…k.
void running_means(const Tensor<double>& z, const Tensor<double>& zu, int O, DropoutAverage& r) {
  r.running.resize(z.size());
  r.running_unscaled.resize(z.size());
  std::vector<double> sum(static_cast<std::size_t>(O)), sum_u(static_cast<std::size_t>(O));
  for (int k = 0; k < r.K; ++k)
    for (int j = 0; j < O; ++j) {
      const std::size_t at = static_cast<std::size_t>(k * O + j);
      r.running[at] = (sum[static_cast<std::size_t>(j)] += z[at]) / (k + 1);
      r.running_unscaled[at] = (sum_u[static_cast<std::size_t>(j)] += zu[at]) / (k + 1);
    }
}

// σ/√K of each output, for both recipes.
void standard_errors(const DropoutNumbers& n, DropoutAverage& r) {
  const int units = n.units();
  // Var(ãᵢ) = aᵢ²·p/(1 − p), Var(aᵢmᵢ) = aᵢ²·p(1 − p); the units are independent, so Var(zⱼ) = Σᵢ wⱼᵢ²·Var.
  for (int j = 0; j < n.outputs(); ++j) {
    double var = 0;
    for (int i = 0; i < units; ++i)
      var += std::pow(n.W[static_cast<std::size_t>(j * units + i)] * n.a[static_cast<std::size_t>(i)], 2);
    r.se.push_back(std::sqrt(var * n.p / (1 - n.p) / r.K));
    r.se_unscaled.push_back(std::sqrt(var * n.p * (1 - n.p) / r.K));
  }
}

}  // namespace

Dense<double> next_layer(const DropoutNumbers& n, bool bias) {
  Dense<double> d(n.units(), n.outputs(), bias);
  d.W = n.W;
  if (bias) d.b = Tensor<double>({n.outputs()}, n.b);
  return d;
}

DropoutPass train_pass(const DropoutNumbers& n) {
  DropoutPass p;
  Dropout<double> drop(n.p, static_cast<std::uint64_t>(n.seed));
  Dense<double> dense = next_layer(n);
  p.a = Tensor<double>({1, n.units()}, n.a);
  p.a_tilde = drop.forward(p.a, Mode::Train);  // ã = a·m/(1 − p)
  p.u = drop.draws();
  p.m = kept_units(drop, n.a.size());
  p.z = dense.forward(p.a_tilde, Mode::Train);  // z = Wã + b
  p.loss = compute_loss(LossKind::HalfSquaredError, p.z, targets(n));
  p.dE_da_tilde = dense.backward(p.loss.grad);  // ∂E/∂ã = Wᵀδ
  p.dE_da = drop.backward(p.dE_da_tilde);       // ∂E/∂a = m/(1 − p)·∂E/∂ã
  p.dW = dense.dW;                              // ∂E/∂W = δ·ãᵀ
  p.db = dense.db;                              // ∂E/∂b = δ
  return p;
}

DropoutEval eval_pass(const DropoutNumbers& n) {
  DropoutEval e;
  Dropout<double> drop(n.p, static_cast<std::uint64_t>(n.seed));
  Dense<double> dense = next_layer(n);
  e.a = drop.forward(Tensor<double>({1, n.units()}, n.a), Mode::Eval);  // no mask: a itself
  e.mask_size = drop.mask().size();
  e.z = dense.forward(e.a, Mode::Eval);
  e.W_scaled = n.W;
  e.W_scaled.array() *= 1 - n.p;
  dense.W = e.W_scaled;
  e.z_unscaled = dense.forward(e.a, Mode::Eval);  // z = (1 − p)·Wa + b
  return e;
}

DropoutAverage measure_average(const DropoutNumbers& n) {
  DropoutAverage r;
  r.K = n.masks;
  const int units = n.units();
  Tensor<double> a({r.K, units});
  for (int k = 0; k < r.K; ++k) std::copy(n.a.begin(), n.a.end(), a.data() + static_cast<std::ptrdiff_t>(k) * units);
  Dropout<double> drop(n.p, static_cast<std::uint64_t>(n.seed));
  Dense<double> dense = next_layer(n);
  const Tensor<double> a_tilde = drop.forward(a, Mode::Train);
  const std::vector<double> m = kept_units(drop, a.size());
  Tensor<double> am = a;
  am.array() *= Eigen::Map<const Eigen::ArrayXd>(m.data(), static_cast<Eigen::Index>(m.size()));
  const Tensor<double> z = dense.forward(a_tilde, Mode::Train), zu = dense.forward(am, Mode::Train);  // (K, O)
  running_means(z, zu, n.outputs(), r);
  r.mean_a_tilde.assign(n.a.size(), 0);
  for (std::size_t i = 0; i < a_tilde.size(); ++i) r.mean_a_tilde[i % n.a.size()] += a_tilde[i] / r.K;
  for (double v : m) r.kept_fraction += v / static_cast<double>(m.size()), r.kept += v != 0;
  standard_errors(n, r);
  return r;
}

std::vector<double> masked(const DropoutNumbers& n, const DropoutPass& p) {
  std::vector<double> am(n.a.size());
  for (std::size_t i = 0; i < am.size(); ++i) am[i] = n.a[i] * p.m[i];
  return am;
}

double loss_with_seeded_mask(const DropoutNumbers& n, const std::vector<double>& a) {
  Dropout<double> drop(n.p, static_cast<std::uint64_t>(n.seed));
  Dense<double> dense = next_layer(n);
  const Tensor<double> z = dense.forward(drop.forward(Tensor<double>({1, n.units()}, a), Mode::Train), Mode::Train);
  return compute_loss(LossKind::HalfSquaredError, z, targets(n)).value;
}

}  // namespace neurostep
