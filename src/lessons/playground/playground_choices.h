// playground_choices.h — the playground's choices, each written once as a table of its names in
// lesson files and its labels on screen: the lesson file reader and the Playground tab's combos
// both read them (see framework/choice.h).
#pragma once

#include <string>

#include "core/activation.h"
#include "core/init.h"
#include "core/optimizer.h"
#include "core/point_set.h"
#include "core/regularization.h"
#include "lessons/framework/choice.h"

namespace neurostep {

// The core's names and titles of the sets (string literals, so their views end in a '\0').
inline const ChoiceTable<PointSetKind> kPointSetChoices = [] {
  ChoiceTable<PointSetKind> table;
  for (PointSetKind k : kPointSetKinds) table.push_back({k, point_set_name(k).data(), point_set_title(k).data()});
  return table;
}();
inline const ChoiceTable<ActivationKind> kPlaygroundActivations = {
    {ActivationKind::Sigmoid, "sigmoid", "sigmoid"},
    {ActivationKind::Tanh, "tanh", "tanh"},
    {ActivationKind::ReLU, "relu", "ReLU"},
    {ActivationKind::LeakyReLU, "leaky_relu", "leaky ReLU"}};
inline const ChoiceTable<OptimizerKind> kOptimizerChoices = {{OptimizerKind::SGD, "sgd", "SGD"},
                                                             {OptimizerKind::AdaGrad, "adagrad", "AdaGrad"},
                                                             {OptimizerKind::RMSProp, "rmsprop", "RMSProp"},
                                                             {OptimizerKind::Adam, "adam", "Adam"}};
inline const ChoiceTable<Regularization> kRegularizationChoices = {{Regularization::None, "none", "none"},
                                                                   {Regularization::L1, "l1", "L1: λΣ|w|"},
                                                                   {Regularization::L2, "l2", "L2: ½λΣw²"}};
inline const ChoiceTable<InitKind> kPlaygroundInits = {
    {InitKind::GlorotUniform, "glorot_uniform", "Glorot uniform"},
    {InitKind::HeNormal, "he_normal", "He normal"},
    {InitKind::NormalFanIn, "normal_fan_in", "normal, σ = 1/√fan-in"},
    {InitKind::Constant, "constant", "constant 1/√fan-in (units stay alike)"},
    {InitKind::Zeros, "zeros", "zeros"}};

// The formula a curve or surface starts with when neither the file nor the student gives one.
inline std::string default_formula(PointSetKind kind) { return kind == PointSetKind::Curve ? "sin(3x)/2" : "x·y"; }

}  // namespace neurostep
