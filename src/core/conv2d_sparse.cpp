// conv2d_sparse.cpp — Conv2D's forward and backward that skip zeros: the inputs behind ReLU and
// max-pooling, and the δ behind max-pooling (see conv2d.h). Data are held channels last here.
#include <algorithm>

#include "core/conv2d.h"
#include "core/kernels.h"

namespace neurostep {

// Channels first (C, H, W) → channels last with a zero border, (H + 2·pad, W + 2·pad, C); and the
// inside of such a padded plane added back onto a channels-first one.
template <typename T>
static void to_padded_channels_last(const T* from, int C, int H, int W, int pad, T* to) {
  const int Wp = W + 2 * pad;
  std::fill(to, to + static_cast<std::size_t>(H + 2 * pad) * Wp * C, T(0));
  for (int h = 0; h < H; ++h)
    Eigen::Map<MatrixRM<T>>(to + (static_cast<std::size_t>(h + pad) * Wp + pad) * C, W, C) =
        Eigen::Map<const MatrixRM<T>, 0, Eigen::OuterStride<>>(from + h * W, C, W, Eigen::OuterStride<>(H * W))
            .transpose();
}
template <typename T>
static void add_padded_channels_last(const T* from, int C, int H, int W, int pad, T* to) {
  const int Wp = W + 2 * pad;
  for (int h = 0; h < H; ++h)
    Eigen::Map<MatrixRM<T>, 0, Eigen::OuterStride<>>(to + h * W, C, W, Eigen::OuterStride<>(H * W)) +=
        Eigen::Map<const MatrixRM<T>>(from + (static_cast<std::size_t>(h + pad) * Wp + pad) * C, W, C).transpose();
}

// Behind ReLU and max-pooling many inputs are zero (40–55 % in Lazović's second layer). Then
// forward reads eq. 59 input cell by input cell and skips them: output (i, j) adds, for every kernel
// cell (p, q), Σ over the nonzero channels c of input cell (i·s + p, j·s + q) of x · W[·, c, p, q]
// — the weights of all filters for one channel and kernel cell, held as one run of F values.
template <typename T>
void Conv2D<T>::forward_sparse(Tensor<T>& y) {
  const int n = x_.dim(0), H = x_.dim(2), Wd = x_.dim(3), C = channels_, K = kernel_, s = options_.stride, F = filters_;
  const KernelTable<T>& kt = kernel_table<T>();
  const int Hp = H + 2 * pad_, Wp = Wd + 2 * pad_, hw = out_h_ * out_w_;
  const std::size_t per_channel = static_cast<std::size_t>(K) * K * F;
  // W (F, C, K, K) as (C, K, K, F): channel c's run for kernel cell (p, q) starts at c·K·K·F + (p·K + q)·F.
  w_last_.resize(C * per_channel + kRunSlack);
  Eigen::Map<MatrixRM<T>>(w_last_.data(), C * K * K, F) = W.matrix(F, C * K * K).transpose();
  y_last_.resize(static_cast<std::size_t>(hw) * F);
  cell_end_.resize(static_cast<std::size_t>(Hp) * Wp);
  nonzero_.resize(static_cast<std::size_t>(H) * Wd * C);
  for (int sample = 0; sample < n; ++sample) {
    // The nonzero inputs, padded cell by padded cell in rows (cell k's end at cell_end_[k]), each
    // with c·K·K·F + (its column)·F: shifted by (p·K − j·s)·F that is where its weights for output
    // (i, j) start, so the K cells of a kernel row are one range of nonzero_. Every value is written
    // but only a nonzero one advances the end (no branch to mispredict).
    const T* xs = x_.data() + static_cast<std::size_t>(sample) * C * H * Wd;
    std::size_t end = 0;
    for (int hp = 0; hp < Hp; ++hp)
      for (int wp = 0; wp < Wp; ++wp) {
        const int h = hp - pad_, w = wp - pad_;
        if (h >= 0 && h < H && w >= 0 && w < Wd)
          for (int c = 0; c < C; ++c) {
            const T v = xs[(static_cast<std::size_t>(c) * H + h) * Wd + w];
            nonzero_[end] = {static_cast<std::uint32_t>(c * per_channel + static_cast<std::size_t>(wp) * F), v};
            end += v != T(0);
          }
        cell_end_[static_cast<std::size_t>(hp) * Wp + wp] = end;
      }
    auto cell_begin = [&](std::size_t cell) { return nonzero_.data() + (cell == 0 ? 0 : cell_end_[cell - 1]); };
    Eigen::Map<MatrixRM<T>> ys(y_last_.data(), hw, F);  // this sample's output, channels last
    if (options_.use_bias)
      ys.rowwise() = Eigen::Map<const Eigen::Matrix<T, 1, Eigen::Dynamic>>(b.data(), F);
    else
      ys.setZero();
    for (int p = 0; p < K; ++p)  // kernel row by kernel row, so that its weights stay in the cache
      for (int i = 0; i < out_h_; ++i)
        for (int j = 0; j < out_w_; ++j) {
          const std::size_t row_first = static_cast<std::size_t>(i * s + p) * Wp + j * s;  // input cell under (p, 0)
          kt.add_weighted_runs(cell_begin(row_first), nonzero_.data() + cell_end_[row_first + K - 1], w_last_.data(),
                               static_cast<std::ptrdiff_t>(p * K - j * s) * F, F,
                               y_last_.data() + static_cast<std::size_t>(i * out_w_ + j) * F);
        }
    Eigen::Map<MatrixRM<T>>(y.data() + static_cast<std::size_t>(sample) * F * hw, F, hw) = ys.transpose();
  }
}

// δ behind max-pooling is mostly zero: each 2×2 window passes δ on to one of its four cells, and
// ReLU zeroes more. Then backward reads Jäppinen's eqs. 68 and 71 cell by cell and visits only the
// nonzero δ[f, i, j]:
//   ∂E/∂W[f]                        = Σ over f's nonzero δ of δ · (the input patch under (i, j)),
//   ∂E/∂(the input patch under (i, j)) += Σ over (i, j)'s nonzero δ of δ · W[f].
// The input (zero-padded), W and both gradients are held channels last here, so that a kernel row
// of a patch (K cells × C channels) is one contiguous run of K·C values.
template <typename T>
void Conv2D<T>::backward_sparse(const Tensor<T>& dy, Tensor<T>& dx) {
  const int n = x_.dim(0), H = x_.dim(2), Wd = x_.dim(3), C = channels_, K = kernel_, s = options_.stride;
  const KernelTable<T>& kt = kernel_table<T>();
  const int Wp = Wd + 2 * pad_, hw = out_h_ * out_w_, run = K * C;
  const std::size_t filter_size = static_cast<std::size_t>(K) * run, row_stride = static_cast<std::size_t>(Wp) * C;
  const std::size_t padded_size = static_cast<std::size_t>(H + 2 * pad_) * row_stride;
  const bool want_dx = this->input_grad_wanted_;
  w_last_.resize(filters_ * filter_size);  // read run by run (scatter_runs): no slack needed
  dw_last_.assign(filters_ * filter_size, T(0));
  for (int f = 0; f < filters_; ++f)
    Eigen::Map<MatrixRM<T>>(w_last_.data() + f * filter_size, K * K, C) =
        W.matrix(filters_ * C, K * K).middleRows(f * C, C).transpose();
  x_last_.resize(padded_size + kRunSlack);
  dx_last_.resize(padded_size);
  for (int sample = 0; sample < n; ++sample) {
    const T* delta = dy.data() + static_cast<std::size_t>(sample) * filters_ * hw;
    to_padded_channels_last(x_.data() + static_cast<std::size_t>(sample) * C * H * Wd, C, H, Wd, pad_, x_last_.data());
    // The nonzero δ by filter, with the corner of the patch each weights.
    by_filter_.clear();
    filter_end_.resize(filters_);
    for (int f = 0; f < filters_; ++f) {
      const T* d = delta + f * hw;
      for (int i = 0; i < out_h_; ++i)
        for (int j = 0; j < out_w_; ++j, ++d)
          if (*d != T(0))
            by_filter_.push_back({static_cast<std::uint32_t>((i * s * Wp + j * s) * C), *d});  // at the patch's corner
      filter_end_[f] = by_filter_.size();
    }
    for (int f = 0; f < filters_; ++f) {
      const WeightedRun<T>* first = by_filter_.data() + (f == 0 ? 0 : filter_end_[f - 1]);
      const WeightedRun<T>* last = by_filter_.data() + filter_end_[f];
      for (int p = 0; p < K; ++p)
        kt.add_weighted_runs(first, last, x_last_.data(), p * row_stride, run,
                             dw_last_.data() + f * filter_size + p * run);
      if (options_.use_bias)
        for (const WeightedRun<T>* r = first; r != last; ++r) db[f] += r->weight;
    }
    if (!want_dx) continue;
    std::fill(dx_last_.begin(), dx_last_.end(), T(0));
    for (int f = 0; f < filters_; ++f)
      kt.scatter_runs(by_filter_.data() + (f == 0 ? 0 : filter_end_[f - 1]), by_filter_.data() + filter_end_[f],
                      w_last_.data() + f * filter_size, K, run, static_cast<std::ptrdiff_t>(row_stride),
                      dx_last_.data());
    add_padded_channels_last(dx_last_.data(), C, H, Wd, pad_,
                             dx.data() + static_cast<std::size_t>(sample) * C * H * Wd);
  }
  for (int f = 0; f < filters_; ++f)
    dW.matrix(filters_ * C, K * K).middleRows(f * C, C) +=
        Eigen::Map<const MatrixRM<T>>(dw_last_.data() + f * filter_size, K * K, C).transpose();
}

template void Conv2D<float>::forward_sparse(Tensor<float>&);
template void Conv2D<double>::forward_sparse(Tensor<double>&);
template void Conv2D<float>::backward_sparse(const Tensor<float>&, Tensor<float>&);
template void Conv2D<double>::backward_sparse(const Tensor<double>&, Tensor<double>&);

}  // namespace neurostep
