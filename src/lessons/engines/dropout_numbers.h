// dropout_numbers.h — internal to the kind dropout: the passes whose numbers its steps show. Every
// number comes from the core (Dropout<double>, Dense<double>, the loss); what is computed here beyond
// core calls is the measured average over K masks and its expected spread. Not here: the steps and
// their equations (dropout.cpp).
#pragma once

#include <vector>

#include "core/dense.h"
#include "core/loss.h"
#include "lessons/engines/dropout.h"

namespace neurostep {

// One training pass; backward runs after forward and never overwrites it.
struct DropoutPass {
  std::vector<double> u, m;                   // (n) dropout numbers (empty when p = 0), mask 0 or 1
  Tensor<double> a, a_tilde, z;               // (1, n), (1, n), (1, O)
  LossResult<double> loss;                    // E and δ = ∂E/∂z (1, O)
  Tensor<double> dE_da_tilde, dE_da, dW, db;  // (1, n), (1, n), (O, n), (O)
};

// Inference: the core's Dropout in Mode::Eval, and the unscaled recipe's weights × (1 − p).
struct DropoutEval {
  Tensor<double> a, z;                  // (1, n) Dropout's Eval output, (1, O)
  std::size_t mask_size = 0;            // the core's mask after the Eval forward (0: none)
  Tensor<double> W_scaled, z_unscaled;  // (O, n) (1 − p)·W, (1, O)
};

// K masks drawn one after another from the generator seeded as above (the first is the mask shown):
// one Dropout forward of K copies of a, row by row — the same draws as K forwards of one row.
struct DropoutAverage {
  int K = 0;
  int kept = 0;  // units kept over all K masks
  double kept_fraction = 0;
  std::vector<double> mean_a_tilde;               // (n)
  std::vector<double> running, running_unscaled;  // (K, O): the mean of z over masks 1…k
  std::vector<double> se, se_unscaled;            // (O) σ/√K
};

// The next layer with the lesson's W and (when `bias`) b.
Dense<double> next_layer(const DropoutNumbers& n, bool bias = true);

DropoutPass train_pass(const DropoutNumbers& n);
DropoutEval eval_pass(const DropoutNumbers& n);
DropoutAverage measure_average(const DropoutNumbers& n);

// a·m: the dropout layer's output without the factor 1/(1 − p).
std::vector<double> masked(const DropoutNumbers& n, const DropoutPass& p);

// E for the activations `a` through a fresh Dropout with the lesson's seed (so the same mask every time).
double loss_with_seeded_mask(const DropoutNumbers& n, const std::vector<double>& a);

}  // namespace neurostep
