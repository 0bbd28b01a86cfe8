#include "lessons/engines/sigmoid_neuron.h"

#include <fmt/format.h>

#include <cmath>

#include "core/activation.h"
#include "core/dense.h"
#include "core/loss.h"
#include "core/optimizer.h"
#include "lessons/engines/slip_reruns.h"
#include "lessons/framework/history.h"

namespace neurostep {

namespace {

const ChoiceTable<LossKind> kLosses = {{LossKind::SquaredError, "squared_error", "squared error (a − y)²"},
                                       {LossKind::BinaryCrossEntropy, "binary_cross_entropy", "cross-entropy"}};

// "w₁x₁ + w₂x₂ + …" and "{}·{} + {}·{} + …" for n inputs.
std::pair<std::string, std::string> weighted_sum(int n, const std::string& w = "w") {
  std::string symbols, numbers;
  for (int i = 1; i <= n; ++i) {
    symbols += (i > 1 ? " + " : "") + w + subscript(i) + "x" + subscript(i);
    numbers += i > 1 ? " + {}·{}" : "{}·{}";
  }
  return {symbols, numbers};
}

}  // namespace

namespace {

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
  std::string prefix, group;  // of the sample's steps: "epoch2.sample0.", "Epoch 2, sample 0"

  NeuronRun(const SigmoidNeuronNumbers& numbers, Trace& t) : in(numbers), trace(t) {
    neuron.W = Tensor<double>({1, n}, in.weights);
  }

  std::pair<Tensor<double>, Tensor<double>> forward(const Tensor<double>& x) {
    const Tensor<double> z = neuron.forward(x, Mode::Train);
    return {z, sigmoid.forward(z, Mode::Train)};
  }
  // A step of the sample, its values after the weights as they are now.
  Step* add(std::string id, std::string title, std::vector<Equation> eqs, std::vector<Value> values) {
    values.insert(values.begin(), vector_value("w", neuron.W.values()));
    trace.steps.push_back({.id = prefix + id,
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
  r.add("z", "Weighted sum z", {{"z = " + sum_symbols, sum_numbers, sum_args, {z}}},
        {vector_value("x", sample.x), scalar_value("y", sample.y), scalar_value("z", z)});
  r.add("a", "Activation a = σ(z)", {{"a = σ(z) = 1/(1 + e^(−z))", "1/(1 + e^(−{}))", {z}, {a}}},
        {scalar_value("a", a)});
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
  Step* step = r.add("C", "Error C", {error}, {scalar_value("C", C)});
  if (!std::isfinite(C))
    step->note = "The error is not a finite number: the weights or the inputs are too large. Stepping stops here.";
  return loss;
}

// The slope of the sigmoid at z, and the slopes a slip takes in its place (Step::reruns).
std::vector<SlopeSlip> slope_step(NeuronRun& r, double z, double a) {
  const double dsigma = activation_derivative(ActivationKind::Sigmoid, z);
  Step* slope = r.add("dsigma", "Slope of the sigmoid σ′(z)",
                      {{"σ′(z) = σ(z)(1 − σ(z))", "{}·(1 − {})", {a, a}, {dsigma}}}, {scalar_value("dsigma", dsigma)});
  std::vector<SlopeSlip> slopes = slope_slips(ActivationKind::Sigmoid, 0, {z});
  for (const SlopeSlip& slip : slopes) slope->reruns.push_back({slip.slip, {scalar_value("dsigma", slip.slope(z))}});
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
  Step* gradient = r.add("gradient", "Gradient ∂C/∂w by the chain rule", chain,
                         {scalar_value("dC_da", dC_da), vector_value("dC_dw", dC_dw)});
  for (const SlopeSlip& slip : slopes) {  // ∂C/∂wᵢ = 2(a − y)·slope·xᵢ with σ′ mistaken (cross-entropy cancels it)
    std::vector<double> g;
    for (int i = 0; i < r.n; ++i) g.push_back(dC_da * slip.slope(z) * sample.x[i]);
    if (!r.cross_entropy) gradient->reruns.push_back({slip.slip, {vector_value("dC_dw", g)}});
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
  r.add("update", "Update w ← w − η·∂C/∂w", updates, {scalar_value("eta", r.in.learning_rate)});
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
  Step* last =
      r.add("C_after", "Error after the update", {after},
            {scalar_value("z_after", z2[0]), scalar_value("a_after", a2[0]), scalar_value("C_after", C_after)});
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
      r.prefix = (epoch > 1 ? fmt::format("epoch{}.", epoch) : "") + fmt::format("sample{}.", k);
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

namespace {

class SigmoidNeuronLesson final : public Lesson {
 public:
  SigmoidNeuronLesson(LessonInfo info, std::vector<PrintedValue> printed, SigmoidNeuronNumbers numbers)
      : Lesson(std::move(info), std::move(printed)), numbers_(std::move(numbers)) {}

  std::vector<Editable> editables() override {
    std::vector<Editable> e;
    for (std::size_t i = 0; i < numbers_.weights.size(); ++i)
      e.push_back({"Weights", "w" + subscript(static_cast<int>(i) + 1), &numbers_.weights[i]});
    for (std::size_t k = 0; k < numbers_.samples.size(); ++k) {
      auto& s = numbers_.samples[k];
      const std::string group = fmt::format("Sample {}", k);
      for (std::size_t i = 0; i < s.x.size(); ++i)
        e.push_back({group, "x" + subscript(static_cast<int>(i) + 1), &s.x[i]});
      e.push_back({group, "y", &s.y, 0, 1});
    }
    e.push_back({"Training", "η", &numbers_.learning_rate, 0, 100});
    e.push_back(choice_editable("Training", "loss", numbers_.loss, kLosses));
    return e;
  }

  Trace run() const override { return run_sigmoid_neuron(info_.id, numbers_); }

  std::vector<HistoryColumn> history_columns() const {
    std::vector<HistoryColumn> c = {{"z", "z"}, {"a", "a"}, {"C", "C"}, {"σ′(z)", "dsigma"}};
    const int n = static_cast<int>(numbers_.weights.size());
    for (int i = 1; i <= n; ++i) c.push_back({"∂C/∂w" + subscript(i), "dC_dw", i});
    for (int i = 1; i <= n; ++i) c.push_back({"w" + subscript(i), "w", i});
    c.push_back({"C after", "C_after"});
    return c;
  }
  HistoryShape history() const override { return {.columns = history_columns()}; }

  std::vector<Figure> figures(const Trace& trace, int current) const override {
    std::vector<Figure> figs;
    auto sigma = [](double z) { return activate(ActivationKind::Sigmoid, z); };
    auto slope = [](double z) { return activation_derivative(ActivationKind::Sigmoid, z); };
    const auto z = latest_value(trace, current, "z");

    Figure f{.title = "σ(z) and its tangent at the current z",
             .x = {"z", -6, 6},
             .y = {"σ(z)", -0.05, 1.05},
             .legend = Corner::BottomRight};
    f.series.push_back(function_series("σ(z)", sigma, -6, 6, Color::Blue));
    if (z) {
      const double a = sigma(*z), s = slope(*z);
      Series tangent = function_series(
          fmt::format("tangent, slope σ′(z) = {}", format_number(s, shown_decimals())),
          [&](double t) { return a + s * (t - *z); }, *z - 2.5, *z + 2.5, Color::Orange, 2);
      tangent.dashed = true;
      f.series.push_back(tangent);
      f.series.push_back(point_series("", *z, a, Color::Orange));
      f.annotations.push_back(
          {*z, a,
           fmt::format("z = {}, a = {}", format_number(*z, shown_decimals()), format_number(a, shown_decimals()))});
    }
    figs.push_back(std::move(f));

    Figure d{.title = "σ′(z) = σ(z)(1 − σ(z))", .x = {"z", -6, 6}, .y = {"σ′(z)", 0, 0.27}};
    d.series.push_back(function_series("σ′(z)", slope, -6, 6, Color::Green));
    if (z) d.series.push_back(point_series("", *z, slope(*z), Color::Orange));
    figs.push_back(std::move(d));

    Figure c{.title = "Error per step", .x = {"step", 0, 0}, .y = {"C", 0, 0}};
    Series before{.kind = Series::Kind::Scatter, .label = "C before the update", .color = Color::Red, .width = 5};
    Series after{.kind = Series::Kind::Scatter, .label = "C after the update", .color = Color::Green, .width = 5};
    value_history(trace, current, "C", 0, before.x, before.y);
    value_history(trace, current, "C_after", 0, after.x, after.y);
    c.series = {before, after};
    c.x = {"step", 0, static_cast<double>(trace.steps.size() + 1)};
    c.fit_axes();
    c.y.min = std::min(0.0, c.y.min);
    figs.push_back(std::move(c));

    // A weight changes only at an update step and holds its value between updates: drawn as a
    // staircase (each point repeated at the next step's x before the jump), not as slopes.
    Figure w{
        .title = "Weights per step", .x = {"step", 0, static_cast<double>(trace.steps.size() + 1)}, .y = {"w", 0, 0}};
    for (std::size_t i = 0; i < numbers_.weights.size(); ++i) {
      Series s{.kind = Series::Kind::Line,
               .label = "w" + subscript(static_cast<int>(i) + 1),
               .color = static_cast<Color>(i % 10)};
      std::vector<double> steps, values;
      value_history(trace, current, "w", i, steps, values);
      for (std::size_t k = 0; k < steps.size(); ++k) {
        if (k > 0 && values[k] != values[k - 1]) {
          s.x.push_back(steps[k]);
          s.y.push_back(values[k - 1]);
        }
        s.x.push_back(steps[k]);
        s.y.push_back(values[k]);
      }
      w.series.push_back(std::move(s));
    }
    w.fit_axes(0.1);
    figs.push_back(std::move(w));
    return figs;
  }

 private:
  SigmoidNeuronNumbers numbers_;
};

}  // namespace

std::unique_ptr<Lesson> make_sigmoid_neuron_lesson(LessonInfo info, std::vector<PrintedValue> printed,
                                                   LessonTable& root) {
  SigmoidNeuronNumbers numbers;
  LessonTable neuron = root.table("neuron");
  numbers.weights = neuron.numbers("weights", {}, {-1e6, 1e6});
  if (numbers.weights.empty() || numbers.weights.size() > 64)
    neuron.fail("weights", "'weights' must hold between 1 and 64 numbers");
  numbers.learning_rate = neuron.number("learning_rate", {0, 1e6});
  numbers.loss = neuron.choice_of("loss", kLosses, LossKind::SquaredError);
  numbers.epochs = neuron.integer_or("epochs", 1, 1, 1000);
  neuron.finish();
  for (LessonTable& s : root.tables("samples")) {
    SigmoidNeuronNumbers::Sample sample;
    sample.x = s.numbers("x", numbers.weights.size(), {-1e6, 1e6});
    sample.y = s.number("y", {0, 1});
    s.finish();
    numbers.samples.push_back(std::move(sample));
  }
  if (numbers.samples.empty() || numbers.samples.size() > 1000)
    root.fail("samples", "a sigmoid-neuron lesson needs 1 to 1,000 [[samples]] entries");
  if (static_cast<long>(numbers.epochs) * static_cast<long>(numbers.samples.size()) > 20'000)
    root.fail("samples", "epochs × samples must stay within 20,000 (7 steps each)");
  return std::make_unique<SigmoidNeuronLesson>(std::move(info), std::move(printed), std::move(numbers));
}

}  // namespace neurostep
