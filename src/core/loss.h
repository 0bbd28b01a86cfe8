// loss.h — error functions: the value E and its gradient with respect to the network's output.
//
//   SquaredError         E = Σ (a − y)²                       ∂E/∂a = 2(a − y)          (Lazović 2020, §2.7, §2.11)
//   HalfSquaredError     E = ½ Σ (y − r)²                     ∂E/∂r = r − y             (Jäppinen 2024, eqs. 26–27)
//   BinaryCrossEntropy   E = −Σ [y log r + (1 − y) log(1 − r)]  ∂E/∂r = (r − y)/(r(1 − r))  (Jäppinen 2024, eqs. 28–29)
//   SoftmaxCrossEntropy  E = −Σ y log softmax(z)             ∂E/∂z = softmax(z) − y    (Creus & Picón, eqs. 3, 9)
// SoftmaxCrossEntropy takes the *logits* z and fuses the softmax into the loss: it is computed with
// log-sum-exp, so it stays finite for any z, and its gradient is the famous ŷ − y.
// Jäppinen 2024 calls eq. 26 the "mean squared error", but its gradient (eq. 27) has no 1/n: it is ½·Σ.
// Reduction::Mean divides by the number of elements (by the number of samples N for
// SoftmaxCrossEntropy, whose per-sample loss is already a sum over classes), as PyTorch does.
// As in PyTorch, log r is clamped at −100 so that r = 0 gives a large finite loss instead of ∞.
#pragma once

#include <optional>
#include <string_view>

#include "core/tensor.h"

namespace neurostep {

enum class LossKind { SquaredError, HalfSquaredError, BinaryCrossEntropy, SoftmaxCrossEntropy };
enum class Reduction { Sum, Mean };

std::string_view loss_name(
    LossKind kind);  // "squared_error", "half_squared_error", "binary_cross_entropy", "softmax_cross_entropy"
std::optional<LossKind> parse_loss(std::string_view name);

template <typename T>
struct LossResult {
  T value;
  Tensor<T> grad;  // ∂E/∂prediction, same shape as the prediction (∂E/∂z for SoftmaxCrossEntropy)
};

// prediction and target have the same shape; for SoftmaxCrossEntropy both are (N, L) and each target
// row is a probability vector (one-hot for a class label, see one_hot()).
template <typename T>
LossResult<T> compute_loss(LossKind kind, const Tensor<T>& prediction, const Tensor<T>& target,
                           Reduction reduction = Reduction::Sum);

template <typename T>
Tensor<T> one_hot(const std::vector<int>& labels, int classes);  // (N) → (N, L)

}  // namespace neurostep
