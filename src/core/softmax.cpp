#include "core/softmax.h"

#include <fmt/format.h>

namespace neurostep {

template <typename T>
Tensor<T> softmax_rows(const Tensor<T>& z) {
  assert(z.rank() == 2 && "softmax_rows: input must be (N, L)");
  const int n = z.dim(0), l = z.dim(1);
  Tensor<T> y(z.shape());
  auto Y = y.matrix(n, l);
  const auto Z = z.matrix(n, l);
  for (int r = 0; r < n; ++r) {
    Y.row(r) = (Z.row(r).array() - Z.row(r).maxCoeff()).exp().matrix();
    Y.row(r) /= Y.row(r).sum();
  }
  return y;
}

template <typename T>
MatrixRM<T> softmax_jacobian(const Tensor<T>& y_row) {
  const auto y = y_row.array().matrix();
  MatrixRM<T> J = -y * y.transpose();  // −ŷᵢŷⱼ (eq. 23)
  J.diagonal() += y;                   // + ŷᵢ on the diagonal: ŷᵢ(1 − ŷᵢ) (eq. 24)
  return J;
}

template <typename T>
Shape Softmax<T>::output_shape(const Shape& input) const {
  if (input.size() != 1)
    throw ShapeError(fmt::format("Softmax needs a vector per sample, not {}", shape_string(input)));
  return input;
}

template <typename T>
Tensor<T> Softmax<T>::forward(Tensor<T> x, Mode) {
  y_ = softmax_rows(x);
  return y_;
}

// ∂E/∂z = Jᵀδ with J = diag(ŷ) − ŷŷᵀ (eqs. 23–24): row by row, ∂E/∂zᵢ = ŷᵢ(δᵢ − ⟨δ, ŷ⟩),
// i.e. ŷ ⊙ (δ − ⟨δ, ŷ⟩) — the Jacobian is never built.
template <typename T>
Tensor<T> Softmax<T>::backward(Tensor<T> dy) {
  const int n = dy.dim(0), l = dy.dim(1);
  Tensor<T> dz(dy.shape());
  const auto Y = y_.matrix(n, l);
  const auto dY = dy.matrix(n, l);
  auto dZ = dz.matrix(n, l);
  for (int r = 0; r < n; ++r) {
    const T dot = dY.row(r).dot(Y.row(r));                                // ⟨δ, ŷ⟩
    dZ.row(r) = (Y.row(r).array() * (dY.row(r).array() - dot)).matrix();  // ŷ ⊙ (δ − ⟨δ, ŷ⟩)
  }
  return dz;
}

template Tensor<float> softmax_rows(const Tensor<float>&);
template Tensor<double> softmax_rows(const Tensor<double>&);
template MatrixRM<float> softmax_jacobian(const Tensor<float>&);
template MatrixRM<double> softmax_jacobian(const Tensor<double>&);
template class Softmax<float>;
template class Softmax<double>;

}  // namespace neurostep
