// batch_norm_numbers.h — internal to the kind batch-norm: the passes whose numbers its steps show,
// every one through the core's BatchNorm<double> (training and evaluation mode, backward, running
// statistics). Not here: the steps and their equations (batch_norm.cpp).
#pragma once

#include <vector>

#include "core/batchnorm.h"
#include "lessons/engines/batch_norm.h"

namespace neurostep {

// A fresh layer with the lesson's γ, β, ε and momentum.
BatchNorm<double> make_layer(const BatchNormNumbers& n);

// E = Σ δ·y after one forward pass in training mode of a fresh layer with these numbers.
double batch_loss(const BatchNormNumbers& n);

// One training batch as the core computes it: forward in training mode, then backward of δ.
struct BatchNormRun {
  const BatchNormNumbers& n;
  int N, C;
  BatchNorm<double> start;        // a fresh layer: the running statistics before any batch
  BatchNorm<double> bn;           // after one training forward and backward
  std::vector<double> mean, var;  // (C): the batch's μ and σ² (÷N), as the core cached them
  Tensor<double> x_hat, y, dx;    // (N, C)
};

BatchNormRun train_once(const BatchNormNumbers& n);

// The batch in evaluation mode: normalized with the running statistics of `bn` (a copy, so that
// evaluating does not replace what training cached).
struct BatchNormEval {
  Tensor<double> y, x_hat;
  std::vector<double> mean, var;  // the running statistics it used
};

BatchNormEval evaluate_batch(BatchNorm<double> bn, const Tensor<double>& x);

// `batches` more training passes of the same batch after `r`: the layer after them and its running
// statistics before any batch and after each ((batches + 2, C) row by row).
struct MoreBatches {
  BatchNorm<double> bn;
  std::vector<double> mean_curve, var_curve;
};

MoreBatches train_more(const BatchNormRun& r);

}  // namespace neurostep
