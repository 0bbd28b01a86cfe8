// activation.h — element-wise activation functions and their derivatives, as scalar functions
// (the lessons show f(z) and f′(z) at one point) and as a layer (Jäppinen 2024, §2.2; Creus & Picón, §II.C).
//
//   Sigmoid    σ(z) = 1/(1 + e^−z)                 σ′(z) = σ(z)(1 − σ(z))       (Jäppinen 2024, eqs. 11–12)
//   Tanh       tanh(z)                              1 − tanh²(z)
//   ReLU       max(0, z)                            1 if z > 0 else 0            (eqs. 13–14)
//   LeakyReLU  z if z > 0 else b·z  (b = slope)     1 if z > 0 else b            (eqs. 15–17; Creus & Picón b = 0.01)
//   ELU        z if z > 0 else α(e^z − 1)           1 if z > 0 else α·e^z        (eqs. 19–20)
// At the kink z = 0 the derivative is taken from the left (0 for ReLU, b for LeakyReLU), as PyTorch does.
// Softmax is not element-wise and lives in softmax.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/layer.h"

namespace neurostep {

enum class ActivationKind { Sigmoid, Tanh, ReLU, LeakyReLU, ELU };

std::string_view activation_name(ActivationKind kind);  // "sigmoid", "tanh", "relu", "leaky_relu", "elu"
std::optional<ActivationKind> parse_activation(std::string_view name);
std::vector<std::string> activation_names();  // every name parse_activation accepts, in enum order

// The parameter of LeakyReLU (slope b) and ELU (α); ignored by the others.
template <typename T>
T activate(ActivationKind kind, T z, T param = T(0));
template <typename T>
T activation_derivative(ActivationKind kind, T z, T param = T(0));  // f′(z)

// PReLU is LeakyReLU with a learned slope b (Jäppinen 2024, §2.2.4): its gradient with respect to b is
// ∂f/∂b = z for z < 0, else 0 (eq. 18).
template <typename T>
T prelu_slope_derivative(T z) {
  return z < 0 ? z : T(0);
}

template <typename T>
class Activation final : public Layer<T> {
 public:
  // The default parameter: slope 0.01 for LeakyReLU (Creus & Picón), α = 1 for ELU.
  explicit Activation(ActivationKind kind) : Activation(kind, default_param(kind)) {}
  Activation(ActivationKind kind, T param) : kind_(kind), param_(param) {}
  static T default_param(ActivationKind kind) {
    return kind == ActivationKind::LeakyReLU ? T(0.01) : kind == ActivationKind::ELU ? T(1) : T(0);
  }

  std::string kind() const override;
  std::string describe() const override;
  Shape output_shape(const Shape& input) const override { return input; }

  Tensor<T> forward(Tensor<T> x, Mode mode) override;  // any shape, element-wise
  Tensor<T> backward(Tensor<T> dy) override;           // ∂E/∂z = ∂E/∂a ⊙ f′(z)

  ActivationKind activation() const { return kind_; }
  T param() const { return param_; }

 private:
  ActivationKind kind_;
  T param_;
  Tensor<T> z_;  // cached input
};

}  // namespace neurostep
