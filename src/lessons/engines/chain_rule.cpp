#include "lessons/engines/chain_rule.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/activation.h"
#include "core/gradient_check.h"
#include "core/loss.h"
#include "core/optimizer.h"
#include "core/softmax.h"
#include "lessons/engines/activation_choice.h"
#include "lessons/engines/chain_rule_numbers.h"
#include "lessons/engines/chain_rule_symmetry.h"
#include "lessons/engines/slip_reruns.h"
#include "lessons/framework/slips.h"

namespace neurostep {

namespace chain_rule_ids {
std::string forward(std::size_t layer) { return fmt::format("forward.l{}", layer); }
std::string backward(std::size_t layer) { return fmt::format("backward.l{}", layer); }
std::string train(int iterations) { return fmt::format("train.{}", iterations); }
std::string z(std::size_t layer) { return fmt::format("z{}", layer); }
std::string a(std::size_t layer) { return fmt::format("a{}", layer); }
std::string delta(std::size_t layer) { return fmt::format("delta{}", layer); }
std::string dW(std::size_t layer) { return fmt::format("dW{}", layer); }
std::string db(std::size_t layer) { return fmt::format("db{}", layer); }
std::string numeric_dW(std::size_t layer) { return fmt::format("numeric_dW{}", layer); }
std::string W(std::size_t layer) { return fmt::format("W{}", layer); }
std::string b(std::size_t layer) { return fmt::format("b{}", layer); }
}  // namespace chain_rule_ids

namespace {

namespace ids = chain_rule_ids;
using namespace chain_rule;

// E in symbols, for outputs named `o`: "½ Σₖ (tₖ − oₖ)²" (the right-hand side only).
std::string error_symbols(LossKind loss, const std::string& o) {
  return loss == LossKind::HalfSquaredError ? "½ Σₖ (tₖ − " + o + "ₖ)²"
         : loss == LossKind::SquaredError   ? "Σₖ (" + o + "ₖ − tₖ)²"
                                            : "−Σₖ tₖ ln " + o + "ₖ";
}

// E with every output's term written out ("½(0.01 − 0.7514)² + ½(0.99 − 0.7729)²"): `o` the
// outputs the error was computed from, `E` the core's value.
Equation error_equation(std::string symbols, LossKind loss, const std::vector<double>& target,
                        const std::vector<double>& o, double E) {
  const bool half = loss == LossKind::HalfSquaredError, squared = loss == LossKind::SquaredError;
  Equation e{std::move(symbols), "", {}, {E}};
  for (std::size_t k = 0; k < o.size(); ++k) {
    e.numbers += k ? " + " : "";
    e.numbers += half ? "½({} − {})²" : squared ? "({} − {})²" : "−{}·ln {}";
    if (squared)
      e.args.insert(e.args.end(), {o[k], target[k]});
    else
      e.args.insert(e.args.end(), {target[k], o[k]});
  }
  return e;
}

// What the phases of the lesson share: the numbers, the network (a core model), and what the
// forward and backward passes computed, per layer l (0-based; the math writes layer l + 1).
struct ChainRun {
  const ChainRuleNumbers& n;
  std::size_t L;     // layers with weights
  bool softmax_ce;   // the output layer is softmax + cross-entropy (no activation layer)
  ActivationKind f;  // every layer's activation
  std::string fs;    // its symbol: "σ"
  double param;      // its parameter (leaky ReLU's slope, ELU's α)
  Network net;
  Tensor<double> x, t;                    // (1, inputs), (1, outputs)
  Tensor<double> out;                     // the network's output
  std::vector<std::vector<double>> z, a;  // forward: weighted sums and activations
  LossResult<double> loss;
  std::vector<std::vector<double>> delta, dE_da, fprime;  // backward: ∂E/∂z, ∂E/∂a, f′(z)
  std::vector<std::vector<double>> dW, db;                // the gradients, from the core's Dense layers

  explicit ChainRun(const ChainRuleNumbers& numbers)
      : n(numbers),
        L(numbers.sizes.size() - 1),
        softmax_ce(numbers.loss == LossKind::SoftmaxCrossEntropy),
        f(numbers.activation),
        fs(activation_symbol(numbers.activation)),
        param(Activation<double>::default_param(numbers.activation)),
        net(build(numbers)),
        x({1, numbers.sizes[0]}, numbers.input),
        t({1, numbers.sizes.back()}, numbers.target) {}
  const std::vector<double>& o() const { return a[L - 1]; }  // the output
};

// Forward, layer by layer: zⱼ = Σᵢ wⱼᵢaᵢ + bⱼ and aⱼ = f(zⱼ), from the core model's outputs.
void forward_steps(ChainRun& r, Trace& trace) {
  const ChainRuleNumbers& n = r.n;
  auto& z = r.z;
  auto& a = r.a;
  r.net.model.keep_outputs(true);
  r.out = r.net.model.forward(r.x, Mode::Train);
  const auto& outs = r.net.model.outputs();
  z.resize(r.L);
  a.resize(r.L);
  for (std::size_t l = 0; l < r.L; ++l) {
    z[l] = outs[r.net.dense_at[l]].values();
    a[l] = (r.softmax_ce && l + 1 == r.L) ? softmax_rows(outs[r.net.dense_at[l]]).values()
                                          : outs[r.net.act_at[l]].values();
    const std::vector<double>& in = l == 0 ? n.input : a[l - 1];
    Step s{.id = ids::forward(l + 1),
           .group = "Forward",
           .title = fmt::format("Layer {}: weighted sums and activations", l + 1)};
    for (int j = 0; j < n.sizes[l + 1]; ++j) {
      Equation e{unit("z", l + 1, j) + " = ", "", {}, {z[l][static_cast<std::size_t>(j)]}};
      for (int i = 0; i < n.sizes[l]; ++i) {
        e.symbols += weight_name(l, j, i) + input_name(l, i) + " + ";
        e.numbers += "{}·{} + ";
        e.args.insert(e.args.end(),
                      {n.weights[l][static_cast<std::size_t>(j * n.sizes[l] + i)], in[static_cast<std::size_t>(i)]});
      }
      e.symbols += bias_name(l, j);
      e.numbers += "{}";
      e.args.push_back(n.biases[l][static_cast<std::size_t>(j)]);
      s.equations.push_back(std::move(e));
      if (!(r.softmax_ce && l + 1 == r.L))
        s.equations.push_back({unit("a", l + 1, j) + " = " + r.fs + "(" + unit("z", l + 1, j) + ")",
                               r.fs + "({})",
                               {z[l][static_cast<std::size_t>(j)]},
                               {a[l][static_cast<std::size_t>(j)]}});
    }
    if (r.softmax_ce && l + 1 == r.L) {  // the softmax needs every z first: their sum, then each share of it
      Equation sum{"Σₖ e^zₖ = ", "", {}, {0.0}};
      for (int k = 0; k < n.sizes[l + 1]; ++k) {
        const double zk = z[l][static_cast<std::size_t>(k)];
        sum.symbols += (k ? " + e^" : "e^") + unit("z", l + 1, k);
        sum.numbers += k ? " + e^{}" : "e^{}";
        sum.args.push_back(zk);
        sum.result[0] += std::exp(zk);
      }
      s.equations.push_back(sum);
      for (int j = 0; j < n.sizes[l + 1]; ++j)
        s.equations.push_back({unit("o", l + 1, j) + " = e^" + unit("z", l + 1, j) + " / Σₖ e^zₖ",
                               "e^{}/{}",
                               {z[l][static_cast<std::size_t>(j)], sum.result[0]},
                               {a[l][static_cast<std::size_t>(j)]}});
    }
    s.values = {vector_value(ids::z(l + 1), z[l]), vector_value(ids::a(l + 1), a[l])};
    trace.steps.push_back(std::move(s));
  }
}

// The error E of the output against the target; false if it is not a finite number.
bool error_step(ChainRun& r, Trace& trace) {
  const ChainRuleNumbers& n = r.n;
  const std::vector<double>& o = r.o();
  r.loss = compute_loss(n.loss, r.out, r.t);
  const LossResult<double>& loss = r.loss;
  const bool half = n.loss == LossKind::HalfSquaredError, squared = n.loss == LossKind::SquaredError;
  Step s{.id = ids::kError, .group = "Forward", .title = "The error E"};
  std::vector<double> shares;  // each output's share of E
  for (std::size_t k = 0; k < o.size(); ++k) {
    const double tk = n.target[k], ok = o[k];
    shares.push_back(half      ? 0.5 * (tk - ok) * (tk - ok)
                     : squared ? (ok - tk) * (ok - tk)
                               : -tk * std::log(std::max(ok, 1e-300)));
  }
  s.equations.push_back(error_equation("E = " + error_symbols(n.loss, "o"), n.loss, n.target, o, loss.value));
  s.values = {scalar_value(ids::kE, loss.value), vector_value(ids::kEOut, shares),
              vector_value(ids::kTarget, n.target)};
  const bool finite = std::isfinite(loss.value);
  if (!finite) s.note = "The error is not a finite number: the weights or inputs are too large. Stepping stops here.";
  trace.steps.push_back(std::move(s));
  return finite;
}

// Backward: the core's backward pass; δ⁽ˡ⁾ = ∂E/∂z⁽ˡ⁾ is the gradient at each Dense output, ∂E/∂a at
// each activation's, and the gradients ∂E/∂W, ∂E/∂b are the Dense layers'.
void backward_pass(ChainRun& r) {
  r.net.model.zero_grad();
  r.net.model.backward(r.loss.grad);
  const auto& grads = r.net.model.output_grads();
  r.delta.resize(r.L);
  r.dE_da.resize(r.L);
  r.fprime.resize(r.L);
  r.dW.resize(r.L);
  r.db.resize(r.L);
  for (std::size_t l = 0; l < r.L; ++l) {
    r.delta[l] = grads[r.net.dense_at[l]].values();
    r.dE_da[l] = grads[r.net.act_at[l]].values();
    for (double zz : r.z[l]) r.fprime[l].push_back(activation_derivative(r.f, zz, r.param));
    r.dW[l] = dense(r.net, l).dW.values();
    r.db[l] = dense(r.net, l).db.values();
  }
}

// δ of unit j of layer l: o − t at a softmax + cross-entropy output, ∂E/∂o·f′(z) at another output,
// f′(z)·Σₖ δₖwₖⱼ in a hidden layer.
Equation delta_equation(const ChainRun& r, std::size_t l, int j) {
  const ChainRuleNumbers& n = r.n;
  const std::vector<double>& o = r.o();
  const auto &delta = r.delta, &fprime = r.fprime;
  const std::size_t jj = static_cast<std::size_t>(j);
  const std::string d = unit("δ", l + 1, j);
  if (l + 1 == r.L && r.softmax_ce)
    return {d + " = ∂E/∂z = o" + subscript(j + 1) + " − t" + subscript(j + 1),
            "{} − {}",
            {o[jj], n.target[jj]},
            {delta[l][jj]}};
  if (l + 1 == r.L) {
    const bool half = n.loss == LossKind::HalfSquaredError;
    const std::string oj = "o" + subscript(j + 1), tj = "t" + subscript(j + 1), zj = unit("z", l + 1, j);
    return {d + " = ∂E/∂" + oj + "·" + r.fs + "′(" + zj + ") = " + (half ? "(" : "2(") + oj + " − " + tj + ")·" + r.fs +
                "′(" + zj + ")",
            std::string(half ? "({} − {})" : "2({} − {})") + "·{}",
            {o[jj], n.target[jj], fprime[l][jj]},
            {delta[l][jj]}};
  }
  Equation e{"", "{}·(", {fprime[l][jj]}, {delta[l][jj]}};
  e.symbols = d + " = " + r.fs + "′(" + unit("z", l + 1, j) + ")·Σₖ δ" + superscript(static_cast<int>(l + 2)) + "ₖ w" +
              superscript(static_cast<int>(l + 2)) + "ₖ" + subscript(j + 1) + "   (Creus & Picón, eq. 10)";
  for (int k = 0; k < n.sizes[l + 2]; ++k) {
    e.numbers += k ? " + {}·{}" : "{}·{}";
    e.args.insert(e.args.end(), {delta[l + 1][static_cast<std::size_t>(k)],
                                 n.weights[l + 1][static_cast<std::size_t>(k * n.sizes[l + 1] + j)]});
  }
  e.numbers += ")";
  return e;
}

// δ layer by layer, the output layer first.
void backward_steps(ChainRun& r, Trace& trace) {
  backward_pass(r);
  for (std::size_t l = r.L; l-- > 0;) {
    Step s{.id = ids::backward(l + 1),
           .group = "Backward",
           .title = fmt::format("δ of layer {}{}", l + 1, l + 1 == r.L ? " (the output)" : "")};
    for (int j = 0; j < r.n.sizes[l + 1]; ++j) s.equations.push_back(delta_equation(r, l, j));
    s.values = {vector_value(ids::delta(l + 1), r.delta[l])};
    trace.steps.push_back(std::move(s));
  }
}

// The whole chain ∂E/∂w = ∂E/∂a·∂a/∂z·∂z/∂w for the chosen weight.
void chain_step(const ChainRun& r, Trace& trace) {
  const ChainRuleNumbers& n = r.n;
  const auto &z = r.z, &a = r.a, &delta = r.delta, &dE_da = r.dE_da, &fprime = r.fprime, &dW = r.dW;
  const auto [l, k] = chosen_weight(n);
  const int j = k / n.sizes[l], i = k % n.sizes[l];
  const std::size_t jj = static_cast<std::size_t>(j);
  const double a_in = (l == 0 ? n.input : a[l - 1])[static_cast<std::size_t>(i)];
  const std::string w = weight_name(l, j, i);
  Step s{.id = ids::kChain, .group = "Backward", .title = "The chain rule for " + w};
  std::vector<double> factors;
  if (l + 1 == r.L && r.softmax_ce) {
    s.equations.push_back({"∂E/∂" + w + " = ∂E/∂" + unit("z", l + 1, j) + "·∂" + unit("z", l + 1, j) + "/∂" + w,
                           "{}·{}",
                           {delta[l][jj], a_in},
                           {dW[l][static_cast<std::size_t>(k)]}});
    factors = {delta[l][jj], a_in};
  } else {
    s.equations.push_back({"∂E/∂" + w + " = ∂E/∂" + unit("a", l + 1, j) + "·∂" + unit("a", l + 1, j) + "/∂" +
                               unit("z", l + 1, j) + "·∂" + unit("z", l + 1, j) + "/∂" + w,
                           "{}·{}·{}",
                           {dE_da[l][jj], fprime[l][jj], a_in},
                           {dW[l][static_cast<std::size_t>(k)]}});
    Equation dEda{"∂E/∂" + unit("a", l + 1, j) + " = ", "", {}, {dE_da[l][jj]}};
    if (l + 1 == r.L) {  // the loss's derivative at the output
      const std::string oj = "o" + subscript(j + 1), tj = "t" + subscript(j + 1);
      const bool half = n.loss == LossKind::HalfSquaredError;
      dEda.symbols += half ? oj + " − " + tj : "2(" + oj + " − " + tj + ")";
      dEda.numbers = half ? "{} − {}" : "2({} − {})";
      dEda.args = {r.o()[jj], n.target[jj]};
    } else {  // what flows back from every unit of the next layer (Creus & Picón, eq. 10 without f′)
      dEda.symbols += "Σₖ δ" + superscript(static_cast<int>(l + 2)) + "ₖ w" + superscript(static_cast<int>(l + 2)) +
                      "ₖ" + subscript(j + 1);
      for (int m = 0; m < n.sizes[l + 2]; ++m) {
        dEda.numbers += m ? " + {}·{}" : "{}·{}";
        dEda.args.insert(dEda.args.end(), {delta[l + 1][static_cast<std::size_t>(m)],
                                           n.weights[l + 1][static_cast<std::size_t>(m * n.sizes[l + 1] + j)]});
      }
    }
    s.equations.push_back(std::move(dEda));
    s.equations.push_back(
        {"∂" + unit("a", l + 1, j) + "/∂" + unit("z", l + 1, j) + " = " + r.fs + "′(" + unit("z", l + 1, j) + ")",
         r.fs + "′({})",
         {z[l][jj]},
         {fprime[l][jj]}});
    factors = {dE_da[l][jj], fprime[l][jj], a_in};
  }
  s.equations.push_back({"∂" + unit("z", l + 1, j) + "/∂" + w + " = " + input_name(l, i), "", {}, {a_in}});
  s.note = "Click another weight in the network graph to expand its chain.";
  s.values = {scalar_value(ids::kDEdw, dW[l][static_cast<std::size_t>(k)]), vector_value(ids::kFactors, factors),
              scalar_value(ids::kChosen, n.chosen_weight + 1)};
  trace.steps.push_back(std::move(s));
}

// Every gradient, from the core's backward pass: ∂E/∂w = δ·a, ∂E/∂b = δ.
void gradients_step(const ChainRun& r, Trace& trace) {
  const ChainRuleNumbers& n = r.n;
  const auto &a = r.a, &delta = r.delta, &dW = r.dW, &db = r.db;
  Step s{.id = ids::kGradients, .group = "Backward", .title = "Every gradient: ∂E/∂w = δ·a, ∂E/∂b = δ"};
  for (std::size_t l = 0; l < r.L; ++l) {
    for (int j = 0; j < n.sizes[l + 1]; ++j)
      for (int i = 0; i < n.sizes[l]; ++i)
        s.equations.push_back(
            {"∂E/∂" + weight_name(l, j, i) + " = " + unit("δ", l + 1, j) + "·" + input_name(l, i),
             "{}·{}",
             {delta[l][static_cast<std::size_t>(j)], (l == 0 ? n.input : a[l - 1])[static_cast<std::size_t>(i)]},
             {dW[l][static_cast<std::size_t>(j * n.sizes[l] + i)]}});
    for (int j = 0; j < n.sizes[l + 1]; ++j)
      s.equations.push_back(
          {"∂E/∂" + bias_name(l, j) + " = " + unit("δ", l + 1, j), "", {}, {db[l][static_cast<std::size_t>(j)]}});
    s.values.push_back(vector_value(ids::dW(l + 1), dW[l]));
    s.values.push_back(vector_value(ids::db(l + 1), db[l]));
  }
  trace.steps.push_back(std::move(s));
}

// The same gradients by central finite differences, E(w + h) and E(w − h) through the same model.
void gradcheck_step(const ChainRun& r, Trace& trace) {
  const ChainRuleNumbers& n = r.n;
  const Tensor<double>&x = r.x, &t = r.t;
  const auto& dW = r.dW;
  Step s{.id = ids::kGradcheck, .group = "Backward", .title = "Gradient check: chain rule vs finite differences"};
  const double h = 1e-6;
  double worst = 0;
  Network probe = build(n);
  for (std::size_t l = 0; l < r.L; ++l) {
    std::vector<double> numeric;
    for (std::size_t k = 0; k < n.weights[l].size(); ++k) {
      numeric.push_back(central_difference(dense(probe, l).W[k], h, [&] { return error_of(probe, x, t, n.loss); }));
      worst = std::max(worst, relative_difference(numeric.back(), dW[l][k], 1e-4));
      const int j = static_cast<int>(k) / n.sizes[l], i = static_cast<int>(k) % n.sizes[l];
      s.equations.push_back({"∂E/∂" + weight_name(l, j, i) + ": chain rule = (E(w + h) − E(w − h))/2h ?",
                             "{}",
                             {dW[l][k]},
                             {numeric.back()}});
    }
    s.values.push_back(vector_value(ids::numeric_dW(l + 1), numeric));
  }
  s.values.push_back(scalar_value(ids::kMaxRelativeError, worst));
  s.note = fmt::format(
      "Largest difference between the chain rule and finite differences (h = 10⁻⁶), relative to the "
      "larger of the two (at least 10⁻⁴): {}.",
      format_number(worst, shown_decimals()));
  trace.steps.push_back(std::move(s));
}

// Each layer's backward step as a slip works it (slips.h), from the right δ of the layer after it:
// δ with `slope` in place of f′ and, if `untransposed`, sent back through W where Wᵀ belongs; the
// weight gradients ∂E/∂w = δ·a from those δ.
struct SlipPass {
  std::string slip;
  std::vector<std::vector<double>> delta, dW;  // per layer, as ChainRun's
};

SlipPass slip_pass(const ChainRun& r, std::string slip, const Slope& slope, bool untransposed) {
  const ChainRuleNumbers& n = r.n;
  SlipPass p{std::move(slip), std::vector<std::vector<double>>(r.L), std::vector<std::vector<double>>(r.L)};
  for (std::size_t l = r.L; l-- > 0;) {
    const int units = n.sizes[l + 1];
    for (int j = 0; j < units; ++j) {
      const std::size_t jj = static_cast<std::size_t>(j);
      double d = 0;
      if (l + 1 == r.L) {  // ∂E/∂o·f′(z), or o − t for softmax + cross-entropy
        const double diff = r.o()[jj] - n.target[jj];
        d = r.softmax_ce ? diff : (n.loss == LossKind::HalfSquaredError ? diff : 2 * diff) * slope(r.z[l][jj]);
      } else {  // f′(z)·Σₖ δₖ wₖⱼ (Creus & Picón, eq. 10); the slip reads wⱼₖ where W is square
        const bool swap = untransposed && n.sizes[l + 2] == units;
        for (int k = 0; k < n.sizes[l + 2]; ++k)
          d += r.delta[l + 1][static_cast<std::size_t>(k)] *
               n.weights[l + 1][static_cast<std::size_t>(swap ? j * units + k : k * units + j)];
        d *= slope(r.z[l][jj]);
      }
      p.delta[l].push_back(d);
    }
    for (double dj : p.delta[l])
      for (double in : (l == 0 ? n.input : r.a[l - 1])) p.dW[l].push_back(dj * in);
  }
  return p;
}

// The backward steps, the chain and the gradients as each slip gives them (Step::reruns): another
// activation's derivative or the activation for f′, and — where a hidden layer's W is square — W for Wᵀ.
void add_slip_reruns(const ChainRun& r, Trace& trace) {
  const ChainRuleNumbers& n = r.n;
  std::vector<double> at;  // every z whose slope the pass takes
  for (std::size_t l = 0; l < r.L; ++l)
    if (l + 1 < r.L || !r.softmax_ce) at.insert(at.end(), r.z[l].begin(), r.z[l].end());
  std::vector<SlipPass> passes;
  for (const SlopeSlip& s : slope_slips(r.f, r.param, at)) passes.push_back(slip_pass(r, s.slip, s.slope, false));
  for (std::size_t l = 0; l + 1 < r.L; ++l)
    if (n.sizes[l + 1] == n.sizes[l + 2]) {
      passes.push_back(slip_pass(
          r, untransposed_slip(), [&r](double z) { return activation_derivative(r.f, z, r.param); }, true));
      break;
    }
  const auto [cl, ck] = chosen_weight(n);
  for (Step& s : trace.steps)
    for (const SlipPass& p : passes) {
      std::vector<Value> values;
      for (std::size_t l = 0; l < r.L; ++l) {
        if (s.id == ids::backward(l + 1)) values.push_back(vector_value(ids::delta(l + 1), p.delta[l]));
        if (s.id == ids::kGradients)
          values.insert(values.end(),
                        {vector_value(ids::dW(l + 1), p.dW[l]), vector_value(ids::db(l + 1), p.delta[l])});
      }
      if (s.id == ids::kChain) values.push_back(scalar_value(ids::kDEdw, p.dW[cl][static_cast<std::size_t>(ck)]));
      if (!values.empty()) s.reruns.push_back({p.slip, std::move(values)});
    }
}

// Hidden unit m's share of the output error three ways: Wᵀe, in proportion to the weights, and the
// true −∂E/∂a (`truth`); l is the output layer's weights.
std::vector<Equation> symon_equations(const ChainRun& r, const SymonSpread& sp, const std::vector<double>& truth,
                                      int m) {
  const ChainRuleNumbers& n = r.n;
  const std::size_t l = r.L - 1, mm = static_cast<std::size_t>(m);
  const int hidden = n.sizes[l], outputs = n.sizes[l + 1];
  Equation wt{
      "e(hidden " + std::to_string(m + 1) + ") = Σₖ wₖ" + subscript(m + 1) + "·eₖ   (Wᵀe)", "", {}, {sp.wte[mm]}};
  Equation pr{"e(hidden " + std::to_string(m + 1) + ") = Σₖ eₖ·wₖ" + subscript(m + 1) + "/Σᵢ wₖᵢ   (in proportion)",
              "",
              {},
              {sp.prop[mm]}};
  Equation tr{
      "−∂E/∂" + unit("a", l, m) + " = Σₖ wₖ" + subscript(m + 1) + "·(−δₖ)   (the true gradient)", "", {}, {truth[mm]}};
  for (int k = 0; k < outputs; ++k) {
    const std::size_t kk = static_cast<std::size_t>(k);
    const double w = n.weights[l][static_cast<std::size_t>(k * hidden + m)];
    wt.numbers += k ? " + {}·{}" : "{}·{}";
    wt.args.insert(wt.args.end(), {w, sp.e[kk]});
    pr.numbers += k ? " + " : "";
    if (sp.column[kk] == 0) {
      pr.numbers += "0";  // the weights into output k cancel: it spreads nothing
    } else {
      pr.numbers += "{}·{}/(";
      pr.args.insert(pr.args.end(), {sp.e[kk], w});
      for (int i = 0; i < hidden; ++i) {
        pr.numbers += i ? " + {}" : "{}";
        pr.args.push_back(n.weights[l][static_cast<std::size_t>(k * hidden + i)]);
      }
      pr.numbers += ")";
    }
    tr.numbers += k ? " + {}·{}" : "{}·{}";
    tr.args.insert(tr.args.end(), {w, -r.delta[l][kk]});
  }
  return {wt, pr, tr};
}

// Symon, §3 spreads the output error e = t − o back by Wᵀe, or in proportion to the weights.
void symon_step(const ChainRun& r, Trace& trace) {
  const std::size_t l = r.L - 1;  // the output layer's weights
  const int hidden = r.n.sizes[l];
  const SymonSpread sp = symon_spread(r.n.weights[l], hidden, r.n.target, r.o());
  std::vector<double> truth;
  for (double g : r.dE_da[l - 1]) truth.push_back(-g);
  Step s{.id = ids::kSymon, .group = "Backward", .title = "Symon's error spreading vs the true gradient"};
  for (int m = 0; m < hidden; ++m) {
    const std::vector<Equation> three = symon_equations(r, sp, truth, m);
    s.equations.insert(s.equations.end(), three.begin(), three.end());
  }
  s.note =
      "Wᵀe leaves out the slope f′(z) of each output unit (and, for Σ(o − t)², the factor 2): it equals the "
      "true −∂E/∂a only when the outputs are linear. Splitting in proportion to the weights also rescales by "
      "each output's weight sum, so its size is not a gradient at all — though the signs usually agree.";
  s.values = {vector_value(ids::kEOutSymon, sp.e), vector_value(ids::kEHiddenWTe, sp.wte),
              vector_value(ids::kEHiddenProportional, sp.prop), vector_value(ids::kMinusDEda, truth)};
  trace.steps.push_back(std::move(s));
}

// The network as it stands: every layer's a and δ = ∂E/∂z for the current weights, from one
// forward and backward pass of the core model (nothing is updated), and the error E.
struct NetworkState {
  std::vector<std::vector<double>> a, delta;
  double E;
  const std::vector<double>& o() const { return a.back(); }  // the output
};

NetworkState network_state(ChainRun& r) {
  NetworkState st{{}, {}, 0};
  r.net.model.keep_outputs(true);
  const Tensor<double> out = r.net.model.forward(r.x, Mode::Train);
  const LossResult<double> loss = compute_loss(r.n.loss, out, r.t);
  r.net.model.zero_grad();
  r.net.model.backward(loss.grad);
  const auto& outs = r.net.model.outputs();
  const auto& grads = r.net.model.output_grads();
  for (std::size_t l = 0; l < r.L; ++l) {
    st.a.push_back((r.softmax_ce && l + 1 == r.L) ? softmax_rows(outs[r.net.dense_at[l]]).values()
                                                  : outs[r.net.act_at[l]].values());
    st.delta.push_back(grads[r.net.dense_at[l]].values());
  }
  r.net.model.keep_outputs(false);
  st.E = loss.value;
  return st;
}

// The weights and biases as they stand, named as the update step names them (W1, b1, …).
void add_parameters(ChainRun& r, std::vector<Value>& values) {
  for (std::size_t l = 0; l < r.L; ++l) {
    values.push_back(vector_value(ids::W(l + 1), dense(r.net, l).W.values()));
    values.push_back(vector_value(ids::b(l + 1), dense(r.net, l).b.values()));
  }
}

// The update, one SGD step with the core optimizer, and the error after it; returns that error.
double update_steps(ChainRun& r, Optimizer<double>& sgd, Trace& trace) {
  const ChainRuleNumbers& n = r.n;
  const auto &dW = r.dW, &db = r.db;
  const LossResult<double>& loss = r.loss;
  const std::vector<std::vector<double>> before = n.weights;
  const bool biases_fixed = n.biases_update == ChainRuleNumbers::Biases::Fixed;
  sgd.step(trained_params(r.net, n.biases_update));
  {
    Step s{.id = ids::kUpdate,
           .group = "Update",
           .title = biases_fixed ? "w ← w − η·∂E/∂w (the biases stay)" : "w ← w − η·∂E/∂w, b ← b − η·∂E/∂b"};
    if (biases_fixed)
      s.note =
          "The biases are kept, as in Mazur's worked example, so these are his updated weights (the Check against "
          "Mazur tab "
          "compares, and shows where his E after the update slips). Set 'biases' to 'updated with the weights' in the "
          "Numbers tab to train them too: E then falls further.";
    for (std::size_t l = 0; l < r.L; ++l) {
      const auto& W = dense(r.net, l).W;
      for (std::size_t k = 0; k < W.size(); ++k) {
        const int j = static_cast<int>(k) / n.sizes[l], i = static_cast<int>(k) % n.sizes[l];
        s.equations.push_back({weight_name(l, j, i) + " ← " + weight_name(l, j, i) + " − η·∂E/∂" + weight_name(l, j, i),
                               "{} − {}·{}",
                               {before[l][k], n.learning_rate, dW[l][k]},
                               {W[k]}});
      }
      for (std::size_t j = 0; j < dense(r.net, l).b.size() && !biases_fixed; ++j)
        s.equations.push_back({bias_name(l, static_cast<int>(j)) + " ← b − η·∂E/∂b",
                               "{} − {}·{}",
                               {n.biases[l][j], n.learning_rate, db[l][j]},
                               {dense(r.net, l).b[j]}});
      s.values.push_back(vector_value(ids::W(l + 1), W.values()));
      s.values.push_back(vector_value(ids::b(l + 1), dense(r.net, l).b.values()));
    }
    trace.steps.push_back(std::move(s));
  }
  // The same example forward again through the updated weights: the new outputs o′ and E′.
  const double e_after = error_of(r.net, r.x, r.t, n.loss);
  const NetworkState after = network_state(r);
  Step s{.id = ids::kErrorAfter,
         .group = "Update",
         .title = "The error after one update",
         .equations = {error_equation("E′ = " + error_symbols(n.loss, "o′"), n.loss, n.target, after.o(), e_after)},
         .values = {scalar_value(ids::kEAfter, e_after), scalar_value(ids::kE, loss.value)},
         .note = e_after < loss.value
                     ? fmt::format("E fell from {} to {}.", format_number(loss.value, shown_decimals()),
                                   format_number(e_after, shown_decimals()))
                     : fmt::format("E rose from {} to {}: η is too large.", format_number(loss.value, shown_decimals()),
                                   format_number(e_after, shown_decimals()))};
  s.note += " o′ is the output of the updated network for the same x; the graph shows every unit's new a.";
  for (std::size_t l = 0; l < r.L; ++l) s.values.push_back(vector_value(ids::a(l + 1), after.a[l]));
  trace.steps.push_back(std::move(s));

  return e_after;
}

// Train N iterations: the same step again and again, E recorded after every update.
void training_steps(ChainRun& r, Optimizer<double>& sgd, double e_after, Trace& trace) {
  const ChainRuleNumbers& n = r.n;
  const Tensor<double>&x = r.x, &t = r.t;
  const LossResult<double>& loss = r.loss;
  std::vector<double> curve = {loss.value, e_after};
  const int checkpoints = std::min(10, n.iterations);
  int next = 1;
  r.net.model.keep_outputs(false);
  for (int it = 2; it <= n.iterations; ++it) {
    const auto step_loss = compute_loss(n.loss, r.net.model.forward(x, Mode::Train), t);
    r.net.model.zero_grad();
    r.net.model.backward(step_loss.grad);
    sgd.step(trained_params(r.net, n.biases_update));
    curve.push_back(error_of(r.net, x, t, n.loss));
    if (!std::isfinite(curve.back())) break;
    if (it * checkpoints >= next * n.iterations || it == n.iterations) {
      // The network as it stands after `it` updates: its weights, biases, a and δ (for the graph).
      const NetworkState now = network_state(r);
      Step s{.id = ids::train(it),
             .group = "Training",
             .title = fmt::format("E = {} after {} iterations", format_number(curve.back(), shown_decimals()), it),
             .equations = {error_equation(fmt::format("E after {} updates = {}", it, error_symbols(n.loss, "o")),
                                          n.loss, n.target, now.o(), curve.back())},
             .values = {scalar_value(ids::kE, curve.back()), vector_value(ids::kECurve, curve)}};
      add_parameters(r, s.values);
      for (std::size_t l = 0; l < r.L; ++l) {
        s.values.push_back(vector_value(ids::a(l + 1), now.a[l]));
        s.values.push_back(vector_value(ids::delta(l + 1), now.delta[l]));
      }
      trace.steps.push_back(std::move(s));
      ++next;
    }
  }
  if (!std::isfinite(curve.back()))
    trace.steps.push_back({.id = ids::kTrainStopped,
                           .group = "Training",
                           .title = "Training stopped",
                           .note = "E is no longer a finite number: η is too large."});
}

}  // namespace

Trace run_chain_rule(const std::string& lesson_id, const ChainRuleNumbers& n) {
  Trace trace{lesson_id, {}};
  ChainRun r(n);
  forward_steps(r, trace);
  if (!error_step(r, trace)) return trace;
  backward_steps(r, trace);
  chain_step(r, trace);
  gradients_step(r, trace);
  add_slip_reruns(r, trace);
  gradcheck_step(r, trace);
  if (r.L >= 2) symon_step(r, trace);
  Optimizer<double> sgd({.kind = OptimizerKind::SGD, .learning_rate = n.learning_rate});
  const double e_after = update_steps(r, sgd, trace);
  training_steps(r, sgd, e_after, trace);
  symmetry_steps(n, trace);
  return trace;
}

}  // namespace neurostep
