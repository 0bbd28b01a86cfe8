#include "lessons/engines/sigmoid_neuron.h"

#include <fmt/format.h>

#include <cmath>

#include "core/activation.h"
#include "core/dense.h"
#include "core/loss.h"
#include "core/optimizer.h"
#include "lessons/engines/slip_reruns.h"

namespace neurostep {

namespace sigmoid_neuron_ids {
std::string step(int epoch, std::size_t sample, const char* phase) {
  return (epoch > 1 ? fmt::format("epoch{}.", epoch) : "") + fmt::format("sample{}.{}", sample, phase);
}
std::string every_sample(const char* phase) { return fmt::format("sample*.{}", phase); }
}  // namespace sigmoid_neuron_ids

namespace {

namespace ids = sigmoid_neuron_ids;

// "w₁x₁ + w₂x₂ + …" and "{}·{} + {}·{} + …" for n inputs.
std::pair<std::string, std::string> weighted_sum(int n, const std::string& w = "w") {
  std::string symbols, numbers;
  for (int i = 1; i <= n; ++i) {
    symbols += (i > 1 ? " + " : "") + w + subscript(i) + "x" + subscript(i);
    numbers += i > 1 ? " + {}·{}" : "{}·{}";
  }
  return {symbols, numbers};
}

// One neuron a = σ(w·x) trained one sample at a time (Lazović 2020, §2.13): what its phases share —
// the core's Dense and Sigmoid layers, plain SGD, and the sample being worked.
struct NeuronRun {
  const SigmoidNeuronNumbers& in;
  Trace& trace;
  int n = static_cast<int>(in.weights.size());
  bool cross_entropy = in.loss == LossKind::BinaryCrossEntropy;
  Dense<double> neuron{n, 1, /*use_bias=*/false};
  Activation<double> sigmoid{ActivationKind::Sigmoid};
  Optimizer<double> sgd{{.kind = OptimizerKind::SGD, .learning_rate = in.learning_rate}};
  int epoch = 1;  // the sample being worked: its epoch (from 1) and its index (from 0)
  std::size_t sample = 0;
  std::string group;  // of the sample's steps: "Epoch 2, sample 0"

  NeuronRun(const SigmoidNeuronNumbers& numbers, Trace& t) : in(numbers), trace(t) {
    neuron.W = Tensor<double>({1, n}, in.weights);
  }

  std::pair<Tensor<double>, Tensor<double>> forward(const Tensor<double>& x) {
    const Tensor<double> z = neuron.forward(x, Mode::Train);
    return {z, sigmoid.forward(z, Mode::Train)};
  }
  // A step of the sample, its values after the weights as they are now.
  Step* add(const char* phase, std::string title, std::vector<Equation> eqs, std::vector<Value> values) {
    values.insert(values.begin(), vector_value(ids::kW, neuron.W.values()));
    trace.steps.push_back({.id = ids::step(epoch, sample, phase),
                           .group = group,
                           .title = std::move(title),
                           .equations = std::move(eqs),
                           .values = std::move(values)});
    return &trace.steps.back();
  }
};

using Sample = SigmoidNeuronNumbers::Sample;

// Forward: z = w·x (Dense), a = σ(z) (Sigmoid).
struct Forward {
  double z;
  Tensor<double> a;  // (1, 1), as the loss takes it
};
Forward forward_steps(NeuronRun& r, const Sample& sample, const std::vector<double>& w) {
  const auto [sum_symbols, sum_numbers] = weighted_sum(r.n);
  const auto [z_t, a_t] = r.forward(Tensor<double>({1, r.n}, sample.x));
  const double z = z_t[0], a = a_t[0];
  std::vector<double> sum_args;
  for (int i = 0; i < r.n; ++i) sum_args.insert(sum_args.end(), {w[i], sample.x[i]});
  r.add(ids::kWeightedSum, "Weighted sum z", {{"z = " + sum_symbols, sum_numbers, sum_args, {z}}},
        {vector_value(ids::kX, sample.x), scalar_value(ids::kY, sample.y), scalar_value(ids::kZ, z)});
  r.add(ids::kActivation, "Activation a = σ(z)", {{"a = σ(z) = 1/(1 + e^(−z))", "1/(1 + e^(−{}))", {z}, {a}}},
        {scalar_value(ids::kA, a)});
  return {z, a_t};
}

// The error C = (a − y)² or the cross-entropy; its step says so when it is not finite.
LossResult<double> error_step(NeuronRun& r, const Sample& sample, const Tensor<double>& a_t) {
  const double a = a_t[0];
  const LossResult<double> loss = compute_loss(r.in.loss, a_t.reshaped({1, 1}), Tensor<double>({1, 1}, {sample.y}));
  const double C = loss.value;
  Equation error = r.cross_entropy ? Equation{"C = −[y·ln a + (1 − y)·ln(1 − a)]",
                                              "−[{}·ln {} + (1 − {})·ln(1 − {})]",
                                              {sample.y, a, sample.y, a},
                                              {C}}
                                   : Equation{"C = (a − y)²", "({} − {})²", {a, sample.y}, {C}};
  Step* step = r.add(ids::kError, "Error C", {error}, {scalar_value(ids::kC, C)});
  if (!std::isfinite(C))
    step->note = "The error is not a finite number: the weights or the inputs are too large. Stepping stops here.";
  return loss;
}

// The slope of the sigmoid at z, and the slopes a slip takes in its place (Step::reruns).
std::vector<SlopeSlip> slope_step(NeuronRun& r, double z, double a) {
  const double dsigma = activation_derivative(ActivationKind::Sigmoid, z);
  Step* slope =
      r.add(ids::kSlope, "Slope of the sigmoid σ′(z)", {{"σ′(z) = σ(z)(1 − σ(z))", "{}·(1 − {})", {a, a}, {dsigma}}},
            {scalar_value(ids::kDsigma, dsigma)});
  std::vector<SlopeSlip> slopes = slope_slips(ActivationKind::Sigmoid, 0, {z});
  for (const SlopeSlip& slip : slopes)
    slope->reruns.push_back({slip.slip, {scalar_value(ids::kDsigma, slip.slope(z))}});
  return slopes;
}

// Backward: the loss gradient through Sigmoid and Dense (the real backward passes), written as the
// chain rule ∂C/∂wᵢ = ∂C/∂a·σ′(z)·xᵢ (Lazović 2020, §2.13; with cross-entropy, Jäppinen 2024, eqs. 4–8).
std::vector<double> gradient_step(NeuronRun& r, const Sample& sample, double z, double a,
                                  const LossResult<double>& loss, const std::vector<SlopeSlip>& slopes) {
  r.neuron.zero_grad();
  r.neuron.backward(r.sigmoid.backward(loss.grad.reshaped({1, 1})));
  const std::vector<double> dC_dw = r.neuron.dW.values();
  const double dC_da = loss.grad[0];
  std::vector<Equation> chain;
  chain.push_back(r.cross_entropy
                      ? Equation{"∂C/∂a = (a − y)/(a(1 − a))", "({} − {})/({}·(1 − {}))", {a, sample.y, a, a}, {dC_da}}
                      : Equation{"∂C/∂a = 2(a − y)", "2({} − {})", {a, sample.y}, {dC_da}});
  for (int i = 0; i < r.n; ++i) {
    const std::string wi = "w" + subscript(i + 1), xi = "x" + subscript(i + 1);
    chain.push_back(r.cross_entropy ? Equation{"∂C/∂" + wi + " = ∂C/∂a·σ′(z)·" + xi + " = (a − y)·" + xi,
                                               "({} − {})·{}",
                                               {a, sample.y, sample.x[i]},
                                               {dC_dw[i]}}
                                    : Equation{"∂C/∂" + wi + " = ∂C/∂a·∂a/∂z·∂z/∂" + wi + " = 2(a − y)·a(1 − a)·" + xi,
                                               "2({} − {})·{}·{}·{}",
                                               {a, sample.y, a, 1 - a, sample.x[i]},
                                               {dC_dw[i]}});
  }
  Step* gradient = r.add(ids::kGradient, "Gradient ∂C/∂w by the chain rule", chain,
                         {scalar_value(ids::kDCda, dC_da), vector_value(ids::kDCdw, dC_dw)});
  for (const SlopeSlip& slip : slopes) {  // ∂C/∂wᵢ = 2(a − y)·slope·xᵢ with σ′ mistaken (cross-entropy cancels it)
    std::vector<double> g;
    for (int i = 0; i < r.n; ++i) g.push_back(dC_da * slip.slope(z) * sample.x[i]);
    if (!r.cross_entropy) gradient->reruns.push_back({slip.slip, {vector_value(ids::kDCdw, g)}});
  }
  if (r.cross_entropy)
    gradient->note =
        "With cross-entropy, ∂C/∂a = (a − y)/(a(1 − a)) cancels the slope σ′(z) = a(1 − a): "
        "the step no longer shrinks when the neuron saturates (Jäppinen 2024, eqs. 4–8).";
  return dC_dw;
}

// Update: one SGD step, w ← w − η·∂C/∂w.
void update_step(NeuronRun& r, const std::vector<double>& w, const std::vector<double>& dC_dw) {
  r.sgd.step(r.neuron.params());
  std::vector<Equation> updates;
  for (int i = 0; i < r.n; ++i) {
    const std::string wi = "w" + subscript(i + 1);
    updates.push_back({wi + " ← " + wi + " − η·∂C/∂" + wi,
                       "{} − {}·{}",
                       {w[i], r.in.learning_rate, dC_dw[i]},
                       {r.neuron.W[static_cast<std::size_t>(i)]}});
  }
  r.add(ids::kUpdate, "Update w ← w − η·∂C/∂w", updates, {scalar_value(ids::kEta, r.in.learning_rate)});
}

// The error again, with the new weights: did the step lower it?
void error_after_step(NeuronRun& r, const Sample& sample, double C) {
  const Tensor<double> x({1, r.n}, sample.x), y({1, 1}, {sample.y});
  const auto [z2, a2] = r.forward(x);
  const double C_after = compute_loss(r.in.loss, a2.reshaped({1, 1}), y).value;
  const auto [sum2_symbols, sum2_numbers] = weighted_sum(r.n);
  std::vector<double> args2;
  for (int i = 0; i < r.n; ++i) args2.insert(args2.end(), {r.neuron.W[static_cast<std::size_t>(i)], sample.x[i]});
  args2.push_back(r.cross_entropy ? a2[0] : sample.y);  // the last number: a′ (cross-entropy) or y
  Equation after =
      r.cross_entropy
          ? Equation{"C′ = −[y·ln a′ + (1 − y)·ln(1 − a′)],  a′ = σ(" + sum2_symbols + ")",
                     "a′ = σ(" + sum2_numbers + ") = {}",
                     args2,
                     {C_after}}
          : Equation{"C′ = (σ(" + sum2_symbols + ") − y)²", "(σ(" + sum2_numbers + ") − {})²", args2, {C_after}};
  Step* last = r.add(
      ids::kErrorAfter, "Error after the update", {after},
      {scalar_value(ids::kZAfter, z2[0]), scalar_value(ids::kAAfter, a2[0]), scalar_value(ids::kCAfter, C_after)});
  last->note = C_after < C ? fmt::format("The error fell from {} to {}.", format_number(C, shown_decimals()),
                                         format_number(C_after, shown_decimals()))
                           : fmt::format("The error rose from {} to {}: the learning rate is too large for this step.",
                                         format_number(C, shown_decimals()), format_number(C_after, shown_decimals()));
}

}  // namespace

Trace run_sigmoid_neuron(const std::string& lesson_id, const SigmoidNeuronNumbers& in) {
  Trace trace{lesson_id, {}};
  NeuronRun r(in, trace);
  for (int epoch = 1; epoch <= in.epochs; ++epoch)
    for (std::size_t k = 0; k < in.samples.size(); ++k) {
      const Sample& sample = in.samples[k];
      r.epoch = epoch;
      r.sample = k;
      r.group = in.epochs > 1 ? fmt::format("Epoch {}, sample {}", epoch, k) : fmt::format("Sample {}", k);
      const std::vector<double> w = r.neuron.W.values();
      const Forward f = forward_steps(r, sample, w);
      const double z = f.z, a = f.a[0];
      const LossResult<double> loss = error_step(r, sample, f.a);
      if (!std::isfinite(loss.value)) return trace;
      const std::vector<SlopeSlip> slopes = slope_step(r, z, a);
      const std::vector<double> dC_dw = gradient_step(r, sample, z, a, loss, slopes);
      update_step(r, w, dC_dw);
      error_after_step(r, sample, loss.value);
    }
  return trace;
}

}  // namespace neurostep
