#include "core/conv2d.h"

#include <fmt/format.h>

#include <algorithm>

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

// The output columns j whose input column j·s + q − pad lies inside [0, W): the range [first, last).
struct ValidRange {
  int first, last;
};
static ValidRange valid_columns(int q, int s, int pad, int W, int Wo) {
  const int lo = pad - q, hi = W - 1 + pad - q;  // need lo ≤ j·s ≤ hi
  const int first = lo <= 0 ? 0 : (lo + s - 1) / s;
  const int last = hi < 0 ? 0 : std::min(Wo, hi / s + 1);
  return {std::min(first, last), last};
}

// Copies the receptive fields of one sample into columns: cols[(c·K + p)·K + q][i·Wo + j] = x_pad[c, i·s + p, j·s + q].
// The columns that fall on the padding are zero; the rest are a strided (for s = 1 contiguous) copy.
template <typename T>
static void im2col(const T* x, int C, int H, int Wd, int K, int s, int pad, int Ho, int Wo, T* cols) {
  for (int c = 0; c < C; ++c)
    for (int p = 0; p < K; ++p)
      for (int q = 0; q < K; ++q) {
        T* row = cols + static_cast<std::size_t>((c * K + p) * K + q) * Ho * Wo;
        const auto [first, last] = valid_columns(q, s, pad, Wd, Wo);
        for (int i = 0; i < Ho; ++i) {
          T* out = row + i * Wo;
          const int h = i * s + p - pad;
          if (h < 0 || h >= H) {
            std::fill(out, out + Wo, T(0));
            continue;
          }
          const int base = (c * H + h) * Wd + q - pad;  // x[base + j·s] is x_pad[c, h, j·s + q]
          std::fill(out, out + first, T(0));
          if (s == 1)
            std::copy(x + base + first, x + base + last, out + first);
          else
            for (int j = first; j < last; ++j) out[j] = x[base + j * s];
          std::fill(out + last, out + Wo, T(0));
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
        const auto [first, last] = valid_columns(q, s, pad, Wd, Wo);
        for (int i = 0; i < Ho; ++i) {
          const int h = i * s + p - pad;
          if (h < 0 || h >= H) continue;
          const T* in = row + i * Wo;
          const int base = (c * H + h) * Wd + q - pad;
          if (s == 1)
            for (int j = first; j < last; ++j) dx[base + j] += in[j];
          else
            for (int j = first; j < last; ++j) dx[base + j * s] += in[j];
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
  const bool want_dx = this->input_grad_wanted_;
  Tensor<T> dx = want_dx ? Tensor<T>(in_shape_) : Tensor<T>();
  auto dWm = dW.matrix(filters_, rows);
  const auto Wm = W.matrix(filters_, rows);
  MatrixRM<T> dcols(rows, hw);
  for (int s = 0; s < n; ++s) {
    Eigen::Map<const MatrixRM<T>> delta(dy.data() + static_cast<std::size_t>(s) * filters_ * hw, filters_, hw);
    Eigen::Map<const MatrixRM<T>> cols(cols_.data() + static_cast<std::size_t>(s) * rows * hw, rows, hw);
    dWm.noalias() += delta * cols.transpose();  // ∂E/∂W = x ⋆ δ (seed 002 eq. 68)
    if (options_.use_bias)
      Eigen::Map<Eigen::Matrix<T, Eigen::Dynamic, 1>>(db.data(), filters_) += delta.rowwise().sum();  // ∂E/∂b = Σ δ
    if (!want_dx) continue;
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
