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
#include "lessons/engines/perceptron_sums.h"
#include "lessons/framework/history.h"

namespace neurostep {

namespace {

using namespace perceptron_parts;

// The decision line w₀ + w₁x₁ + w₂x₂ = 0 written out in step `s`, with the weights: as x₂ = slope·x₁
// + intercept (values `slope`, `intercept`), or, if w₂ = 0 (edited weights), as the vertical line
// x₁ = −w₀/w₁, or no line at all if w₁ = w₂ = 0.
void add_line(Step& s, const std::vector<double>& w) {
  s.values = {vector_value("w", w)};
  if (w[2] != 0) {
    const double slope = -w[1] / w[2], intercept = -w[0] / w[2];
    s.equations.push_back({"line: x₂ = −(w₁/w₂)x₁ − w₀/w₂", "x₂ = {}·x₁ + {}", {slope, intercept}, {slope, intercept}});
    s.values.push_back(scalar_value("slope", slope));
    s.values.push_back(scalar_value("intercept", intercept));
  } else if (w[1] != 0) {
    s.equations.push_back(
        {"line: w₂ = 0, so it is vertical: x₁ = −w₀/w₁", "x₁ = −{}/{}", {w[0], w[1]}, {-w[0] / w[1]}});
  } else {
    s.equations.push_back({"w₁ = w₂ = 0: no line — every point gets the same output, H(w₀)", "", {}, {}});
  }
}

// The 2-H-1 sigmoid network of Sougrati et al., ch. 2, §4.3, built from the core library.
Sequential<double> xor_network(int inputs, int hidden) {
  Sequential<double> m({inputs});
  m.emplace<Dense<double>>(inputs, hidden);
  m.emplace<Activation<double>>(ActivationKind::Sigmoid);
  m.emplace<Dense<double>>(hidden, 1);
  m.emplace<Activation<double>>(ActivationKind::Sigmoid);
  return m;
}

// The epoch in which the same training converges when computed in double, as a program does
// (0 if it does not within max_epochs), and its final weights.
std::pair<int, std::vector<double>> double_run(const PerceptronNumbers& in) {
  std::vector<double> w = in.weights;
  for (int epoch = 1; epoch <= in.max_epochs; ++epoch) {
    int errors = 0;
    for (const auto& s : in.samples) {
      const std::vector<double> x1 = with_bias_input(s.x);
      const int y_hat = heaviside(weighted_sum(w, x1));
      if (y_hat != s.y) {
        ++errors;
        perceptron_update(w, x1, in.learning_rate, s.y, y_hat);
      }
    }
    if (errors == 0) return {epoch, w};
  }
  return {0, w};
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
      .id = fmt::format("e{}.s{}", epoch, k),
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
  step.values = {vector_value("x", x1),
                 scalar_value("y", s.y),
                 scalar_value("z", z.to_double()),
                 scalar_value("y_hat", y_hat),
                 written_as(vector_value("w", to_doubles(runs.w)), "w", 0),
                 scalar_value("misclassified", y_hat != s.y),
                 scalar_value("z_float_run", z_float_run),
                 vector_value("w_float_run", w_float_run)};
  return step;
}

// The end of an epoch: converged, cycling (the weights of an earlier epoch's end again), or stopped.
Step epoch_end_step(const PerceptronNumbers& in, int epoch, int errors, const std::vector<Rational>& w,
                    int repeats_epoch, const std::string& group) {
  Step end{.id = fmt::format("e{}.end", epoch),
           .group = group,
           .title = fmt::format("End of epoch {}: {} misclassified", epoch, errors),
           .values = {scalar_value("errors", errors), vector_value("w", to_doubles(w))}};
  if (errors == 0) {
    end.note = fmt::format(
        "No sample was misclassified in epoch {}: the perceptron has converged. The line "
        "w₀ + w₁x₁ + w₂x₂ = 0 separates the two classes.",
        epoch);
    const auto [double_epoch, double_w] = double_run(in);
    if (double_epoch != epoch || double_w != to_doubles(w)) {
      end.values.push_back(scalar_value("epoch_float_run", double_epoch));
      end.values.push_back(vector_value("w_float_run", double_w));
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

// Sougrati et al., ch. 2, §2.2.1 works AND by hand with its own update rule w ← w + η·d·x.
void hand_worked(const PerceptronNumbers& in, Trace& trace) {
  const std::string group = "The thesis by hand (§2.2.1)";
  std::vector<double> w = in.weights;
  auto classify = [&](std::string id, std::string title) {
    Step s{.id = std::move(id), .group = group, .title = std::move(title)};
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
    s.values = {vector_value("z", zs), vector_value("output", outputs), vector_value("correct", correct),
                vector_value("w", w)};
    return s;
  };
  Step first = classify("hand.classify", "Which points does the stated rule misclassify?");
  first.note =
      "The thesis states the rule \"Y = TRUE if Σ wᵢxᵢ > 0\" and says (0,0) and (1,1) are well classified while "
      "(0,1) and (1,0) are not. Under that rule it is the other way round.";
  trace.steps.push_back(std::move(first));
  for (std::size_t k = 0; k < in.hand_updates.size(); ++k) {
    const auto& u = in.hand_updates[k];
    const std::vector<double> x1 = with_bias_input(u.x);
    Step s{.id = fmt::format("hand.update{}", k + 1),
           .group = group,
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
    trace.steps.push_back(std::move(s));
  }
  Step result = classify("hand.result", "The hand-worked line under the stated rule");
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
  Step s{.id = fmt::format("net.epoch{}", epoch),
         .group = "2-2-1 network",
         .title = fmt::format("Epoch {}: loss {}", epoch, format_number(loss, shown_decimals())),
         .equations = {bce},
         .values = {scalar_value("loss", loss), vector_value("outputs", out.values()),
                    matrix_value("W1", W1.W.values(), W1.W.dim(0), W1.W.dim(1)), vector_value("b1", W1.b.values()),
                    matrix_value("W2", W2.W.values(), W2.W.dim(0), W2.W.dim(1)), vector_value("b2", W2.b.values()),
                    vector_value("loss_curve", curve)}};
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
      trace.steps.push_back({.id = fmt::format("net.epoch{}", epoch),
                             .group = "2-2-1 network",
                             .title = "Training stopped",
                             .values = {scalar_value("loss", loss.value)},
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

class PerceptronLesson final : public Lesson {
 public:
  PerceptronLesson(LessonInfo info, std::vector<PrintedValue> printed, PerceptronNumbers numbers)
      : Lesson(std::move(info), std::move(printed)), numbers_(std::move(numbers)) {}

  std::vector<Editable> editables() override {
    std::vector<Editable> e;
    for (std::size_t i = 0; i < numbers_.weights.size(); ++i)
      e.push_back({"Start weights", "w" + subscript(static_cast<int>(i)), &numbers_.weights[i], -5, 5});
    e.push_back({"Training", "η", &numbers_.learning_rate, 0.001, 5});
    if (numbers_.network) {
      e.push_back({"Network", "η (network)", &numbers_.network->learning_rate, 0.0001, 5});
      e.push_back({.group = "Network", .label = "seed", .min = 0, .max = 1000, .integer = &numbers_.network->seed});
      e.push_back(
          {.group = "Network", .label = "epochs", .min = 1, .max = 20000, .integer = &numbers_.network->epochs});
    }
    return e;
  }

  Trace run() const override { return run_perceptron(info_.id, numbers_); }

  std::vector<HistoryColumn> history_columns() const {
    return {{"z", "z"},     {"ŷ", "y_hat"},       {"w₀", "w", 1},  {"w₁", "w", 2},
            {"w₂", "w", 3}, {"errors", "errors"}, {"loss", "loss"}};
  }
  HistoryShape history() const override { return {.columns = history_columns()}; }

  std::vector<Figure> figures(const Trace& trace, int current) const override {
    if (numbers_.samples.empty() || numbers_.samples[0].x.size() != 2) return {};
    const Step& step = trace.steps[static_cast<std::size_t>(current)];
    std::vector<Figure> figs;
    if (step.find("W1")) {
      figs.push_back(network_figure(step));
      Figure loss{.title = "Network loss per epoch", .x = {"epoch", 0, 0}, .y = {"binary cross-entropy", 0, 0}};
      Series s{.label = "loss", .color = Color::Purple};
      const auto& curve = step.find("loss_curve")->data;
      for (std::size_t i = 0; i < curve.size(); ++i) {
        s.x.push_back(static_cast<double>(i + 1));
        s.y.push_back(curve[i]);
      }
      loss.series.push_back(std::move(s));
      loss.fit_axes();
      loss.y.min = 0;
      figs.push_back(std::move(loss));
      return figs;
    }
    if (step.find("w_nand")) return {gates_figure(step)};
    figs.push_back(line_figure(trace, current));
    Figure errors{.title = "Misclassified samples per epoch", .x = {"epoch", 0, 0}, .y = {"misclassified", 0, 0}};
    Series s{.kind = Series::Kind::Line, .label = "misclassified", .color = Color::Red};
    Series dots{.kind = Series::Kind::Scatter, .color = Color::Red, .width = 4};
    for (int i = 0; i <= current; ++i)
      if (const Value* v = trace.steps[static_cast<std::size_t>(i)].find("errors")) {
        s.x.push_back(static_cast<double>(s.x.size() + 1));
        s.y.push_back(v->scalar());
      }
    dots.x = s.x;
    dots.y = s.y;
    errors.series = {s, dots};
    errors.x = {"epoch", 0, std::max(2.0, static_cast<double>(s.x.size()) + 1)};
    errors.y = {"misclassified", 0, static_cast<double>(numbers_.samples.size())};
    figs.push_back(std::move(errors));
    return figs;
  }

 private:
  static constexpr double kLo = -0.5, kHi = 1.5;
  using Polygon = std::vector<std::pair<double, double>>;

  static Polygon box() { return {{kLo, kLo}, {kHi, kLo}, {kHi, kHi}, {kLo, kHi}}; }

  // The polygon clipped to the half-plane w₀ + w₁x₁ + w₂x₂ > 0 (Sutherland–Hodgman against one
  // edge), and the points where the line w·x = 0 crosses its edges.
  static std::pair<Polygon, Polygon> clip(const Polygon& poly, const std::vector<double>& w) {
    auto side = [&](std::pair<double, double> p) { return w[0] + w[1] * p.first + w[2] * p.second; };
    Polygon inside, crossings;
    for (std::size_t i = 0; i < poly.size(); ++i) {
      const auto a = poly[i], b = poly[(i + 1) % poly.size()];
      const double sa = side(a), sb = side(b);
      if (sa > 0) inside.push_back(a);
      if ((sa > 0) != (sb > 0)) {
        const double t = sa / (sa - sb);
        crossings.push_back({a.first + t * (b.first - a.first), a.second + t * (b.second - a.second)});
        inside.push_back(crossings.back());
      }
    }
    return {inside, crossings};
  }

  // XOR from gates: NAND's and OR's lines, the band where both output 1 (there AND(n, o) = 1).
  Figure gates_figure(const Step& step) const {
    Figure f{.title = "NAND's and OR's lines: AND(NAND, OR) = 1 between them",
             .x = {"x₁", kLo, kHi},
             .y = {"x₂", kLo, kHi},
             .equal_aspect = true,
             .legend = Corner::Below};
    const std::vector<double>& w_nand = step.find("w_nand")->data;
    const std::vector<double>& w_or = step.find("w_or")->data;
    Series band{.kind = Series::Kind::Polygon, .label = "NAND = OR = 1", .color = Color::Blue, .alpha = 0.22f};
    for (const auto& [x1, x2] : clip(clip(box(), w_nand).first, w_or).first) {
      band.x.push_back(x1);
      band.y.push_back(x2);
    }
    f.series.push_back(std::move(band));
    for (const auto& [w, label, color] :
         {std::tuple{&w_nand, "NAND's line", Color::Green}, std::tuple{&w_or, "OR's line", Color::Orange}}) {
      Series line{.kind = Series::Kind::Line, .label = label, .color = color, .width = 2.5f};
      for (const auto& [x1, x2] : clip(box(), *w).second) {
        line.x.push_back(x1);
        line.y.push_back(x2);
      }
      if (line.x.size() == 2) f.series.push_back(std::move(line));
    }
    const Value* x = step.find("x");
    add_points(f, x ? &x->data : nullptr);
    return f;
  }

  void add_points(Figure& f, const std::vector<double>* highlight) const {
    Series ones{.kind = Series::Kind::Scatter, .label = "y = 1", .color = Color::Blue, .width = 7};
    Series zeros{.kind = Series::Kind::Scatter, .label = "y = 0", .color = Color::Red, .width = 7};
    for (const auto& s : numbers_.samples) {
      (s.y ? ones : zeros).x.push_back(s.x[0]);
      (s.y ? ones : zeros).y.push_back(s.x[1]);
    }
    if (highlight)
      f.series.push_back({.kind = Series::Kind::Scatter,
                          .x = {(*highlight)[1]},
                          .y = {(*highlight)[2]},
                          .color = Color::Orange,
                          .width = 12});
    f.series.push_back(ones);
    f.series.push_back(zeros);
  }

  // The points, the line w₀ + w₁x₁ + w₂x₂ = 0 and the side where the perceptron outputs 1, shaded.
  Figure line_figure(const Trace& trace, int current) const {
    Figure f{.title = "Decision line w₀ + w₁x₁ + w₂x₂ = 0",
             .x = {"x₁", kLo, kHi},
             .y = {"x₂", kLo, kHi},
             .equal_aspect = true,
             .legend = Corner::Below};
    std::vector<double> w(3, 0.0);
    for (int i = 0; i < 3; ++i)
      w[static_cast<std::size_t>(i)] = latest_value(trace, current, "w", static_cast<std::size_t>(i)).value_or(0);
    const auto [side, ends] = clip(box(), w);
    Series shade{.kind = Series::Kind::Polygon, .label = "ŷ = 1 side", .color = Color::Blue, .alpha = 0.22f};
    Series line{.kind = Series::Kind::Line, .label = "decision line", .color = Color::Green, .width = 2.5f};
    for (const auto& [x1, x2] : side) {
      shade.x.push_back(x1);
      shade.y.push_back(x2);
    }
    for (const auto& [x1, x2] : ends) {
      line.x.push_back(x1);
      line.y.push_back(x2);
    }
    f.series.push_back(shade);
    if (line.x.size() == 2) f.series.push_back(line);
    const Value* x = trace.steps[static_cast<std::size_t>(current)].find("x");
    add_points(f, x ? &x->data : nullptr);
    return f;
  }

  // The network's output over the plane (computed by the core model) and its hidden units' lines.
  Figure network_figure(const Step& step) const {
    const int hidden = numbers_.network->hidden;
    Sequential<double> model = xor_network(2, hidden);
    auto& l1 = static_cast<Dense<double>&>(model.layer(0));
    auto& l2 = static_cast<Dense<double>&>(model.layer(2));
    l1.W = Tensor<double>({hidden, 2}, step.find("W1")->data);
    l1.b = Tensor<double>({hidden}, step.find("b1")->data);
    l2.W = Tensor<double>({1, hidden}, step.find("W2")->data);
    l2.b = Tensor<double>({1}, step.find("b2")->data);
    const int cells = 48;
    Tensor<double> grid({cells * cells, 2});
    for (int r = 0; r < cells; ++r)
      for (int c = 0; c < cells; ++c) {
        grid.at(r * cells + c, 0) = kLo + (c + 0.5) * (kHi - kLo) / cells;
        grid.at(r * cells + c, 1) = kHi - (r + 0.5) * (kHi - kLo) / cells;
      }
    const Tensor<double> out = model.forward(grid, Mode::Eval);
    Figure f{.title = "Network output o(x₁, x₂) and its hidden units' lines",
             .x = {"x₁", kLo, kHi},
             .y = {"x₂", kLo, kHi},
             .equal_aspect = true,
             .legend = Corner::Below};
    f.heatmaps.push_back({.rows = cells,
                          .cols = cells,
                          .values = out.values(),
                          .x0 = kLo,
                          .x1 = kHi,
                          .y0 = kLo,
                          .y1 = kHi,
                          .min = 0,
                          .max = 1,
                          .scale_label = "o"});
    for (int j = 0; j < hidden; ++j) {
      const double a = l1.W.at(j, 0), b = l1.W.at(j, 1), c = l1.b[static_cast<std::size_t>(j)];
      Series s{.kind = Series::Kind::Line,
               .label = fmt::format("hidden unit {}", j + 1),
               .color = j == 0 ? Color::Green : Color::Orange,
               .width = 2.5f,
               .dashed = true};
      if (std::abs(b) > 1e-12) {
        s.x = {kLo, kHi};
        s.y = {-(a * kLo + c) / b, -(a * kHi + c) / b};
      } else if (std::abs(a) > 1e-12) {
        s.x = {-c / a, -c / a};
        s.y = {kLo, kHi};
      }
      f.series.push_back(std::move(s));
    }
    add_points(f, nullptr);
    return f;
  }

  PerceptronNumbers numbers_;
};

}  // namespace

Trace run_perceptron(const std::string& lesson_id, const PerceptronNumbers& numbers) {
  Trace trace{lesson_id, {}};
  train_perceptron(numbers, trace);
  if (!numbers.hand_updates.empty()) hand_worked(numbers, trace);
  if (numbers.gate_epochs > 0) xor_from_gates(numbers, trace);
  if (numbers.network) train_network(numbers, trace);
  return trace;
}

std::unique_ptr<Lesson> make_perceptron_lesson(LessonInfo info, std::vector<PrintedValue> printed, LessonTable& root) {
  PerceptronNumbers n;
  LessonTable p = root.table("perceptron");
  n.weights = p.numbers("weights", {}, {-1000, 1000});
  if (n.weights.size() < 2 || n.weights.size() > 9)
    p.fail("weights", "'weights' must hold w₀ (the bias) and 1 to 8 input weights");
  n.learning_rate = p.number("learning_rate", {1e-6, 1000});
  n.max_epochs = p.integer_or("max_epochs", 50, 1, 10'000);
  p.finish();
  for (LessonTable& s : root.tables("samples")) {
    n.samples.push_back({s.numbers("x", n.weights.size() - 1, {-1000, 1000}), s.integer("y", 0, 1)});
    s.finish();
  }
  if (n.samples.empty() || n.samples.size() > 1000)
    root.fail("samples", "a perceptron lesson needs 1 to 1,000 [[samples]] entries");
  if (static_cast<long>(n.max_epochs) * static_cast<long>(n.samples.size()) > 200'000)
    p.fail("max_epochs",
           fmt::format("{} epochs of {} samples would be {} steps; the limit is 200,000", n.max_epochs,
                       n.samples.size(), static_cast<long>(n.max_epochs) * static_cast<long>(n.samples.size())));
  if (root.has("hand_worked")) {
    for (LessonTable& u : root.tables("hand_worked")) {
      n.hand_updates.push_back({u.numbers("x", n.weights.size() - 1, {-1000, 1000}), u.integer("d", -1, 1)});
      u.finish();
    }
  }
  if (root.has("gates")) {
    LessonTable g = root.table("gates");
    n.gate_epochs = g.integer_or("max_epochs", 50, 1, 10'000);
    g.finish();
    for (const auto& s : n.samples)
      if (s.x.size() != 2 || (s.x[0] != 0 && s.x[0] != 1) || (s.x[1] != 0 && s.x[1] != 1))
        root.fail("gates", "XOR from gates needs samples with two inputs, each 0 or 1");
  }
  if (root.has("network")) {
    LessonTable t = root.table("network");
    PerceptronNumbers::Network net;
    net.hidden = t.integer_or("hidden", 2, 1, 16);
    net.learning_rate = t.number("learning_rate", {1e-6, 100});
    net.optimizer = *parse_optimizer(t.choice("optimizer", {"sgd", "adagrad", "rmsprop", "adam"}, "adam"));
    net.epochs = t.integer_or("epochs", 2000, 1, 100'000);
    net.record_every = t.integer_or("record_every", 100, 1, 100'000);
    net.seed = t.integer_or("seed", 1, 0, 1'000'000'000);
    if (net.epochs / net.record_every > 1000)
      t.fail("record_every", "the network would record more than 1,000 steps: raise record_every");
    t.finish();
    if (n.weights.size() != 3) root.fail("network", "the network part needs samples with two inputs");
    n.network = net;
  }
  return std::make_unique<PerceptronLesson>(std::move(info), std::move(printed), std::move(n));
}

}  // namespace neurostep
