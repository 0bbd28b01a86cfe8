#include "core/regularization.h"

#include <cmath>

namespace neurostep {

namespace {
constexpr std::string_view kNames[] = {"none", "l1", "l2"};

bool is_weight(const std::string& name) { return name == "W"; }  // biases are never penalised
}  // namespace

std::string_view regularization_name(Regularization kind) { return kNames[static_cast<int>(kind)]; }

std::optional<Regularization> parse_regularization(std::string_view name) {
  for (int i = 0; i < 3; ++i)
    if (kNames[i] == name) return static_cast<Regularization>(i);
  return std::nullopt;
}

template <typename T>
T regularization_penalty(Regularization kind, T lambda, const std::vector<Param<T>>& params) {
  T sum = T(0);
  for (const auto& p : params) {
    if (!is_weight(p.name)) continue;
    const auto w = p.value->array();
    if (kind == Regularization::L1) sum += w.abs().sum();              // Σ |w|
    if (kind == Regularization::L2) sum += T(0.5) * w.square().sum();  // ½ Σ w²
  }
  return lambda * sum;
}

template <typename T>
T regularization_derivative(Regularization kind, T lambda, T w) {
  switch (kind) {
    case Regularization::None: return T(0);
    case Regularization::L1: return lambda * T((w > 0) - (w < 0));  // λ·sign(w), 0 at w = 0
    case Regularization::L2: return lambda * w;                     // ∂(½λw²)/∂w = λw
  }
  return T(0);
}

template <typename T>
void add_regularization_gradient(Regularization kind, T lambda, const std::vector<Param<T>>& params) {
  if (kind == Regularization::None) return;
  for (const auto& p : params) {
    if (!is_weight(p.name)) continue;
    for (std::size_t i = 0; i < p.value->size(); ++i)
      (*p.grad)[i] += regularization_derivative(kind, lambda, (*p.value)[i]);
  }
}

template float regularization_penalty(Regularization, float, const std::vector<Param<float>>&);
template double regularization_penalty(Regularization, double, const std::vector<Param<double>>&);
template void add_regularization_gradient(Regularization, float, const std::vector<Param<float>>&);
template void add_regularization_gradient(Regularization, double, const std::vector<Param<double>>&);
template float regularization_derivative(Regularization, float, float);
template double regularization_derivative(Regularization, double, double);

}  // namespace neurostep
