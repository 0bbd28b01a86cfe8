// batch_norm.h — lesson kind "batch-norm": batch normalization of a small batch (N samples × C
// channels), forward, backward, the running statistics and inference (Jäppinen 2024, §3.2.3, eqs. 57–58).
//
// Every number comes from the core's BatchNorm<double>: its forward in training and in evaluation
// mode, its backward and its running statistics. The engine writes single channels out as sums and
// products whose result is the core's value. The loss is E = Σ δ·y over every sample and channel,
// with δ (the upstream gradient) from the lesson file, so ∂E/∂y = δ: δ stands for whatever the
// layers above send back.
// Not here: convolutional (N, C, H, W) input — the core handles it; the lesson keeps to (N, C).
// Symbols number samples and channels from 1: x₂₁ is sample 2, channel 1.
//
// Steps and values ((N, C) matrices, (C) vectors; N, C ≤ 8 keeps subscripts such as x₂₁ unambiguous):
//   forward.mean       x, mean (the batch's μ)
//   forward.variance   variance (the batch's σ², divided by N)
//   forward.normalize  x_hat
//   forward.scale      gamma, beta, y
//   backward.beta      delta, dbeta
//   backward.gamma     dgamma
//   backward.x.{c}     (c from 1) dxhat (N: γδ of the channel), mean_dxhat, mean_dxhat_xhat, dx_channel (N),
//                      dx (N, C: the channels so far, NaN for the rest)
//   gradcheck          numeric_dgamma, numeric_dbeta, numeric_dx, max_relative_error
//   running            running_mean, running_var (after this one training batch), unbiased_variance
//   inference          y_eval, x_hat_eval, y_train (the same batch in evaluation mode)
//   more_batches       batches_seen, running_mean, running_var, running_mean_curve and
//                      running_var_curve ((batches_seen + 1, C): before any batch, after each)
//   inference.after    y_eval, y_train, max_difference
#pragma once

#include "lessons/framework/registry.h"

namespace neurostep {

struct BatchNormNumbers {
  Tensor<double> x;                 // (N, C): row n is a sample, column c a channel
  std::vector<double> gamma, beta;  // (C): the scale γ and shift β
  Tensor<double> upstream;          // (N, C): δ = ∂E/∂y
  double epsilon = 1e-5;            // ε in √(σ² + ε) (PyTorch's default)
  double momentum = 0.1;            // m: running ← (1 − m)·running + m·batch (PyTorch's default)
  int batches = 30;                 // further training batches (the same batch) for the running statistics
};

Trace run_batch_norm(const std::string& lesson_id, const BatchNormNumbers& numbers);

std::unique_ptr<Lesson> make_batch_norm_lesson(LessonInfo info, std::vector<PrintedValue> printed, LessonTable& root);

}  // namespace neurostep
