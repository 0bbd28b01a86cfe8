// dense.h — the fully connected layer y = x·Wᵀ + b (Jäppinen 2024, eq. 32; Creus & Picón, eq. 6).
// W is (O, I) as in PyTorch, so row j holds the weights into output unit j.
#pragma once

#include "core/layer.h"

namespace neurostep {

template <typename T>
class Dense final : public Layer<T> {
 public:
  Dense(int inputs, int outputs, bool use_bias = true);

  std::string kind() const override { return "Dense"; }
  std::string describe() const override;
  Shape output_shape(const Shape& input) const override;

  Tensor<T> forward(Tensor<T> x, Mode mode) override;  // (N, I) → (N, O)
  Tensor<T> backward(Tensor<T> dy) override;           // (N, O) → (N, I)
  std::vector<Param<T>> params() override;

  int inputs() const { return inputs_; }
  int outputs() const { return outputs_; }
  bool has_bias() const { return use_bias_; }

  Tensor<T> W, b;    // (O, I), (O)
  Tensor<T> dW, db;  // gradients, same shapes

 private:
  int inputs_, outputs_;
  bool use_bias_;
  Tensor<T> x_;  // cached input (N, I)
};

}  // namespace neurostep
