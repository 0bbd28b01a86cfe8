// activations_numbers.h — internal to the kind "activations": the activation functions it shows, in
// its order, with the core's kind and their formulas, and the small computations of its own its steps
// and figures share. Every number is the core's (activation.h, loss.h, Sequential's backward pass);
// nothing here builds a step or a figure.
#pragma once

#include "core/activation.h"
#include "core/loss.h"
#include "lessons/engines/activations.h"

namespace neurostep::activations_parts {

struct FunctionInfo {
  const char* id;  // its name in activations_ids: the step is activations_ids::function(id)
  const char* title;
  ActivationKind kind;
  const char* f;   // f(z) in symbols
  const char* df;  // f′(z) in symbols
};

inline constexpr FunctionInfo kFunctions[] = {
    {activations_ids::kSigmoid, "Sigmoid", ActivationKind::Sigmoid, "σ(z) = 1/(1 + e^(−z))   (Jäppinen 2024, eq. 11)",
     "σ′(z) = σ(z)(1 − σ(z))   (eq. 12)"},
    {activations_ids::kTanh, "Tanh", ActivationKind::Tanh, "tanh(z) = (e^z − e^(−z))/(e^z + e^(−z))",
     "tanh′(z) = 1 − tanh²(z)"},
    {activations_ids::kRelu, "ReLU", ActivationKind::ReLU, "ReLU(z) = max(0, z)   (eq. 13)",
     "ReLU′(z) = 1 if z > 0, else 0   (eq. 14)"},
    {activations_ids::kLeakyRelu, "Leaky ReLU", ActivationKind::LeakyReLU, "f(z) = z if z > 0, else b·z   (eq. 16)",
     "f′(z) = 1 if z > 0, else b   (eq. 17)"},
    {activations_ids::kPrelu, "PReLU (learned slope b)", ActivationKind::LeakyReLU,
     "f(z) = max(0, z) + b·min(0, z)   (eq. 15)", "f′(z) = 1 if z > 0, else b"},
    {activations_ids::kElu, "ELU", ActivationKind::ELU, "f(z) = z if z > 0, else α(e^z − 1)   (eq. 19)",
     "f′(z) = 1 if z > 0, else α·e^z   (eq. 20)"},
};

// The function's parameter in the lesson's numbers: leaky ReLU's and PReLU's slope b, ELU's α (0 for the others).
double param_of(const FunctionInfo& f, const ActivationsNumbers& n);

// |∂a_L/∂x| through L stacked units a_l = f(a_{l−1}) (weight 1, no bias), by the core's backward pass.
double chain_gradient(ActivationKind kind, int layers, double x);

double sigmoid(double z);  // the core's σ(z)

// L·σ(k(x − x₀)): the general logistic of the lesson's numbers through the core's sigmoid.
double logistic(const ActivationsNumbers& n, double x);

// The core's loss (and ∂E/∂p) of one prediction p for the target y.
LossResult<double> loss_at(LossKind kind, double p, double y);

double sign(double v);  // −1, 0 or 1: the slope of |v| (0 at the corner, as libraries take it)

}  // namespace neurostep::activations_parts
