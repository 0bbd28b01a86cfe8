#include "core/shape_layers.h"

#include <fmt/format.h>

namespace neurostep {

template <typename T>
Tensor<T> Flatten<T>::forward(Tensor<T> x, Mode) {
  in_shape_ = x.shape();
  const int n = x.dim(0);
  const int per_sample = static_cast<int>(x.size() / static_cast<std::size_t>(n));
  return std::move(x).reshaped({n, per_sample});
}

template <typename T>
Dropout<T>::Dropout(double rate, std::uint64_t seed) : rate_(rate), rng_(seed) {
  assert(rate >= 0 && rate < 1 && "Dropout: the rate must be in [0, 1)");
}

template <typename T>
std::string Dropout<T>::describe() const {
  return fmt::format("Dropout p = {}", rate_);
}

template <typename T>
Tensor<T> Dropout<T>::forward(Tensor<T> x, Mode mode) {
  if (mode == Mode::Eval || rate_ == 0) {
    mask_ = Tensor<T>();
    draws_.clear();
    return x;
  }
  mask_ = Tensor<T>(x.shape());
  draws_.resize(mask_.size());
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const T keep_scale = T(1.0 / (1.0 - rate_));
  for (std::size_t i = 0; i < mask_.size(); ++i) {
    draws_[i] = u(rng_);
    mask_[i] = draws_[i] < rate_ ? T(0) : keep_scale;
  }
  x.array() *= mask_.array();
  return x;
}

template <typename T>
Tensor<T> Dropout<T>::backward(Tensor<T> dy) {
  if (mask_.empty()) return dy;
  dy.array() *= mask_.array();  // dropped units pass no gradient
  return dy;
}

template <typename T>
std::string Pad2D<T>::describe() const {
  return fmt::format("Pad2D {} zeros", pad_);
}

template <typename T>
Shape Pad2D<T>::output_shape(const Shape& input) const {
  if (input.size() != 3) throw ShapeError(fmt::format("Pad2D needs (C, H, W) input, not {}", shape_string(input)));
  return {input[0], input[1] + 2 * pad_, input[2] + 2 * pad_};
}

template <typename T>
Tensor<T> Pad2D<T>::forward(Tensor<T> x, Mode) {
  in_shape_ = x.shape();
  const int n = x.dim(0), C = x.dim(1), H = x.dim(2), W = x.dim(3);
  Tensor<T> y({n, C, H + 2 * pad_, W + 2 * pad_});
  for (int s = 0; s < n; ++s)
    for (int c = 0; c < C; ++c)
      for (int h = 0; h < H; ++h)
        for (int w = 0; w < W; ++w) y.at(s, c, h + pad_, w + pad_) = x.at(s, c, h, w);
  return y;
}

template <typename T>
Tensor<T> Pad2D<T>::backward(Tensor<T> dy) {
  Tensor<T> dx(in_shape_);
  const int n = in_shape_[0], C = in_shape_[1], H = in_shape_[2], W = in_shape_[3];
  for (int s = 0; s < n; ++s)
    for (int c = 0; c < C; ++c)
      for (int h = 0; h < H; ++h)
        for (int w = 0; w < W; ++w) dx.at(s, c, h, w) = dy.at(s, c, h + pad_, w + pad_);
  return dx;
}

template class Flatten<float>;
template class Flatten<double>;
template class Dropout<float>;
template class Dropout<double>;
template class Pad2D<float>;
template class Pad2D<double>;

}  // namespace neurostep
