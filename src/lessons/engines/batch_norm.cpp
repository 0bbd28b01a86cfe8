#include "lessons/engines/batch_norm.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/batchnorm.h"
#include "core/gradient_check.h"
#include "lessons/training/mnist_models.h"
#include "lessons/training/trainable.h"

namespace neurostep {

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

BatchNorm<double> make_layer(const BatchNormNumbers& n) {
  const int C = n.x.dim(1);
  BatchNorm<double> bn(C, {.epsilon = n.epsilon, .momentum = n.momentum});
  bn.gamma = Tensor<double>({C}, n.gamma);
  bn.beta = Tensor<double>({C}, n.beta);
  return bn;
}

// E = Σ δ·y after one forward pass in training mode of a fresh layer with these numbers.
double loss(const BatchNormNumbers& n) {
  BatchNorm<double> bn = make_layer(n);
  const Tensor<double> y = bn.forward(n.x, Mode::Train);
  return (y.array() * n.upstream.array()).sum();
}

// One training batch as the core computes it: forward in training mode, then backward of δ.
struct BnRun {
  const BatchNormNumbers& n;
  int N, C;
  BatchNorm<double> start;        // a fresh layer: the running statistics before any batch
  BatchNorm<double> bn;           // after one training forward and backward
  std::vector<double> mean, var;  // (C): the batch's μ and σ² (÷N), as the core cached them
  Tensor<double> x_hat, y, dx;    // (N, C)
};

BnRun train_once(const BatchNormNumbers& n) {
  BnRun r{n, n.x.dim(0), n.x.dim(1), make_layer(n), make_layer(n), {}, {}, {}, {}, {}};
  r.y = r.bn.forward(n.x, Mode::Train);
  r.mean = r.bn.mean();
  r.var = r.bn.variance();
  r.x_hat = r.bn.x_hat();
  r.bn.zero_grad();
  r.dx = r.bn.backward(n.upstream);
  return r;
}

Value matrix(std::string name, const Tensor<double>& m) {
  return matrix_value(std::move(name), m.values(), m.dim(0), m.dim(1));
}

void mean_step(const BnRun& r, Trace& t) {
  Step s{.id = "forward.mean",
         .group = "Forward",
         .title = "Batch mean μ per channel",
         .values = {matrix("x", r.n.x), vector_value("mean", r.mean)}};
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

void variance_step(const BnRun& r, Trace& t) {
  Step s{.id = "forward.variance",
         .group = "Forward",
         .title = "Batch variance σ²",
         .values = {vector_value("variance", r.var)}};
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

void normalize_step(const BnRun& r, Trace& t) {
  Step s{.id = "forward.normalize",
         .group = "Forward",
         .title = "x̂ = (x − μ)/√(σ² + ε)",
         .values = {written_as(matrix("x_hat", r.x_hat), "x̂")}};
  for (int c = 0; c < r.C; ++c) {
    std::vector<double> args = column(r.n.x, c);
    args.insert(args.end(), {r.mean[c], r.var[c], r.n.epsilon});
    s.equations.push_back({fmt::format("x̂ₙ{0} = (xₙ{0} − μ{0})/√(σ{0}² + ε)   (Jäppinen 2024, eq. 58)", sub(c)),
                           "((" + repeat("{}", r.N, ", ") + ") − {})/√({} + {})", args, column(r.x_hat, c)});
  }
  std::vector<double> spread;  // the variance of x̂ in each channel: σ²/(σ² + ε)
  for (int c = 0; c < r.C; ++c) spread.push_back(r.var[c] / (r.var[c] + r.n.epsilon));
  s.values.push_back(vector_value("x_hat_variance", spread));
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

void scale_step(const BnRun& r, Trace& t) {
  Step s{.id = "forward.scale",
         .group = "Forward",
         .title = "y = γ·x̂ + β",
         .values = {vector_value("gamma", r.n.gamma), vector_value("beta", r.n.beta), matrix("y", r.y)}};
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

void beta_step(const BnRun& r, Trace& t) {
  Step s{.id = "backward.beta",
         .group = "Backward",
         .title = "∂E/∂β = Σ δ",
         .values = {matrix("delta", r.n.upstream), vector_value("dbeta", r.bn.dbeta.values())}};
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

void gamma_step(const BnRun& r, Trace& t) {
  Step s{.id = "backward.gamma",
         .group = "Backward",
         .title = "∂E/∂γ = Σ δ·x̂",
         .values = {vector_value("dgamma", r.bn.dgamma.values())}};
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
void dx_step(const BnRun& r, int c, std::vector<double>& dx_so_far, Trace& t) {
  const auto k = static_cast<std::size_t>(c);
  const double g = r.n.gamma[k], M = r.N;
  const double mean_dxhat = g * r.bn.dbeta[k] / M, mean_dxhat_xhat = g * r.bn.dgamma[k] / M;
  std::vector<double> dxhat, delta = column(r.n.upstream, c), dx = column(r.dx, c), args = {g};
  for (double d : delta) dxhat.push_back(g * d);
  args.insert(args.end(), delta.begin(), delta.end());
  const std::string ch = sub(c);
  Step s{.id = fmt::format("backward.x.{}", c + 1),
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
  s.values = {vector_value("dxhat", dxhat), scalar_value("mean_dxhat", mean_dxhat),
              scalar_value("mean_dxhat_xhat", mean_dxhat_xhat), vector_value("dx_channel", dx),
              matrix_value("dx", dx_so_far, r.N, r.C)};
  if (c == 0)
    s.note =
        "In training μ and σ² are computed from x too, so each x reaches E three ways: directly through its own x̂ "
        "(γδ), through μ (moving one x moves every x̂ of the channel: − mean(γδ)) and through σ² (every x̂ shrinks or "
        "grows: − x̂·mean(γδx̂)). The two means are the gradients just found: Σ γδ = γ·∂E/∂β, Σ γδx̂ = γ·∂E/∂γ. "
        "The ∂E/∂x of a channel add up to 0: shifting a whole channel changes nothing after normalizing.";
  t.steps.push_back(std::move(s));
}

// The same gradients by central differences of E = Σ δ·y, each from fresh training forward passes.
void gradcheck_step(const BnRun& r, Trace& t) {
  BatchNormNumbers probe = r.n;
  const double h = 1e-5, at_least = 1e-6;
  double worst = 0;
  auto numeric = [&](std::vector<double>& params, const Tensor<double>& analytic) {
    std::vector<double> out;
    for (std::size_t i = 0; i < params.size(); ++i) {
      out.push_back(central_difference(params[i], h, [&] { return loss(probe); }));
      worst = std::max(worst, relative_difference(out.back(), analytic[i], at_least));
    }
    return out;
  };
  const std::vector<double> dgamma = numeric(probe.gamma, r.bn.dgamma), dbeta = numeric(probe.beta, r.bn.dbeta);
  const std::vector<double> dx = numeric(probe.x.values(), r.dx);
  Step s{.id = "gradcheck", .group = "Gradient check", .title = "Finite-difference check"};
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
  s.values = {vector_value("numeric_dgamma", dgamma), vector_value("numeric_dbeta", dbeta),
              matrix("numeric_dx", numeric_dx), scalar_value("max_relative_error", worst)};
  s.note = fmt::format(
      "Left: the backward pass; right: E computed again with one number moved by ±h (h = 10⁻⁵). "
      "Moving one x moves μ and σ² too, so the finite differences see all three terms of ∂E/∂x. Largest "
      "difference, relative to the larger of the two (at least 10⁻⁶): {}.",
      format_number(worst, shown_decimals()));
  t.steps.push_back(std::move(s));
}

void running_step(const BnRun& r, Trace& t) {
  const double m = r.n.momentum, N = r.N;
  Step s{.id = "running", .group = "Running statistics", .title = "Running μ and σ² updated"};
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
  s.values = {vector_value("running_mean", r.bn.running_mean.values()),
              vector_value("running_var", r.bn.running_var.values()), vector_value("unbiased_variance", unbiased),
              scalar_value("biased_share", (N - 1) / N)};
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

// The batch in evaluation mode: normalized with the running statistics of `bn` (a copy, so that
// evaluating does not replace what training cached).
struct EvalRun {
  Tensor<double> y, x_hat;
  std::vector<double> mean, var;  // the running statistics it used
};

EvalRun evaluate(BatchNorm<double> bn, const Tensor<double>& x) {
  EvalRun e;
  e.y = bn.forward(x, Mode::Eval);
  e.x_hat = bn.x_hat();
  e.mean = bn.mean();
  e.var = bn.variance();
  return e;
}

// y of sample 1 in training, then in inference, written out.
std::vector<Equation> sample_equations(const BnRun& r, const EvalRun& e) {
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

void inference_step(const BnRun& r, Trace& t) {
  const EvalRun e = evaluate(r.bn, r.n.x);
  Step s{.id = "inference",
         .group = "Inference",
         .title = "Same input, different y",
         .equations = sample_equations(r, e),
         .values = {matrix("y_eval", e.y), matrix("x_hat_eval", e.x_hat), matrix("y_train", r.y)}};
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
BatchNorm<double> more_batches_step(const BnRun& r, Trace& t) {
  BatchNorm<double> bn = r.bn;
  std::vector<double> mean_curve = r.start.running_mean.values(), var_curve = r.start.running_var.values();
  auto record = [&] {
    mean_curve.insert(mean_curve.end(), bn.running_mean.values().begin(), bn.running_mean.values().end());
    var_curve.insert(var_curve.end(), bn.running_var.values().begin(), bn.running_var.values().end());
  };
  record();
  for (int b = 0; b < r.n.batches; ++b) {
    bn.forward(r.n.x, Mode::Train);
    record();
  }
  const double m = r.n.momentum, B = 1 + r.n.batches, N = r.N;
  Step s{.id = "more_batches", .group = "After more batches", .title = fmt::format("After {} batches", B)};
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
  s.values = {scalar_value("batches_seen", B), vector_value("running_mean", bn.running_mean.values()),
              vector_value("running_var", bn.running_var.values()),
              matrix_value("running_mean_curve", mean_curve, rows, r.C),
              matrix_value("running_var_curve", var_curve, rows, r.C)};
  s.note = fmt::format(
      "The same batch B = {} times in all (μ₀ = {}, σ₀² = {} are the start values): each batch closes the share m "
      "of the gap, so (1 − m)^B of it is left. With real data every batch differs and the running statistics "
      "average over them.",
      B, format_number(r.start.running_mean[0], shown_decimals()),
      format_number(r.start.running_var[0], shown_decimals()));
  t.steps.push_back(std::move(s));
  return bn;
}

void inference_after_step(const BnRun& r, const BatchNorm<double>& trained, Trace& t) {
  const EvalRun e = evaluate(trained, r.n.x);
  double worst = 0;
  for (std::size_t i = 0; i < e.y.size(); ++i) worst = std::max(worst, std::abs(e.y[i] - r.y[i]));
  std::vector<Equation> eqs = sample_equations(r, e);
  eqs.push_back({"largest |y in inference − y in training| over the batch", "", {}, {worst}});
  Step s{.id = "inference.after",
         .group = "After more batches",
         .title = fmt::format("Inference after {} batches", 1 + r.n.batches),
         .equations = eqs,
         .values = {matrix("y_eval", e.y), matrix("y_train", r.y), scalar_value("max_difference", worst),
                    scalar_value("shrink", std::sqrt((r.N - 1.0) / r.N))}};
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
  const BnRun r = train_once(n);
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

namespace {

// The latest value `name` at or before step `current`; nullptr if there is none yet.
const Value* latest(const Trace& t, int current, std::string_view name) {
  for (int i = current; i >= 0; --i)
    if (const Value* v = t.steps[static_cast<std::size_t>(i)].find(name)) return v;
  return nullptr;
}

// Each set's values side by side per channel (x = 1, 2, …; an (N, C) matrix or a (C) vector), one
// colour per set: how the spread of every channel changes. A missing set keeps its place and colour.
Figure channel_figure(std::string title, int C, const std::vector<std::pair<std::string, const Value*>>& sets) {
  Figure f{.title = std::move(title),
           .x = {"channel", 0.5, C + 0.5},
           .y = {"value", 0, 0},
           .legend = Corner::Below,
           .aspect = 0.7};
  for (int c = 1; c <= C; ++c) f.x.ticks.push_back(c);
  const double k = static_cast<double>(sets.size());
  for (std::size_t i = 0; i < sets.size(); ++i) {
    const Value* v = sets[i].second;
    if (!v) continue;
    const double offset = k > 1 ? 0.5 * (static_cast<double>(i) / (k - 1) - 0.5) : 0;  // −0.25 … 0.25
    Series s{.kind = Series::Kind::Scatter, .label = sets[i].first, .color = static_cast<Color>(i), .width = 4};
    for (std::size_t j = 0; j < v->data.size(); ++j) {
      s.x.push_back(static_cast<double>(j % static_cast<std::size_t>(C)) + 1 + offset);
      s.y.push_back(v->data[j]);
    }
    f.series.push_back(std::move(s));
  }
  f.fit_axes(0.08);
  return f;
}

// Thin lines joining each element's point in the first two series of a channel_figure (the same
// sample in both).
void join_pairs(Figure& f) {
  if (f.series.size() < 2) return;
  const Series a = f.series[0], b = f.series[1];
  for (std::size_t j = 0; j < a.x.size() && j < b.x.size(); ++j)
    f.series.insert(
        f.series.begin(),
        {.kind = Series::Kind::Line, .x = {a.x[j], b.x[j]}, .y = {a.y[j], b.y[j]}, .color = Color::Gray, .width = 1});
}

// One line per channel over the batches seen, each with a dashed line at the value it approaches.
Figure curve_figure(std::string title, std::string label, const Value& curve, const std::vector<double>& target,
                    const std::string& target_label) {
  const int rows = curve.shape[0], C = curve.shape[1];
  Figure f{.title = std::move(title),
           .x = {"batches seen", 0, static_cast<double>(rows - 1)},
           .y = {std::move(label), 0, 0},
           .legend = Corner::Below};
  for (int c = 0; c < C; ++c) {
    Series line{.kind = Series::Kind::Line, .label = fmt::format("channel {}", c + 1), .color = static_cast<Color>(c)};
    for (int b = 0; b < rows; ++b) {
      line.x.push_back(b);
      line.y.push_back(curve.data[static_cast<std::size_t>(b * C + c)]);
    }
    f.series.push_back(std::move(line));
  }
  for (int c = 0; c < C; ++c) {
    const double v = target[static_cast<std::size_t>(c)];
    f.series.push_back({.kind = Series::Kind::Line,
                        .x = {0.0, rows - 1.0},
                        .y = {v, v},
                        .color = static_cast<Color>(c),
                        .width = 1,
                        .dashed = true});
  }
  f.series.push_back({.kind = Series::Kind::Line,
                      .label = target_label,
                      .color = Color::Gray,
                      .width = 1,
                      .dashed = true});  // legend only
  f.fit_axes(0.08);
  f.y.min = std::min(f.y.min, 0.0);
  return f;
}

class BatchNormLesson final : public Lesson, public Trainable {
 public:
  BatchNormLesson(LessonInfo info, std::vector<PrintedValue> printed, BatchNormNumbers numbers, MnistModels models)
      : Lesson(std::move(info), std::move(printed)), n_(std::move(numbers)), models_(std::move(models)) {}

  // The models of the file's [[models]], for the Train tab's measured demonstration.
  const MnistModels* trainable_models() const override { return models_.models.empty() ? nullptr : &models_; }

  std::vector<Editable> editables() override {
    std::vector<Editable> e;
    const int C = n_.x.dim(1);
    for (std::size_t i = 0; i < n_.x.size(); ++i)
      e.push_back({"Batch x (row: sample, column: channel)",
                   "x" + sub(static_cast<int>(i) / C) + sub(static_cast<int>(i) % C), &n_.x[i], -100, 100});
    for (std::size_t c = 0; c < n_.gamma.size(); ++c)
      e.push_back({"Scale γ and shift β", "γ" + sub(static_cast<int>(c)), &n_.gamma[c], -100, 100});
    for (std::size_t c = 0; c < n_.beta.size(); ++c)
      e.push_back({"Scale γ and shift β", "β" + sub(static_cast<int>(c)), &n_.beta[c], -100, 100});
    for (std::size_t i = 0; i < n_.upstream.size(); ++i)
      e.push_back({"Upstream gradient δ = ∂E/∂y", "δ" + sub(static_cast<int>(i) / C) + sub(static_cast<int>(i) % C),
                   &n_.upstream[i], -100, 100});
    e.push_back({"Settings", "ε", &n_.epsilon, 1e-6, 1});
    e.push_back({"Settings", "momentum m", &n_.momentum, 0, 1});
    e.push_back({.group = "Settings", .label = "more batches", .min = 1, .max = 1000, .integer = &n_.batches});
    return e;
  }

  Trace run() const override { return run_batch_norm(info_.id, n_); }

  // The batch statistics and the running ones per channel: the running ones approach the batch's.
  std::vector<HistoryColumn> history_columns() const {
    std::vector<HistoryColumn> cols;
    const int C = n_.x.dim(1);
    for (int c = 1; c <= C; ++c) cols.push_back({"μ" + subscript(c), "mean", c});
    for (int c = 1; c <= C; ++c) cols.push_back({"σ" + subscript(c) + "²", "variance", c});
    for (int c = 1; c <= C; ++c) cols.push_back({"running μ" + subscript(c), "running_mean", c});
    for (int c = 1; c <= C; ++c) cols.push_back({"running σ" + subscript(c) + "²", "running_var", c});
    return cols;
  }
  HistoryShape history() const override { return {.columns = history_columns()}; }

  std::vector<Figure> figures(const Trace& trace, int current) const override {
    const Step& s = trace.steps[static_cast<std::size_t>(current)];
    const int C = n_.x.dim(1);
    std::vector<Figure> figs;
    auto heat = [&](const std::string& title, const Value* v) -> Figure* {
      if (!v) return nullptr;
      figs.push_back(matrix_figure(title, v->data, v->shape[0], v->shape[1], /*diverging=*/true));
      return &figs.back();
    };
    auto at = [&](std::string_view name) { return latest(trace, current, name); };
    const Value x{"x", n_.x.shape(), n_.x.values()}, delta{"delta", n_.upstream.shape(), n_.upstream.values()};
    const std::string& id = s.id;
    if (id.rfind("forward", 0) == 0) {
      figs.push_back(channel_figure("Each channel's values: x, then x̂, then y", C,
                                    {{"x", &x}, {"x̂", at("x_hat")}, {"y", at("y")}}));
      heat("Batch x (row = sample)", &x);
      heat("x̂ = (x − μ)/√(σ² + ε)", at("x_hat"));
      heat("y = γ·x̂ + β", at("y"));
    } else if (id.rfind("backward", 0) == 0) {
      heat("δ = ∂E/∂y", &delta);
      if (id != "backward.beta") heat("x̂", at("x_hat"));
      if (id.rfind("backward.x.", 0) == 0)
        if (Figure* f = heat("∂E/∂x so far", s.find("dx")))
          add_window(*f, 0, std::stoi(id.substr(11)) - 1, n_.x.dim(0), 1);
    } else if (id == "gradcheck") {
      heat("∂E/∂x, backward pass", at("dx"));
      heat("Finite differences", s.find("numeric_dx"));
    } else if (id == "running") {
      figs.push_back(
          channel_figure("μ per channel", C, {{"batch μ", at("mean")}, {"running μ", s.find("running_mean")}}));
      figs.push_back(channel_figure("σ² per channel", C,
                                    {{"batch σ² (÷N)", at("variance")},
                                     {"unbiased σ² (÷(N − 1))", s.find("unbiased_variance")},
                                     {"running σ²", s.find("running_var")}}));
      figs.back().y.min = 0;
    } else if (id == "more_batches") {
      figs.push_back(curve_figure("Running μ per batch", "running μ", *s.find("running_mean_curve"), at("mean")->data,
                                  "the batch's μ"));
      figs.push_back(curve_figure("Running σ² per batch", "running σ²", *s.find("running_var_curve"),
                                  at("unbiased_variance")->data, "the batch's unbiased σ²"));
    } else if (id.rfind("inference", 0) == 0) {
      figs.push_back(channel_figure("y in training and in inference", C,
                                    {{"training", s.find("y_train")}, {"inference", s.find("y_eval")}}));
      join_pairs(figs.back());
      heat("y in training", s.find("y_train"));
      heat("y in inference", s.find("y_eval"));
    }
    return figs;
  }

 private:
  BatchNormNumbers n_;
  MnistModels models_;
};

}  // namespace

std::unique_ptr<Lesson> make_batch_norm_lesson(LessonInfo info, std::vector<PrintedValue> printed, LessonTable& root) {
  BatchNormNumbers n;
  LessonTable b = root.table("batch_norm");
  n.x = b.array("batch", 2, 8, {-100, 100});
  const int N = n.x.dim(0), C = n.x.dim(1);
  if (N < 2)
    b.fail("batch",
           "a batch of 1 sample cannot be normalized: μ is the sample itself, σ² = 0, every x̂ = 0 (and the unbiased σ² "
           "of the running statistics divides by N − 1 = 0); give at least 2 rows");
  auto per_channel = [&](std::string_view key) {
    std::vector<double> v = b.numbers(key, {}, {-100, 100});
    if (static_cast<int>(v.size()) != C)
      b.fail(key, fmt::format("'{}' needs one number per channel: {} (the batch has {} columns), not {}", key, C, C,
                              v.size()));
    return v;
  };
  n.gamma = per_channel("gamma");
  n.beta = per_channel("beta");
  n.upstream = b.array("upstream", 2, 8, {-100, 100});
  if (n.upstream.dim(0) != N || n.upstream.dim(1) != C)
    b.fail("upstream", fmt::format("'upstream' (δ = ∂E/∂y) must have the batch's shape, {} × {}, not {} × {}", N, C,
                                   n.upstream.dim(0), n.upstream.dim(1)));
  n.epsilon = b.number_or("epsilon", n.epsilon);
  if (n.epsilon <= 0 || n.epsilon > 1)
    b.fail("epsilon",
           fmt::format("'epsilon' = {} must be greater than 0 and at most 1: ε keeps √(σ² + ε) above 0 when all values "
                       "of a channel are equal, and a larger ε would swamp σ²",
                       n.epsilon));
  n.momentum = b.number_or("momentum", n.momentum, {0, 1});
  n.batches = b.integer_or("batches", n.batches, 1, 1000);
  b.finish();
  MnistModels models = root.has("models") ? read_mnist_models(root) : MnistModels{};
  return std::make_unique<BatchNormLesson>(std::move(info), std::move(printed), std::move(n), std::move(models));
}

}  // namespace neurostep
