// optimizer.h — gradient-descent update rules (Jäppinen 2024, §2.6.1–2.6.3), one step at a time.
//
//   SGD      w ← w − η·g                                                    (Creus & Picón, eq. 4; Jäppinen 2024, eq.
//   46) AdaGrad  G ← G + g²;              w ← w − η·g/√(G + ε)                  (Jäppinen 2024, eqs. 47–49) RMSProp  A
//   ← γ·A + (1 − γ)·g²;    w ← w − η·g/√(A + ε)                  (eqs. 50–51, γ = 0.9) Adam     m ← β₁m + (1 − β₁)g;  v
//   ← β₂v + (1 − β₂)g²;                    (eq. 52)
//            m̂ = m/(1 − β₁ᵗ);  v̂ = v/(1 − β₂ᵗ);  w ← w − η·m̂/(√v̂ + ε)     (eqs. 55–56)
// Jäppinen 2024 puts ε inside the square root for AdaGrad and RMSProp; PyTorch puts it outside
// (η·g/(√G + ε)). `epsilon_inside_sqrt` chooses; the default follows the thesis.
// The per-parameter state (G, A, m, v) can be read for display with state().
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/layer.h"

namespace neurostep {

enum class OptimizerKind { SGD, AdaGrad, RMSProp, Adam };
inline constexpr OptimizerKind kOptimizerKinds[] = {OptimizerKind::SGD, OptimizerKind::AdaGrad, OptimizerKind::RMSProp,
                                                    OptimizerKind::Adam};

std::string_view optimizer_name(OptimizerKind kind);   // "sgd", "adagrad", "rmsprop", "adam"
std::string_view optimizer_title(OptimizerKind kind);  // "SGD", "AdaGrad", "RMSProp", "Adam", as the theses write them
std::optional<OptimizerKind> parse_optimizer(std::string_view name);

struct OptimizerOptions {
  OptimizerKind kind = OptimizerKind::SGD;
  double learning_rate = 0.01;      // η
  double gamma = 0.9;               // RMSProp decay of the running average
  double beta1 = 0.9;               // Adam first-moment decay
  double beta2 = 0.999;             // Adam second-moment decay
  double epsilon = 1e-8;            // keeps the division finite
  bool epsilon_inside_sqrt = true;  // AdaGrad/RMSProp: √(G + ε) (Jäppinen 2024) or √G + ε (PyTorch)
};

template <typename T>
class Optimizer {
 public:
  explicit Optimizer(OptimizerOptions options) : options_(options) {}

  // Applies one update to every parameter from its accumulated gradient (does not zero it).
  void step(const std::vector<Param<T>>& params);

  int steps_taken() const { return t_; }
  // A learning-rate schedule changes η between steps (Lazović's §2.12 declining learning rate).
  void set_learning_rate(double eta) { options_.learning_rate = eta; }
  const OptimizerOptions& options() const { return options_; }
  // State of parameter `index` (its position in the list given to step()): "G" (AdaGrad),
  // "A" (RMSProp), "m" or "v" (Adam); nullptr if this optimizer keeps no such state.
  const Tensor<T>* state(std::size_t index, std::string_view name) const;
  // Adam's bias-corrected moments of parameter `index`: "m_hat" = m/(1 − β₁ᵗ), "v_hat" = v/(1 − β₂ᵗ)
  // (eq. 55), as the last step used them; empty if this is not Adam or no step was taken.
  Tensor<T> bias_corrected(std::size_t index, std::string_view name) const;

 private:
  OptimizerOptions options_;
  int t_ = 0;                      // number of steps taken (Adam's bias correction uses it)
  std::vector<Tensor<T>> first_;   // m (Adam)
  std::vector<Tensor<T>> second_;  // G (AdaGrad), A (RMSProp), v (Adam)
};

}  // namespace neurostep
