#include "core/batchnorm.h"

#include <cmath>
#include <fmt/format.h>

namespace neurostep {

template <typename T>
BatchNorm<T>::BatchNorm(int channels, BatchNormOptions options)
    : gamma({channels}, T(1)),
      beta({channels}),
      dgamma({channels}),
      dbeta({channels}),
      running_mean({channels}),
      running_var({channels}, T(1)),
      channels_(channels),
      options_(options) {}

template <typename T>
std::string BatchNorm<T>::describe() const {
  return fmt::format("BatchNorm {} channels", channels_);
}

template <typename T>
Shape BatchNorm<T>::output_shape(const Shape& input) const {
  if (input.empty() || input[0] != channels_ || (input.size() != 1 && input.size() != 3))
    throw ShapeError(
        fmt::format("BatchNorm of {} channels needs (C) or (C, H, W) input, not {}", channels_, shape_string(input)));
  return input;
}

namespace {
// Visits x as (N, C, S) where S = H·W (or 1 for (N, C) input): f(index, channel).
template <typename T, typename F>
void for_each_in_channel_order(const Shape& shape, F&& f) {
  const int n = shape[0], C = shape[1];
  const std::size_t S = shape.size() == 4 ? static_cast<std::size_t>(shape[2]) * shape[3] : 1;
  std::size_t i = 0;
  for (int s = 0; s < n; ++s)
    for (int c = 0; c < C; ++c)
      for (std::size_t k = 0; k < S; ++k, ++i) f(i, c);
}
}  // namespace

template <typename T>
Tensor<T> BatchNorm<T>::forward(Tensor<T> x, Mode mode) {
  assert((x.rank() == 2 || x.rank() == 4) && x.dim(1) == channels_ &&
         "BatchNorm::forward: input must be (N, C[, H, W])");
  const double per_channel = static_cast<double>(x.size()) / channels_;
  std::vector<double> mean(channels_, 0.0), var(channels_, 0.0);
  if (mode == Mode::Train) {
    for_each_in_channel_order<T>(x.shape(), [&](std::size_t i, int c) { mean[c] += x[i]; });
    for (auto& m : mean) m /= per_channel;
    for_each_in_channel_order<T>(x.shape(),
                                 [&](std::size_t i, int c) { var[c] += (x[i] - mean[c]) * (x[i] - mean[c]); });
    for (int c = 0; c < channels_; ++c) {
      var[c] /= per_channel;  // biased σ² normalizes the batch
      const double unbiased = per_channel > 1 ? var[c] * per_channel / (per_channel - 1) : var[c];
      running_mean[c] = T((1 - options_.momentum) * running_mean[c] + options_.momentum * mean[c]);
      running_var[c] = T((1 - options_.momentum) * running_var[c] + options_.momentum * unbiased);
    }
  } else {
    for (int c = 0; c < channels_; ++c) {
      mean[c] = running_mean[c];
      var[c] = running_var[c];
    }
  }
  inv_std_.resize(channels_);
  mean_.resize(channels_);
  var_.resize(channels_);
  for (int c = 0; c < channels_; ++c) {
    inv_std_[c] = T(1.0 / std::sqrt(var[c] + options_.epsilon));
    mean_[c] = T(mean[c]);
    var_[c] = T(var[c]);
  }
  x_hat_ = Tensor<T>(x.shape());
  Tensor<T> y(x.shape());
  for_each_in_channel_order<T>(x.shape(), [&](std::size_t i, int c) {
    x_hat_[i] = T((x[i] - mean[c]) * inv_std_[c]);  // x̂ = (x − μ)/√(σ² + ε) (eq. 58)
    y[i] = gamma[c] * x_hat_[i] + beta[c];          // y = γ·x̂ + β (eq. 57)
  });
  train_mode_ = mode == Mode::Train;
  return y;
}

template <typename T>
Tensor<T> BatchNorm<T>::backward(Tensor<T> dy) {
  const double M = static_cast<double>(dy.size()) / channels_;
  std::vector<double> sum_dxhat(channels_, 0.0), sum_dxhat_xhat(channels_, 0.0);
  for_each_in_channel_order<T>(dy.shape(), [&](std::size_t i, int c) {
    dbeta[c] += dy[i];               // ∂E/∂β = Σ δ
    dgamma[c] += dy[i] * x_hat_[i];  // ∂E/∂γ = Σ δ·x̂
    const double dxhat = dy[i] * gamma[c];
    sum_dxhat[c] += dxhat;
    sum_dxhat_xhat[c] += dxhat * x_hat_[i];
  });
  // ∂E/∂x, with M values per channel. In training μ and σ² are computed from x too, so x reaches E
  // three ways and ∂E/∂x has three terms (each divided by √(σ² + ε)):
  //   ∂E/∂x̂                    directly, through x̂ = (x − μ)/√(σ² + ε)
  //   − mean(∂E/∂x̂)            through μ (every x̂ of the channel moves when μ does)
  //   − x̂·mean(∂E/∂x̂ · x̂)      through σ² (every x̂ shrinks or grows when σ² does)
  // In inference μ and σ² are the running statistics, constants: only the first term is left.
  Tensor<T> dx(dy.shape());
  for_each_in_channel_order<T>(dy.shape(), [&](std::size_t i, int c) {
    const double dxhat = dy[i] * gamma[c];  // ∂E/∂x̂ = δ·γ
    if (train_mode_) {
      const double via_mean = sum_dxhat[c] / M;                       // mean(∂E/∂x̂)
      const double via_variance = x_hat_[i] * sum_dxhat_xhat[c] / M;  // x̂·mean(∂E/∂x̂·x̂)
      dx[i] = T(inv_std_[c] * (dxhat - via_mean - via_variance));
    } else {
      dx[i] = T(inv_std_[c] * dxhat);
    }
  });
  return dx;
}

template class BatchNorm<float>;
template class BatchNorm<double>;

}  // namespace neurostep
