#include "core/conv2d.h"

#include <fmt/format.h>

namespace neurostep {

int sliding_output_size(int size, int window, int stride, int padding) {
  const int span = size + 2 * padding - window;
  return span < 0 ? 0 : span / stride + 1;
}

template <typename T>
Conv2D<T>::Conv2D(int in_channels, int filters, int kernel, ConvOptions options)
    : W({filters, in_channels, kernel, kernel}), b({filters}), dW({filters, in_channels, kernel, kernel}),
      db({filters}), channels_(in_channels), filters_(filters), kernel_(kernel),
      pad_(options.same ? (kernel - 1) / 2 : options.padding), options_(options) {
  assert(options.stride >= 1 && "Conv2D: stride must be at least 1");
}

template <typename T>
std::string Conv2D<T>::describe() const {
  return fmt::format("Conv2D {}×{}×{} → {} filters, stride {}, {}", kernel_, kernel_, channels_, filters_,
                     options_.stride, options_.same ? "'same'" : pad_ == 0 ? "'valid'" : fmt::format("pad {}", pad_));
}

template <typename T>
Shape Conv2D<T>::output_shape(const Shape& input) const {
  if (input.size() != 3 || input[0] != channels_)
    throw ShapeError(fmt::format("Conv2D needs {} input channels as (C, H, W) but gets {}", channels_,
                                 shape_string(input)));
  if (options_.same && kernel_ % 2 == 0)
    throw ShapeError(fmt::format("Conv2D 'same' padding needs an odd kernel, not {}×{}", kernel_, kernel_));
  const int h = sliding_output_size(input[1], kernel_, options_.stride, pad_);
  const int w = sliding_output_size(input[2], kernel_, options_.stride, pad_);
  if (h <= 0 || w <= 0)
    throw ShapeError(fmt::format("Conv2D {}×{} kernel with padding {} does not fit a {}×{} input", kernel_, kernel_,
                                 pad_, input[1], input[2]));
  return {filters_, h, w};
}

// Copies the receptive fields of one sample into columns: cols[(c·K + p)·K + q][i·Wo + j] = x_pad[c, i·s + p, j·s + q].
template <typename T>
static void im2col(const T* x, int C, int H, int Wd, int K, int s, int pad, int Ho, int Wo, T* cols) {
  for (int c = 0; c < C; ++c)
    for (int p = 0; p < K; ++p)
      for (int q = 0; q < K; ++q) {
        T* row = cols + static_cast<std::size_t>((c * K + p) * K + q) * Ho * Wo;
        for (int i = 0; i < Ho; ++i) {
          const int h = i * s + p - pad;
          for (int j = 0; j < Wo; ++j) {
            const int w = j * s + q - pad;
            row[i * Wo + j] = (h >= 0 && h < H && w >= 0 && w < Wd) ? x[(c * H + h) * Wd + w] : T(0);
          }
        }
      }
}

// The adjoint of im2col: adds every column entry back onto the input cell it came from.
template <typename T>
static void col2im(const T* cols, int C, int H, int Wd, int K, int s, int pad, int Ho, int Wo, T* dx) {
  for (int c = 0; c < C; ++c)
    for (int p = 0; p < K; ++p)
      for (int q = 0; q < K; ++q) {
        const T* row = cols + static_cast<std::size_t>((c * K + p) * K + q) * Ho * Wo;
        for (int i = 0; i < Ho; ++i) {
          const int h = i * s + p - pad;
          if (h < 0 || h >= H) continue;
          for (int j = 0; j < Wo; ++j) {
            const int w = j * s + q - pad;
            if (w >= 0 && w < Wd) dx[(c * H + h) * Wd + w] += row[i * Wo + j];
          }
        }
      }
}

template <typename T>
Tensor<T> Conv2D<T>::forward(const Tensor<T>& x, Mode) {
  assert(x.rank() == 4 && x.dim(1) == channels_ && "Conv2D::forward: input must be (N, C, H, W)");
  const Shape out = output_shape({x.dim(1), x.dim(2), x.dim(3)});
  const int n = x.dim(0), H = x.dim(2), Wd = x.dim(3);
  in_shape_ = x.shape();
  out_h_ = out[1];
  out_w_ = out[2];
  const int rows = channels_ * kernel_ * kernel_, hw = out_h_ * out_w_;
  cols_.resize(static_cast<std::size_t>(n) * rows * hw);

  Tensor<T> y({n, filters_, out_h_, out_w_});
  const auto Wm = W.matrix(filters_, rows);
  for (int s = 0; s < n; ++s) {
    T* cols = cols_.data() + static_cast<std::size_t>(s) * rows * hw;
    im2col(x.data() + static_cast<std::size_t>(s) * channels_ * H * Wd, channels_, H, Wd, kernel_, options_.stride,
           pad_, out_h_, out_w_, cols);
    Eigen::Map<MatrixRM<T>> ys(y.data() + static_cast<std::size_t>(s) * filters_ * hw, filters_, hw);
    ys.noalias() = Wm * Eigen::Map<const MatrixRM<T>>(cols, rows, hw);  // z = W ⋆ x (seed 002 eq. 59)
    if (options_.use_bias) ys.colwise() += Eigen::Map<const Eigen::Matrix<T, Eigen::Dynamic, 1>>(b.data(), filters_);
  }
  return y;
}

template <typename T>
Tensor<T> Conv2D<T>::backward(const Tensor<T>& dy) {
  const int n = in_shape_[0], H = in_shape_[2], Wd = in_shape_[3];
  const int rows = channels_ * kernel_ * kernel_, hw = out_h_ * out_w_;
  assert(dy.shape() == (Shape{n, filters_, out_h_, out_w_}) && "Conv2D::backward: dy shape differs from forward output");
  Tensor<T> dx(in_shape_);
  auto dWm = dW.matrix(filters_, rows);
  const auto Wm = W.matrix(filters_, rows);
  MatrixRM<T> dcols(rows, hw);
  for (int s = 0; s < n; ++s) {
    Eigen::Map<const MatrixRM<T>> delta(dy.data() + static_cast<std::size_t>(s) * filters_ * hw, filters_, hw);
    Eigen::Map<const MatrixRM<T>> cols(cols_.data() + static_cast<std::size_t>(s) * rows * hw, rows, hw);
    dWm.noalias() += delta * cols.transpose();  // ∂E/∂W = x ⋆ δ (seed 002 eq. 68)
    if (options_.use_bias)
      Eigen::Map<Eigen::Matrix<T, Eigen::Dynamic, 1>>(db.data(), filters_) += delta.rowwise().sum();  // ∂E/∂b = Σ δ
    dcols.noalias() = Wm.transpose() * delta;  // ∂E/∂x = δ ∗ flip(W), gathered by col2im (seed 002 eq. 71)
    col2im(dcols.data(), channels_, H, Wd, kernel_, options_.stride, pad_, out_h_, out_w_,
           dx.data() + static_cast<std::size_t>(s) * channels_ * H * Wd);
  }
  return dx;
}

template <typename T>
std::vector<Param<T>> Conv2D<T>::params() {
  if (!options_.use_bias) return {{"W", &W, &dW}};
  return {{"W", &W, &dW}, {"b", &b, &db}};
}

template class Conv2D<float>;
template class Conv2D<double>;

}  // namespace neurostep
