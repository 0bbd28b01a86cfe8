// regularization.h — a penalty on the size of the weights added to the error, so that a network
// fits the data with small weights (TensorFlow Playground's L1 and L2):
//
//   L1   E_reg = λ Σ |w|       ∂E_reg/∂w = λ·sign(w)   (0 at w = 0)
//   L2   E_reg = ½λ Σ w²       ∂E_reg/∂w = λ·w
// Only weight matrices (parameters named "W") are penalised, never biases.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/layer.h"

namespace neurostep {

enum class Regularization { None, L1, L2 };

std::string_view regularization_name(Regularization kind);  // "none", "l1", "l2"
std::optional<Regularization> parse_regularization(std::string_view name);

template <typename T>
T regularization_penalty(Regularization kind, T lambda, const std::vector<Param<T>>& params);

// Adds ∂E_reg/∂w to the gradient of every weight matrix (after backward, before the update).
template <typename T>
void add_regularization_gradient(Regularization kind, T lambda, const std::vector<Param<T>>& params);

// ∂E_reg/∂w of one weight.
template <typename T>
T regularization_derivative(Regularization kind, T lambda, T w);

}  // namespace neurostep
