// conv2d.h — 2-D convolution (cross-correlation, as in every deep-learning library) over
// multi-channel inputs, with stride and zero padding (Jäppinen 2024, eq. 59, §3.2.1).
//
//   z[n,f,i,j] = b[f] + Σ_c Σ_p Σ_q x_pad[n, c, i·s + p, j·s + q] · W[f, c, p, q]
//
// Output size per side: ⌊(h + 2p − k)/s⌋ + 1. 'same' padding keeps h for stride 1 and odd k.
// Two ways to compute each pass, the same numbers up to rounding:
// - conv2d_dense.cpp, im2col: each sample's receptive fields become the columns of a (C·K·K, Ho·Wo)
//   matrix, the samples of a batch side by side, so forward is one matrix product and backward two
//   (Jäppinen 2024, eqs. 63–71: ∂E/∂W is the correlation of the input with δ, ∂E/∂x the full convolution
//   of δ with the flipped W);
// - conv2d_sparse.cpp, for inputs or δ that are mostly zero (behind ReLU and max-pooling): the
//   same sums read cell by cell, skipping the zeros.
// forward and backward count the zeros and pick the faster (the thresholds are in conv2d.cpp).
#pragma once

#include <cstdint>

#include "core/kernels.h"
#include "core/layer.h"

namespace neurostep {

struct ConvOptions {
  int stride = 1;
  int padding = 0;    // zero padding on every side
  bool same = false;  // 'same': padding (k − 1)/2, output size = input size at stride 1 (odd k only)
  bool use_bias = true;
};

template <typename T>
class Conv2D final : public Layer<T> {
 public:
  Conv2D(int in_channels, int filters, int kernel, ConvOptions options = {});

  std::string kind() const override { return "Conv2D"; }
  std::string describe() const override;
  Shape output_shape(const Shape& input) const override;  // {C, H, W} → {F, Ho, Wo}

  Tensor<T> forward(Tensor<T> x, Mode mode) override;  // (N, C, H, W) → (N, F, Ho, Wo)
  Tensor<T> backward(Tensor<T> dy) override;           // (N, F, Ho, Wo) → (N, C, H, W)
  std::vector<Param<T>> params() override;

  int in_channels() const { return channels_; }
  int filters() const { return filters_; }
  int kernel() const { return kernel_; }
  int stride() const { return options_.stride; }
  int padding() const { return pad_; }

  Tensor<T> W, b;  // (F, C, K, K), (F)
  Tensor<T> dW, db;

 private:
  int channels_, filters_, kernel_, pad_;
  ConvOptions options_;
  std::size_t columns_per_sample() const;        // C·K·K · Ho·Wo
  int chunk_samples(int n) const;                // samples per matrix product
  const T* build_columns(int first, int count);  // im2col of samples [first, first + count) of x_ into cols_
  void forward_dense(Tensor<T>& y);
  void forward_sparse(Tensor<T>& y);
  void backward_dense(const Tensor<T>& dy, Tensor<T>& dx);
  void backward_sparse(const Tensor<T>& dy, Tensor<T>& dx);

  Tensor<T> x_;  // the input of the last forward
  int out_h_ = 0, out_w_ = 0;
  std::vector<T> cols_;     // scratch: (C·K·K, m·Ho·Wo), the columns of a chunk of m samples side by side
  std::vector<T> product_;  // scratch: (F, m·Ho·Wo), forward's W·cols and backward's δ of a chunk
  std::vector<T> dcols_;    // scratch: (C·K·K, m·Ho·Wo), ∂E/∂cols of a chunk
  // scratch of the sparse passes, channels last: W as forward wants it, (C, K, K, F), or as backward
  // does, (F, K, K, C), with ∂E/∂W likewise; a sample zero-padded as (H + 2·pad, W + 2·pad, C) and
  // its ∂E/∂x likewise; a sample's output as (Ho·Wo, F)
  std::vector<T> w_last_, dw_last_, x_last_, dx_last_, y_last_;
  // the nonzero δ of a sample by filter (filter f's end at filter_end_[f]), and its nonzero inputs
  // by padded input cell (cell k's end at cell_end_[k])
  std::vector<WeightedRun<T>> by_filter_, nonzero_;
  std::vector<std::size_t> filter_end_;
  std::vector<std::size_t> cell_end_;
};

// Output length of a sliding window along one side: ⌊(size + 2·padding − window)/stride⌋ + 1,
// or 0 when the window does not fit (Jäppinen 2024, §3.2.1).
int sliding_output_size(int size, int window, int stride, int padding);

}  // namespace neurostep
