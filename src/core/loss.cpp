#include "core/loss.h"

#include <algorithm>
#include <cmath>

namespace neurostep {

namespace {
constexpr std::string_view kNames[] = {"squared_error", "half_squared_error", "binary_cross_entropy",
                                       "softmax_cross_entropy"};

template <typename T>
T clamped_log(T r) {
  return std::max(std::log(r), T(-100));
}
}  // namespace

std::string_view loss_name(LossKind kind) { return kNames[static_cast<int>(kind)]; }

std::optional<LossKind> parse_loss(std::string_view name) {
  for (int i = 0; i < 4; ++i)
    if (kNames[i] == name) return static_cast<LossKind>(i);
  return std::nullopt;
}

template <typename T>
LossResult<T> compute_loss(LossKind kind, const Tensor<T>& prediction, const Tensor<T>& target, Reduction reduction) {
  assert(prediction.same_shape(target) && "compute_loss: prediction and target shapes differ");
  const auto r = prediction.array();
  const auto y = target.array();
  LossResult<T> out{T(0), Tensor<T>(prediction.shape())};
  auto g = out.grad.array();
  T count = T(prediction.size());

  switch (kind) {
    case LossKind::SquaredError:
      out.value = (r - y).square().sum();
      g = T(2) * (r - y);  // ∂/∂a (a − y)² = 2(a − y)
      break;
    case LossKind::HalfSquaredError:
      out.value = T(0.5) * (y - r).square().sum();
      g = r - y;  // ½·2(y − r)·(−1) = r − y (Jäppinen 2024, eq. 27)
      break;
    case LossKind::BinaryCrossEntropy:
      for (std::size_t i = 0; i < prediction.size(); ++i) {
        const T ri = prediction[i], yi = target[i];
        out.value -= yi * clamped_log(ri) + (T(1) - yi) * clamped_log(T(1) - ri);
        out.grad[i] = (ri - yi) / std::max(ri * (T(1) - ri), T(1e-12));  // (r − y)/(r(1 − r)) (eq. 29)
      }
      break;
    case LossKind::SoftmaxCrossEntropy: {
      assert(prediction.rank() == 2 && "softmax cross-entropy needs (N, L) logits");
      const int n = prediction.dim(0), l = prediction.dim(1);
      const auto Z = prediction.matrix(n, l);
      const auto Y = target.matrix(n, l);
      auto G = out.grad.matrix(n, l);
      for (int s = 0; s < n; ++s) {
        const T m = Z.row(s).maxCoeff();
        const T log_sum = m + std::log((Z.row(s).array() - m).exp().sum());  // log Σ e^z, without overflow
        // E = −Σ y (z − log Σ e^z);  ∂E/∂z = softmax(z)·Σy − y = ŷ − y for a probability target (eq. 9)
        out.value -= (Y.row(s).array() * (Z.row(s).array() - log_sum)).sum();
        G.row(s) = ((Z.row(s).array() - log_sum).exp() * Y.row(s).sum() - Y.row(s).array()).matrix();
      }
      count = T(n);
      break;
    }
  }
  if (reduction == Reduction::Mean) {
    out.value /= count;
    g /= count;
  }
  return out;
}

template <typename T>
Tensor<T> one_hot(const std::vector<int>& labels, int classes) {
  Tensor<T> t({static_cast<int>(labels.size()), classes});
  for (std::size_t i = 0; i < labels.size(); ++i) t.at(static_cast<int>(i), labels[i]) = T(1);
  return t;
}

template LossResult<float> compute_loss(LossKind, const Tensor<float>&, const Tensor<float>&, Reduction);
template LossResult<double> compute_loss(LossKind, const Tensor<double>&, const Tensor<double>&, Reduction);
template Tensor<float> one_hot(const std::vector<int>&, int);
template Tensor<double> one_hot(const std::vector<int>&, int);

}  // namespace neurostep
