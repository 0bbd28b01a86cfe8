// batch_norm.cpp — the steps of the kind batch-norm: its numbers (batch_norm_numbers.h) → its trace, one
// function per step.
#include "lessons/engines/batch_norm.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/gradient_check.h"
#include "lessons/engines/batch_norm_numbers.h"

namespace neurostep {

namespace ids = batch_norm_ids;

std::string batch_norm_ids::backward_x(int c) { return fmt::format("{}.{}", kBackwardXPrefix, c); }

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string sub(int i) { return subscript(i + 1); }  // a 0-based sample or channel as a symbol's "₁"

// Column c of an (N, C) matrix: one channel over the batch.
std::vector<double> column(const Tensor<double>& m, int c) {
  std::vector<double> v;
  for (int n = 0; n < m.dim(0); ++n) v.push_back(m.at(n, c));
  return v;
}

// `item` written `count` times with `separator` between: ("{}", 3, " + ") → "{} + {} + {}".
std::string repeat(const std::string& item, int count, const std::string& separator) {
  std::string out;
  for (int i = 0; i < count; ++i) out += (i ? separator : "") + item;
  return out;
}

// "(1, 2, 4)" for a list of numbers in a note.
std::string list_text(const std::vector<double>& v, int precision) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + format_number(v[i], precision);
  return "(" + out + ")";
}

Value matrix(std::string name, const Tensor<double>& m) {
  return matrix_value(std::move(name), m.values(), m.dim(0), m.dim(1));
}

void mean_step(const BatchNormRun& r, Trace& t) {
  Step s{.id = ids::kForwardMean,
         .group = "Forward",
         .title = "Batch mean μ per channel",
         .values = {matrix(ids::kX, r.n.x), vector_value(ids::kMean, r.mean)}};
  for (int c = 0; c < r.C; ++c)
    s.equations.push_back({fmt::format("μ{} = (1/N)·Σₙ xₙ{}", sub(c), sub(c)),
                           "(" + repeat("{}", r.N, " + ") + fmt::format(")/{}", r.N),
                           column(r.n.x, c),
                           {r.mean[c]}});
  s.note = fmt::format(
      "Each row of x is one of the N = {} samples of the batch, each column one channel (a feature, or one "
      "filter's map in a convolutional network): x₂₁ is sample 2, channel 1. Batch normalization works on each "
      "channel on its own, over the samples of the batch.",
      r.N);
  t.steps.push_back(std::move(s));
}

void variance_step(const BatchNormRun& r, Trace& t) {
  Step s{.id = ids::kForwardVariance,
         .group = "Forward",
         .title = "Batch variance σ²",
         .values = {vector_value(ids::kVariance, r.var)}};
  for (int c = 0; c < r.C; ++c) {
    std::vector<double> args;
    for (double x : column(r.n.x, c)) args.insert(args.end(), {x, r.mean[c]});
    s.equations.push_back({fmt::format("σ{}² = (1/N)·Σₙ (xₙ{} − μ{})²", sub(c), sub(c), sub(c)),
                           "(" + repeat("({} − {})²", r.N, " + ") + fmt::format(")/{}", r.N),
                           args,
                           {r.var[c]}});
  }
  s.note =
      "Divided by N, not N − 1: each batch is normalized with its own spread (Jäppinen 2024, eq. 58). Channels on very "
      "different scales get very different σ².";
  t.steps.push_back(std::move(s));
}

void normalize_step(const BatchNormRun& r, Trace& t) {
  Step s{.id = ids::kForwardNormalize,
         .group = "Forward",
         .title = "x̂ = (x − μ)/√(σ² + ε)",
         .values = {written_as(matrix(ids::kXHat, r.x_hat), "x̂")}};
  for (int c = 0; c < r.C; ++c) {
    std::vector<double> args = column(r.n.x, c);
    args.insert(args.end(), {r.mean[c], r.var[c], r.n.epsilon});
    s.equations.push_back({fmt::format("x̂ₙ{0} = (xₙ{0} − μ{0})/√(σ{0}² + ε)   (Jäppinen 2024, eq. 58)", sub(c)),
                           "((" + repeat("{}", r.N, ", ") + ") − {})/√({} + {})", args, column(r.x_hat, c)});
  }
  std::vector<double> spread;  // the variance of x̂ in each channel: σ²/(σ² + ε)
  for (int c = 0; c < r.C; ++c) spread.push_back(r.var[c] / (r.var[c] + r.n.epsilon));
  s.values.push_back(vector_value(ids::kXHatVariance, spread));
  const bool near_1 = *std::min_element(spread.begin(), spread.end()) >= 0.99;
  s.note = fmt::format(
      "Now every channel has mean 0 and variance σ²/(σ² + ε) = {}: {} ε = {}. ε keeps the division finite "
      "when all values of a channel are equal (σ² = 0).",
      list_text(spread, shown_decimals()),
      near_1 ? "just under 1, as every σ² is large against"
             : "not 1 where σ² is not large against ε — a nearly constant channel (σ² far below ε) comes out near 0 — "
               "with",
      format_number(r.n.epsilon, 6));
  t.steps.push_back(std::move(s));
}

void scale_step(const BatchNormRun& r, Trace& t) {
  Step s{.id = ids::kForwardScale,
         .group = "Forward",
         .title = "y = γ·x̂ + β",
         .values = {vector_value(ids::kGamma, r.n.gamma), vector_value(ids::kBeta, r.n.beta), matrix(ids::kY, r.y)}};
  // The numbers' line applies γ and β to the channel's x̂ of every sample of the batch.
  for (int c = 0; c < r.C; ++c) {
    const auto k = static_cast<std::size_t>(c);
    Equation e{fmt::format("yₙ{0} = γ{0}·x̂ₙ{0} + β{0}   (Jäppinen 2024, eq. 57)", sub(c)),
               "{}·(" + repeat("{}", r.N, ", ") + ") + {}",
               {r.n.gamma[k]},
               column(r.y, c)};
    for (double v : column(r.x_hat, c)) e.args.push_back(v);
    e.args.push_back(r.n.beta[k]);
    s.equations.push_back(std::move(e));
  }
  s.note =
      "γ and β are learned like weights: the network may undo the normalization where that helps (γ = √(σ² + ε), "
      "β = μ gives x back). Each channel now has mean β and standard deviation about |γ|.";
  t.steps.push_back(std::move(s));
}

void beta_step(const BatchNormRun& r, Trace& t) {
  Step s{.id = ids::kBackwardBeta,
         .group = "Backward",
         .title = "∂E/∂β = Σ δ",
         .values = {matrix(ids::kDelta, r.n.upstream), vector_value(ids::kDBeta, r.bn.dbeta.values())}};
  for (int c = 0; c < r.C; ++c)
    s.equations.push_back({fmt::format("∂E/∂β{0} = Σₙ δₙ{0}", sub(c)),
                           repeat("{}", r.N, " + "),
                           column(r.n.upstream, c),
                           {r.bn.dbeta[static_cast<std::size_t>(c)]}});
  s.note =
      "The error is E = Σ δ·y over every sample and channel, with δ from the lesson file: δ = ∂E/∂y stands for "
      "whatever the layers above send back. β is added to every y of its channel, so its gradient collects every δ.";
  t.steps.push_back(std::move(s));
}

void gamma_step(const BatchNormRun& r, Trace& t) {
  Step s{.id = ids::kBackwardGamma,
         .group = "Backward",
         .title = "∂E/∂γ = Σ δ·x̂",
         .values = {vector_value(ids::kDGamma, r.bn.dgamma.values())}};
  for (int c = 0; c < r.C; ++c) {
    std::vector<double> args;
    for (int n = 0; n < r.N; ++n) args.insert(args.end(), {r.n.upstream.at(n, c), r.x_hat.at(n, c)});
    s.equations.push_back({fmt::format("∂E/∂γ{0} = Σₙ δₙ{0}·x̂ₙ{0}", sub(c)),
                           repeat("{}·{}", r.N, " + "),
                           args,
                           {r.bn.dgamma[static_cast<std::size_t>(c)]}});
  }
  s.note = "γ multiplies x̂, so each δ counts as much as its x̂: samples far from the channel's mean weigh most.";
  t.steps.push_back(std::move(s));
}

// ∂E/∂x of channel c: three terms per element, the two means read off ∂E/∂β and ∂E/∂γ.
void dx_step(const BatchNormRun& r, int c, std::vector<double>& dx_so_far, Trace& t) {
  const auto k = static_cast<std::size_t>(c);
  const double g = r.n.gamma[k], M = r.N;
  const double mean_dxhat = g * r.bn.dbeta[k] / M, mean_dxhat_xhat = g * r.bn.dgamma[k] / M;
  std::vector<double> dxhat, delta = column(r.n.upstream, c), dx = column(r.dx, c), args = {g};
  for (double d : delta) dxhat.push_back(g * d);
  args.insert(args.end(), delta.begin(), delta.end());
  const std::string ch = sub(c);
  Step s{.id = ids::backward_x(c + 1),
         .group = "Backward",
         .title = fmt::format("∂E/∂x of channel {}", c + 1),
         .equations = {{fmt::format("∂E/∂x̂ₙ{0} = γ{0}·δₙ{0}", ch), "{}·(" + repeat("{}", r.N, ", ") + ")", args, dxhat},
                       {fmt::format("mean(γδ) = γ{0}·∂E/∂β{0}/N", ch),
                        fmt::format("{{}}·{{}}/{}", r.N),
                        {g, r.bn.dbeta[k]},
                        {mean_dxhat}},
                       {fmt::format("mean(γδx̂) = γ{0}·∂E/∂γ{0}/N", ch),
                        fmt::format("{{}}·{{}}/{}", r.N),
                        {g, r.bn.dgamma[k]},
                        {mean_dxhat_xhat}}}};
  for (int n = 0; n < r.N; ++n) {
    s.equations.push_back(
        {fmt::format("∂E/∂x{1}{0} = (γ{0}δ{1}{0} − mean(γδ) − x̂{1}{0}·mean(γδx̂))/√(σ{0}² + ε)", ch, sub(n)),
         "({} − {} − {}·{})/√({} + {})",
         {dxhat[static_cast<std::size_t>(n)], mean_dxhat, r.x_hat.at(n, c), mean_dxhat_xhat, r.var[k], r.n.epsilon},
         {dx[static_cast<std::size_t>(n)]}});
    dx_so_far[static_cast<std::size_t>(n * r.C + c)] = dx[static_cast<std::size_t>(n)];
  }
  s.values = {vector_value(ids::kDXHat, dxhat), scalar_value(ids::kMeanDXHat, mean_dxhat),
              scalar_value(ids::kMeanDXHatXHat, mean_dxhat_xhat), vector_value(ids::kDXChannel, dx),
              matrix_value(ids::kDX, dx_so_far, r.N, r.C)};
  if (c == 0)
    s.note =
        "In training μ and σ² are computed from x too, so each x reaches E three ways: directly through its own x̂ "
        "(γδ), through μ (moving one x moves every x̂ of the channel: − mean(γδ)) and through σ² (every x̂ shrinks or "
        "grows: − x̂·mean(γδx̂)). The two means are the gradients just found: Σ γδ = γ·∂E/∂β, Σ γδx̂ = γ·∂E/∂γ. "
        "The ∂E/∂x of a channel add up to 0: shifting a whole channel changes nothing after normalizing.";
  t.steps.push_back(std::move(s));
}

// The same gradients by central differences of E = Σ δ·y, each from fresh training forward passes.
void gradcheck_step(const BatchNormRun& r, Trace& t) {
  BatchNormNumbers probe = r.n;
  const double h = 1e-5, at_least = 1e-6;
  double worst = 0;
  auto numeric = [&](std::vector<double>& params, const Tensor<double>& analytic) {
    std::vector<double> out;
    for (std::size_t i = 0; i < params.size(); ++i) {
      out.push_back(central_difference(params[i], h, [&] { return batch_loss(probe); }));
      worst = std::max(worst, relative_difference(out.back(), analytic[i], at_least));
    }
    return out;
  };
  const std::vector<double> dgamma = numeric(probe.gamma, r.bn.dgamma), dbeta = numeric(probe.beta, r.bn.dbeta);
  const std::vector<double> dx = numeric(probe.x.values(), r.dx);
  Step s{.id = ids::kGradcheck, .group = "Gradient check", .title = "Finite-difference check"};
  // Each line: the backward pass's value, then (E(θ + h) − E(θ − h))/2h as the result.
  for (int c = 0; c < r.C; ++c) {
    const auto k = static_cast<std::size_t>(c);
    s.equations.push_back(
        {fmt::format("∂E/∂γ{0} = (E(γ{0} + h) − E(γ{0} − h))/2h ?", sub(c)), "{}", {r.bn.dgamma[k]}, {dgamma[k]}});
    s.equations.push_back(
        {fmt::format("∂E/∂β{0} = (E(β{0} + h) − E(β{0} − h))/2h ?", sub(c)), "{}", {r.bn.dbeta[k]}, {dbeta[k]}});
  }
  const Tensor<double> numeric_dx({r.N, r.C}, dx);
  for (int c = 0; c < r.C; ++c)
    s.equations.push_back({fmt::format("∂E/∂xₙ{0} = (E(xₙ{0} + h) − E(xₙ{0} − h))/2h ?", sub(c)),
                           "(" + repeat("{}", r.N, ", ") + ")", column(r.dx, c), column(numeric_dx, c)});
  s.values = {vector_value(ids::kNumericDGamma, dgamma), vector_value(ids::kNumericDBeta, dbeta),
              matrix(ids::kNumericDX, numeric_dx), scalar_value(ids::kMaxRelativeError, worst)};
  s.note = fmt::format(
      "Left: the backward pass; right: E computed again with one number moved by ±h (h = 10⁻⁵). "
      "Moving one x moves μ and σ² too, so the finite differences see all three terms of ∂E/∂x. Largest "
      "difference, relative to the larger of the two (at least 10⁻⁶): {}.",
      format_number(worst, shown_decimals()));
  t.steps.push_back(std::move(s));
}

void running_step(const BatchNormRun& r, Trace& t) {
  const double m = r.n.momentum, N = r.N;
  Step s{.id = ids::kRunning, .group = "Running statistics", .title = "Running μ and σ² updated"};
  std::vector<double> unbiased;
  for (int c = 0; c < r.C; ++c) {
    const auto k = static_cast<std::size_t>(c);
    s.equations.push_back({fmt::format("running μ{0} ← (1 − m)·running μ{0} + m·μ{0}", sub(c)),
                           "(1 − {})·{} + {}·{}",
                           {m, r.start.running_mean[k], m, r.mean[k]},
                           {r.bn.running_mean[k]}});
  }
  for (int c = 0; c < r.C; ++c) {
    const auto k = static_cast<std::size_t>(c);
    unbiased.push_back(r.var[k] * N / (N - 1));
    s.equations.push_back({fmt::format("running σ{0}² ← (1 − m)·running σ{0}² + m·σ{0}²·N/(N − 1)", sub(c)),
                           "(1 − {})·{} + {}·{}·{}/{}",
                           {m, r.start.running_var[k], m, r.var[k], N, N - 1},
                           {r.bn.running_var[k]}});
  }
  s.values = {vector_value(ids::kRunningMean, r.bn.running_mean.values()),
              vector_value(ids::kRunningVar, r.bn.running_var.values()), vector_value(ids::kUnbiasedVariance, unbiased),
              scalar_value(ids::kBiasedShare, (N - 1) / N)};
  s.note = fmt::format(
      "Inference will need μ and σ² without a batch, so training keeps running averages over the batches (Jäppinen "
      "2024: "
      "\"learned from the training set using the exponential moving average\"). They start at μ = {}, σ² = {} and move "
      "a share "
      "m = {} toward each batch. The variance kept is the unbiased one, ×N/(N − 1): a batch's own σ² measures the "
      "spread "
      "around its own mean, which lies closer to its samples than the mean of all the data, so it is on average (N − "
      "1)/N "
      "of the true variance — here {} for N = {}. PyTorch keeps the same.",
      format_number(r.start.running_mean[0], shown_decimals()), format_number(r.start.running_var[0], shown_decimals()),
      format_number(m, shown_decimals()), format_number((N - 1) / N, shown_decimals()), r.N);
  t.steps.push_back(std::move(s));
}

// y of sample 1 in training, then in inference, written out.
std::vector<Equation> sample_equations(const BatchNormRun& r, const BatchNormEval& e) {
  std::vector<Equation> eqs;
  for (int c = 0; c < r.C; ++c) {
    const auto k = static_cast<std::size_t>(c);
    eqs.push_back({fmt::format("training: y₁{0} = γ{0}·(x₁{0} − μ{0})/√(σ{0}² + ε) + β{0}", sub(c)),
                   "{}·({} − {})/√({} + {}) + {}",
                   {r.n.gamma[k], r.n.x.at(0, c), r.mean[k], r.var[k], r.n.epsilon, r.n.beta[k]},
                   {r.y.at(0, c)}});
    eqs.push_back({fmt::format("inference: y₁{0} = γ{0}·(x₁{0} − running μ{0})/√(running σ{0}² + ε) + β{0}", sub(c)),
                   "{}·({} − {})/√({} + {}) + {}",
                   {r.n.gamma[k], r.n.x.at(0, c), e.mean[k], e.var[k], r.n.epsilon, r.n.beta[k]},
                   {e.y.at(0, c)}});
  }
  return eqs;
}

void inference_step(const BatchNormRun& r, Trace& t) {
  const BatchNormEval e = evaluate_batch(r.bn, r.n.x);
  Step s{.id = ids::kInference,
         .group = "Inference",
         .title = "Same input, different y",
         .equations = sample_equations(r, e),
         .values = {matrix(ids::kYEval, e.y), matrix(ids::kXHatEval, e.x_hat), matrix(ids::kYTrain, r.y)}};
  s.note = fmt::format(
      "The same input, a different output. Training normalizes each batch with its own μ and σ²; in inference one "
      "sample must "
      "get the same answer whatever else is in the batch — or with no batch at all — so the layer uses the running "
      "statistics instead. After one batch with m = {} they are μ = {}, against the batch's μ = {}. In inference μ and "
      "σ² are constants, "
      "so ∂E/∂x keeps only its first term, γδ/√(σ² + ε).",
      format_number(r.n.momentum, shown_decimals()), list_text(e.mean, shown_decimals()),
      list_text(r.mean, shown_decimals()));
  t.steps.push_back(std::move(s));
}

// `batches` more training passes of the same batch: the running statistics approach the batch's.
// Returns the layer after them.
BatchNorm<double> more_batches_step(const BatchNormRun& r, Trace& t) {
  const MoreBatches more = train_more(r);
  const BatchNorm<double>& bn = more.bn;
  const double m = r.n.momentum, B = 1 + r.n.batches, N = r.N;
  Step s{.id = ids::kMoreBatches, .group = "After more batches", .title = fmt::format("After {} batches", B)};
  for (int c = 0; c < r.C; ++c) {
    const auto k = static_cast<std::size_t>(c);
    s.equations.push_back({fmt::format("running μ{0} after B batches = (1 − m)^B·μ₀ + (1 − (1 − m)^B)·μ{0}", sub(c)),
                           "{}^{}·{} + (1 − {}^{})·{}",
                           {1 - m, B, r.start.running_mean[k], 1 - m, B, r.mean[k]},
                           {bn.running_mean[k]}});
    s.equations.push_back(
        {fmt::format("running σ{0}² after B batches = (1 − m)^B·σ₀² + (1 − (1 − m)^B)·σ{0}²·N/(N − 1)", sub(c)),
         "{}^{}·{} + (1 − {}^{})·{}·{}/{}",
         {1 - m, B, r.start.running_var[k], 1 - m, B, r.var[k], N, N - 1},
         {bn.running_var[k]}});
  }
  const int rows = static_cast<int>(B) + 1;
  s.values = {scalar_value(ids::kBatchesSeen, B), vector_value(ids::kRunningMean, bn.running_mean.values()),
              vector_value(ids::kRunningVar, bn.running_var.values()),
              matrix_value(ids::kRunningMeanCurve, more.mean_curve, rows, r.C),
              matrix_value(ids::kRunningVarCurve, more.var_curve, rows, r.C)};
  s.note = fmt::format(
      "The same batch B = {} times in all (μ₀ = {}, σ₀² = {} are the start values): each batch closes the share m "
      "of the gap, so (1 − m)^B of it is left. With real data every batch differs and the running statistics "
      "average over them.",
      B, format_number(r.start.running_mean[0], shown_decimals()),
      format_number(r.start.running_var[0], shown_decimals()));
  t.steps.push_back(std::move(s));
  return bn;
}

void inference_after_step(const BatchNormRun& r, const BatchNorm<double>& trained, Trace& t) {
  const BatchNormEval e = evaluate_batch(trained, r.n.x);
  double worst = 0;
  for (std::size_t i = 0; i < e.y.size(); ++i) worst = std::max(worst, std::abs(e.y[i] - r.y[i]));
  std::vector<Equation> eqs = sample_equations(r, e);
  eqs.push_back({"largest |y in inference − y in training| over the batch", "", {}, {worst}});
  Step s{.id = ids::kInferenceAfter,
         .group = "After more batches",
         .title = fmt::format("Inference after {} batches", 1 + r.n.batches),
         .equations = eqs,
         .values = {matrix(ids::kYEval, e.y), matrix(ids::kYTrain, r.y), scalar_value(ids::kMaxDifference, worst),
                    scalar_value(ids::kShrink, std::sqrt((r.N - 1.0) / r.N))}};
  s.note =
      r.n.momentum == 0
          ? std::string("With m = 0 the running statistics never leave their start, however many batches pass.")
          : fmt::format(
                "Closer now, but not equal: the running σ² approaches the unbiased σ²·N/(N − 1), larger than the σ² "
                "(÷N) that training divides by, so x̂ in inference is smaller by about √((N − 1)/N) = {} for N = {}. "
                "With batches of 32 or more that factor is close to 1.",
                format_number(std::sqrt((r.N - 1.0) / r.N), shown_decimals()), r.N);
  t.steps.push_back(std::move(s));
}

}  // namespace

Trace run_batch_norm(const std::string& lesson_id, const BatchNormNumbers& n) {
  const BatchNormRun r = train_once(n);
  Trace t{lesson_id, {}};
  mean_step(r, t);
  variance_step(r, t);
  normalize_step(r, t);
  scale_step(r, t);
  beta_step(r, t);
  gamma_step(r, t);
  std::vector<double> dx_so_far(n.x.size(), kNaN);
  for (int c = 0; c < r.C; ++c) dx_step(r, c, dx_so_far, t);
  gradcheck_step(r, t);
  running_step(r, t);
  inference_step(r, t);
  inference_after_step(r, more_batches_step(r, t), t);
  return t;
}

}  // namespace neurostep
