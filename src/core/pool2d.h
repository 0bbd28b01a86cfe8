// pool2d.h — max and average pooling over each channel (Jäppinen 2024, §3.2.2, §3.5.2).
//
// A window of size f moves with stride s; output side ⌊(h − f)/s⌋ + 1; windows may overlap (s < f).
// Max pooling: y = max over the window; backward sends δ only to the position of the maximum
// (Jäppinen 2024, eqs. 74–76). Ties go to the first maximum in row-major order (top-left first), as in
// PyTorch. Average pooling: y = mean of the window; backward spreads δ/(f·f) to every covered cell
// (eqs. 77–79). With overlapping windows a cell receives the sum of its shares.
#pragma once

#include "core/layer.h"

namespace neurostep {

enum class PoolKind { Max, Average };

template <typename T>
class Pool2D final : public Layer<T> {
 public:
  Pool2D(PoolKind kind, int size, int stride);

  std::string kind() const override { return kind_ == PoolKind::Max ? "MaxPool2D" : "AvgPool2D"; }
  std::string describe() const override;
  Shape output_shape(const Shape& input) const override;  // {C, H, W} → {C, Ho, Wo}

  Tensor<T> forward(Tensor<T> x, Mode mode) override;  // (N, C, H, W) → (N, C, Ho, Wo)
  Tensor<T> backward(Tensor<T> dy) override;

  PoolKind pool_kind() const { return kind_; }
  int size() const { return size_; }
  int stride() const { return stride_; }
  // For max pooling: the flat input index (within its sample and channel plane) each output took.
  const std::vector<int>& argmax() const { return argmax_; }

 private:
  PoolKind kind_;
  int size_, stride_;
  Shape in_shape_;
  std::vector<int> argmax_;  // one per output element (max pooling only)
};

template <typename T>
std::unique_ptr<Pool2D<T>> make_max_pool(int size, int stride) {
  return std::make_unique<Pool2D<T>>(PoolKind::Max, size, stride);
}
template <typename T>
std::unique_ptr<Pool2D<T>> make_avg_pool(int size, int stride) {
  return std::make_unique<Pool2D<T>>(PoolKind::Average, size, stride);
}

}  // namespace neurostep
