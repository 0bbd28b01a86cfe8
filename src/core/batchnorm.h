// batchnorm.h — batch normalization (Jäppinen 2024, §3.2.3, eqs. 57–58; Ioffe & Szegedy 2015).
//
// Per channel c (over N, H, W for (N, C, H, W) input) or per feature (over N for (N, F) input):
//   training:   μ = mean(x),  σ² = mean((x − μ)²),  x̂ = (x − μ)/√(σ² + ε),  y = γ·x̂ + β
//               running μ ← (1 − m)·running μ + m·μ,  running σ² likewise with the unbiased σ²
//   evaluation: x̂ uses the running μ and σ²
// γ and β are trained; the running statistics are buffers (saved in checkpoints, not trained).
// Defaults ε = 1e-5, m = 0.1 as in PyTorch (Keras writes momentum 0.99 for the same m = 0.01 rule).
#pragma once

#include "core/layer.h"

namespace neurostep {

struct BatchNormOptions {
  double epsilon = 1e-5;
  double momentum = 0.1;  // weight of the new batch in the running statistics
};

template <typename T>
class BatchNorm final : public Layer<T> {
 public:
  BatchNorm(int channels, BatchNormOptions options = {});

  std::string kind() const override { return "BatchNorm"; }
  std::string describe() const override;
  Shape output_shape(const Shape& input) const override;

  Tensor<T> forward(Tensor<T> x, Mode mode) override;  // (N, C, H, W) or (N, C)
  Tensor<T> backward(Tensor<T> dy) override;
  std::vector<Param<T>> params() override { return {{"γ", &gamma, &dgamma}, {"β", &beta, &dbeta}}; }
  std::vector<Param<T>> buffers() override {
    return {{"running μ", &running_mean, nullptr}, {"running σ²", &running_var, nullptr}};
  }

  Tensor<T> gamma, beta, dgamma, dbeta;  // (C)
  Tensor<T> running_mean, running_var;   // (C)

  // What the last forward cached, for backward and for the lessons to show: the μ and σ² it
  // normalized with — the batch's own (σ² biased, divided by N) in training, the running ones in
  // evaluation — (C), and x̂, same shape as x.
  const std::vector<T>& mean() const { return mean_; }
  const std::vector<T>& variance() const { return var_; }
  const Tensor<T>& x_hat() const { return x_hat_; }

 private:
  int channels_;
  BatchNormOptions options_;
  Tensor<T> x_hat_;            // cached normalized input, same shape as x
  std::vector<T> mean_, var_;  // cached μ and σ² the last forward used, per channel
  std::vector<T> inv_std_;     // cached 1/√(σ² + ε) per channel
  bool train_mode_ = true;     // whether the cached forward used batch statistics
};

}  // namespace neurostep
