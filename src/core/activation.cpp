#include "core/activation.h"

#include <cmath>
#include <fmt/format.h>

#include <type_traits>

namespace neurostep {

namespace {
constexpr std::string_view kNames[] = {"sigmoid", "tanh", "relu", "leaky_relu", "elu"};
}

std::string_view activation_name(ActivationKind kind) { return kNames[static_cast<int>(kind)]; }

std::optional<ActivationKind> parse_activation(std::string_view name) {
  for (int i = 0; i < 5; ++i)
    if (kNames[i] == name) return static_cast<ActivationKind>(i);
  return std::nullopt;
}

std::vector<std::string> activation_names() { return {std::begin(kNames), std::end(kNames)}; }

template <typename T>
T activate(ActivationKind kind, T z, T param) {
  switch (kind) {
    case ActivationKind::Sigmoid:  // written so that e^x never overflows
      return z >= 0 ? T(1) / (T(1) + std::exp(-z)) : std::exp(z) / (T(1) + std::exp(z));
    case ActivationKind::Tanh: return std::tanh(z);
    case ActivationKind::ReLU: return z > 0 ? z : T(0);
    case ActivationKind::LeakyReLU: return z > 0 ? z : param * z;
    case ActivationKind::ELU: return z > 0 ? z : param * std::expm1(z);
  }
  return z;
}

template <typename T>
T activation_derivative(ActivationKind kind, T z, T param) {
  switch (kind) {
    case ActivationKind::Sigmoid: {
      const T s = activate(kind, z, param);
      return s * (T(1) - s);  // σ′ = σ(1 − σ) (Jäppinen 2024, eq. 12)
    }
    case ActivationKind::Tanh: {
      const T t = std::tanh(z);
      return T(1) - t * t;
    }
    case ActivationKind::ReLU: return z > 0 ? T(1) : T(0);
    case ActivationKind::LeakyReLU: return z > 0 ? T(1) : param;
    case ActivationKind::ELU: return z > 0 ? T(1) : param * std::exp(z);
  }
  return T(1);
}

// Calls f with the kind as a compile-time constant, so that the switch in activate() folds away
// and the loops over a tensor vectorize (ReLU is most of a CNN's element-wise work).
template <typename F>
void with_kind(ActivationKind kind, F&& f) {
  using K = ActivationKind;
  switch (kind) {
    case K::Sigmoid: return f(std::integral_constant<K, K::Sigmoid>{});
    case K::Tanh: return f(std::integral_constant<K, K::Tanh>{});
    case K::ReLU: return f(std::integral_constant<K, K::ReLU>{});
    case K::LeakyReLU: return f(std::integral_constant<K, K::LeakyReLU>{});
    case K::ELU: return f(std::integral_constant<K, K::ELU>{});
  }
}

template <typename T>
std::string Activation<T>::kind() const {
  static constexpr const char* kKinds[] = {"Sigmoid", "Tanh", "ReLU", "LeakyReLU", "ELU"};
  return kKinds[static_cast<int>(kind_)];
}

template <typename T>
std::string Activation<T>::describe() const {
  if (kind_ == ActivationKind::LeakyReLU) return fmt::format("LeakyReLU (slope {})", param_);
  if (kind_ == ActivationKind::ELU) return fmt::format("ELU (α = {})", param_);
  return kind();
}

template <typename T>
Tensor<T> Activation<T>::forward(Tensor<T> x, Mode) {
  z_ = std::move(x);
  Tensor<T> a = z_;  // a copy turned in place: no zero-filled tensor to overwrite
  with_kind(kind_, [&](auto k) {
    for (T& v : a.values()) v = activate(k(), v, param_);
  });
  return a;
}

template <typename T>
Tensor<T> Activation<T>::backward(Tensor<T> dy) {
  with_kind(kind_, [&](auto k) {  // dy turned into ∂E/∂z in place
    for (std::size_t i = 0; i < dy.size(); ++i) dy[i] *= activation_derivative(k(), z_[i], param_);
  });
  return dy;
}

template float activate(ActivationKind, float, float);
template double activate(ActivationKind, double, double);
template float activation_derivative(ActivationKind, float, float);
template double activation_derivative(ActivationKind, double, double);
template class Activation<float>;
template class Activation<double>;

}  // namespace neurostep
