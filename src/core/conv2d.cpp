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
    : W({filters, in_channels, kernel, kernel}),
      b({filters}),
      dW({filters, in_channels, kernel, kernel}),
      db({filters}),
      channels_(in_channels),
      filters_(filters),
      kernel_(kernel),
      pad_(options.same ? (kernel - 1) / 2 : options.padding),
      options_(options) {
  assert(options.stride >= 1 && "Conv2D: stride must be at least 1");
}

template <typename T>
std::string Conv2D<T>::describe() const {
  return fmt::format("Conv2D {}×{}×{} → {} filters, stride {}, {}", kernel_, kernel_, channels_, filters_,
                     options_.stride,
                     options_.same ? "'same'"
                     : pad_ == 0   ? "'valid'"
                                   : fmt::format("pad {}", pad_));
}

template <typename T>
Shape Conv2D<T>::output_shape(const Shape& input) const {
  if (input.size() != 3 || input[0] != channels_)
    throw ShapeError(
        fmt::format("Conv2D needs {} input channels as (C, H, W) but gets {}", channels_, shape_string(input)));
  if (options_.same && kernel_ % 2 == 0)
    throw ShapeError(fmt::format("Conv2D 'same' padding needs an odd kernel, not {}×{}", kernel_, kernel_));
  const int h = sliding_output_size(input[1], kernel_, options_.stride, pad_);
  const int w = sliding_output_size(input[2], kernel_, options_.stride, pad_);
  if (h <= 0 || w <= 0)
    throw ShapeError(fmt::format("Conv2D {}×{} kernel with padding {} does not fit a {}×{} input", kernel_, kernel_,
                                 pad_, input[1], input[2]));
  return {filters_, h, w};
}

// Whether fewer than `share` of t's values are nonzero.
template <typename T>
static bool nonzero_share_below(const Tensor<T>& t, double share) {
  const auto nonzero = std::count_if(t.values().begin(), t.values().end(), [](T v) { return v != T(0); });
  return static_cast<double>(nonzero) < share * static_cast<double>(t.size());
}

// The share of nonzero inputs below which forward_sparse is faster than im2col and a matrix
// product, and the fewest channels for which it is (measured on the MNIST models: Lazović's second
// convolution sees 30–60 % of its inputs nonzero, fewer as it learns).
constexpr double kSparseInputBelow = 0.6;
constexpr int kSparseMinChannels = 8;

template <typename T>
Tensor<T> Conv2D<T>::forward(Tensor<T> x, Mode) {
  assert(x.rank() == 4 && x.dim(1) == channels_ && "Conv2D::forward: input must be (N, C, H, W)");
  const Shape out = output_shape({x.dim(1), x.dim(2), x.dim(3)});
  x_ = std::move(x);
  out_h_ = out[1];
  out_w_ = out[2];
  Tensor<T> y({x_.dim(0), filters_, out_h_, out_w_});
  if (channels_ >= kSparseMinChannels && nonzero_share_below(x_, kSparseInputBelow))
    forward_sparse(y);
  else
    forward_dense(y);
  return y;
}

// The share of nonzero δ below which backward_sparse is faster than the matrix products, measured on
// the MNIST models (behind 2×2 max-pooling at most a quarter is nonzero), and the shortest kernel
// row (K·C values) for which it is: a single-channel layer's rows of K values are too short to pay
// for sorting out the nonzero δ.
constexpr double kSparseBelow = 0.4;
constexpr int kSparseMinRun = 16;

template <typename T>
Tensor<T> Conv2D<T>::backward(Tensor<T> dy) {
  assert(dy.shape() == (Shape{x_.dim(0), filters_, out_h_, out_w_}) &&
         "Conv2D::backward: dy shape differs from forward output");
  Tensor<T> dx = this->input_grad_wanted_ ? Tensor<T>(x_.shape()) : Tensor<T>();
  if (kernel_ * channels_ >= kSparseMinRun && nonzero_share_below(dy, kSparseBelow))
    backward_sparse(dy, dx);
  else
    backward_dense(dy, dx);
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
