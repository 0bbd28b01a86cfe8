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
// Its step and value ids are declared once, in batch_norm_ids below: the engine builds its steps
// with them, its figures, history and tests look values up by them; lessons/batch-norm.toml names
// them, and reading it checks every name against the steps the lesson makes (exercise.cpp, variant.cpp).
#pragma once

#include <string>

#include "lessons/framework/registry.h"

namespace neurostep {

// Values are (N, C) matrices or (C) vectors unless said otherwise; N, C ≤ 8 keeps subscripts such as
// x₂₁ unambiguous.
namespace batch_norm_ids {
// Steps, in this order: the four forward steps, kBackwardBeta, kBackwardGamma, backward_x(c) for each
// channel c (from 1), kGradcheck, kRunning, kInference, kMoreBatches, kInferenceAfter.
inline constexpr char kForwardMean[] = "forward.mean", kForwardVariance[] = "forward.variance",
                      kForwardNormalize[] = "forward.normalize", kForwardScale[] = "forward.scale";
inline constexpr char kBackwardBeta[] = "backward.beta", kBackwardGamma[] = "backward.gamma";
std::string backward_x(int c);  // "backward.x.{c}"
inline constexpr char kGradcheck[] = "gradcheck", kRunning[] = "running", kInference[] = "inference",
                      kMoreBatches[] = "more_batches", kInferenceAfter[] = "inference.after";
inline constexpr char kForwardPrefix[] = "forward", kBackwardPrefix[] = "backward",
                      kBackwardXPrefix[] = "backward.x";  // what each one's ids start with
// Values of kForwardMean: x, mean (the batch's μ). Of kForwardVariance: variance (the batch's σ²,
// divided by N). Of kForwardNormalize: x_hat, x_hat_variance (C: σ²/(σ² + ε)). Of kForwardScale:
// gamma, beta, y.
inline constexpr char kX[] = "x", kMean[] = "mean", kVariance[] = "variance", kXHat[] = "x_hat",
                      kXHatVariance[] = "x_hat_variance", kGamma[] = "gamma", kBeta[] = "beta", kY[] = "y";
// Values of kBackwardBeta: delta, dbeta. Of kBackwardGamma: dgamma.
inline constexpr char kDelta[] = "delta", kDBeta[] = "dbeta", kDGamma[] = "dgamma";
// Values of backward_x(c): dxhat (N: γδ of the channel), mean_dxhat, mean_dxhat_xhat, dx_channel (N),
// dx (the channels so far, NaN for the rest).
inline constexpr char kDXHat[] = "dxhat", kMeanDXHat[] = "mean_dxhat", kMeanDXHatXHat[] = "mean_dxhat_xhat",
                      kDXChannel[] = "dx_channel", kDX[] = "dx";
// Values of kGradcheck: numeric_dgamma, numeric_dbeta, numeric_dx, max_relative_error.
inline constexpr char kNumericDGamma[] = "numeric_dgamma", kNumericDBeta[] = "numeric_dbeta",
                      kNumericDX[] = "numeric_dx", kMaxRelativeError[] = "max_relative_error";
// Values of kRunning: running_mean, running_var (after this one training batch), unbiased_variance,
// biased_share ((N − 1)/N).
inline constexpr char kRunningMean[] = "running_mean", kRunningVar[] = "running_var",
                      kUnbiasedVariance[] = "unbiased_variance", kBiasedShare[] = "biased_share";
// Values of kInference: y_eval, x_hat_eval, y_train (the same batch in evaluation mode, and in training).
inline constexpr char kYEval[] = "y_eval", kXHatEval[] = "x_hat_eval", kYTrain[] = "y_train";
// Values of kMoreBatches: batches_seen, running_mean, running_var, running_mean_curve and
// running_var_curve ((batches_seen + 1, C): before any batch, after each).
inline constexpr char kBatchesSeen[] = "batches_seen", kRunningMeanCurve[] = "running_mean_curve",
                      kRunningVarCurve[] = "running_var_curve";
// Values of kInferenceAfter: y_eval, y_train, max_difference, shrink (√((N − 1)/N)).
inline constexpr char kMaxDifference[] = "max_difference", kShrink[] = "shrink";
}  // namespace batch_norm_ids

struct BatchNormNumbers {
  Tensor<double> x;                 // (N, C): row n is a sample, column c a channel
  std::vector<double> gamma, beta;  // (C): the scale γ and shift β
  Tensor<double> upstream;          // (N, C): δ = ∂E/∂y
  double epsilon = 1e-5;            // ε in √(σ² + ε) (PyTorch's default)
  double momentum = 0.1;            // m: running ← (1 − m)·running + m·batch (PyTorch's default)
  int batches = 30;                 // further training batches (the same batch) for the running statistics
};

Trace run_batch_norm(const std::string& lesson_id, const BatchNormNumbers& numbers);

// The kind as registry.cpp lists it: its name in lesson files, its description, its lesson-file
// reader (batch_norm_file.cpp) and its default exercises.
LessonKind batch_norm_kind();

}  // namespace neurostep
