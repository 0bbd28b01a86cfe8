// softmax.h — softmax over the last dimension of (N, L) (Jäppinen 2024, eqs. 21–25; Creus & Picón, §II.C.2).
//
//   ŷᵢ = e^(zᵢ − m) / Σⱼ e^(zⱼ − m),  m = maxⱼ zⱼ   (subtracting m changes nothing but keeps e^x finite)
//   ∂ŷᵢ/∂zⱼ = ŷᵢ(δᵢⱼ − ŷⱼ)                           (eq. 25; the Jacobian)
//   backward: ∂E/∂z = ŷ ⊙ (∂E/∂ŷ − Σᵢ ∂E/∂ŷᵢ · ŷᵢ)
// For classification prefer the fused softmax + cross-entropy loss (loss.h): its gradient is ŷ − y.
#pragma once

#include "core/layer.h"

namespace neurostep {

template <typename T>
Tensor<T> softmax_rows(const Tensor<T>& z);  // (N, L) → (N, L), each row sums to 1

template <typename T>
MatrixRM<T> softmax_jacobian(const Tensor<T>& y_row);  // (L) → (L, L): ŷᵢ(δᵢⱼ − ŷⱼ)

template <typename T>
class Softmax final : public Layer<T> {
 public:
  std::string kind() const override { return "Softmax"; }
  std::string describe() const override { return "Softmax"; }
  Shape output_shape(const Shape& input) const override;

  Tensor<T> forward(Tensor<T> x, Mode mode) override;  // (N, L) → (N, L)
  Tensor<T> backward(Tensor<T> dy) override;

 private:
  Tensor<T> y_;  // cached output
};

}  // namespace neurostep
