// dropout.cpp — the steps of the kind dropout: its numbers (dropout_numbers.h) → its trace, one function per step.
#include "lessons/engines/dropout.h"

#include <fmt/format.h>

#include <limits>

#include "core/gradient_check.h"
#include "lessons/engines/dropout_numbers.h"

namespace neurostep {

namespace ids = dropout_ids;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string unit(const char* name, int i) { return name + subscript(i + 1); }  // "a₁" for unit 0
std::vector<double> row(const Tensor<double>& t) { return t.values(); }

// "lhs = Σᵢ wⱼᵢ·xᵢ + bⱼ" with every product written out (`x` is the term's symbol, "ãᵢ"); `scale` multiplies each
// weight (1 − p for the scaled weights of inference), `result` is the core's value.
Equation weighted_sum(const DropoutNumbers& n, int j, const std::string& lhs, const std::string& x,
                      const std::vector<double>& xs, double result, bool bias = true, double scale = 1) {
  Equation e{fmt::format("{} = Σᵢ {}w{}ᵢ·{}{}", lhs, scale == 1 ? "" : "(1 − p)·", subscript(j + 1), x,
                         bias ? " + b" + subscript(j + 1) : ""),
             "",
             {},
             {result}};
  for (int i = 0; i < n.units(); ++i) {
    add_product(e, scale * n.W[static_cast<std::size_t>(j * n.units() + i)], xs[static_cast<std::size_t>(i)]);
  }
  if (bias) {
    e.numbers += " + {}";
    e.args.push_back(n.b[static_cast<std::size_t>(j)]);
  }
  return e;
}

void add_mask(Trace& t, const DropoutNumbers& n, const DropoutPass& p) {
  Step s{.id = ids::kMask, .group = "Training: forward", .title = "The mask: each unit kept with probability 1 − p"};
  s.equations.push_back({"keep factor 1/(1 − p)", "1/(1 − {})", {n.p}, {1 / (1 - n.p)}});
  int kept = 0;
  for (int i = 0; i < n.units(); ++i) {
    const double m = p.m[static_cast<std::size_t>(i)];
    kept += m != 0;
    if (p.u.empty())
      s.equations.push_back({unit("m", i) + " = 1: p = 0 draws nothing", "", {}, {m}});
    else
      s.equations.push_back(
          {fmt::format("{} = [{} ≥ p]   ({})", unit("m", i), unit("u", i), m != 0 ? "kept" : "dropped"),
           "[{} ≥ {}]",
           {p.u[static_cast<std::size_t>(i)], n.p},
           {m}});
  }
  std::vector<double> u = p.u.empty() ? std::vector<double>(n.a.size(), kNaN) : p.u;
  s.values = {vector_value(ids::kA, n.a), vector_value(ids::kU, u), vector_value(ids::kM, p.m),
              scalar_value(ids::kKeepScale, 1 / (1 - n.p)), scalar_value(ids::kKept, kept)};
  s.note = fmt::format(
      "Each unit gets a dropout number u, uniform between 0 and 1, from the layer's generator (seed {}); a unit whose "
      "number is below the dropout ratio p is dropped for this training round (Jäppinen 2024, §3.2.4) — a Bernoulli "
      "draw, kept "
      "with probability 1 − p (Lazović 2020, §2.9). This time {} of the {} units are kept. Every training forward "
      "draws a new "
      "mask; the same seed gives the same masks again. [u ≥ p] is 1 when u ≥ p and 0 when not. The dropout layer has "
      "no "
      "parameters to learn.",
      n.seed, kept, n.units());
  t.steps.push_back(std::move(s));
}

void add_forward(Trace& t, const DropoutNumbers& n, const DropoutPass& p) {
  Step s{.id = ids::kForward,
         .group = "Training: forward",
         .title = "Inverted dropout: ã = a·m/(1 − p)",
         .values = {vector_value(ids::kATilde, row(p.a_tilde))}};
  for (int i = 0; i < n.units(); ++i) {
    const auto k = static_cast<std::size_t>(i);
    s.equations.push_back({fmt::format("{} = {}·{}/(1 − p)", unit("ã", i), unit("a", i), unit("m", i)),
                           "{}·{}/(1 − {})",
                           {n.a[k], p.m[k], n.p},
                           {p.a_tilde[k]}});
  }
  s.note = fmt::format(
      "The kept units are scaled up by 1/(1 − p) = {} already in training (\"inverted dropout\", as the core library, "
      "PyTorch and Keras do), so that their sum is as large on average as that of all units: at inference nothing "
      "has to change. The dropped units output exactly 0.",
      format_number(1 / (1 - n.p), shown_decimals()));
  t.steps.push_back(std::move(s));
}

void add_next_layer(Trace& t, const DropoutNumbers& n, const DropoutPass& p) {
  Step s{.id = ids::kNextLayer, .group = "Training: forward", .title = "The next layer: z = Wã + b"};
  for (int j = 0; j < n.outputs(); ++j)
    s.equations.push_back(weighted_sum(n, j, unit("z", j), "ãᵢ", row(p.a_tilde), p.z[static_cast<std::size_t>(j)]));
  s.values = {matrix_value(ids::kW, n.W.values(), n.outputs(), n.units()), vector_value(ids::kB, n.b),
              vector_value(ids::kZ, row(p.z))};
  s.note = "A dropped unit adds w·0 = 0 whatever its weight: this round the next layer sees a smaller network.";
  t.steps.push_back(std::move(s));
}

void add_loss(Trace& t, const DropoutNumbers& n, const DropoutPass& p) {
  Step s{.id = ids::kLoss, .group = "Training: backward", .title = "The error and δ at the output"};
  Equation e{"E = ½ Σⱼ (zⱼ − yⱼ)²   (Jäppinen 2024, eq. 26)", "½·(", {}, {p.loss.value}};
  for (int j = 0; j < n.outputs(); ++j) {
    e.numbers += j ? " + ({} − {})²" : "({} − {})²";
    e.args.insert(e.args.end(), {p.z[static_cast<std::size_t>(j)], n.y[static_cast<std::size_t>(j)]});
  }
  e.numbers += ")";
  s.equations.push_back(e);
  for (int j = 0; j < n.outputs(); ++j)
    s.equations.push_back({fmt::format("δ{0} = ∂E/∂z{0} = z{0} − y{0}   (eq. 27)", subscript(j + 1)),
                           "{} − {}",
                           {p.z[static_cast<std::size_t>(j)], n.y[static_cast<std::size_t>(j)]},
                           {p.loss.grad[static_cast<std::size_t>(j)]}});
  s.values = {vector_value(ids::kY, n.y), scalar_value(ids::kE, p.loss.value),
              vector_value(ids::kDelta, row(p.loss.grad))};
  t.steps.push_back(std::move(s));
}

void add_backward_dense(Trace& t, const DropoutNumbers& n, const DropoutPass& p) {
  Step s{.id = ids::kBackwardDense, .group = "Training: backward", .title = "Back through the next layer: ∂E/∂ã = Wᵀδ"};
  for (int i = 0; i < n.units(); ++i) {
    Equation e{fmt::format("∂E/∂{} = Σⱼ wⱼ{}·δⱼ", unit("ã", i), subscript(i + 1)),
               "",
               {},
               {p.dE_da_tilde[static_cast<std::size_t>(i)]}};
    for (int j = 0; j < n.outputs(); ++j) {
      e.numbers += j ? " + {}·{}" : "{}·{}";
      e.args.insert(e.args.end(),
                    {n.W[static_cast<std::size_t>(j * n.units() + i)], p.loss.grad[static_cast<std::size_t>(j)]});
    }
    s.equations.push_back(e);
  }
  s.values = {vector_value(ids::kDEdaTilde, row(p.dE_da_tilde))};
  s.note = "The next layer does not know about the mask: every unit, dropped or not, gets a gradient ∂E/∂ã here.";
  t.steps.push_back(std::move(s));
}

void add_backward_dropout(Trace& t, const DropoutNumbers& n, const DropoutPass& p) {
  Step s{
      .id = ids::kBackwardDropout, .group = "Training: backward", .title = "Back through dropout: only the kept units"};
  for (int i = 0; i < n.units(); ++i) {
    const auto k = static_cast<std::size_t>(i);
    s.equations.push_back({fmt::format("∂E/∂{} = {}/(1 − p)·∂E/∂{}", unit("a", i), unit("m", i), unit("ã", i)),
                           "{}/(1 − {})·{}",
                           {p.m[k], n.p, p.dE_da_tilde[k]},
                           {p.dE_da[k]}});
  }
  s.values = {vector_value(ids::kDEda, row(p.dE_da))};
  s.note =
      "ã = a·m/(1 − p), so ∂ã/∂a = m/(1 − p): a kept unit passes δ back scaled by the same factor as forward, a "
      "dropped unit passes exactly 0 — it had no effect on E in this round, so the layers below it learn nothing "
      "through it this time.";
  t.steps.push_back(std::move(s));
}

void add_weight_gradients(Trace& t, const DropoutNumbers& n, const DropoutPass& p) {
  Step s{.id = ids::kGradients, .group = "Training: backward", .title = "The next layer's gradients: ∂E/∂W = δ·ãᵀ"};
  for (int j = 0; j < n.outputs(); ++j) {
    Equation e{
        fmt::format("∂E/∂w{}ᵢ = δ{}·ãᵢ, i = 1…{}", subscript(j + 1), subscript(j + 1), n.units()), "{}·(", {}, {}};
    e.args.push_back(p.loss.grad[static_cast<std::size_t>(j)]);
    for (int i = 0; i < n.units(); ++i) {
      e.numbers += i ? ", {}" : "{}";
      e.args.push_back(p.a_tilde[static_cast<std::size_t>(i)]);
      e.result.push_back(p.dW[static_cast<std::size_t>(j * n.units() + i)]);
    }
    e.numbers += ")";
    s.equations.push_back(e);
    s.equations.push_back({fmt::format("∂E/∂b{0} = δ{0}", subscript(j + 1)),
                           "{}",
                           {p.loss.grad[static_cast<std::size_t>(j)]},
                           {p.db[static_cast<std::size_t>(j)]}});
  }
  s.values = {matrix_value(ids::kDW, p.dW.values(), n.outputs(), n.units()), vector_value(ids::kDb, p.db.values())};
  s.note =
      "The column of a dropped unit is 0: its outgoing weights are not updated this round — only the parameters "
      "present in the smaller network learn (Jäppinen 2024, §3.2.4).";
  t.steps.push_back(std::move(s));
}

// ∂E/∂a by central differences with the generator reseeded before every forward: the same mask each time.
void add_gradient_check(Trace& t, const DropoutNumbers& n, const DropoutPass& p) {
  constexpr double h = 1e-6;
  Step s{.id = ids::kGradcheck,
         .group = "Training: backward",
         .title = "Check: ∂E/∂a by finite differences, the mask held fixed"};
  std::vector<double> a = n.a, numeric(n.a.size());
  double worst = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    numeric[i] = central_difference(a[i], h, [&] { return loss_with_seeded_mask(n, a); });
    worst = std::max(worst, relative_difference(p.dE_da[i], numeric[i], 1e-6));
    s.equations.push_back(
        {fmt::format("∂E/∂{0}: backpropagation = (E({0} + h) − E({0} − h))/2h ?", unit("a", static_cast<int>(i))),
         "{}",
         {p.dE_da[i]},
         {numeric[i]}});
  }
  s.equations.push_back({"largest relative difference", "", {}, {worst}});
  s.values = {vector_value(ids::kNumericDEda, numeric), scalar_value(ids::kMaxRelativeError, worst)};
  s.note = fmt::format(
      "h = 10⁻⁶, and the dropout generator is reseeded with {} before every forward, so each E is computed "
      "with the mask above. A dropped unit's E does not change at all: its numerical derivative is 0 too.",
      n.seed);
  t.steps.push_back(std::move(s));
}

void add_inference(Trace& t, const DropoutNumbers& n, const DropoutPass& p, const DropoutEval& e) {
  Step s{.id = ids::kInference, .group = "Inference", .title = "Inference: no mask, nothing scaled"};
  s.equations.push_back({"ã = a: the dropout layer in evaluation mode draws no mask", "", {}, row(e.a)});
  for (int j = 0; j < n.outputs(); ++j)
    s.equations.push_back(weighted_sum(n, j, unit("z", j), "aᵢ", n.a, e.z[static_cast<std::size_t>(j)]));
  s.values = {vector_value(ids::kAEval, row(e.a)), scalar_value(ids::kMaskSize, static_cast<double>(e.mask_size)),
              vector_value(ids::kZEval, row(e.z))};
  s.note = fmt::format(
      "When the network is used (evaluated, or predicting) every unit takes part and nothing is scaled: the core's "
      "Dropout in evaluation mode returns its input unchanged. With the mask above, training computed z₁ = {}; here "
      "z₁ = {}. One mask's z differs from the inference z — the two agree on average over masks, which the last steps "
      "show.",
      format_number(p.z[0], shown_decimals()), format_number(e.z[0], shown_decimals()));
  t.steps.push_back(std::move(s));
}

void add_jappinen2024(Trace& t, const DropoutNumbers& n, const DropoutPass& p) {
  const std::vector<double> am = masked(n, p);
  Dense<double> sums = next_layer(n, /*bias=*/false);
  const Tensor<double> s_t = sums.forward(Tensor<double>({1, n.units()}, am), Mode::Train);  // s = W(a·m)
  Step s{.id = ids::kJappinen2024,
         .group = "Why it agrees",
         .title = "Jäppinen's way: divide the next layer's weighted sums by 1 − p"};
  std::vector<double> z(static_cast<std::size_t>(n.outputs()));
  for (int j = 0; j < n.outputs(); ++j) {
    const auto k = static_cast<std::size_t>(j);
    z[k] = s_t[k] / (1 - n.p) + n.b[k];
    s.equations.push_back(weighted_sum(n, j, unit("s", j), "aᵢmᵢ", am, s_t[k], /*bias=*/false));
    s.equations.push_back({fmt::format("z{0} = s{0}/(1 − p) + b{0}", subscript(j + 1)),
                           "{}/(1 − {}) + {}",
                           {s_t[k], n.p, n.b[k]},
                           {z[k]}});
  }
  s.values = {vector_value(ids::kAMasked, am), vector_value(ids::kS, row(s_t)), vector_value(ids::kZJappinen2024, z)};
  s.note = fmt::format(
      "Jäppinen 2024, §3.2.4: \"In the next layer, the weighted sums of neurons are divided by the keeping ratio so "
      "that the "
      "weighted sums are on the same scale as if each neuron were active in the network.\" The dropout layer passes "
      "a·m "
      "unscaled and the next layer divides. Since Σ w·(a·m)/(1 − p) = Σ w·(a·m/(1 − p)), this is inverted dropout "
      "moved "
      "one layer on: the same z for every mask (z₁ = {} here and in training, up to rounding) and the same inference "
      "without any factor. (Jäppinen 2024 does not say whether the bias is divided too; here it is not, as in inverted "
      "dropout.)",
      format_number(z[0], shown_decimals()));
  t.steps.push_back(std::move(s));
}

void add_unscaled(Trace& t, const DropoutNumbers& n, const DropoutPass& p, const DropoutEval& e) {
  const std::vector<double> am = masked(n, p);
  Dense<double> dense = next_layer(n);
  const Tensor<double> z = dense.forward(Tensor<double>({1, n.units()}, am), Mode::Train);  // z = W(a·m) + b
  Step s{.id = ids::kUnscaled,
         .group = "Why it agrees",
         .title = "The original recipe: no factor in training, weights × (1 − p) at inference"};
  for (int j = 0; j < n.outputs(); ++j)
    s.equations.push_back(weighted_sum(n, j, unit("z", j) + " (training)", "aᵢmᵢ", am, z[static_cast<std::size_t>(j)]));
  for (int j = 0; j < n.outputs(); ++j)
    s.equations.push_back(weighted_sum(n, j, unit("z", j) + " (inference)", "aᵢ", n.a,
                                       e.z_unscaled[static_cast<std::size_t>(j)], true, 1 - n.p));
  s.values = {vector_value(ids::kZUnscaled, row(z)),
              matrix_value(ids::kWInference, e.W_scaled.values(), n.outputs(), n.units()),
              vector_value(ids::kZUnscaledEval, row(e.z_unscaled))};
  s.note =
      "Dropout as first published (Srivastava, Hinton et al., JMLR 15, 2014) scales nothing in training: the next "
      "layer sees only a·m, on average a share 1 − p of its input. So at inference, when every unit is present, each "
      "outgoing weight is multiplied by 1 − p. For one mask the training z and the inference z differ; they agree "
      "on average over masks. Inverted dropout gives the same network at inference and spares that multiplication.";
  t.steps.push_back(std::move(s));
}

void add_expectation(Trace& t, const DropoutNumbers& n, const DropoutEval& e) {
  Step s{.id = ids::kExpectation, .group = "Why it agrees", .title = "On average over masks: E[ã] = a"};
  std::vector<double> expected(n.a.size());
  for (int i = 0; i < n.units(); ++i) {
    const auto k = static_cast<std::size_t>(i);
    expected[k] = (1 - n.p) * n.a[k] / (1 - n.p) + n.p * 0;  // kept with probability 1 − p, else 0
    s.equations.push_back(
        {fmt::format("E[{}] = (1 − p)·{}/(1 − p) + p·0 = {}", unit("ã", i), unit("a", i), unit("a", i)),
         "(1 − {})·{}/(1 − {}) + {}·0",
         {n.p, n.a[k], n.p, n.p},
         {expected[k]}});
  }
  for (int j = 0; j < n.outputs(); ++j)
    s.equations.push_back(
        weighted_sum(n, j, fmt::format("E[{}] = Σᵢ w{}ᵢ·E[ãᵢ] + b{}", unit("z", j), subscript(j + 1), subscript(j + 1)),
                     "aᵢ", n.a, e.z[static_cast<std::size_t>(j)]));
  for (int j = 0; j < n.outputs(); ++j)
    s.equations.push_back(weighted_sum(n, j,
                                       fmt::format("without the factor: E[{}] = Σᵢ w{}ᵢ·E[aᵢmᵢ] + b{}", unit("z", j),
                                                   subscript(j + 1), subscript(j + 1)),
                                       "aᵢ", n.a, e.z_unscaled[static_cast<std::size_t>(j)], true, 1 - n.p));
  s.values = {vector_value(ids::kExpectedATilde, expected), vector_value(ids::kExpectedZ, row(e.z)),
              vector_value(ids::kExpectedZUnscaled, row(e.z_unscaled))};
  s.note =
      "m = 1 with probability 1 − p, so E[m/(1 − p)] = 1 and E[ã] = a: on average a unit sends what it sends at "
      "inference. z is linear in ã, so E[z] = W·E[ã] + b = Wa + b — the inference z. Without the factor E[a·m] = (1 − "
      "p)·a, "
      "and E[z] = (1 − p)·Wa + b: exactly the inference z of the weights × (1 − p). Both recipes agree with their "
      "inference in expectation; one mask at a time they do not. (Behind a nonlinear next layer only this linear "
      "sum z agrees exactly; the activation of the average is then an approximation.)";
  t.steps.push_back(std::move(s));
}

// The mean over the K masks against the inference value, and the distance to expect (σ/√K).
void add_average(Trace& t, const DropoutNumbers& n, const DropoutEval& e, const DropoutAverage& r) {
  Step s{
      .id = ids::kAverage, .group = "Why it agrees", .title = fmt::format("Measured: the mean over K = {} masks", r.K)};
  const int O = n.outputs();
  std::vector<double> last(r.running.end() - O, r.running.end()),
      last_u(r.running_unscaled.end() - O, r.running_unscaled.end());
  s.equations.push_back({"share of units kept over the K masks (expected 1 − p) = units kept / (K·units)",
                         "{}/({}·{})",
                         {static_cast<double>(r.kept), static_cast<double>(r.K), static_cast<double>(n.units())},
                         {r.kept_fraction}});
  auto compare = [&](const std::string& what, int j, double mean, double inference, double se,
                     const std::string& sigma2) {
    s.equations.push_back({fmt::format("{}: mean of {} over K masks − inference {}", what, unit("z", j), unit("z", j)),
                           "{} − {}",
                           {mean, inference},
                           {mean - inference}});
    s.equations.push_back(
        {fmt::format("expected size of that difference σ/√K, σ² = Σᵢ w{}ᵢ²aᵢ²·{}", subscript(j + 1), sigma2),
         "√({}/{})",
         {se * se * r.K, static_cast<double>(r.K)},
         {se}});
  };
  for (int j = 0; j < O; ++j) compare("inverted dropout", j, last[j], e.z[j], r.se[j], "p/(1 − p)");
  for (int j = 0; j < O; ++j)
    compare("no factor, (1 − p)·W at inference", j, last_u[j], e.z_unscaled[j], r.se_unscaled[j], "p(1 − p)");
  s.values = {scalar_value(ids::kK, r.K),
              scalar_value(ids::kKeptFraction, r.kept_fraction),
              vector_value(ids::kMeanATilde, r.mean_a_tilde),
              vector_value(ids::kZAverage, last),
              vector_value(ids::kZAverageUnscaled, last_u),
              matrix_value(ids::kRunningZ, r.running, r.K, O),
              matrix_value(ids::kRunningZUnscaled, r.running_unscaled, r.K, O),
              vector_value(ids::kStdError, r.se),
              vector_value(ids::kStdErrorUnscaled, r.se_unscaled)};
  s.note = fmt::format(
      "{} masks drawn one after another from the generator seeded with {} (the first is the mask of the training "
      "steps). "
      "Each mask gives a different z; their mean approaches the inference value as K grows, and the distance left is "
      "about σ/√K, σ the spread of one mask's z (the units are dropped independently, so their variances add: "
      "Var(ãᵢ) = aᵢ²·p/(1 − p), Var(aᵢmᵢ) = aᵢ²·p(1 − p)). Four times as many masks halve it. Jäppinen's scaling gives "
      "the same z as inverted dropout for every mask, so the same mean. The last plot: each unit's mean ã over the K "
      "masks beside a. Change K or the seed in the Numbers tab.",
      r.K, n.seed);
  t.steps.push_back(std::move(s));
}

}  // namespace

Trace run_dropout(const std::string& lesson_id, const DropoutNumbers& n) {
  Trace trace{lesson_id, {}};
  const DropoutPass p = train_pass(n);
  add_mask(trace, n, p);
  add_forward(trace, n, p);
  add_next_layer(trace, n, p);
  add_loss(trace, n, p);
  add_backward_dense(trace, n, p);
  add_backward_dropout(trace, n, p);
  add_weight_gradients(trace, n, p);
  add_gradient_check(trace, n, p);
  const DropoutEval e = eval_pass(n);
  add_inference(trace, n, p, e);
  add_jappinen2024(trace, n, p);
  add_unscaled(trace, n, p, e);
  add_expectation(trace, n, e);
  add_average(trace, n, e, measure_average(n));
  return trace;
}

}  // namespace neurostep
