#include "lessons/engines/gradient_descent.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "core/dense.h"
#include "core/loss.h"
#include "core/optimizer.h"
#include "lessons/engines/gradient_descent_numbers.h"

namespace neurostep {

namespace gradient_descent_ids {
std::string run(const char* name, int t) { return fmt::format("run.{}.{}", name, t); }
std::string opt(int t) { return fmt::format("opt.{}", t); }
std::string batch(int epoch) { return fmt::format("batch.{}", epoch); }
std::string position(OptimizerKind o) { return std::string(optimizer_name(o)); }
std::string error(OptimizerKind o) { return position(o) + "_E"; }
}  // namespace gradient_descent_ids

namespace {

namespace ids = gradient_descent_ids;
using namespace gradient_descent;

// A number for a step's title: as the equations show it.
std::string title_number(double v) { return format_number(v, shown_decimals()); }

struct Run {
  const char* name;
  std::string title;
  bool two_minima;
  double start, eta, decay;
  std::string note;
};

std::vector<Run> runs(const GradientDescentNumbers& n) {
  return {
      {ids::kSmall, "E₁, η too small: it crawls", false, n.start_one, n.eta_small, 0,
       "With a tiny η every step is short: the minimum is reached, but slowly."},
      {ids::kGood, "E₁, a good η", false, n.start_one, n.eta_good, 0, "A good η reaches the bottom in a few steps."},
      {ids::kLarge, "E₁, η too large: it overshoots", false, n.start_one, n.eta_large, 0,
       "Here w − η·2(w − 1) jumps past the minimum to the other side, farther each time when η > 1: the run diverges."},
      {ids::kLocal, "E₂, a small constant η: stuck in the nearer minimum", true, n.start_two, n.eta_two, 0,
       "The run slides into the nearest valley and stays: the lower minimum behind the hill is never found (Lazović "
       "2020, §2.12)."},
      {ids::kDeclining, "E₂, a declining η skips the hill", true, n.start_two, n.eta_declining, n.decay,
       "A large first step jumps over the hill; the shrinking η = η₀/(1 + decay·t) then settles in the lower minimum — "
       "Lazović's §2.12 declining learning rate."},
  };
}

void one_dimension(const GradientDescentNumbers& n, Trace& trace) {
  for (const Run& r : runs(n)) {
    Tensor<double> w({1}, {r.start}), g({1});
    Optimizer<double> sgd({.kind = OptimizerKind::SGD, .learning_rate = r.eta});
    const char* dsym = r.two_minima ? "E₂′(w) = w³ − 2w + 0.3" : "E₁′(w) = 2(w − 1)";
    for (int t = 0; t < n.steps; ++t) {
      const double before = w[0], eta = r.eta / (1 + r.decay * t);
      g[0] = r.two_minima ? dE2(before) : dE1(before);
      sgd.set_learning_rate(eta);
      sgd.step({{"w", &w, &g}});
      const double E = r.two_minima ? E2(w[0]) : E1(w[0]);
      // The title says what the step changes, first what a narrow step list still shows: w and E.
      Step s{.id = ids::run(r.name, t + 1),
             .group = r.title,
             .title = fmt::format("w = {}, E = {} (step {}, η = {})", title_number(w[0]), title_number(E), t + 1,
                                  title_number(eta)),
             .equations = {{dsym,
                            r.two_minima ? "{}³ − 2·{} + 0.3" : "2({} − 1)",
                            r.two_minima ? std::vector<double>{before, before} : std::vector<double>{before},
                            {g[0]}},
                           {"w ← w − η·E′(w)", "{} − {}·{}", {before, eta, g[0]}, {w[0]}},
                           r.two_minima ? Equation{"E₂(w) = w⁴/4 − w² + 0.3w + 2",
                                                   "{}⁴/4 − {}² + 0.3·{} + 2",
                                                   {w[0], w[0], w[0]},
                                                   {E}}
                                        : Equation{"E₁(w) = (w − 1)² + 0.5", "({} − 1)² + 0.5", {w[0]}, {E}}},
             .values = {scalar_value(ids::kW, w[0]), scalar_value(ids::kE, E), scalar_value(ids::kDE, g[0]),
                        scalar_value(ids::kEta, eta)},
             .note = t == 0 ? r.note : ""};
      if (r.decay > 0)
        s.equations.insert(s.equations.begin(),
                           {"η_t = η₀/(1 + decay·t)", "{}/(1 + {}·{})", {r.eta, r.decay, double(t)}, {eta}});
      const bool blown = !std::isfinite(w[0]) || std::abs(w[0]) > 1e6;
      if (blown) s.note = "w is running away to infinity: stopped.";
      trace.steps.push_back(std::move(s));
      if (blown) break;
    }
  }
}

std::vector<double> pair_of(const Tensor<double>& t) { return {t[0], t[1]}; }

// One optimizer's iteration t on E(x, y), written out: what it keeps (G, A, or m and v) and the move
// of w, from the numbers before (`before`, its state `s_before` and `m_before`) to `w` after.
struct OptimizerIteration {
  const Optimizer<double>& optimizer;
  double eta;
  int t;
  std::vector<double> before, s_before, m_before;
  const Tensor<double>& g;
  const Tensor<double>& w;
};

// The optimizer's state `which` ("G", "A", "m" or "v") after the iteration.
std::vector<double> state_after(const OptimizerIteration& it, const char* which) {
  return pair_of(*it.optimizer.state(0, which));
}

// Adam's iteration (eqs. 52–56): m and v, their bias-corrected m̂ and v̂, and the move of w.
void append_adam_equations(const OptimizerIteration& it, const std::string& name, Step& s) {
  const std::vector<double>& before = it.before;
  const Tensor<double>& g = it.g;
  const double eps = it.optimizer.options().epsilon;
  const auto m_hat = pair_of(it.optimizer.bias_corrected(0, "m_hat")),
             v_hat = pair_of(it.optimizer.bias_corrected(0, "v_hat"));
  s.equations.push_back({name + ": m ← 0.9·m + 0.1·g   (eq. 52)",
                         "0.9·({}, {}) + 0.1·({}, {})",
                         {it.m_before[0], it.m_before[1], g[0], g[1]},
                         state_after(it, "m")});
  s.equations.push_back({name + ": v ← 0.999·v + 0.001·g²",
                         "0.999·({}, {}) + 0.001·({}², {}²)",
                         {it.s_before[0], it.s_before[1], g[0], g[1]},
                         state_after(it, "v")});
  const std::vector<double> m = state_after(it, "m"), v = state_after(it, "v");
  s.equations.push_back(
      {name + ": m̂ = m/(1 − 0.9ᵗ)   (eq. 55)", "({}, {})/(1 − 0.9^{})", {m[0], m[1], double(it.t)}, m_hat});
  s.equations.push_back(
      {name + ": v̂ = v/(1 − 0.999ᵗ)   (eq. 55)", "({}, {})/(1 − 0.999^{})", {v[0], v[1], double(it.t)}, v_hat});
  s.equations.push_back({name + ": w ← w − η·m̂/(√v̂ + ε)   (eq. 56)",
                         "({}, {}) − {}·({}/(√{} + {}), {}/(√{} + {}))",
                         {before[0], before[1], it.eta, m_hat[0], v_hat[0], eps, m_hat[1], v_hat[1], eps},
                         pair_of(it.w)});
  s.values.push_back(vector_value(ids::kM, state_after(it, "m")));
  s.values.push_back(vector_value(ids::kV, state_after(it, "v")));
  s.values.push_back(vector_value(ids::kMHat, m_hat));
  s.values.push_back(vector_value(ids::kVHat, v_hat));
}

void append_optimizer_equations(const OptimizerIteration& it, Step& s) {
  const OptimizerKind kind = it.optimizer.options().kind;
  const std::string name(optimizer_title(kind));
  const std::vector<double>& before = it.before;
  const Tensor<double>& g = it.g;
  const double eps = it.optimizer.options().epsilon;
  // w − η·g/√(s + ε) per coordinate, for AdaGrad (s = G) and RMSProp (s = A), with the new s.
  const auto scaled_step = [&](std::string symbols, const std::vector<double>& acc) {
    return Equation{std::move(symbols),
                    "({}, {}) − {}·({}/√({} + {}), {}/√({} + {}))",
                    {before[0], before[1], it.eta, g[0], acc[0], eps, g[1], acc[1], eps},
                    pair_of(it.w)};
  };
  switch (kind) {
    case OptimizerKind::SGD:
      s.equations.push_back({name + ": w ← w − η·g   (eq. 46)",
                             "({}, {}) − {}·({}, {})",
                             {before[0], before[1], it.eta, g[0], g[1]},
                             pair_of(it.w)});
      break;
    case OptimizerKind::AdaGrad:
      s.equations.push_back({name + ": G ← G + g²   (eq. 47)",
                             "({}, {}) + ({}², {}²)",
                             {it.s_before[0], it.s_before[1], g[0], g[1]},
                             state_after(it, "G")});
      s.equations.push_back(scaled_step(name + ": w ← w − η·g/√(G + ε)   (eq. 49)", state_after(it, "G")));
      s.values.push_back(vector_value(ids::kG, state_after(it, "G")));
      break;
    case OptimizerKind::RMSProp:
      s.equations.push_back({name + ": A ← 0.9·A + 0.1·g²   (eq. 50)",
                             "0.9·({}, {}) + 0.1·({}², {}²)",
                             {it.s_before[0], it.s_before[1], g[0], g[1]},
                             state_after(it, "A")});
      s.equations.push_back(scaled_step(name + ": w ← w − η·g/√(A + ε)   (eq. 51)", state_after(it, "A")));
      s.values.push_back(vector_value(ids::kA, state_after(it, "A")));
      break;
    case OptimizerKind::Adam: append_adam_equations(it, name, s); break;
  }
}

// The four optimizers from the same start on E(x, y) = x²/2 + 5y², one iteration per step.
void two_dimensions(const GradientDescentNumbers& n, Trace& trace) {
  const std::pair<OptimizerKind, double> opts[] = {{OptimizerKind::SGD, n.eta_sgd},
                                                   {OptimizerKind::AdaGrad, n.eta_adagrad},
                                                   {OptimizerKind::RMSProp, n.eta_rmsprop},
                                                   {OptimizerKind::Adam, n.eta_adam}};
  std::vector<Tensor<double>> w(4, Tensor<double>({2}, n.start_2d)), g(4, Tensor<double>({2}));
  std::vector<Optimizer<double>> optimizers;
  for (const auto& [kind, eta] : opts) optimizers.emplace_back(OptimizerOptions{.kind = kind, .learning_rate = eta});
  for (int t = 1; t <= n.steps_2d; ++t) {
    Step s{.id = ids::opt(t), .group = "Optimizers on E(x, y) = x²/2 + 5y²", .title = ""};
    double lowest = std::numeric_limits<double>::infinity();  // the title names the optimizer nearest the minimum
    std::string leader;
    for (std::size_t k = 0; k < 4; ++k) {
      const auto [kind, eta] = opts[k];
      const std::vector<double> before = pair_of(w[k]);
      g[k] = Tensor<double>({2}, {before[0], 10 * before[1]});  // ∇E = (x, 10y)
      const Tensor<double>* old_state = optimizers[k].state(0, kind == OptimizerKind::AdaGrad   ? "G"
                                                               : kind == OptimizerKind::RMSProp ? "A"
                                                                                                : "v");
      const Tensor<double>* old_m = optimizers[k].state(0, "m");
      OptimizerIteration it{optimizers[k],
                            eta,
                            t,
                            before,
                            old_state ? pair_of(*old_state) : std::vector<double>{0, 0},
                            old_m ? pair_of(*old_m) : std::vector<double>{0, 0},
                            g[k],
                            w[k]};
      optimizers[k].step({{"w", &w[k], &g[k]}});
      const std::string name(optimizer_title(kind));
      s.equations.push_back({name + ": g = ∇E = (x, 10y)", "({}, 10·{})", {before[0], before[1]}, pair_of(g[k])});
      append_optimizer_equations(it, s);
      s.values.push_back(vector_value(ids::position(kind), pair_of(w[k])));
      s.values.push_back(scalar_value(ids::error(kind), Exy(w[k][0], w[k][1])));
      if (Exy(w[k][0], w[k][1]) < lowest) lowest = Exy(w[k][0], w[k][1]), leader = name;
    }
    s.title = fmt::format("Lowest E = {}: {} (iteration {})", title_number(lowest), leader, t);
    if (t == 1)
      s.note =
          "The valley is 10 times steeper across (y) than along (x). Plain SGD zig-zags across it; AdaGrad and "
          "RMSProp divide each coordinate by its own gradient size, so both coordinates move at a similar pace; "
          "Adam adds momentum (m) to that.";
    trace.steps.push_back(std::move(s));
  }
}

// One epoch of one update per sample; with the steps spelling this mode out, `shown` becomes the
// last sample's update.
void sample_epoch(const GradientDescentNumbers& n, Dense<double>& per_sample, Optimizer<double>& opt, Equation& shown) {
  const int count = static_cast<int>(n.data_x.size());
  for (int i = 0; i < count; ++i) {
    const Tensor<double> xi({1, 1}, {n.data_x[static_cast<std::size_t>(i)]}),
        yi({1, 1}, {n.data_y[static_cast<std::size_t>(i)]});
    const auto r = compute_loss(LossKind::HalfSquaredError, per_sample.forward(xi, Mode::Train), yi);
    per_sample.zero_grad();
    per_sample.backward(r.grad);
    if (i == count - 1 && n.batch == GradientDescentNumbers::Regression::PerSample)
      shown = {"last sample: w ← w − η·(ŷ − y)·x",
               "{} − {}·({} − {})·{}",
               {per_sample.W[0], n.eta_regression, per_sample.forward(xi, Mode::Eval)[0], yi[0], xi[0]},
               {}};
    opt.step(per_sample.params());
    if (i == count - 1 && n.batch == GradientDescentNumbers::Regression::PerSample) shown.result = {per_sample.W[0]};
  }
}

// One update per epoch, with the gradient averaged over the batch; with the steps spelling this
// mode out, `shown` becomes that update.
void batch_epoch(const GradientDescentNumbers& n, const Tensor<double>& X, const Tensor<double>& Y,
                 Dense<double>& batch, Optimizer<double>& opt, Equation& shown) {
  const auto r = compute_loss(LossKind::HalfSquaredError, batch.forward(X, Mode::Train), Y, Reduction::Mean);
  batch.zero_grad();
  batch.backward(r.grad);
  if (n.batch == GradientDescentNumbers::Regression::BatchAverage)
    shown = {"w ← w − η·(1/n) Σᵢ (ŷᵢ − yᵢ)·xᵢ", "{} − {}·{}", {batch.W[0], n.eta_regression, batch.dW[0]}, {}};
  opt.step(batch.params());
  if (n.batch == GradientDescentNumbers::Regression::BatchAverage) shown.result = {batch.W[0]};
}

// E = (1/2n) Σᵢ (w·xᵢ + b − yᵢ)² of a model, with its w and b put in (the data stay symbols).
Equation regression_error(const char* which, int count, const Dense<double>& d, double E) {
  return Equation{fmt::format("E = (1/2n) Σᵢ (w·xᵢ + b − yᵢ)², {}", which),
                  "(1/(2·{}))·Σᵢ ({}·xᵢ + {} − yᵢ)²",
                  {double(count), d.W[0], d.b[0]},
                  {E}};
}

// One sample at a time vs the average over the batch (Lazović 2020, §2.11), fitting y = w·x + b.
void batch_vs_sample(const GradientDescentNumbers& n, Trace& trace) {
  const int count = static_cast<int>(n.data_x.size());
  const Tensor<double> X({count, 1}, n.data_x), Y({count, 1}, n.data_y);
  Dense<double> per_sample(1, 1), batch(1, 1);
  Optimizer<double> opt_sample({.kind = OptimizerKind::SGD, .learning_rate = n.eta_regression});
  Optimizer<double> opt_batch({.kind = OptimizerKind::SGD, .learning_rate = n.eta_regression});
  auto loss_of = [&](Dense<double>& d) {
    return compute_loss(LossKind::HalfSquaredError, d.forward(X, Mode::Eval), Y, Reduction::Mean).value;
  };
  std::vector<double> curve_sample, curve_batch;
  for (int epoch = 1; epoch <= n.epochs; ++epoch) {
    Equation shown{"", "", {}, {}};
    sample_epoch(n, per_sample, opt_sample, shown);
    batch_epoch(n, X, Y, batch, opt_batch, shown);
    curve_sample.push_back(loss_of(per_sample));
    curve_batch.push_back(loss_of(batch));
    const bool per = n.batch == GradientDescentNumbers::Regression::PerSample;
    Dense<double>& chosen = per ? per_sample : batch;
    trace.steps.push_back(
        {.id = ids::batch(epoch),
         .group = "One sample vs the batch",
         .title = fmt::format("E = {}, w = {}, b = {} (epoch {})",
                              title_number(per ? curve_sample.back() : curve_batch.back()), title_number(chosen.W[0]),
                              title_number(chosen.b[0]), epoch),
         .equations = {shown, regression_error("one sample at a time", count, per_sample, curve_sample.back()),
                       regression_error("the batch average", count, batch, curve_batch.back())},
         .values = {vector_value(ids::kLossSample, curve_sample), vector_value(ids::kLossBatch, curve_batch),
                    scalar_value(ids::kW, chosen.W[0]), scalar_value(ids::kB, chosen.b[0])},
         .note = epoch == 1
                     ? fmt::format(
                           "One sample at a time makes {} small updates per epoch, each following one noisy "
                           "point; the batch makes one update with the averaged derivative — smoother, but "
                           "fewer steps (Lazović 2020, §2.11). The Numbers tab switches which one the steps spell out.",
                           count)
                     : ""});
  }
}

}  // namespace

Trace run_gradient_descent(const std::string& lesson_id, const GradientDescentNumbers& numbers) {
  Trace trace{lesson_id, {}};
  one_dimension(numbers, trace);
  two_dimensions(numbers, trace);
  batch_vs_sample(numbers, trace);
  return trace;
}

}  // namespace neurostep
