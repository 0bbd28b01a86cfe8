// activation_choice.h — the activations a lesson's network may use, as the lesson files name them
// and the Numbers tab lists them (chain-rule and conv-gradients offer the same five), and their symbols.
#pragma once

#include "core/activation.h"
#include "lessons/framework/choice.h"

namespace neurostep {

inline const ChoiceTable<ActivationKind>& activation_choices() {
  static const ChoiceTable<ActivationKind> table = {{ActivationKind::Sigmoid, "sigmoid", "sigmoid"},
                                                    {ActivationKind::Tanh, "tanh", "tanh"},
                                                    {ActivationKind::ReLU, "relu", "ReLU"},
                                                    {ActivationKind::LeakyReLU, "leaky_relu", "leaky ReLU"},
                                                    {ActivationKind::ELU, "elu", "ELU"}};
  return table;
}

// The activation as the equations write it: σ(z), LReLU(z); its derivative adds ′.
inline const char* activation_symbol(ActivationKind f) {
  switch (f) {
    case ActivationKind::Sigmoid: return "σ";
    case ActivationKind::Tanh: return "tanh";
    case ActivationKind::ReLU: return "ReLU";
    case ActivationKind::LeakyReLU: return "LReLU";
    case ActivationKind::ELU: return "ELU";
  }
  return "f";
}

}  // namespace neurostep
