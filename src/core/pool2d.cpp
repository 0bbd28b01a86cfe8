#include "core/pool2d.h"

#include <fmt/format.h>

#include "core/conv2d.h"

namespace neurostep {

template <typename T>
Pool2D<T>::Pool2D(PoolKind kind, int size, int stride) : kind_(kind), size_(size), stride_(stride) {
  assert(size >= 1 && stride >= 1 && "Pool2D: size and stride must be at least 1");
}

template <typename T>
std::string Pool2D<T>::describe() const {
  return fmt::format("{} {}×{}, stride {}", kind(), size_, size_, stride_);
}

template <typename T>
Shape Pool2D<T>::output_shape(const Shape& input) const {
  if (input.size() != 3) throw ShapeError(fmt::format("{} needs (C, H, W) input, not {}", kind(), shape_string(input)));
  const int h = sliding_output_size(input[1], size_, stride_, 0);
  const int w = sliding_output_size(input[2], size_, stride_, 0);
  if (h <= 0 || w <= 0)
    throw ShapeError(
        fmt::format("{} window {}×{} does not fit a {}×{} input", kind(), size_, size_, input[1], input[2]));
  return {input[0], h, w};
}

// The largest cell of a size × size window and where it is. Strict '>': the first maximum wins a
// tie. Selects rather than branches, as which cell wins is unpredictable.
template <typename T, typename Size>
static std::pair<int, T> window_max(const T* xp, int corner, int Wd, Size size) {
  int best = corner;
  T best_value = xp[corner];
  for (int p = 0; p < size; ++p)
    for (int q = 0; q < size; ++q) {
      const int at = corner + p * Wd + q;
      const bool better = xp[at] > best_value;
      best = better ? at : best;
      best_value = better ? xp[at] : best_value;
    }
  return {best, best_value};
}

// One output row of 2×2 windows at stride 2 (the usual pooling) from input rows r0 and r1: the same
// comparisons in the same order as window_max, written so that the compiler vectorizes them (a
// ninth of the time of Lazović's CNN went to its first ReLU and pooling: bench/layer_profile.sh).
template <typename T>
static void max_pool_2x2_row(const T* __restrict r0, const T* __restrict r1, int corner, int Wd, int Wo,
                             T* __restrict to, int* __restrict where) {
  for (int j = 0; j < Wo; ++j) {
    const T a = r0[2 * j], b = r0[2 * j + 1], c = r1[2 * j], d = r1[2 * j + 1];
    // std::max(v, x) is x > v ? x : v, which keeps the first maximum and a leading NaN
    const int b_wins = b > a, c_wins = c > std::max(a, b), d_wins = d > std::max(std::max(a, b), c);
    int best = b_wins;
    best += c_wins * (Wd - best);
    best += d_wins * (Wd + 1 - best);
    to[j] = std::max(std::max(std::max(a, b), c), d);
    where[j] = corner + 2 * j + best;
  }
}

template <typename T>
Tensor<T> Pool2D<T>::forward(Tensor<T> x, Mode) {
  assert(x.rank() == 4 && "Pool2D::forward: input must be (N, C, H, W)");
  const Shape out = output_shape({x.dim(1), x.dim(2), x.dim(3)});
  const int n = x.dim(0), C = x.dim(1), H = x.dim(2), Wd = x.dim(3), Ho = out[1], Wo = out[2];
  const int size = size_, stride = stride_;
  in_shape_ = x.shape();
  Tensor<T> y({n, C, Ho, Wo});
  T* to = y.data();
  if (kind_ == PoolKind::Max) argmax_.resize(y.size());
  int* where = argmax_.data();
  const T inv_area = T(1) / T(size * size);
  for (int plane = 0; plane < n * C; ++plane) {
    const T* xp = x.data() + static_cast<std::size_t>(plane) * H * Wd;
    if (kind_ == PoolKind::Max && size == 2 && stride == 2) {
      for (int i = 0; i < Ho; ++i, to += Wo, where += Wo)
        max_pool_2x2_row(xp + 2 * i * Wd, xp + (2 * i + 1) * Wd, 2 * i * Wd, Wd, Wo, to, where);
      continue;
    }
    for (int i = 0; i < Ho; ++i)
      for (int j = 0; j < Wo; ++j) {
        const int corner = (i * stride) * Wd + j * stride;
        if (kind_ == PoolKind::Max) {
          // 2×2 windows at another stride, with the size known to the compiler
          const auto [best, best_value] = size == 2 ? window_max(xp, corner, Wd, std::integral_constant<int, 2>{})
                                                    : window_max(xp, corner, Wd, size);
          *where++ = best;
          *to++ = best_value;
        } else {
          T sum = 0;
          for (int p = 0; p < size; ++p)
            for (int q = 0; q < size; ++q) sum += xp[corner + p * Wd + q];
          *to++ = sum * inv_area;  // y = (1/f²) Σ x (Jäppinen 2024, eq. 77)
        }
      }
  }
  return y;
}

template <typename T>
Tensor<T> Pool2D<T>::backward(Tensor<T> dy) {
  const int n = in_shape_[0], C = in_shape_[1], H = in_shape_[2], Wd = in_shape_[3];
  const int Ho = dy.dim(2), Wo = dy.dim(3);
  Tensor<T> dx(in_shape_);
  const T inv_area = T(1) / T(size_ * size_);
  std::size_t o = 0;
  for (int plane = 0; plane < n * C; ++plane) {
    T* dxp = dx.data() + static_cast<std::size_t>(plane) * H * Wd;
    for (int i = 0; i < Ho; ++i)
      for (int j = 0; j < Wo; ++j, ++o) {
        if (kind_ == PoolKind::Max) {
          dxp[argmax_[o]] += dy[o];  // only the maximum passes δ on (Jäppinen 2024, eq. 76)
        } else {
          for (int p = 0; p < size_; ++p)
            for (int q = 0; q < size_; ++q)
              dxp[(i * stride_ + p) * Wd + j * stride_ + q] += dy[o] * inv_area;  // eq. 79
        }
      }
  }
  return dx;
}

template class Pool2D<float>;
template class Pool2D<double>;

}  // namespace neurostep
