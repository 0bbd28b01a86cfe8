// shape_layers.h — layers that move or mask values without learning anything:
//   Flatten:  (N, C, H, W) → (N, C·H·W), row-major, as Keras and PyTorch flatten NCHW.
//   Dropout:  inverted dropout (Jäppinen 2024, §3.2.4). In training each value is kept with probability
//             1 − p and scaled by 1/(1 − p), so nothing changes at evaluation time; the random mask
//             comes from the layer's own seeded generator, so a run is reproducible.
//   Pad2D:    zero padding around each image (LeNet-5 pads 28×28 to 32×32, Jäppinen 2024, §3.6.1).
#pragma once

#include <random>
#include <vector>

#include "core/layer.h"

namespace neurostep {

template <typename T>
class Flatten final : public Layer<T> {
 public:
  std::string kind() const override { return "Flatten"; }
  std::string describe() const override { return "Flatten"; }
  Shape output_shape(const Shape& input) const override { return {static_cast<int>(shape_size(input))}; }
  Tensor<T> forward(Tensor<T> x, Mode mode) override;
  Tensor<T> backward(Tensor<T> dy) override { return std::move(dy).reshaped(in_shape_); }

 private:
  Shape in_shape_;
};

template <typename T>
class Dropout final : public Layer<T> {
 public:
  Dropout(double rate, std::uint64_t seed);
  std::string kind() const override { return "Dropout"; }
  std::string describe() const override;
  Shape output_shape(const Shape& input) const override { return input; }
  Tensor<T> forward(Tensor<T> x, Mode mode) override;
  Tensor<T> backward(Tensor<T> dy) override;
  double rate() const { return rate_; }
  void reseed(std::uint64_t seed) { rng_.seed(seed); }
  // What the last training forward drew, for the dropout lesson to show: the mask (0 or 1/(1 − p)
  // per element) and each element's dropout number u, uniform in [0, 1) — dropped when u < p (Jäppinen
  // 2024, §3.2.4). Both are empty after an Eval forward and with p = 0 (then nothing is drawn).
  const Tensor<T>& mask() const { return mask_; }
  const std::vector<double>& draws() const { return draws_; }

 private:
  double rate_;
  std::mt19937_64 rng_;
  Tensor<T> mask_;             // 0 or 1/(1 − p) per element of the last training forward; empty in Eval
  std::vector<double> draws_;  // the dropout numbers u behind mask_, same order
};

template <typename T>
class Pad2D final : public Layer<T> {
 public:
  explicit Pad2D(int padding) : pad_(padding) {}
  std::string kind() const override { return "Pad2D"; }
  std::string describe() const override;
  Shape output_shape(const Shape& input) const override;
  Tensor<T> forward(Tensor<T> x, Mode mode) override;
  Tensor<T> backward(Tensor<T> dy) override;

 private:
  int pad_;
  Shape in_shape_;
};

}  // namespace neurostep
