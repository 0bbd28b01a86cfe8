#include "core/optimizer.h"

#include <cmath>

namespace neurostep {

namespace {
constexpr std::string_view kNames[] = {"sgd", "adagrad", "rmsprop", "adam"};
constexpr std::string_view kTitles[] = {"SGD", "AdaGrad", "RMSProp", "Adam"};
}  // namespace

std::string_view optimizer_name(OptimizerKind kind) { return kNames[static_cast<int>(kind)]; }
std::string_view optimizer_title(OptimizerKind kind) { return kTitles[static_cast<int>(kind)]; }

std::optional<OptimizerKind> parse_optimizer(std::string_view name) {
  for (int i = 0; i < 4; ++i)
    if (kNames[i] == name) return static_cast<OptimizerKind>(i);
  return std::nullopt;
}

template <typename T>
void Optimizer<T>::step(const std::vector<Param<T>>& params) {
  if (second_.size() != params.size()) {  // first step: zero state shaped like each parameter
    first_.clear();
    second_.clear();
    for (const auto& p : params) {
      first_.emplace_back(p.value->shape());
      second_.emplace_back(p.value->shape());
    }
  }
  ++t_;
  const T eta = T(options_.learning_rate), eps = T(options_.epsilon);
  const bool inside = options_.epsilon_inside_sqrt;
  for (std::size_t k = 0; k < params.size(); ++k) {
    auto w = params[k].value->array();
    const auto g = params[k].grad->array();
    auto s = second_[k].array();
    switch (options_.kind) {
      case OptimizerKind::SGD: w -= eta * g; break;
      case OptimizerKind::AdaGrad:
        s += g.square();  // G = Σ g² (eq. 47)
        w -= inside ? (eta * g / (s + eps).sqrt()).eval() : (eta * g / (s.sqrt() + eps)).eval();
        break;
      case OptimizerKind::RMSProp: {
        const T gamma = T(options_.gamma);
        s = gamma * s + (T(1) - gamma) * g.square();  // A[g²] (eq. 50)
        w -= inside ? (eta * g / (s + eps).sqrt()).eval() : (eta * g / (s.sqrt() + eps)).eval();
        break;
      }
      case OptimizerKind::Adam: {
        const T b1 = T(options_.beta1), b2 = T(options_.beta2);
        auto m = first_[k].array();
        m = b1 * m + (T(1) - b1) * g;  // eq. 52
        s = b2 * s + (T(1) - b2) * g.square();
        const T c1 = T(1) - std::pow(b1, T(t_));  // bias corrections (eq. 55)
        const T c2 = T(1) - std::pow(b2, T(t_));
        w -= eta * (m / c1) / ((s / c2).sqrt() + eps);  // eq. 56
        break;
      }
    }
  }
}

template <typename T>
const Tensor<T>* Optimizer<T>::state(std::size_t index, std::string_view name) const {
  if (index >= second_.size()) return nullptr;
  switch (options_.kind) {
    case OptimizerKind::SGD: return nullptr;
    case OptimizerKind::AdaGrad: return name == "G" ? &second_[index] : nullptr;
    case OptimizerKind::RMSProp: return name == "A" ? &second_[index] : nullptr;
    case OptimizerKind::Adam: return name == "m" ? &first_[index] : name == "v" ? &second_[index] : nullptr;
  }
  return nullptr;
}

template <typename T>
Tensor<T> Optimizer<T>::bias_corrected(std::size_t index, std::string_view name) const {
  if (options_.kind != OptimizerKind::Adam || index >= second_.size() || t_ == 0) return {};
  const bool first = name == "m_hat";
  if (!first && name != "v_hat") return {};
  Tensor<T> out = first ? first_[index] : second_[index];
  out.array() /= T(1) - std::pow(T(first ? options_.beta1 : options_.beta2), T(t_));
  return out;
}

template class Optimizer<float>;
template class Optimizer<double>;

}  // namespace neurostep
