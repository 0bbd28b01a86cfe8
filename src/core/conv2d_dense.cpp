// conv2d_dense.cpp — Conv2D's forward and backward as matrix products over im2col columns, for
// inputs and δ that are mostly nonzero (see conv2d.h).
#include <algorithm>

#include "core/conv2d.h"
#include "core/kernels.h"

namespace neurostep {

// Copies [from, from + count) to `to`: a loop rather than std::copy (memmove). im2col copies runs
// as short as a row of the output (24 values for Sougrati et al.'s first convolution), and the web
// build compiles this file with -fno-builtin-memcpy (web/CMakeLists.txt), so that there the loop
// becomes WebAssembly SIMD instead of a call to memcpy per row (that layer's forward pass 19.6 →
// 13.5–15.6 µs a sample under node: bench/layer_profile.sh --web); a native compiler makes the
// loop a memcpy, as std::copy was.
template <typename T>
static void copy_run(const T* __restrict from, std::ptrdiff_t count, T* __restrict to) {
  for (std::ptrdiff_t i = 0; i < count; ++i) to[i] = from[i];
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

// Stride 1 with as many output as input columns ('same' padding): a row (c, p, q) of the column
// matrix is input plane c shifted by (p − pad, q − pad) — out[i·W + j] = x[(i + p − pad)·W + j + q − pad]
// — so it is one contiguous run of the plane. Cells whose source lies in the padding take a
// neighbouring row's value in that run (or fall outside it) and are zeroed afterwards.
struct Shift {
  int rows_first, rows_last;   // output rows whose source row lies inside the plane
  int cols_first, cols_last;   // likewise for columns
  std::ptrdiff_t first, last;  // the run [first, last) of output cells copied from x[k + offset]
  std::ptrdiff_t offset;
};
static Shift plane_shift(int H, int W, int dh, int dw) {
  Shift s;
  s.rows_first = std::clamp(-dh, 0, H);
  s.rows_last = std::clamp(H - dh, s.rows_first, H);
  s.cols_first = std::clamp(-dw, 0, W);
  s.cols_last = std::clamp(W - dw, s.cols_first, W);
  s.offset = static_cast<std::ptrdiff_t>(dh) * W + dw;
  const std::ptrdiff_t n = static_cast<std::ptrdiff_t>(H) * W;
  s.first = std::max<std::ptrdiff_t>(static_cast<std::ptrdiff_t>(s.rows_first) * W, -s.offset);
  s.last = std::max(s.first, std::min<std::ptrdiff_t>(static_cast<std::ptrdiff_t>(s.rows_last) * W, n - s.offset));
  return s;
}

// Zeroes the cells of a shifted plane whose source column lies in the padding: at most a few
// columns, walked down the rows (a strided walk, which the compiler leaves as stores instead of
// turning each few cells into a call to memset).
template <typename T>
static void zero_padding_columns(T* out, int W, const Shift& s) {
  auto zero_column = [&](int j) {
    for (int i = s.rows_first; i < s.rows_last; ++i) out[static_cast<std::ptrdiff_t>(i) * W + j] = T(0);
  };
  for (int j = 0; j < s.cols_first; ++j) zero_column(j);
  for (int j = s.cols_last; j < W; ++j) zero_column(j);
}

template <typename T>
static void shifted_plane(const T* x, int H, int W, int dh, int dw, T* out) {
  const Shift s = plane_shift(H, W, dh, dw);
  std::fill(out, out + s.first, T(0));
  copy_run(x + s.first + s.offset, s.last - s.first, out + s.first);
  std::fill(out + s.last, out + static_cast<std::ptrdiff_t>(H) * W, T(0));
  zero_padding_columns(out, W, s);
}

// The adjoint of shifted_plane: adds the cells whose source lies inside the plane back onto it.
// The others are zeroed first (in the caller's scratch), so that the run can be added whole.
template <typename T>
static void add_shifted_plane(T* in, int H, int W, int dh, int dw, T* dx) {
  const Shift s = plane_shift(H, W, dh, dw);
  zero_padding_columns(in, W, s);
  for (std::ptrdiff_t k = s.first; k < s.last; ++k) dx[k + s.offset] += in[k];
}

// Visits the rows of a column matrix: visit(c, p, q, row) for row (c, p, q), which starts at
// cols + ((c·K + p)·K + q)·ld.
template <typename T, typename Visit>
static void for_each_column_row(T* cols, std::size_t ld, int C, int K, Visit visit) {
  for (int c = 0; c < C; ++c)
    for (int p = 0; p < K; ++p)
      for (int q = 0; q < K; ++q) visit(c, p, q, cols + static_cast<std::size_t>((c * K + p) * K + q) * ld);
}

// Copies the receptive fields of one sample into columns: cols[((c·K + p)·K + q)·ld + i·Wo + j] = x_pad[c, i·s + p, j·s
// + q], ld being the length of a row of the column matrix (several samples side by side). The columns that fall on the
// padding are zero; the rest are a strided (for s = 1 contiguous) copy.
template <typename T>
static void im2col(const T* x, int C, int H, int Wd, int K, int s, int pad, int Ho, int Wo, T* cols, std::size_t ld) {
  const bool shifted = s == 1 && Ho == H && Wo == Wd;
  for_each_column_row(cols, ld, C, K, [&](int c, int p, int q, T* row) {
    if (shifted) return shifted_plane(x + static_cast<std::size_t>(c) * H * Wd, H, Wd, p - pad, q - pad, row);
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
        copy_run(x + base + first, last - first, out + first);
      else
        for (int j = first; j < last; ++j) out[j] = x[base + j * s];
      std::fill(out + last, out + Wo, T(0));
    }
  });
}

// The adjoint of im2col: adds every column entry back onto the input cell it came from. Overwrites
// the entries that came from the padding with zeros.
template <typename T>
static void col2im(T* cols, std::size_t ld, int C, int H, int Wd, int K, int s, int pad, int Ho, int Wo, T* dx) {
  const bool shifted = s == 1 && Ho == H && Wo == Wd;
  for_each_column_row(cols, ld, C, K, [&](int c, int p, int q, T* row) {
    if (shifted) return add_shifted_plane(row, H, Wd, p - pad, q - pad, dx + static_cast<std::size_t>(c) * H * Wd);
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
  });
}

// Samples are processed in chunks whose columns sit side by side in one (C·K·K, m·Ho·Wo) matrix, so
// that each pass is one matrix product instead of m. The chunk is kept small enough to stay in the
// cache (kChunkColumns values, measured fastest for the MNIST models; at least one sample), and
// backward rebuilds a chunk's columns from the input rather than keeping them all from forward:
// copying them again is cheaper than reading them back from memory.
constexpr std::size_t kChunkColumns = std::size_t{1} << 14;

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
    im2col(x_.data() + static_cast<std::size_t>(first + s) * channels_ * H * Wd, channels_, H, Wd, kernel_,
           options_.stride, pad_, out_h_, out_w_, cols_.data() + static_cast<std::size_t>(s) * hw,
           static_cast<std::size_t>(count) * hw);
  return cols_.data();
}

template <typename T>
void Conv2D<T>::forward_dense(Tensor<T>& y) {
  const int n = x_.dim(0);
  const int rows = channels_ * kernel_ * kernel_, hw = out_h_ * out_w_, chunk = chunk_samples(n);
  for (int first = 0; first < n; first += chunk) {
    const int m = std::min(chunk, n - first);
    const Eigen::Index width = static_cast<Eigen::Index>(m) * hw;
    // One sample's z goes straight into y; a chunk's is computed side by side, then spread out.
    T* y_first = y.data() + static_cast<std::size_t>(first) * filters_ * hw;
    if (m > 1) product_.resize(static_cast<std::size_t>(filters_) * width);
    T* z_data = m == 1 ? y_first : product_.data();
    kernel_table<T>().gemm({}, filters_, static_cast<int>(width), rows, W.data(), build_columns(first, m),
                           z_data);  // z = W ⋆ x (Jäppinen 2024, eq. 59)
    Eigen::Map<MatrixRM<T>> z(z_data, filters_, width);
    for (int s = 0; s < m; ++s) {
      Eigen::Map<MatrixRM<T>> ys(y_first + static_cast<std::size_t>(s) * filters_ * hw, filters_, hw);
      if (m > 1) ys = z.middleCols(static_cast<Eigen::Index>(s) * hw, hw);
      if (options_.use_bias) ys.colwise() += Eigen::Map<const Eigen::Matrix<T, Eigen::Dynamic, 1>>(b.data(), filters_);
    }
  }
}

template <typename T>
void Conv2D<T>::backward_dense(const Tensor<T>& dy, Tensor<T>& dx) {
  const int n = x_.dim(0), H = x_.dim(2), Wd = x_.dim(3);
  const int rows = channels_ * kernel_ * kernel_, hw = out_h_ * out_w_, chunk = chunk_samples(n);
  const bool want_dx = this->input_grad_wanted_;
  const KernelTable<T>& k = kernel_table<T>();
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
    const T* delta_data = m == 1 ? dy_first : product_.data();
    Eigen::Map<const MatrixRM<T>> delta(delta_data, filters_, width);
    k.gemm({.accumulate = true, .transpose_b = true}, filters_, rows, static_cast<int>(width), delta_data,
           build_columns(first, m), dW.data());  // ∂E/∂W += x ⋆ δ (Jäppinen 2024, eq. 68)
    if (options_.use_bias)
      Eigen::Map<Eigen::Matrix<T, Eigen::Dynamic, 1>>(db.data(), filters_) += delta.rowwise().sum();  // ∂E/∂b = Σ δ
    if (!want_dx) continue;
    dcols_.resize(static_cast<std::size_t>(rows) * width);
    k.gemm({.transpose_a = true}, rows, static_cast<int>(width), filters_, W.data(), delta_data,
           dcols_.data());  // ∂E/∂x = δ ∗ flip(W), gathered by col2im (Jäppinen 2024, eq. 71)
    for (int s = 0; s < m; ++s)
      col2im(dcols_.data() + static_cast<std::size_t>(s) * hw, static_cast<std::size_t>(width), channels_, H, Wd,
             kernel_, options_.stride, pad_, out_h_, out_w_,
             dx.data() + static_cast<std::size_t>(first + s) * channels_ * H * Wd);
  }
}

template void Conv2D<float>::forward_dense(Tensor<float>&);
template void Conv2D<double>::forward_dense(Tensor<double>&);
template void Conv2D<float>::backward_dense(const Tensor<float>&, Tensor<float>&);
template void Conv2D<double>::backward_dense(const Tensor<double>&, Tensor<double>&);

}  // namespace neurostep
