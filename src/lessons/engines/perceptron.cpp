#include "lessons/engines/perceptron.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/activation.h"
#include "core/dense.h"
#include "core/loss.h"
#include "core/optimizer.h"
#include "core/perceptron.h"
#include "core/rational.h"
#include "core/sequential.h"
#include "lessons/engines/perceptron_gates.h"
#include "lessons/engines/perceptron_numbers.h"
#include "lessons/engines/perceptron_sums.h"

namespace neurostep {

namespace ids = perceptron_ids;

std::string perceptron_ids::sample(int epoch, std::size_t k) { return fmt::format("e{}.s{}", epoch, k); }
std::string perceptron_ids::epoch_samples(int epoch) { return fmt::format("e{}.s*", epoch); }
std::string perceptron_ids::epoch_end(int epoch) { return fmt::format("e{}.end", epoch); }
std::string perceptron_ids::hand_update(std::size_t k) { return fmt::format("hand.update{}", k); }
std::string perceptron_ids::gates_sample(std::size_t k) { return fmt::format("gates.x{}", k); }
std::string perceptron_ids::network_epoch(int epoch) { return fmt::format("net.epoch{}", epoch); }

namespace {

using namespace perceptron_parts;

const std::string kHandGroup = "The thesis by hand (§2.2.1)";

// The decision line w₀ + w₁x₁ + w₂x₂ = 0 written out in step `s`, with the weights: as x₂ = slope·x₁
// + intercept (values `slope`, `intercept`), or, if w₂ = 0 (edited weights), as the vertical line
// x₁ = −w₀/w₁, or no line at all if w₁ = w₂ = 0.
void add_line(Step& s, const std::vector<double>& w) {
  s.values = {vector_value(ids::kW, w)};
  if (w[2] != 0) {
    const double slope = -w[1] / w[2], intercept = -w[0] / w[2];
    s.equations.push_back({"line: x₂ = −(w₁/w₂)x₁ − w₀/w₂", "x₂ = {}·x₁ + {}", {slope, intercept}, {slope, intercept}});
    s.values.push_back(scalar_value(ids::kSlope, slope));
    s.values.push_back(scalar_value(ids::kIntercept, intercept));
  } else if (w[1] != 0) {
    s.equations.push_back(
        {"line: w₂ = 0, so it is vertical: x₁ = −w₀/w₁", "x₁ = −{}/{}", {w[0], w[1]}, {-w[0] / w[1]}});
  } else {
    s.equations.push_back({"w₁ = w₂ = 0: no line — every point gets the same output, H(w₀)", "", {}, {}});
  }
}

// ", e.g. 0.6000000000000001 for 0.6": the first weight of the double run that is not the exact
// one, in the shortest digits that give it back (empty if none differs).
std::string rounding_example(const std::vector<double>& w_float_run, const std::vector<double>& w_exact) {
  for (std::size_t i = 0; i < w_float_run.size(); ++i)
    if (w_float_run[i] != w_exact[i])
      return fmt::format(", e.g. {} for {}", w_float_run[i], format_number(w_exact[i], shown_decimals()));
  return "";
}

// The two runs of the perceptron rule side by side: exact, as on paper, and in double precision
// (updated by its own decisions), to show where rounding changes a decision.
struct PerceptronRuns {
  std::vector<Rational> w;  // the exact run
  std::vector<double> wd;   // the double run
  Rational eta;
  bool float_differs_noted = false;
};

// Sample k of an epoch: z = Σ wᵢxᵢ, ŷ = H(z), and the update where ŷ ≠ y (both runs). Counts an error.
Step sample_step(const PerceptronNumbers& in, std::size_t k, int epoch, const std::string& group, PerceptronRuns& runs,
                 int& errors) {
  const auto& s = in.samples[k];
  const std::vector<double> x1 = with_bias_input(s.x);
  const std::vector<Rational> xr = to_rationals(x1);
  const std::vector<double> w_before = to_doubles(runs.w);
  const Rational z = weighted_sum(runs.w, xr);
  const int y_hat = heaviside(z);
  const std::vector<double> w_float_run = runs.wd;  // the double run's weights before this sample
  const double z_float_run = weighted_sum(runs.wd, x1);
  const int y_hat_float_run = heaviside(z_float_run);

  Step step{
      .id = ids::sample(epoch, k),
      .group = group,
      .title = fmt::format("{} → ŷ = {}, y = {}{}", point_text(s.x), y_hat, s.y, y_hat == s.y ? " ✓" : ": update"),
      .equations = {sum_equation(w_before, x1, z.to_double()),
                    {"ŷ = H(z) = 1 if z > 0, else 0", "H({})", {z.to_double()}, {double(y_hat)}}}};
  step.asked_title = fmt::format("{}, y = {}", point_text(s.x), s.y);  // ŷ and "update" would tell z's sign
  if (y_hat != s.y) {
    ++errors;
    perceptron_update(runs.w, xr, runs.eta, s.y, y_hat);
    for (std::size_t i = 0; i < runs.w.size(); ++i) {
      const std::string wi = "w" + subscript(static_cast<int>(i)), xi = "x" + subscript(static_cast<int>(i));
      step.equations.push_back({wi + " ← " + wi + " + η(y − ŷ)" + xi,
                                "{} + {}·({} − {})·{}",
                                {w_before[i], in.learning_rate, double(s.y), double(y_hat), x1[i]},
                                {runs.w[i].to_double()}});
    }
  } else {
    step.equations.push_back({"ŷ = y: the weights stay", "{} = {}", {double(y_hat), double(s.y)}, to_doubles(runs.w)});
  }
  if (y_hat_float_run != s.y) perceptron_update(runs.wd, x1, in.learning_rate, s.y, y_hat_float_run);
  if (y_hat_float_run != y_hat && !runs.float_differs_noted) {
    runs.float_differs_noted = true;
    step.note = fmt::format(
        "Floating-point pitfall: a program computing in double gets z = {} here (its weights carry rounding "
        "errors{}), so it outputs ŷ = {} instead of {}. On paper z = {} exactly; "
        "this lesson follows the paper. From here on the two runs differ.",
        format_number(z_float_run, shown_decimals()), rounding_example(w_float_run, w_before), y_hat_float_run, y_hat,
        format_number(z.to_double(), shown_decimals()));
  }
  step.values = {vector_value(ids::kX, x1),
                 scalar_value(ids::kY, s.y),
                 scalar_value(ids::kZ, z.to_double()),
                 scalar_value(ids::kYHat, y_hat),
                 written_as(vector_value(ids::kW, to_doubles(runs.w)), "w", 0),
                 scalar_value(ids::kMisclassified, y_hat != s.y),
                 scalar_value(ids::kZFloatRun, z_float_run),
                 vector_value(ids::kWFloatRun, w_float_run)};
  return step;
}

// The end of an epoch: converged, cycling (the weights of an earlier epoch's end again), or stopped.
Step epoch_end_step(const PerceptronNumbers& in, int epoch, int errors, const std::vector<Rational>& w,
                    int repeats_epoch, const std::string& group) {
  Step end{.id = ids::epoch_end(epoch),
           .group = group,
           .title = fmt::format("End of epoch {}: {} misclassified", epoch, errors),
           .values = {scalar_value(ids::kErrors, errors), vector_value(ids::kW, to_doubles(w))}};
  if (errors == 0) {
    end.note = fmt::format(
        "No sample was misclassified in epoch {}: the perceptron has converged. The line "
        "w₀ + w₁x₁ + w₂x₂ = 0 separates the two classes.",
        epoch);
    const auto [double_epoch, double_w] = double_run(in);
    if (double_epoch != epoch || double_w != to_doubles(w)) {
      end.values.push_back(scalar_value(ids::kEpochFloatRun, double_epoch));
      end.values.push_back(vector_value(ids::kWFloatRun, double_w));
      end.note += fmt::format(
          " (Computed in double, as a program does, the same training converges in epoch {} "
          "with w = {}: rounding errors changed some decisions.)",
          double_epoch, point_text(double_w));
    }
  } else if (repeats_epoch > 0) {
    end.note = fmt::format(
        "The weights after epoch {} are those after epoch {}: the perceptron cycles forever. "
        "No line separates these classes — they are not linearly separable.",
        epoch, repeats_epoch);
  } else if (epoch == in.max_epochs) {
    end.note = fmt::format("Still {} misclassified after {} epochs: stopped.", errors, epoch);
  }
  return end;
}

void train_perceptron(const PerceptronNumbers& in, Trace& trace) {
  PerceptronRuns runs{to_rationals(in.weights), in.weights, Rational::from_decimal(in.learning_rate)};
  std::vector<std::vector<Rational>> epoch_ends;
  for (int epoch = 1; epoch <= in.max_epochs; ++epoch) {
    int errors = 0;
    const std::string group = fmt::format("Epoch {}", epoch);
    for (std::size_t k = 0; k < in.samples.size(); ++k)
      trace.steps.push_back(sample_step(in, k, epoch, group, runs, errors));
    const auto repeat = std::find(epoch_ends.begin(), epoch_ends.end(), runs.w);
    const int repeats_epoch = repeat == epoch_ends.end() ? 0 : static_cast<int>(repeat - epoch_ends.begin()) + 1;
    trace.steps.push_back(epoch_end_step(in, epoch, errors, runs.w, repeats_epoch, group));
    epoch_ends.push_back(runs.w);
    if (errors == 0 || repeats_epoch > 0) break;
  }
}

// The samples classified under the thesis's stated rule ŷ = 1 if z > 0, with the weights w.
Step hand_classify_step(const PerceptronNumbers& in, const std::vector<double>& w, std::string id, std::string title) {
  Step s{.id = std::move(id), .group = kHandGroup, .title = std::move(title)};
  std::vector<double> zs, outputs, correct;
  for (const auto& sample : in.samples) {
    const std::vector<double> x1 = with_bias_input(sample.x);
    const double z = weighted_sum(to_rationals(w), to_rationals(x1)).to_double();
    const int out = z > 0;
    zs.push_back(z);
    outputs.push_back(out);
    correct.push_back(out == sample.y);
    Equation e = sum_equation(w, x1, z);
    e.symbols = fmt::format("{}: {} → ŷ = {}, target {} → {}", point_text(sample.x), e.symbols, out, sample.y,
                            out == sample.y ? "well classified" : "misclassified");
    s.equations.push_back(std::move(e));
  }
  s.values = {vector_value(ids::kZ, zs), vector_value(ids::kOutput, outputs), vector_value(ids::kCorrect, correct),
              vector_value(ids::kW, w)};
  return s;
}

// The thesis's update k (from 0) of the weights w, which it changes.
Step hand_update_step(const PerceptronNumbers& in, std::size_t k, std::vector<double>& w) {
  const auto& u = in.hand_updates[k];
  const std::vector<double> x1 = with_bias_input(u.x);
  Step s{.id = ids::hand_update(k + 1),
         .group = kHandGroup,
         .title = fmt::format("The thesis updates on {} with d = {:+d}", point_text(u.x), u.d)};
  std::vector<Rational> wr = to_rationals(w);
  // w ← w + η·d·x is the perceptron rule with (y − ŷ) = d.
  perceptron_update(wr, to_rationals(x1), Rational::from_decimal(in.learning_rate), u.d, 0);
  for (std::size_t i = 0; i < w.size(); ++i) {
    const std::string wi = "w" + subscript(static_cast<int>(i)), xi = "x" + subscript(static_cast<int>(i));
    s.equations.push_back({wi + "′ = " + wi + " + η·d·" + xi,
                           "{} + {}·({})·{}",
                           {w[i], in.learning_rate, double(u.d), x1[i]},
                           {wr[i].to_double()}});
  }
  w = to_doubles(wr);
  add_line(s, w);
  return s;
}

// Sougrati et al., ch. 2, §2.2.1 works AND by hand with its own update rule w ← w + η·d·x.
void hand_worked(const PerceptronNumbers& in, Trace& trace) {
  std::vector<double> w = in.weights;
  Step first = hand_classify_step(in, w, ids::kHandClassify, "Which points does the stated rule misclassify?");
  first.note =
      "The thesis states the rule \"Y = TRUE if Σ wᵢxᵢ > 0\" and says (0,0) and (1,1) are well classified while "
      "(0,1) and (1,0) are not. Under that rule it is the other way round.";
  trace.steps.push_back(std::move(first));
  for (std::size_t k = 0; k < in.hand_updates.size(); ++k) trace.steps.push_back(hand_update_step(in, k, w));
  Step result = hand_classify_step(in, w, ids::kHandResult, "The hand-worked line under the stated rule");
  result.note =
      "Every output is now the opposite of AND — the hand-worked weights compute NAND. The thesis's updates "
      "follow a reversed sign convention (TRUE below the line), not its stated rule.";
  trace.steps.push_back(std::move(result));
}

// One recorded epoch of the 2-2-1 network: the loss written out, and each output from the hidden
// activations h = σ(W₁x + b₁) of this forward pass.
Step network_epoch_step(const PerceptronNumbers& in, int epoch, Sequential<double>& model, const Tensor<double>& out,
                        const Tensor<double>& y, double loss, const std::vector<double>& curve) {
  const auto& net = *in.network;
  const int n = static_cast<int>(in.samples.size());
  auto& W1 = static_cast<Dense<double>&>(model.layer(0));
  auto& W2 = static_cast<Dense<double>&>(model.layer(2));
  Equation bce{fmt::format("E = −(1/{}) Σ [y ln o + (1 − y) ln(1 − o)]", n), fmt::format("−(1/{})[", n), {}, {loss}};
  for (int i = 0; i < n; ++i) {
    bce.numbers += (i ? " + " : "") + std::string(y[static_cast<std::size_t>(i)] > 0.5 ? "ln {}" : "ln(1 − {})");
    bce.args.push_back(out[static_cast<std::size_t>(i)]);
  }
  bce.numbers += "]";
  Step s{
      .id = ids::network_epoch(epoch),
      .group = "2-2-1 network",
      .title = fmt::format("Epoch {}: loss {}", epoch, format_number(loss, shown_decimals())),
      .equations = {bce},
      .values = {scalar_value(ids::kLoss, loss), vector_value(ids::kOutputs, out.values()),
                 matrix_value(ids::kW1, W1.W.values(), W1.W.dim(0), W1.W.dim(1)), vector_value(ids::kB1, W1.b.values()),
                 matrix_value(ids::kW2, W2.W.values(), W2.W.dim(0), W2.W.dim(1)), vector_value(ids::kB2, W2.b.values()),
                 vector_value(ids::kLossCurve, curve)}};
  const Tensor<double>& h = model.outputs()[1];  // (n, hidden)
  for (int i = 0; i < n; ++i) {
    Equation o{fmt::format("o{} = σ(W₂·h + b₂), h = σ(W₁x + b₁), target y = {}",
                           point_text(in.samples[static_cast<std::size_t>(i)].x), y[static_cast<std::size_t>(i)]),
               "σ(",
               {},
               {out[static_cast<std::size_t>(i)]}};
    for (int m = 0; m < net.hidden; ++m) {
      o.numbers += m ? " + {}·{}" : "{}·{}";
      o.args.insert(o.args.end(), {W2.W[static_cast<std::size_t>(m)], h.at(i, m)});
    }
    o.numbers += " + {})";
    o.args.push_back(W2.b[0]);
    s.equations.push_back(std::move(o));
  }
  if (epoch == net.epochs) {
    int right = 0;
    for (int i = 0; i < n; ++i)
      right += (out[static_cast<std::size_t>(i)] > 0.5) == (y[static_cast<std::size_t>(i)] > 0.5);
    s.note = right == n ? fmt::format(
                              "All {} points are classified correctly (output > 0.5 ⇔ class 1): two hidden "
                              "lines bend the boundary where one line could not.",
                              n)
                        : fmt::format("{} of {} points correct: this start got stuck; try another seed.", right, n);
  }
  return s;
}

void train_network(const PerceptronNumbers& in, Trace& trace) {
  const auto& net = *in.network;
  const int n = static_cast<int>(in.samples.size()), d = static_cast<int>(in.samples[0].x.size());
  Tensor<double> x({n, d}), y({n, 1});
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < d; ++j) x.at(i, j) = in.samples[static_cast<std::size_t>(i)].x[static_cast<std::size_t>(j)];
    y[static_cast<std::size_t>(i)] = in.samples[static_cast<std::size_t>(i)].y;
  }
  Sequential<double> model = xor_network(d, net.hidden);
  model.initialize(InitKind::GlorotUniform, static_cast<std::uint64_t>(net.seed));
  model.keep_outputs(true);  // the hidden activations, for the outputs' equations
  Optimizer<double> opt({.kind = net.optimizer, .learning_rate = net.learning_rate});
  std::vector<double> curve;
  for (int epoch = 0; epoch <= net.epochs; ++epoch) {
    const Tensor<double> out = model.forward(x, Mode::Train);
    const auto loss = compute_loss(LossKind::BinaryCrossEntropy, out, y, Reduction::Mean);
    if (!std::isfinite(loss.value)) {
      trace.steps.push_back({.id = ids::network_epoch(epoch),
                             .group = "2-2-1 network",
                             .title = "Training stopped",
                             .values = {scalar_value(ids::kLoss, loss.value)},
                             .note = "The loss is not finite: the learning rate is too large."});
      return;
    }
    if (epoch > 0) curve.push_back(loss.value);
    if (epoch % net.record_every == 0 || epoch == net.epochs)
      trace.steps.push_back(network_epoch_step(in, epoch, model, out, y, loss.value, curve));
    if (epoch == net.epochs) break;
    model.zero_grad();
    model.backward(loss.grad);
    opt.step(model.params());
  }
}

}  // namespace

Trace run_perceptron(const std::string& lesson_id, const PerceptronNumbers& numbers) {
  Trace trace{lesson_id, {}};
  train_perceptron(numbers, trace);
  if (!numbers.hand_updates.empty()) hand_worked(numbers, trace);
  if (numbers.gate_epochs > 0) xor_from_gates(numbers, trace);
  if (numbers.network) train_network(numbers, trace);
  return trace;
}

}  // namespace neurostep
