#include "lessons/engines/gradient_descent.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "core/dense.h"
#include "core/loss.h"
#include "core/optimizer.h"

namespace neurostep {

namespace {

const ChoiceTable<GradientDescentNumbers::Regression> kRegressionModes = {
    {GradientDescentNumbers::Regression::PerSample, "sample", "one sample at a time"},
    {GradientDescentNumbers::Regression::BatchAverage, "batch", "the batch average"}};

double E1(double w) { return (w - 1) * (w - 1) + 0.5; }
double dE1(double w) { return 2 * (w - 1); }
double E2(double w) { return 0.25 * w * w * w * w - w * w + 0.3 * w + 2; }
double dE2(double w) { return w * w * w - 2 * w + 0.3; }
double Exy(double x, double y) { return 0.5 * x * x + 5 * y * y; }

// A number for a step's title: as the equations show it.
std::string title_number(double v) { return format_number(v, shown_decimals()); }

struct Run {
  std::string name, title;
  bool two_minima;
  double start, eta, decay;
  std::string note;
};

std::vector<Run> runs(const GradientDescentNumbers& n) {
  return {
      {"small", "E₁, η too small: it crawls", false, n.start_one, n.eta_small, 0,
       "With a tiny η every step is short: the minimum is reached, but slowly."},
      {"good", "E₁, a good η", false, n.start_one, n.eta_good, 0, "A good η reaches the bottom in a few steps."},
      {"large", "E₁, η too large: it overshoots", false, n.start_one, n.eta_large, 0,
       "Here w − η·2(w − 1) jumps past the minimum to the other side, farther each time when η > 1: the run diverges."},
      {"local", "E₂, a small constant η: stuck in the nearer minimum", true, n.start_two, n.eta_two, 0,
       "The run slides into the nearest valley and stays: the lower minimum behind the hill is never found (Lazović "
       "2020, §2.12)."},
      {"declining", "E₂, a declining η skips the hill", true, n.start_two, n.eta_declining, n.decay,
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
      Step s{
          .id = fmt::format("run.{}.{}", r.name, t + 1),
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
          .values = {scalar_value("w", w[0]), scalar_value("E", E), scalar_value("dE", g[0]), scalar_value("eta", eta)},
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

void append_optimizer_equations(const OptimizerIteration& it, Step& s) {
  const OptimizerKind kind = it.optimizer.options().kind;
  const std::string name(optimizer_title(kind));
  const std::vector<double>& before = it.before;
  const Tensor<double>& g = it.g;
  const auto st = [&](const char* which) { return pair_of(*it.optimizer.state(0, which)); };
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
                             st("G")});
      s.equations.push_back(scaled_step(name + ": w ← w − η·g/√(G + ε)   (eq. 49)", st("G")));
      s.values.push_back(vector_value("G", st("G")));
      break;
    case OptimizerKind::RMSProp:
      s.equations.push_back({name + ": A ← 0.9·A + 0.1·g²   (eq. 50)",
                             "0.9·({}, {}) + 0.1·({}², {}²)",
                             {it.s_before[0], it.s_before[1], g[0], g[1]},
                             st("A")});
      s.equations.push_back(scaled_step(name + ": w ← w − η·g/√(A + ε)   (eq. 51)", st("A")));
      s.values.push_back(vector_value("A", st("A")));
      break;
    case OptimizerKind::Adam: {
      const auto m_hat = pair_of(it.optimizer.bias_corrected(0, "m_hat")),
                 v_hat = pair_of(it.optimizer.bias_corrected(0, "v_hat"));
      s.equations.push_back({name + ": m ← 0.9·m + 0.1·g   (eq. 52)",
                             "0.9·({}, {}) + 0.1·({}, {})",
                             {it.m_before[0], it.m_before[1], g[0], g[1]},
                             st("m")});
      s.equations.push_back({name + ": v ← 0.999·v + 0.001·g²",
                             "0.999·({}, {}) + 0.001·({}², {}²)",
                             {it.s_before[0], it.s_before[1], g[0], g[1]},
                             st("v")});
      const std::vector<double> m = st("m"), v = st("v");
      s.equations.push_back(
          {name + ": m̂ = m/(1 − 0.9ᵗ)   (eq. 55)", "({}, {})/(1 − 0.9^{})", {m[0], m[1], double(it.t)}, m_hat});
      s.equations.push_back(
          {name + ": v̂ = v/(1 − 0.999ᵗ)   (eq. 55)", "({}, {})/(1 − 0.999^{})", {v[0], v[1], double(it.t)}, v_hat});
      s.equations.push_back({name + ": w ← w − η·m̂/(√v̂ + ε)   (eq. 56)",
                             "({}, {}) − {}·({}/(√{} + {}), {}/(√{} + {}))",
                             {before[0], before[1], it.eta, m_hat[0], v_hat[0], eps, m_hat[1], v_hat[1], eps},
                             pair_of(it.w)});
      s.values.push_back(vector_value("m", st("m")));
      s.values.push_back(vector_value("v", st("v")));
      s.values.push_back(vector_value("m_hat", m_hat));
      s.values.push_back(vector_value("v_hat", v_hat));
      break;
    }
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
    Step s{.id = fmt::format("opt.{}", t), .group = "Optimizers on E(x, y) = x²/2 + 5y²", .title = ""};
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
      const std::string id(optimizer_name(kind));
      s.values.push_back(vector_value(id, pair_of(w[k])));
      s.values.push_back(scalar_value(id + "_E", Exy(w[k][0], w[k][1])));
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
    for (int i = 0; i < count; ++i) {  // one update per sample
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
      opt_sample.step(per_sample.params());
      if (i == count - 1 && n.batch == GradientDescentNumbers::Regression::PerSample) shown.result = {per_sample.W[0]};
    }
    {  // one update per epoch, with the gradient averaged over the batch
      const auto r = compute_loss(LossKind::HalfSquaredError, batch.forward(X, Mode::Train), Y, Reduction::Mean);
      batch.zero_grad();
      batch.backward(r.grad);
      if (n.batch == GradientDescentNumbers::Regression::BatchAverage)
        shown = {"w ← w − η·(1/n) Σᵢ (ŷᵢ − yᵢ)·xᵢ", "{} − {}·{}", {batch.W[0], n.eta_regression, batch.dW[0]}, {}};
      opt_batch.step(batch.params());
      if (n.batch == GradientDescentNumbers::Regression::BatchAverage) shown.result = {batch.W[0]};
    }
    curve_sample.push_back(loss_of(per_sample));
    curve_batch.push_back(loss_of(batch));
    Dense<double>& chosen = n.batch == GradientDescentNumbers::Regression::PerSample ? per_sample : batch;
    // E = (1/2n) Σᵢ (w·xᵢ + b − yᵢ)² of each model, with its w and b put in (the data stay symbols).
    const auto error = [&](const char* which, Dense<double>& d, double E) {
      return Equation{fmt::format("E = (1/2n) Σᵢ (w·xᵢ + b − yᵢ)², {}", which),
                      "(1/(2·{}))·Σᵢ ({}·xᵢ + {} − yᵢ)²",
                      {double(count), d.W[0], d.b[0]},
                      {E}};
    };
    trace.steps.push_back(
        {.id = fmt::format("batch.{}", epoch),
         .group = "One sample vs the batch",
         .title =
             fmt::format("E = {}, w = {}, b = {} (epoch {})",
                         title_number(n.batch == GradientDescentNumbers::Regression::PerSample ? curve_sample.back()
                                                                                               : curve_batch.back()),
                         title_number(chosen.W[0]), title_number(chosen.b[0]), epoch),
         .equations = {shown, error("one sample at a time", per_sample, curve_sample.back()),
                       error("the batch average", batch, curve_batch.back())},
         .values = {vector_value("loss_sample", curve_sample), vector_value("loss_batch", curve_batch),
                    scalar_value("w", chosen.W[0]), scalar_value("b", chosen.b[0])},
         .note = epoch == 1
                     ? fmt::format(
                           "One sample at a time makes {} small updates per epoch, each following one noisy "
                           "point; the batch makes one update with the averaged derivative — smoother, but "
                           "fewer steps (Lazović 2020, §2.11). The Numbers tab switches which one the steps spell out.",
                           count)
                     : ""});
  }
}

// A descent in one dimension: E(w) and the path of w so far in this run (the steps of its group).
Figure descent_path_figure(const GradientDescentNumbers& n, const Trace& trace, int current) {
  const Step& s = trace.steps[static_cast<std::size_t>(current)];
  const std::string name = s.id.substr(4, s.id.find('.', 4) - 4);
  const bool two = name == "local" || name == "declining";
  Figure f{
      .title = two ? "E₂(w) = w⁴/4 − w² + 0.3w + 2" : "E₁(w) = (w − 1)² + 0.5", .x = {"w", -3, 3}, .y = {"E", 0, 0}};
  f.series.push_back(function_series("E(w)", two ? E2 : E1, -3, 3, Color::Blue));
  Series path{.kind = Series::Kind::Line, .label = "steps", .color = Color::Orange, .width = 1.5f};
  Series dots{.kind = Series::Kind::Scatter, .color = Color::Orange, .width = 4};
  const double start = two ? n.start_two : n.start_one;
  path.x.push_back(start);
  path.y.push_back(two ? E2(start) : E1(start));
  for (int i = 0; i <= current; ++i) {
    const Step& st = trace.steps[static_cast<std::size_t>(i)];
    if (st.group != s.group) continue;
    path.x.push_back(st.find("w")->scalar());
    path.y.push_back(st.find("E")->scalar());
  }
  dots.x = path.x;
  dots.y = path.y;
  f.series.push_back(path);
  f.series.push_back(dots);
  f.y = {"E", 0, two ? 5.0 : 11.0};
  return f;
}

// The four optimizers' paths so far over E(x, y) = x²/2 + 5y², drawn as a heatmap of log₁₀(1 + E).
Figure optimizer_paths_figure(const GradientDescentNumbers& n, const Trace& trace, int current) {
  const int cells = 60;
  const double x0 = -5, x1 = 5, y0 = -3, y1 = 3;
  Figure f{.title = "E(x, y) = x²/2 + 5y² and the four optimizers",
           .x = {"x", x0, x1},
           .y = {"y", y0, y1},
           .legend = Corner::Below,
           .aspect = 0.75};
  std::vector<double> grid;
  for (int r = 0; r < cells; ++r)
    for (int c = 0; c < cells; ++c)
      grid.push_back(std::log10(1 + Exy(x0 + (c + 0.5) * (x1 - x0) / cells, y1 - (r + 0.5) * (y1 - y0) / cells)));
  f.heatmaps.push_back({.rows = cells,
                        .cols = cells,
                        .values = grid,
                        .x0 = x0,
                        .x1 = x1,
                        .y0 = y0,
                        .y1 = y1,
                        .min = 0,
                        .max = 2,
                        .scale_label = "log₁₀(1 + E)"});
  const std::pair<const char*, Color> opts[] = {
      {"sgd", Color::Red}, {"adagrad", Color::Green}, {"rmsprop", Color::Purple}, {"adam", Color::Orange}};
  for (const auto& [id, color] : opts) {
    Series path{.kind = Series::Kind::Line,
                .label = id,
                .x = {n.start_2d[0]},
                .y = {n.start_2d[1]},
                .color = color,
                .width = 2};
    for (int i = 0; i <= current; ++i)
      if (const Value* v = trace.steps[static_cast<std::size_t>(i)].find(id)) {
        path.x.push_back(v->data[0]);
        path.y.push_back(v->data[1]);
      }
    f.series.push_back(path);
  }
  return f;
}

// One sample at a time against the batch: the error per epoch, and the data with the fitted line.
std::vector<Figure> batch_figures(const GradientDescentNumbers& n, const Step& s) {
  std::vector<Figure> figs;
  Figure f{.title = "Error per epoch: one sample at a time vs the batch", .x = {"epoch", 0, 0}, .y = {"E", 0, 0}};
  for (const auto& [name, label, color] : {std::tuple{"loss_sample", "one sample at a time", Color::Red},
                                           std::tuple{"loss_batch", "batch average", Color::Blue}}) {
    Series line{.label = label, .color = color};
    const auto& v = s.find(name)->data;
    for (std::size_t i = 0; i < v.size(); ++i) {
      line.x.push_back(static_cast<double>(i + 1));
      line.y.push_back(v[i]);
    }
    f.series.push_back(line);
  }
  f.fit_axes();
  f.y.min = 0;
  figs.push_back(std::move(f));
  Figure fit{.title = "The data and the fitted line y = w·x + b",
             .x = {"x", 0, 0},
             .y = {"y", 0, 0},
             .legend = Corner::TopLeft};
  fit.series.push_back(
      {.kind = Series::Kind::Scatter, .label = "data", .x = n.data_x, .y = n.data_y, .color = Color::Blue, .width = 5});
  const double w = s.find("w")->scalar(), b = s.find("b")->scalar();
  double lo = n.data_x[0], hi = n.data_x[0];
  for (double x : n.data_x) lo = std::min(lo, x), hi = std::max(hi, x);
  fit.series.push_back({.kind = Series::Kind::Line,
                        .label = "fit",
                        .x = {lo, hi},
                        .y = {w * lo + b, w * hi + b},
                        .color = Color::Orange});
  fit.fit_axes();
  figs.push_back(std::move(fit));
  return figs;
}

class GradientDescentLesson final : public Lesson {
 public:
  GradientDescentLesson(LessonInfo info, std::vector<PrintedValue> printed, GradientDescentNumbers numbers)
      : Lesson(std::move(info), std::move(printed)), n_(std::move(numbers)) {}

  std::vector<Editable> editables() override {
    return {{"1-D runs", "start on E₁", &n_.start_one, -4, 4},
            {"1-D runs", "η small", &n_.eta_small, 0.001, 2},
            {"1-D runs", "η good", &n_.eta_good, 0.001, 2},
            {"1-D runs", "η large", &n_.eta_large, 0.001, 2},
            {"1-D runs", "start on E₂", &n_.start_two, -3, 3},
            {"1-D runs", "η on E₂", &n_.eta_two, 0.001, 2},
            {"1-D runs", "η₀ declining", &n_.eta_declining, 0.001, 2},
            {"1-D runs", "decay", &n_.decay, 0, 5},
            {"Optimizers", "start x", &n_.start_2d[0], -5, 5},
            {"Optimizers", "start y", &n_.start_2d[1], -3, 3},
            {"Optimizers", "η SGD", &n_.eta_sgd, 0.001, 1},
            {"Optimizers", "η AdaGrad", &n_.eta_adagrad, 0.001, 5},
            {"Optimizers", "η RMSProp", &n_.eta_rmsprop, 0.001, 5},
            {"Optimizers", "η Adam", &n_.eta_adam, 0.001, 5},
            {"Regression", "η", &n_.eta_regression, 0.001, 1},
            choice_editable("Regression", "steps show", n_.batch, kRegressionModes)};
  }

  Trace run() const override { return run_gradient_descent(info_.id, n_); }

  std::vector<Figure> figures(const Trace& trace, int current) const override {
    const Step& s = trace.steps[static_cast<std::size_t>(current)];
    if (s.id.rfind("run.", 0) == 0) return {descent_path_figure(n_, trace, current)};
    if (s.id.rfind("opt.", 0) == 0) return {optimizer_paths_figure(n_, trace, current)};
    if (s.id.rfind("batch.", 0) == 0) return batch_figures(n_, s);
    return {};
  }

 private:
  GradientDescentNumbers n_;
};

}  // namespace

Trace run_gradient_descent(const std::string& lesson_id, const GradientDescentNumbers& numbers) {
  Trace trace{lesson_id, {}};
  one_dimension(numbers, trace);
  two_dimensions(numbers, trace);
  batch_vs_sample(numbers, trace);
  return trace;
}

std::unique_ptr<Lesson> make_gradient_descent_lesson(LessonInfo info, std::vector<PrintedValue> printed,
                                                     LessonTable& root) {
  GradientDescentNumbers n;
  LessonTable c = root.table("curves");
  n.start_one = c.number_or("start_one", n.start_one, {-10, 10});
  n.eta_small = c.number_or("eta_small", n.eta_small, {0, 10});
  n.eta_good = c.number_or("eta_good", n.eta_good, {0, 10});
  n.eta_large = c.number_or("eta_large", n.eta_large, {0, 10});
  n.start_two = c.number_or("start_two", n.start_two, {-10, 10});
  n.eta_two = c.number_or("eta_two", n.eta_two, {0, 10});
  n.eta_declining = c.number_or("eta_declining", n.eta_declining, {0, 10});
  n.decay = c.number_or("decay", n.decay, {0, 100});
  n.steps = c.integer_or("steps", n.steps, 1, 1000);
  c.finish();
  LessonTable o = root.table("optimizers");
  n.start_2d = o.has("start") ? o.numbers("start", 2, {-10, 10}) : n.start_2d;
  n.eta_sgd = o.number_or("eta_sgd", n.eta_sgd, {0, 10});
  n.eta_adagrad = o.number_or("eta_adagrad", n.eta_adagrad, {0, 10});
  n.eta_rmsprop = o.number_or("eta_rmsprop", n.eta_rmsprop, {0, 10});
  n.eta_adam = o.number_or("eta_adam", n.eta_adam, {0, 10});
  n.steps_2d = o.integer_or("steps", n.steps_2d, 1, 1000);
  o.finish();
  LessonTable r = root.table("regression");
  n.data_x = r.numbers("x", {}, {-1000, 1000});
  n.data_y = r.numbers("y", n.data_x.size(), {-1000, 1000});
  if (n.data_x.size() < 2 || n.data_x.size() > 100) r.fail("x", "the regression needs 2 to 100 points");
  n.eta_regression = r.number_or("learning_rate", n.eta_regression, {0, 10});
  n.epochs = r.integer_or("epochs", n.epochs, 1, 500);  // each step keeps the curve so far
  n.batch = r.choice_of("show", kRegressionModes, GradientDescentNumbers::Regression::PerSample);
  r.finish();
  return std::make_unique<GradientDescentLesson>(std::move(info), std::move(printed), std::move(n));
}

}  // namespace neurostep
