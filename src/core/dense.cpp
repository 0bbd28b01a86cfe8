#include "core/dense.h"

#include "core/kernels.h"

#include <fmt/format.h>

namespace neurostep {

template <typename T>
Dense<T>::Dense(int inputs, int outputs, bool use_bias)
    : W({outputs, inputs}),
      b({outputs}),
      dW({outputs, inputs}),
      db({outputs}),
      inputs_(inputs),
      outputs_(outputs),
      use_bias_(use_bias) {}

template <typename T>
std::string Dense<T>::describe() const {
  return fmt::format("Dense {}→{}{}", inputs_, outputs_, use_bias_ ? "" : " (no bias)");
}

template <typename T>
Shape Dense<T>::output_shape(const Shape& input) const {
  if (input.size() != 1 || input[0] != inputs_)
    throw ShapeError(fmt::format("Dense {}→{} needs {} inputs per sample but gets {} (flatten first?)", inputs_,
                                 outputs_, inputs_, shape_string(input)));
  return {outputs_};
}

template <typename T>
Tensor<T> Dense<T>::forward(Tensor<T> x, Mode) {
  assert(x.rank() == 2 && x.dim(1) == inputs_ && "Dense::forward: input must be (N, I)");
  const int n = x.dim(0);
  x_ = std::move(x);
  Tensor<T> y({n, outputs_});
  const KernelTable<T>& k = kernel_table<T>();
  k.gemm({.transpose_b = true}, n, outputs_, inputs_, x_.data(), W.data(), y.data());  // z = x·Wᵀ
  if (use_bias_) y.matrix(n, outputs_).rowwise() += b.matrix(1, outputs_).row(0);      //   + b
  return y;
}

template <typename T>
Tensor<T> Dense<T>::backward(Tensor<T> dy) {
  const int n = dy.dim(0);
  const auto dY = dy.matrix(n, outputs_);
  const KernelTable<T>& k = kernel_table<T>();
  k.gemm({.accumulate = true, .transpose_a = true}, outputs_, inputs_, n, dy.data(), x_.data(),
         dW.data());  // ∂E/∂W += δᵀ·x (Creus & Picón, eq. 8)
  // ∂E/∂b = Σₙ δ, every column summed in the same order: units that start alike stay alike to the
  // last bit (a vectorised column sum rounds a tail column differently).
  for (int j = 0; use_bias_ && j < outputs_; ++j) {
    T sum = 0;
    for (int r = 0; r < n; ++r) sum += dY(r, j);
    db[static_cast<std::size_t>(j)] += sum;
  }
  if (!this->input_grad_wanted_) return {};
  Tensor<T> dx({n, inputs_});
  k.gemm({}, n, inputs_, outputs_, dy.data(), W.data(), dx.data());  // ∂E/∂x = δ·W
  return dx;
}

template <typename T>
std::vector<Param<T>> Dense<T>::params() {
  if (!use_bias_) return {{"W", &W, &dW}};
  return {{"W", &W, &dW}, {"b", &b, &db}};
}

template class Dense<float>;
template class Dense<double>;

}  // namespace neurostep
