#include "lessons/engines/dropout.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "core/dense.h"
#include "core/gradient_check.h"
#include "lessons/training/mnist_models.h"
#include "lessons/training/trainable.h"
#include "core/loss.h"
#include "core/shape_layers.h"

namespace neurostep {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string unit(const char* name, int i) { return name + subscript(i + 1); }  // "a₁" for unit 0
std::string weight(int j, int i) {
  return "w" + subscript(j + 1) + subscript(i + 1);
}  // w₁₂: into output 1 from unit 2
std::vector<double> row(const Tensor<double>& t) { return t.values(); }

Dense<double> next_layer(const DropoutNumbers& n, bool bias = true) {
  Dense<double> d(n.units(), n.outputs(), bias);
  d.W = n.W;
  if (bias) d.b = Tensor<double>({n.outputs()}, n.b);
  return d;
}

Tensor<double> targets(const DropoutNumbers& n) { return Tensor<double>({1, n.outputs()}, n.y); }

// 1 where the core's mask keeps a unit, 0 where it drops it; all 1 with p = 0 (the core draws no mask).
std::vector<double> kept_units(const Dropout<double>& drop, std::size_t size) {
  std::vector<double> m(size, 1.0);
  for (std::size_t i = 0; i < drop.mask().size(); ++i) m[i] = drop.mask()[i] != 0 ? 1 : 0;
  return m;
}

// One training pass, every number from the core; backward runs after forward and never overwrites it.
struct Pass {
  std::vector<double> u, m;                   // (n) dropout numbers (empty when p = 0), mask 0 or 1
  Tensor<double> a, a_tilde, z;               // (1, n), (1, n), (1, O)
  LossResult<double> loss;                    // E and δ = ∂E/∂z (1, O)
  Tensor<double> dE_da_tilde, dE_da, dW, db;  // (1, n), (1, n), (O, n), (O)
};

Pass train_pass(const DropoutNumbers& n) {
  Pass p;
  Dropout<double> drop(n.p, static_cast<std::uint64_t>(n.seed));
  Dense<double> dense = next_layer(n);
  p.a = Tensor<double>({1, n.units()}, n.a);
  p.a_tilde = drop.forward(p.a, Mode::Train);  // ã = a·m/(1 − p)
  p.u = drop.draws();
  p.m = kept_units(drop, n.a.size());
  p.z = dense.forward(p.a_tilde, Mode::Train);  // z = Wã + b
  p.loss = compute_loss(LossKind::HalfSquaredError, p.z, targets(n));
  p.dE_da_tilde = dense.backward(p.loss.grad);  // ∂E/∂ã = Wᵀδ
  p.dE_da = drop.backward(p.dE_da_tilde);       // ∂E/∂a = m/(1 − p)·∂E/∂ã
  p.dW = dense.dW;                              // ∂E/∂W = δ·ãᵀ
  p.db = dense.db;                              // ∂E/∂b = δ
  return p;
}

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

void add_mask(Trace& t, const DropoutNumbers& n, const Pass& p) {
  Step s{.id = "mask", .group = "Training: forward", .title = "The mask: each unit kept with probability 1 − p"};
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
  s.values = {vector_value("a", n.a), vector_value("u", u), vector_value("m", p.m),
              scalar_value("keep_scale", 1 / (1 - n.p)), scalar_value("kept", kept)};
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

void add_forward(Trace& t, const DropoutNumbers& n, const Pass& p) {
  Step s{.id = "forward",
         .group = "Training: forward",
         .title = "Inverted dropout: ã = a·m/(1 − p)",
         .values = {vector_value("a_tilde", row(p.a_tilde))}};
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

void add_next_layer(Trace& t, const DropoutNumbers& n, const Pass& p) {
  Step s{.id = "next_layer", .group = "Training: forward", .title = "The next layer: z = Wã + b"};
  for (int j = 0; j < n.outputs(); ++j)
    s.equations.push_back(weighted_sum(n, j, unit("z", j), "ãᵢ", row(p.a_tilde), p.z[static_cast<std::size_t>(j)]));
  s.values = {matrix_value("W", n.W.values(), n.outputs(), n.units()), vector_value("b", n.b),
              vector_value("z", row(p.z))};
  s.note = "A dropped unit adds w·0 = 0 whatever its weight: this round the next layer sees a smaller network.";
  t.steps.push_back(std::move(s));
}

void add_loss(Trace& t, const DropoutNumbers& n, const Pass& p) {
  Step s{.id = "loss", .group = "Training: backward", .title = "The error and δ at the output"};
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
  s.values = {vector_value("y", n.y), scalar_value("E", p.loss.value), vector_value("delta", row(p.loss.grad))};
  t.steps.push_back(std::move(s));
}

void add_backward_dense(Trace& t, const DropoutNumbers& n, const Pass& p) {
  Step s{.id = "backward.dense", .group = "Training: backward", .title = "Back through the next layer: ∂E/∂ã = Wᵀδ"};
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
  s.values = {vector_value("dE_da_tilde", row(p.dE_da_tilde))};
  s.note = "The next layer does not know about the mask: every unit, dropped or not, gets a gradient ∂E/∂ã here.";
  t.steps.push_back(std::move(s));
}

void add_backward_dropout(Trace& t, const DropoutNumbers& n, const Pass& p) {
  Step s{.id = "backward.dropout", .group = "Training: backward", .title = "Back through dropout: only the kept units"};
  for (int i = 0; i < n.units(); ++i) {
    const auto k = static_cast<std::size_t>(i);
    s.equations.push_back({fmt::format("∂E/∂{} = {}/(1 − p)·∂E/∂{}", unit("a", i), unit("m", i), unit("ã", i)),
                           "{}/(1 − {})·{}",
                           {p.m[k], n.p, p.dE_da_tilde[k]},
                           {p.dE_da[k]}});
  }
  s.values = {vector_value("dE_da", row(p.dE_da))};
  s.note =
      "ã = a·m/(1 − p), so ∂ã/∂a = m/(1 − p): a kept unit passes δ back scaled by the same factor as forward, a "
      "dropped unit passes exactly 0 — it had no effect on E in this round, so the layers below it learn nothing "
      "through it this time.";
  t.steps.push_back(std::move(s));
}

void add_weight_gradients(Trace& t, const DropoutNumbers& n, const Pass& p) {
  Step s{.id = "gradients", .group = "Training: backward", .title = "The next layer's gradients: ∂E/∂W = δ·ãᵀ"};
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
  s.values = {matrix_value("dW", p.dW.values(), n.outputs(), n.units()), vector_value("db", p.db.values())};
  s.note =
      "The column of a dropped unit is 0: its outgoing weights are not updated this round — only the parameters "
      "present in the smaller network learn (Jäppinen 2024, §3.2.4).";
  t.steps.push_back(std::move(s));
}

// ∂E/∂a by central differences with the generator reseeded before every forward: the same mask each time.
void add_gradient_check(Trace& t, const DropoutNumbers& n, const Pass& p) {
  constexpr double h = 1e-6;
  Step s{.id = "gradcheck",
         .group = "Training: backward",
         .title = "Check: ∂E/∂a by finite differences, the mask held fixed"};
  std::vector<double> a = n.a, numeric(n.a.size());
  double worst = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    numeric[i] = central_difference(a[i], h, [&] {
      Dropout<double> drop(n.p, static_cast<std::uint64_t>(n.seed));
      Dense<double> dense = next_layer(n);
      const Tensor<double> z = dense.forward(drop.forward(Tensor<double>({1, n.units()}, a), Mode::Train), Mode::Train);
      return compute_loss(LossKind::HalfSquaredError, z, targets(n)).value;
    });
    worst = std::max(worst, relative_difference(p.dE_da[i], numeric[i], 1e-6));
    s.equations.push_back(
        {fmt::format("∂E/∂{0}: backpropagation = (E({0} + h) − E({0} − h))/2h ?", unit("a", static_cast<int>(i))),
         "{}",
         {p.dE_da[i]},
         {numeric[i]}});
  }
  s.equations.push_back({"largest relative difference", "", {}, {worst}});
  s.values = {vector_value("numeric_dE_da", numeric), scalar_value("max_relative_error", worst)};
  s.note = fmt::format(
      "h = 10⁻⁶, and the dropout generator is reseeded with {} before every forward, so each E is computed "
      "with the mask above. A dropped unit's E does not change at all: its numerical derivative is 0 too.",
      n.seed);
  t.steps.push_back(std::move(s));
}

// Inference: the core's Dropout in Mode::Eval, and the unscaled recipe's weights × (1 − p).
struct Eval {
  Tensor<double> a, z;                  // (1, n) Dropout's Eval output, (1, O)
  std::size_t mask_size = 0;            // the core's mask after the Eval forward (0: none)
  Tensor<double> W_scaled, z_unscaled;  // (O, n) (1 − p)·W, (1, O)
};

Eval eval_pass(const DropoutNumbers& n) {
  Eval e;
  Dropout<double> drop(n.p, static_cast<std::uint64_t>(n.seed));
  Dense<double> dense = next_layer(n);
  e.a = drop.forward(Tensor<double>({1, n.units()}, n.a), Mode::Eval);  // no mask: a itself
  e.mask_size = drop.mask().size();
  e.z = dense.forward(e.a, Mode::Eval);
  e.W_scaled = n.W;
  e.W_scaled.array() *= 1 - n.p;
  dense.W = e.W_scaled;
  e.z_unscaled = dense.forward(e.a, Mode::Eval);  // z = (1 − p)·Wa + b
  return e;
}

void add_inference(Trace& t, const DropoutNumbers& n, const Pass& p, const Eval& e) {
  Step s{.id = "inference", .group = "Inference", .title = "Inference: no mask, nothing scaled"};
  s.equations.push_back({"ã = a: the dropout layer in evaluation mode draws no mask", "", {}, row(e.a)});
  for (int j = 0; j < n.outputs(); ++j)
    s.equations.push_back(weighted_sum(n, j, unit("z", j), "aᵢ", n.a, e.z[static_cast<std::size_t>(j)]));
  s.values = {vector_value("a_eval", row(e.a)), scalar_value("mask_size", static_cast<double>(e.mask_size)),
              vector_value("z_eval", row(e.z))};
  s.note = fmt::format(
      "When the network is used (evaluated, or predicting) every unit takes part and nothing is scaled: the core's "
      "Dropout in evaluation mode returns its input unchanged. With the mask above, training computed z₁ = {}; here "
      "z₁ = {}. One mask's z differs from the inference z — the two agree on average over masks, which the last steps "
      "show.",
      format_number(p.z[0], shown_decimals()), format_number(e.z[0], shown_decimals()));
  t.steps.push_back(std::move(s));
}

// a·m: the dropout layer's output without the factor 1/(1 − p).
std::vector<double> masked(const DropoutNumbers& n, const Pass& p) {
  std::vector<double> am(n.a.size());
  for (std::size_t i = 0; i < am.size(); ++i) am[i] = n.a[i] * p.m[i];
  return am;
}

void add_jappinen2024(Trace& t, const DropoutNumbers& n, const Pass& p) {
  const std::vector<double> am = masked(n, p);
  Dense<double> sums = next_layer(n, /*bias=*/false);
  const Tensor<double> s_t = sums.forward(Tensor<double>({1, n.units()}, am), Mode::Train);  // s = W(a·m)
  Step s{.id = "jappinen2024",
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
  s.values = {vector_value("a_masked", am), vector_value("s", row(s_t)), vector_value("z_jappinen2024", z)};
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

void add_unscaled(Trace& t, const DropoutNumbers& n, const Pass& p, const Eval& e) {
  const std::vector<double> am = masked(n, p);
  Dense<double> dense = next_layer(n);
  const Tensor<double> z = dense.forward(Tensor<double>({1, n.units()}, am), Mode::Train);  // z = W(a·m) + b
  Step s{.id = "unscaled",
         .group = "Why it agrees",
         .title = "The original recipe: no factor in training, weights × (1 − p) at inference"};
  for (int j = 0; j < n.outputs(); ++j)
    s.equations.push_back(weighted_sum(n, j, unit("z", j) + " (training)", "aᵢmᵢ", am, z[static_cast<std::size_t>(j)]));
  for (int j = 0; j < n.outputs(); ++j)
    s.equations.push_back(weighted_sum(n, j, unit("z", j) + " (inference)", "aᵢ", n.a,
                                       e.z_unscaled[static_cast<std::size_t>(j)], true, 1 - n.p));
  s.values = {vector_value("z_unscaled", row(z)),
              matrix_value("W_inference", e.W_scaled.values(), n.outputs(), n.units()),
              vector_value("z_unscaled_eval", row(e.z_unscaled))};
  s.note =
      "Dropout as first published (Srivastava, Hinton et al., JMLR 15, 2014) scales nothing in training: the next "
      "layer sees only a·m, on average a share 1 − p of its input. So at inference, when every unit is present, each "
      "outgoing weight is multiplied by 1 − p. For one mask the training z and the inference z differ; they agree "
      "on average over masks. Inverted dropout gives the same network at inference and spares that multiplication.";
  t.steps.push_back(std::move(s));
}

void add_expectation(Trace& t, const DropoutNumbers& n, const Eval& e) {
  Step s{.id = "expectation", .group = "Why it agrees", .title = "On average over masks: E[ã] = a"};
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
  s.values = {vector_value("expected_a_tilde", expected), vector_value("expected_z", row(e.z)),
              vector_value("expected_z_unscaled", row(e.z_unscaled))};
  s.note =
      "m = 1 with probability 1 − p, so E[m/(1 − p)] = 1 and E[ã] = a: on average a unit sends what it sends at "
      "inference. z is linear in ã, so E[z] = W·E[ã] + b = Wa + b — the inference z. Without the factor E[a·m] = (1 − "
      "p)·a, "
      "and E[z] = (1 − p)·Wa + b: exactly the inference z of the weights × (1 − p). Both recipes agree with their "
      "inference in expectation; one mask at a time they do not. (Behind a nonlinear next layer only this linear "
      "sum z agrees exactly; the activation of the average is then an approximation.)";
  t.steps.push_back(std::move(s));
}

// K masks drawn one after another from the generator seeded as above (the first is the mask shown):
// one Dropout forward of K copies of a, row by row — the same draws as K forwards of one row.
struct Average {
  int K = 0;
  int kept = 0;  // units kept over all K masks
  double kept_fraction = 0;
  std::vector<double> mean_a_tilde;               // (n)
  std::vector<double> running, running_unscaled;  // (K, O): the mean of z over masks 1…k
  std::vector<double> se, se_unscaled;            // (O) σ/√K
};

Average measure(const DropoutNumbers& n) {
  Average r;
  r.K = n.masks;
  const int units = n.units(), O = n.outputs();
  Tensor<double> a({r.K, units});
  for (int k = 0; k < r.K; ++k) std::copy(n.a.begin(), n.a.end(), a.data() + static_cast<std::ptrdiff_t>(k) * units);
  Dropout<double> drop(n.p, static_cast<std::uint64_t>(n.seed));
  Dense<double> dense = next_layer(n);
  const Tensor<double> a_tilde = drop.forward(a, Mode::Train);
  const std::vector<double> m = kept_units(drop, a.size());
  Tensor<double> am = a;
  am.array() *= Eigen::Map<const Eigen::ArrayXd>(m.data(), static_cast<Eigen::Index>(m.size()));
  const Tensor<double> z = dense.forward(a_tilde, Mode::Train), zu = dense.forward(am, Mode::Train);  // (K, O)
  r.running.resize(z.size());
  r.running_unscaled.resize(z.size());
  std::vector<double> sum(static_cast<std::size_t>(O)), sum_u(static_cast<std::size_t>(O));
  for (int k = 0; k < r.K; ++k)
    for (int j = 0; j < O; ++j) {
      const std::size_t at = static_cast<std::size_t>(k * O + j);
      r.running[at] = (sum[static_cast<std::size_t>(j)] += z[at]) / (k + 1);
      r.running_unscaled[at] = (sum_u[static_cast<std::size_t>(j)] += zu[at]) / (k + 1);
    }
  r.mean_a_tilde.assign(n.a.size(), 0);
  for (std::size_t i = 0; i < a_tilde.size(); ++i) r.mean_a_tilde[i % n.a.size()] += a_tilde[i] / r.K;
  for (double v : m) r.kept_fraction += v / static_cast<double>(m.size()), r.kept += v != 0;
  // Var(ãᵢ) = aᵢ²·p/(1 − p), Var(aᵢmᵢ) = aᵢ²·p(1 − p); the units are independent, so Var(zⱼ) = Σᵢ wⱼᵢ²·Var.
  for (int j = 0; j < O; ++j) {
    double var = 0;
    for (int i = 0; i < units; ++i)
      var += std::pow(n.W[static_cast<std::size_t>(j * units + i)] * n.a[static_cast<std::size_t>(i)], 2);
    r.se.push_back(std::sqrt(var * n.p / (1 - n.p) / r.K));
    r.se_unscaled.push_back(std::sqrt(var * n.p * (1 - n.p) / r.K));
  }
  return r;
}

// The mean over the K masks against the inference value, and the distance to expect (σ/√K).
void add_average(Trace& t, const DropoutNumbers& n, const Eval& e, const Average& r) {
  Step s{.id = "average", .group = "Why it agrees", .title = fmt::format("Measured: the mean over K = {} masks", r.K)};
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
  s.values = {scalar_value("K", r.K),
              scalar_value("kept_fraction", r.kept_fraction),
              vector_value("mean_a_tilde", r.mean_a_tilde),
              vector_value("z_average", last),
              vector_value("z_average_unscaled", last_u),
              matrix_value("running_z", r.running, r.K, O),
              matrix_value("running_z_unscaled", r.running_unscaled, r.K, O),
              vector_value("std_error", r.se),
              vector_value("std_error_unscaled", r.se_unscaled)};
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

// Two bars per unit (left `first`, right `second`, which may be empty), the units dropped by `m` marked.
Figure unit_bars(std::string title, std::string y_label, std::pair<std::string, std::vector<double>> first,
                 std::pair<std::string, std::vector<double>> second, const std::vector<double>& m) {
  const int units = static_cast<int>(first.second.size());
  Figure f{.title = std::move(title),
           .x = {"unit i", 0.5, units + 0.5},
           .y = {std::move(y_label), 0, 0},
           .legend = Corner::Below};
  auto bars = [&](const std::pair<std::string, std::vector<double>>& v, double offset, Color color) {
    for (int i = 0; i < static_cast<int>(v.second.size()); ++i)
      f.series.push_back({.kind = Series::Kind::Line,
                          .label = i == 0 ? v.first : "",
                          .x = {i + 1 + offset, i + 1 + offset},
                          .y = {0, v.second[static_cast<std::size_t>(i)]},
                          .color = color,
                          .width = 9});
  };
  const bool two = !second.second.empty();
  bars(first, two ? -0.15 : 0, Color::Gray);
  if (two) bars(second, 0.15, Color::Blue);
  Series dropped{.kind = Series::Kind::Scatter, .label = "dropped (m = 0)", .color = Color::Red, .width = 5};
  for (int i = 0; i < units; ++i)
    if (m[static_cast<std::size_t>(i)] == 0) {
      dropped.x.push_back(i + 1 + (two ? 0.15 : 0));
      dropped.y.push_back(0);
    }
  if (!dropped.x.empty()) f.series.push_back(std::move(dropped));
  f.series.push_back(
      {.kind = Series::Kind::Line, .x = {0.5, units + 0.5}, .y = {0, 0}, .color = Color::Black, .width = 1});
  f.fit_axes(0.1);
  f.x = {"unit i", 0.5, units + 0.5};
  return f;
}

// The dropout numbers u against p: below the line, dropped.
Figure draws_figure(const std::vector<double>& u, const std::vector<double>& m, double p) {
  const int units = static_cast<int>(u.size());
  Figure f{.title = "Dropout numbers uᵢ: dropped when uᵢ < p",
           .x = {"unit i", 0.5, units + 0.5},
           .y = {"u", 0, 1},
           .legend = Corner::Below};
  Series kept{.kind = Series::Kind::Scatter, .label = "kept (u ≥ p)", .color = Color::Green, .width = 6};
  Series dropped{.kind = Series::Kind::Scatter, .label = "dropped (u < p)", .color = Color::Red, .width = 6};
  for (int i = 0; i < units; ++i) {
    const auto k = static_cast<std::size_t>(i);
    f.series.push_back(
        {.kind = Series::Kind::Line, .x = {i + 1.0, i + 1.0}, .y = {0, u[k]}, .color = Color::Gray, .width = 2});
    (m[k] != 0 ? kept : dropped).x.push_back(i + 1);
    (m[k] != 0 ? kept : dropped).y.push_back(u[k]);
  }
  f.series.push_back({.kind = Series::Kind::Line,
                      .label = fmt::format("p = {}", format_number(p, shown_decimals())),
                      .x = {0.5, units + 0.5},
                      .y = {p, p},
                      .color = Color::Orange,
                      .width = 2,
                      .dashed = true});
  f.series.push_back(std::move(kept));
  f.series.push_back(std::move(dropped));
  return f;
}

// The running mean of z over the first K masks, one curve per output, its limit dashed.
Figure running_figure(std::string title, const Value& running, const Value& limit) {
  const int K = running.shape[0], O = running.shape[1];
  Figure f{.title = std::move(title), .x = {"masks drawn K", 0, 0}, .y = {"mean of z", 0, 0}, .legend = Corner::Below};
  for (int j = 0; j < O; ++j) {
    Series curve{.label = fmt::format("mean of {}", unit("z", j)), .color = static_cast<Color>(j)};
    for (int k = 0; k < K; ++k) {
      curve.x.push_back(k + 1);
      curve.y.push_back(running.data[static_cast<std::size_t>(k * O + j)]);
    }
    f.series.push_back(std::move(curve));
    const double z = limit.data[static_cast<std::size_t>(j)];
    f.series.push_back({.kind = Series::Kind::Line,
                        .label = fmt::format("{} at inference = {}", unit("z", j), format_number(z, shown_decimals())),
                        .x = {1, std::max(2.0, double(K))},
                        .y = {z, z},
                        .color = static_cast<Color>(j),
                        .width = 1.5,
                        .dashed = true});
  }
  f.fit_axes();
  f.aspect = 0.7;
  return f;
}

// A weight-shaped matrix (O, n), the columns of the dropped units crossed out.
Figure weights_figure(std::string title, const std::vector<double>& values, const std::vector<double>& m) {
  const int units = static_cast<int>(m.size()), outputs = static_cast<int>(values.size()) / units;
  Figure f = matrix_figure(std::move(title), values, outputs, units, /*diverging=*/true);
  f.aspect = std::max(0.3, 0.9 * outputs / units);  // as tall as the matrix, not a square's height
  for (int i = 0; i < units; ++i)
    if (m[static_cast<std::size_t>(i)] == 0)
      for (const auto& [y0, y1] : {std::pair{0.0, double(outputs)}, std::pair{double(outputs), 0.0}})
        f.series.push_back(
            {.kind = Series::Kind::Line, .x = {double(i), i + 1.0}, .y = {y0, y1}, .color = Color::Black, .width = 2});
  return f;
}

class DropoutLesson final : public Lesson, public Trainable {
 public:
  DropoutLesson(LessonInfo info, std::vector<PrintedValue> printed, DropoutNumbers numbers, MnistModels models)
      : Lesson(std::move(info), std::move(printed)), n_(std::move(numbers)), models_(std::move(models)) {}

  // The models of the file's [[models]], for the Train tab's measured demonstration.
  const MnistModels* trainable_models() const override { return models_.models.empty() ? nullptr : &models_; }

  std::vector<Editable> editables() override {
    std::vector<Editable> e;
    e.push_back({.group = "Dropout", .label = "p", .number = &n_.p, .min = 0, .max = 0.99});
    e.push_back({.group = "Dropout", .label = "seed", .min = 0, .max = 1e9, .integer = &n_.seed});
    e.push_back({.group = "Dropout", .label = "masks K", .min = 1, .max = 10'000, .integer = &n_.masks});
    for (int i = 0; i < n_.units(); ++i)
      e.push_back({"Activations a", unit("a", i), &n_.a[static_cast<std::size_t>(i)]});
    for (int j = 0; j < n_.outputs(); ++j) {
      const std::string group = fmt::format("Into output {}", j + 1);
      for (int i = 0; i < n_.units(); ++i)
        e.push_back({group, weight(j, i), &n_.W[static_cast<std::size_t>(j * n_.units() + i)]});
      e.push_back({group, "b" + subscript(j + 1), &n_.b[static_cast<std::size_t>(j)]});
      e.push_back({group, "target y" + subscript(j + 1), &n_.y[static_cast<std::size_t>(j)]});
    }
    return e;
  }

  Trace run() const override { return run_dropout(info_.id, n_); }

  std::vector<Figure> figures(const Trace& trace, int current) const override {
    if (current < 0 || current >= static_cast<int>(trace.steps.size())) return {};
    const std::string& id = trace.steps[static_cast<std::size_t>(current)].id;
    const Value *m = trace.find("mask", "m"), *u = trace.find("mask", "u"), *a_tilde = trace.find("forward", "a_tilde");
    if (!m || !u || !a_tilde) return {};
    std::vector<Figure> figs;
    if (id == "mask") {
      if (n_.p > 0) figs.push_back(draws_figure(u->data, m->data, n_.p));
      figs.push_back(unit_bars("Activations a, the dropped units marked", "a", {"a", n_.a}, {}, m->data));
    } else if (id == "inference") {
      figs.push_back(unit_bars("Inference: ã = a", "value", {"a", n_.a},
                               {"ã = a", trace.find("inference", "a_eval")->data},
                               std::vector<double>(n_.a.size(), 1)));
    } else if (id.rfind("backward", 0) == 0 || id == "gradients" || id == "gradcheck") {
      if (id == "gradients")
        figs.push_back(
            weights_figure("∂E/∂W (crossed out: dropped units)", trace.find("gradients", "dW")->data, m->data));
      figs.push_back(unit_bars("∂E/∂ã and ∂E/∂a = m/(1 − p)·∂E/∂ã", "gradient",
                               {"∂E/∂ã", trace.find("backward.dense", "dE_da_tilde")->data},
                               {"∂E/∂a", trace.find("backward.dropout", "dE_da")->data}, m->data));
    } else if (id == "average") {
      const Value* mean = trace.find("average", "mean_a_tilde");
      figs.push_back(running_figure("Mean of z over K masks: inverted dropout", *trace.find("average", "running_z"),
                                    *trace.find("inference", "z_eval")));
      figs.push_back(running_figure("Mean of z over K masks: no factor", *trace.find("average", "running_z_unscaled"),
                                    *trace.find("unscaled", "z_unscaled_eval")));
      figs.push_back(unit_bars("a and the mean of ã over K masks", "value", {"a", n_.a}, {"mean of ã", mean->data},
                               std::vector<double>(n_.a.size(), 1)));
    } else {
      if (id == "next_layer") figs.push_back(weights_figure("W (crossed out: dropped units)", n_.W.values(), m->data));
      figs.push_back(
          unit_bars("a and ã = a·m/(1 − p) for this mask", "value", {"a", n_.a}, {"ã", a_tilde->data}, m->data));
    }
    return figs;
  }

 private:
  DropoutNumbers n_;
  MnistModels models_;
};

}  // namespace

Trace run_dropout(const std::string& lesson_id, const DropoutNumbers& n) {
  Trace trace{lesson_id, {}};
  const Pass p = train_pass(n);
  add_mask(trace, n, p);
  add_forward(trace, n, p);
  add_next_layer(trace, n, p);
  add_loss(trace, n, p);
  add_backward_dense(trace, n, p);
  add_backward_dropout(trace, n, p);
  add_weight_gradients(trace, n, p);
  add_gradient_check(trace, n, p);
  const Eval e = eval_pass(n);
  add_inference(trace, n, p, e);
  add_jappinen2024(trace, n, p);
  add_unscaled(trace, n, p, e);
  add_expectation(trace, n, e);
  add_average(trace, n, e, measure(n));
  return trace;
}

std::unique_ptr<Lesson> make_dropout_lesson(LessonInfo info, std::vector<PrintedValue> printed, LessonTable& root) {
  DropoutNumbers n;
  LessonTable d = root.table("dropout");
  n.a = d.numbers("a", {}, {-1000, 1000});
  if (n.a.empty() || n.a.size() > 9) d.fail("a", fmt::format("'a' must hold 1 to 9 activations, not {}", n.a.size()));
  n.p = d.number("p");
  if (n.p < 0) d.fail("p", fmt::format("'p' = {}: the dropout ratio is a probability, 0 ≤ p < 1", n.p));
  if (n.p >= 1)
    d.fail("p", fmt::format(
                    "'p' = {}: the dropout ratio must be below 1 (p = 1 drops every unit and scales the kept ones by "
                    "1/(1 − p) = ∞)",
                    n.p));
  n.seed = d.integer("seed", 0, 2'147'483'647);
  n.masks = d.integer_or("masks", 1000, 1, 10'000);
  d.finish();
  LessonTable l = root.table("next_layer");
  n.W = l.array("weights", 2, 9, {-1000, 1000});
  if (n.W.dim(0) > 3)
    l.fail("weights", fmt::format("'weights' may have 1 to 3 rows (one per output), not {}", n.W.dim(0)));
  if (n.W.dim(1) != n.units())
    l.fail("weights",
           fmt::format("'weights' needs one column per unit of 'a' ({}): each row holds the weights into one output, "
                       "this one has {}",
                       n.units(), n.W.dim(1)));
  const auto outputs = static_cast<std::size_t>(n.W.dim(0));
  n.b = l.has("biases") ? l.numbers("biases", outputs, {-1000, 1000}) : std::vector<double>(outputs, 0.0);
  n.y = l.numbers("target", outputs, {-1000, 1000});
  l.finish();
  MnistModels models = root.has("models") ? read_mnist_models(root) : MnistModels{};
  return std::make_unique<DropoutLesson>(std::move(info), std::move(printed), std::move(n), std::move(models));
}

}  // namespace neurostep
