#include "lessons/engines/activations.h"

#include <fmt/format.h>

#include <cmath>

#include "core/activation.h"
#include "core/gradient_check.h"
#include "core/loss.h"
#include "core/softmax.h"
#include "lessons/engines/activations_errors.h"
#include "lessons/engines/activations_logistic.h"
#include "lessons/engines/activations_numbers.h"
#include "lessons/engines/slip_reruns.h"

namespace neurostep {

namespace ids = activations_ids;
using namespace activations_parts;

std::string activations_ids::function(std::string_view name) { return fmt::format("{}.{}", kFunctionPrefix, name); }
std::string activations_ids::loss(std::string_view name) { return fmt::format("{}.{}", kLossPrefix, name); }

namespace {

// One activation function and its slope at z, with the numbers put into its formulas.
Step function_step(const FunctionInfo& info, double z, double p) {
  const double f = activate(info.kind, z, p), df = activation_derivative(info.kind, z, p);
  Step s{.id = ids::function(info.id),
         .group = "Activation functions",
         .title = info.title,
         .values = {scalar_value(ids::kZ, z), scalar_value(ids::kF, f), scalar_value(ids::kDf, df)}};
  const std::string id = info.id;
  if (id == ids::kSigmoid) {
    s.equations = {{info.f, "1/(1 + e^(−{}))", {z}, {f}}, {info.df, "{}·(1 − {})", {f, f}, {df}}};
    s.note = "Its slope is at most 0.25 (at z = 0) and almost 0 once |z| > 5: a saturated unit barely learns.";
  } else if (id == ids::kTanh) {
    s.equations = {{info.f, "tanh({})", {z}, {f}}, {info.df, "1 − {}²", {f}, {df}}};
  } else if (id == ids::kRelu) {
    s.equations = {{info.f, "max(0, {})", {z}, {f}}, {info.df, z > 0 ? "{} > 0 → 1" : "{} ≤ 0 → 0", {z}, {df}}};
  } else if (id == ids::kLeakyRelu || id == ids::kPrelu) {
    s.equations = {{info.f, z > 0 ? "{}" : "{}·{}", z > 0 ? std::vector<double>{z} : std::vector<double>{p, z}, {f}},
                   {info.df, z > 0 ? "{} > 0 → 1" : "b = {}", {z > 0 ? z : p}, {df}}};
    if (id == ids::kPrelu) {
      const double dparam = prelu_slope_derivative(z);
      s.equations.push_back(
          {"∂f/∂b = z if z < 0, else 0   (Jäppinen 2024, eq. 18)", z < 0 ? "{}" : "{} ≥ 0 → 0", {z}, {dparam}});
      s.values.push_back(scalar_value(ids::kDparam, dparam));
      s.note = "PReLU learns b like a weight: backpropagation needs ∂f/∂b as well as ∂f/∂z.";
    } else {
      s.note = "Creus & Picón use b = 0.01: negative inputs keep a small gradient, so no unit dies for good.";
    }
  } else if (id == ids::kElu) {
    s.equations = {
        {info.f, z > 0 ? "{}" : "{}·(e^{} − 1)", z > 0 ? std::vector<double>{z} : std::vector<double>{p, z}, {f}},
        {info.df, z > 0 ? "{} > 0 → 1" : "{}·e^{}", z > 0 ? std::vector<double>{z} : std::vector<double>{p, z}, {df}}};
  }
  for (const SlopeSlip& slip : slope_slips(info.kind, p, {z}))
    s.reruns.push_back({slip.slip, {scalar_value(ids::kDf, slip.slope(z))}});
  return s;
}

// Jäppinen 2024, eq. 12, line by line, at this z: every line gives the same number.
Step derive_sigmoid_step(double z) {
  const double f = activate(ActivationKind::Sigmoid, z), df = activation_derivative(ActivationKind::Sigmoid, z);
  const double e = std::exp(-z);
  return {.id = ids::kDeriveSigmoid,
          .group = "Activation functions",
          .title = "Deriving σ′ (Jäppinen 2024, eq. 12) at this z",
          .equations = {{"σ′(z) = e^(−z)/(1 + e^(−z))²", "{}/(1 + {})²", {e, e}, {e / ((1 + e) * (1 + e))}},
                        {"= (1 + e^(−z) − 1)/(1 + e^(−z))²", "({} − 1)/{}²", {1 + e, 1 + e}, {e / ((1 + e) * (1 + e))}},
                        {"= 1/(1 + e^(−z)) − 1/(1 + e^(−z))²",
                         "{} − {}",
                         {1 / (1 + e), 1 / ((1 + e) * (1 + e))},
                         {1 / (1 + e) - 1 / ((1 + e) * (1 + e))}},
                        {"= σ(z)(1 − σ(z))", "{}·(1 − {})", {f, f}, {df}}},
          .values = {scalar_value(ids::kZ, z), scalar_value(ids::kDf, df)}};
}

// What the softmax steps share: the logits z (one row of k) and their softmax ŷ.
struct SoftmaxInput {
  int k;
  Tensor<double> z;
  Tensor<double> y;
};

SoftmaxInput softmax_input(const std::vector<double>& z) {
  const int k = static_cast<int>(z.size());
  Tensor<double> zt({1, k}, z);
  Tensor<double> y = softmax_rows(zt);
  return {k, std::move(zt), std::move(y)};
}

// ∂f/∂zⱼ by central differences (h = 10⁻⁶): the finite-difference check of the softmax steps.
template <class F>
double numeric_partial(const Tensor<double>& z, std::size_t j, F f) {
  Tensor<double> probe = z;
  return central_difference(probe[j], 1e-6, [&] { return f(probe); });
}

// Softmax of z (eq. 21).
Step softmax_step(const SoftmaxInput& in) {
  Step s{.id = ids::kSoftmax,
         .group = "Softmax",
         .title = "Softmax of z",
         .values = {vector_value(ids::kZ, in.z.values()), vector_value(ids::kYHat, in.y.values())}};
  Equation sum{"Σⱼ e^zⱼ = ", "", {}, {0.0}};
  for (int j = 0; j < in.k; ++j) {
    sum.symbols += (j ? " + e^z" : "e^z") + subscript(j + 1);
    sum.numbers += j ? " + e^{}" : "e^{}";
    sum.args.push_back(in.z[static_cast<std::size_t>(j)]);
    sum.result[0] += std::exp(in.z[static_cast<std::size_t>(j)]);
  }
  const double norm = sum.result[0];
  s.equations.push_back(std::move(sum));
  for (int i = 0; i < in.k; ++i)
    s.equations.push_back({"ŷ" + subscript(i + 1) + " = e^z" + subscript(i + 1) + " / Σⱼ e^zⱼ   (eq. 21)",
                           "e^{}/{}",
                           {in.z[static_cast<std::size_t>(i)], norm},
                           {in.y[static_cast<std::size_t>(i)]}});
  s.note = "The outputs are positive and add up to 1: a probability for each class.";
  return s;
}

// The softmax Jacobian (eqs. 23–25) and a finite-difference check of it.
Step jacobian_step(const SoftmaxInput& in) {
  const int k = in.k;
  const MatrixRM<double> J = softmax_jacobian(in.y.reshaped({k}));
  std::vector<double> Jv, numeric;
  double worst = 0;
  Step s{.id = ids::kJacobian, .group = "Softmax", .title = "The softmax Jacobian ∂ŷᵢ/∂zⱼ (eqs. 23–25)"};
  for (int i = 0; i < k; ++i)
    for (int j = 0; j < k; ++j) {
      Jv.push_back(J(i, j));
      numeric.push_back(numeric_partial(in.z, static_cast<std::size_t>(j), [&](const Tensor<double>& z) {
        return softmax_rows(z)[static_cast<std::size_t>(i)];
      }));
      worst = std::max(worst, std::abs(numeric.back() - Jv.back()));
      const double yi = in.y[static_cast<std::size_t>(i)], yj = in.y[static_cast<std::size_t>(j)];
      const std::string name = "∂ŷ" + subscript(i + 1) + "/∂z" + subscript(j + 1);
      s.equations.push_back(
          i == j ? Equation{name + " = ŷ" + subscript(i + 1) + "(1 − ŷ" + subscript(i + 1) + ")",
                            "{}·(1 − {})",
                            {yi, yi},
                            {J(i, j)}}
                 : Equation{name + " = −ŷ" + subscript(i + 1) + "ŷ" + subscript(j + 1), "−{}·{}", {yi, yj}, {J(i, j)}});
    }
  s.values = {{ids::kJ, {k, k}, Jv}, {ids::kNumericJ, {k, k}, numeric}, scalar_value(ids::kMaxError, worst)};
  s.note = fmt::format(
      "Each row sums to 0 (the outputs always add up to 1). Against finite differences the largest "
      "difference is {}.",
      format_number(worst, shown_decimals()));
  return s;
}

// Softmax + cross-entropy: δ = ŷ − y (Creus & Picón, eq. 9), checked by finite differences.
Step softmax_ce_step(const SoftmaxInput& in, int target_class) {
  const Tensor<double> target = one_hot<double>({target_class}, in.k);
  const auto loss = compute_loss(LossKind::SoftmaxCrossEntropy, in.z, target);
  std::vector<double> numeric;
  double worst = 0;
  Step s{.id = ids::kSoftmaxCe,
         .group = "Softmax",
         .title = "Softmax + cross-entropy: δ = ŷ − y (Creus & Picón, eq. 9)",
         .equations = {{"E = −Σᵢ yᵢ ln ŷᵢ = −ln ŷ" + subscript(target_class + 1),
                        "−ln {}",
                        {in.y[static_cast<std::size_t>(target_class)]},
                        {loss.value}}}};
  for (int i = 0; i < in.k; ++i) {
    numeric.push_back(numeric_partial(in.z, static_cast<std::size_t>(i), [&](const Tensor<double>& z) {
      return compute_loss(LossKind::SoftmaxCrossEntropy, z, target).value;
    }));
    worst = std::max(worst, std::abs(numeric.back() - loss.grad[static_cast<std::size_t>(i)]));
    s.equations.push_back(
        {"δ" + subscript(i + 1) + " = ∂E/∂z" + subscript(i + 1) + " = ŷ" + subscript(i + 1) + " − y" + subscript(i + 1),
         "{} − {}",
         {in.y[static_cast<std::size_t>(i)], target[static_cast<std::size_t>(i)]},
         {loss.grad[static_cast<std::size_t>(i)]}});
  }
  s.values = {scalar_value(ids::kE, loss.value), vector_value(ids::kDelta, loss.grad.values()),
              vector_value(ids::kNumericDelta, numeric), scalar_value(ids::kMaxError, worst)};
  s.note = fmt::format(
      "The softmax's Jacobian and the logarithm's 1/ŷ cancel into ŷ − y. Finite differences of E agree to {}.",
      format_number(worst, shown_decimals()));
  return s;
}

// "{}·{}·…·{}": `count` factors.
std::string repeat_factors(int count) {
  std::string s;
  for (int i = 0; i < count; ++i) s += i ? "·{}" : "{}";
  return s;
}

// Vanishing gradients: the product of the slopes through a stack of units (Jäppinen 2024, §2.2.1; Creus & Picón, §III).
Step vanishing_step(int depth, double x) {
  std::vector<double> sig, tanh_, relu;
  for (int l = 1; l <= depth; ++l) {
    sig.push_back(chain_gradient(ActivationKind::Sigmoid, l, x));
    tanh_.push_back(chain_gradient(ActivationKind::Tanh, l, x));
    relu.push_back(chain_gradient(ActivationKind::ReLU, l, x));
  }
  // The product written out: the slope f′(z_l) of every layer, z₁ = x and z_l = a_(l−1) (w = 1);
  // the result is the core's backward pass.
  const auto product = [&](ActivationKind kind, const std::string& name, double result) {
    Equation e{fmt::format("{}: ∂a_L/∂x = Π_l {}′(z_l)·w_l   (w = 1, L = {})", name,
                           kind == ActivationKind::Sigmoid ? "σ" : name, depth),
               repeat_factors(depth),
               {},
               {result}};
    double z = x;
    for (int l = 0; l < depth; ++l) {
      e.args.push_back(activation_derivative(kind, z));
      z = activate(kind, z);
    }
    return e;
  };
  return {.id = ids::kVanishing,
          .group = "Vanishing gradients",
          .title = fmt::format("The gradient through 1 to {} stacked layers", depth),
          .equations = {product(ActivationKind::Sigmoid, "sigmoid", sig.back()),
                        product(ActivationKind::Tanh, "tanh", tanh_.back()),
                        product(ActivationKind::ReLU, "ReLU", relu.back()),
                        {"sigmoid's bound 0.25^L", fmt::format("0.25^{}", depth), {}, {std::pow(0.25, depth)}}},
          .values = {vector_value(ids::kSigmoid, sig), vector_value(ids::kTanh, tanh_), vector_value(ids::kRelu, relu)},
          .note =
              "Each sigmoid layer multiplies the gradient by σ′ ≤ 0.25, so it shrinks at least fourfold per layer: "
              "the first layers of a deep sigmoid network hardly learn. ReLU passes a positive signal with slope 1 "
              "(Creus & Picón, §III: switching to leaky ReLU improved their accuracy by double digits)."};
}

// The loss functions at one prediction (Jäppinen 2024, §2.3, Fig. 7).
struct LossInfo {
  const char* id;
  const char* title;
  LossKind kind;
  const char* value;
  const char* grad;
  const char* value_numbers;  // arguments: p, y, in the order they appear (see loss_value_args)
  const char* grad_numbers;
};

constexpr LossInfo kLosses[] = {
    {ids::kSquaredError, "Squared error (Lazović 2020)", LossKind::SquaredError, "E = (p − y)²", "∂E/∂p = 2(p − y)",
     "({} − {})²", "2({} − {})"},
    {ids::kHalfSquaredError, "½ squared error (Jäppinen 2024, eq. 26)", LossKind::HalfSquaredError, "E = ½(y − p)²",
     "∂E/∂p = p − y   (eq. 27)", "½({} − {})²", "{} − {}"},
    {ids::kBinaryCrossEntropy, "Binary cross-entropy (Jäppinen 2024, eq. 28)", LossKind::BinaryCrossEntropy,
     "E = −[y ln p + (1 − y) ln(1 − p)]", "∂E/∂p = (p − y)/(p(1 − p))   (eq. 29)", "−[{}·ln {} + (1 − {})·ln(1 − {})]",
     "({} − {})/({}·(1 − {}))"},
};

std::vector<double> loss_value_args(LossKind kind, double p, double y) {
  if (kind == LossKind::SquaredError) return {p, y};
  if (kind == LossKind::HalfSquaredError) return {y, p};
  return {y, p, y, p};
}

std::vector<double> loss_grad_args(LossKind kind, double p, double y) {
  if (kind == LossKind::BinaryCrossEntropy) return {p, y, p, p};
  return {p, y};
}

// One loss function and its gradient at the prediction p for the target y.
Step loss_step(const LossInfo& l, double p, double y) {
  const auto r = compute_loss(l.kind, Tensor<double>({1}, {p}), Tensor<double>({1}, {y}));
  return {
      .id = ids::loss(l.id),
      .group = "Loss functions",
      .title = l.title,
      .equations = {{l.value, l.value_numbers, loss_value_args(l.kind, p, y), {r.value}},
                    {l.grad, l.grad_numbers, loss_grad_args(l.kind, p, y), {r.grad[0]}}},
      .values = {scalar_value(ids::kP, p), scalar_value(ids::kY, y), scalar_value(ids::kE, r.value),
                 scalar_value(ids::kDEdp, r.grad[0])},
      .note = std::string(l.id) == ids::kBinaryCrossEntropy
                  ? "For y = 1 this is −ln p, Jäppinen's Fig. 7 (and the categorical cross-entropy of the true class): "
                    "0 at p = 1, growing without bound as p → 0, with a gradient that does not vanish where the error "
                    "is large."
                  : ""};
}

// Categorical cross-entropy of the true class: −ln p, the binary loss with y = 1.
Step cross_entropy_step(double p) {
  const auto r = compute_loss(LossKind::BinaryCrossEntropy, Tensor<double>({1}, {p}), Tensor<double>({1}, {1.0}));
  return {.id = ids::loss(ids::kCrossEntropy),
          .group = "Loss functions",
          .title = "Categorical cross-entropy (Jäppinen 2024, eq. 30, Fig. 7)",
          .equations = {{"E = −Σᵢ yᵢ ln pᵢ = −ln p   (p: the probability of the true class)", "−ln {}", {p}, {r.value}},
                        {"∂E/∂p = −1/p", "−1/{}", {p}, {r.grad[0]}}},
          .values = {scalar_value(ids::kP, p), scalar_value(ids::kE, r.value), scalar_value(ids::kDEdp, r.grad[0])},
          .note =
              "Only the true class's term survives the sum: the error is 0 at p = 1 and grows without bound as p → 0 "
              "(Jäppinen's Fig. 7), with a gradient that is largest where the prediction is most wrong."};
}

// Symon, §5: why inputs go to [0.01, 1] and targets to [0.01, 0.99] with sigmoid outputs.
Step scaling_step() {
  const double logit99 = std::log(0.99 / 0.01);
  const double slope99 = activation_derivative(ActivationKind::Sigmoid, logit99);
  const double big = 10.0, slope_big = activation_derivative(ActivationKind::Sigmoid, big);
  return {
      .id = ids::kScaling,
      .group = "Scaling (Symon, §5)",
      .title = "Why targets 0.01–0.99 and inputs 0.01–1",
      .equations = {{"to output 0.99 a sigmoid needs z = ln(0.99/0.01)", "ln({}/{})", {0.99, 0.01}, {logit99}},
                    {"its slope there σ′(z)", "σ′({})", {logit99}, {slope99}},
                    {"to output 1 it needs z → ∞; at z = 10 already σ′(10)", "σ′({})", {big}, {slope_big}},
                    {"a weight's update ∝ its input x: with x = 0, Δw = η·δ·x", "{}·δ", {0.0}, {0.0}}},
      .values = {scalar_value(ids::kZFor099, logit99), scalar_value(ids::kSlopeAt099, slope99),
                 scalar_value(ids::kSlopeAt10, slope_big)},
      .note =
          "A target of exactly 0 or 1 drives the weights to grow without end while σ′ → 0 (saturation); 0.01 and "
          "0.99 are reachable. An input of 0 kills its weight's update, so inputs start at 0.01 (Symon, §5.1–5.2)."};
}

}  // namespace

Trace run_activations(const std::string& lesson_id, const ActivationsNumbers& n) {
  Trace trace{lesson_id, {}};
  for (const FunctionInfo& info : kFunctions) {
    trace.steps.push_back(function_step(info, n.z, param_of(info, n)));
    if (std::string_view(info.id) != ids::kSigmoid) continue;
    trace.steps.push_back(derive_sigmoid_step(n.z));
    trace.steps.push_back(bias_shift_step(n));
    trace.steps.push_back(logistic_step(n));
  }
  const SoftmaxInput softmax = softmax_input(n.softmax_z);
  trace.steps.push_back(softmax_step(softmax));
  trace.steps.push_back(jacobian_step(softmax));
  trace.steps.push_back(softmax_ce_step(softmax, n.target_class));
  trace.steps.push_back(vanishing_step(n.depth, n.chain_input));
  for (const LossInfo& l : kLosses) {
    trace.steps.push_back(loss_step(l, n.prediction, n.target));
    if (l.kind == LossKind::SquaredError) trace.steps.push_back(absolute_error_step(n));
  }
  trace.steps.push_back(cross_entropy_step(n.prediction));
  trace.steps.push_back(log2_cross_entropy_step(n));
  trace.steps.push_back(scaling_step());
  return trace;
}

}  // namespace neurostep
