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

// Copies the receptive fields of one sample into columns: cols[((c·K + p)·K + q)·ld + i·Wo + j] = x_pad[c, i·s + p, j·s + q],
// ld being the length of a row of the column matrix (several samples side by side).
// The columns that fall on the padding are zero; the rest are a strided (for s = 1 contiguous) copy.
template <typename T>
static void im2col(const T* x, int C, int H, int Wd, int K, int s, int pad, int Ho, int Wo, T* cols, std::size_t ld) {
  for (int c = 0; c < C; ++c)
    for (int p = 0; p < K; ++p)
      for (int q = 0; q < K; ++q) {
        T* row = cols + static_cast<std::size_t>((c * K + p) * K + q) * ld;
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
static void col2im(const T* cols, std::size_t ld, int C, int H, int Wd, int K, int s, int pad, int Ho, int Wo, T* dx) {
  for (int c = 0; c < C; ++c)
    for (int p = 0; p < K; ++p)
      for (int q = 0; q < K; ++q) {
        const T* row = cols + static_cast<std::size_t>((c * K + p) * K + q) * ld;
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

// Samples are processed in chunks whose columns sit side by side in one (C·K·K, m·Ho·Wo) matrix, so
// that each pass is one matrix product instead of m. The chunk is kept small enough to stay in the
// cache (kChunkColumns values, measured fastest for the MNIST models; at least one sample), and
// backward rebuilds a chunk's columns from the input rather than keeping them all from forward:
// copying them again is cheaper than reading them back from memory.
constexpr std::size_t kChunkColumns = std::size_t{1} << 16;

template <typename T>
std::size_t Conv2D<T>::columns_per_sample() const {
  return static_cast<std::size_t>(channels_ * kernel_ * kernel_) * out_h_ * out_w_;
}

template <typename T>
int Conv2D<T>::chunk_samples(int n) const {
  return static_cast<int>(std::clamp<std::size_t>(kChunkColumns / std::max<std::size_t>(columns_per_sample(), 1), 1,
                                                  static_cast<std::size_t>(std::max(n, 1))));
}

template <typename T>
const T* Conv2D<T>::build_columns(int first, int count) {
  const int H = x_.dim(2), Wd = x_.dim(3), hw = out_h_ * out_w_;
  cols_.resize(count * columns_per_sample());
  for (int s = 0; s < count; ++s)
    im2col(x_.data() + static_cast<std::size_t>(first + s) * channels_ * H * Wd, channels_, H, Wd, kernel_, options_.stride,
           pad_, out_h_, out_w_, cols_.data() + static_cast<std::size_t>(s) * hw, static_cast<std::size_t>(count) * hw);
  return cols_.data();
}

template <typename T>
Tensor<T> Conv2D<T>::forward(const Tensor<T>& x, Mode) {
  assert(x.rank() == 4 && x.dim(1) == channels_ && "Conv2D::forward: input must be (N, C, H, W)");
  const Shape out = output_shape({x.dim(1), x.dim(2), x.dim(3)});
  const int n = x.dim(0);
  x_ = x;
  out_h_ = out[1];
  out_w_ = out[2];
  const int rows = channels_ * kernel_ * kernel_, hw = out_h_ * out_w_, chunk = chunk_samples(n);
  Tensor<T> y({n, filters_, out_h_, out_w_});
  const auto Wm = W.matrix(filters_, rows);
  for (int first = 0; first < n; first += chunk) {
    const int m = std::min(chunk, n - first);
    const Eigen::Index width = static_cast<Eigen::Index>(m) * hw;
    // One sample's z goes straight into y; a chunk's is computed side by side, then spread out.
    T* y_first = y.data() + static_cast<std::size_t>(first) * filters_ * hw;
    if (m > 1) product_.resize(static_cast<std::size_t>(filters_) * width);
    Eigen::Map<MatrixRM<T>> z(m == 1 ? y_first : product_.data(), filters_, width);
    z.noalias() = Wm * Eigen::Map<const MatrixRM<T>>(build_columns(first, m), rows, width);  // z = W ⋆ x (seed 002 eq. 59)
    for (int s = 0; s < m; ++s) {
      Eigen::Map<MatrixRM<T>> ys(y_first + static_cast<std::size_t>(s) * filters_ * hw, filters_, hw);
      if (m > 1) ys = z.middleCols(static_cast<Eigen::Index>(s) * hw, hw);
      if (options_.use_bias) ys.colwise() += Eigen::Map<const Eigen::Matrix<T, Eigen::Dynamic, 1>>(b.data(), filters_);
    }
  }
  return y;
}

template <typename T>
Tensor<T> Conv2D<T>::backward(const Tensor<T>& dy) {
  const int n = x_.dim(0), H = x_.dim(2), Wd = x_.dim(3);
  const int rows = channels_ * kernel_ * kernel_, hw = out_h_ * out_w_, chunk = chunk_samples(n);
  assert(dy.shape() == (Shape{n, filters_, out_h_, out_w_}) && "Conv2D::backward: dy shape differs from forward output");
  const bool want_dx = this->input_grad_wanted_;
  Tensor<T> dx = want_dx ? Tensor<T>(x_.shape()) : Tensor<T>();
  auto dWm = dW.matrix(filters_, rows);
  const auto Wm = W.matrix(filters_, rows);
  for (int first = 0; first < n; first += chunk) {
    const int m = std::min(chunk, n - first);
    const Eigen::Index width = static_cast<Eigen::Index>(m) * hw;
    // δ of the chunk, samples side by side (one sample's is dy itself).
    const T* dy_first = dy.data() + static_cast<std::size_t>(first) * filters_ * hw;
    if (m > 1) {
      product_.resize(static_cast<std::size_t>(filters_) * width);
      Eigen::Map<MatrixRM<T>> gathered(product_.data(), filters_, width);
      for (int s = 0; s < m; ++s)
        gathered.middleCols(static_cast<Eigen::Index>(s) * hw, hw) =
            Eigen::Map<const MatrixRM<T>>(dy_first + static_cast<std::size_t>(s) * filters_ * hw, filters_, hw);
    }
    Eigen::Map<const MatrixRM<T>> delta(m == 1 ? dy_first : product_.data(), filters_, width);
    Eigen::Map<const MatrixRM<T>> cols(build_columns(first, m), rows, width);
    dWm.noalias() += delta * cols.transpose();  // ∂E/∂W = x ⋆ δ (seed 002 eq. 68)
    if (options_.use_bias)
      Eigen::Map<Eigen::Matrix<T, Eigen::Dynamic, 1>>(db.data(), filters_) += delta.rowwise().sum();  // ∂E/∂b = Σ δ
    if (!want_dx) continue;
    dcols_.resize(static_cast<std::size_t>(rows) * width);
    Eigen::Map<MatrixRM<T>> dcols(dcols_.data(), rows, width);
    dcols.noalias() = Wm.transpose() * delta;  // ∂E/∂x = δ ∗ flip(W), gathered by col2im (seed 002 eq. 71)
    for (int s = 0; s < m; ++s)
      col2im(dcols_.data() + static_cast<std::size_t>(s) * hw, static_cast<std::size_t>(width), channels_, H, Wd, kernel_,
             options_.stride, pad_, out_h_, out_w_, dx.data() + static_cast<std::size_t>(first + s) * channels_ * H * Wd);
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
