#include "lessons/engines/activations.h"

#include <fmt/format.h>

#include <cmath>

#include "core/activation.h"
#include "core/dense.h"
#include "core/gradient_check.h"
#include "core/loss.h"
#include "core/sequential.h"
#include "core/softmax.h"
#include "lessons/engines/activations_errors.h"
#include "lessons/engines/activations_logistic.h"
#include "lessons/engines/slip_reruns.h"
#include "lessons/framework/capabilities.h"

namespace neurostep {

namespace {

struct FunctionInfo {
  const char* id;
  const char* title;
  ActivationKind kind;
  const char* f;   // f(z) in symbols
  const char* df;  // f′(z) in symbols
};

constexpr FunctionInfo kFunctions[] = {
    {"sigmoid", "Sigmoid", ActivationKind::Sigmoid, "σ(z) = 1/(1 + e^(−z))   (Jäppinen 2024, eq. 11)",
     "σ′(z) = σ(z)(1 − σ(z))   (eq. 12)"},
    {"tanh", "Tanh", ActivationKind::Tanh, "tanh(z) = (e^z − e^(−z))/(e^z + e^(−z))", "tanh′(z) = 1 − tanh²(z)"},
    {"relu", "ReLU", ActivationKind::ReLU, "ReLU(z) = max(0, z)   (eq. 13)",
     "ReLU′(z) = 1 if z > 0, else 0   (eq. 14)"},
    {"leaky_relu", "Leaky ReLU", ActivationKind::LeakyReLU, "f(z) = z if z > 0, else b·z   (eq. 16)",
     "f′(z) = 1 if z > 0, else b   (eq. 17)"},
    {"prelu", "PReLU (learned slope b)", ActivationKind::LeakyReLU, "f(z) = max(0, z) + b·min(0, z)   (eq. 15)",
     "f′(z) = 1 if z > 0, else b"},
    {"elu", "ELU", ActivationKind::ELU, "f(z) = z if z > 0, else α(e^z − 1)   (eq. 19)",
     "f′(z) = 1 if z > 0, else α·e^z   (eq. 20)"},
};

double param_of(const FunctionInfo& f, const ActivationsNumbers& n) {
  if (std::string_view(f.id) == "leaky_relu") return n.leaky_slope;
  if (std::string_view(f.id) == "prelu") return n.prelu_b;
  if (std::string_view(f.id) == "elu") return n.elu_alpha;
  return 0;
}

// |∂a_L/∂x| through L stacked units a_l = f(a_{l−1}) (weight 1, no bias), by the core's backward pass.
double chain_gradient(ActivationKind kind, int layers, double x) {
  Sequential<double> m({1});
  for (int l = 0; l < layers; ++l) {
    auto& d = m.emplace<Dense<double>>(1, 1, false);
    d.W[0] = 1;
    m.emplace<Activation<double>>(kind);
  }
  m.forward(Tensor<double>({1, 1}, {x}), Mode::Train);
  return std::abs(m.backward(Tensor<double>({1, 1}, {1.0}))[0]);
}

// One activation function and its slope at z, with the numbers put into its formulas.
Step function_step(const FunctionInfo& info, double z, double p) {
  const double f = activate(info.kind, z, p), df = activation_derivative(info.kind, z, p);
  Step s{.id = std::string("f.") + info.id,
         .group = "Activation functions",
         .title = info.title,
         .values = {scalar_value("z", z), scalar_value("f", f), scalar_value("df", df)}};
  const std::string id = info.id;
  if (id == "sigmoid") {
    s.equations = {{info.f, "1/(1 + e^(−{}))", {z}, {f}}, {info.df, "{}·(1 − {})", {f, f}, {df}}};
    s.note = "Its slope is at most 0.25 (at z = 0) and almost 0 once |z| > 5: a saturated unit barely learns.";
  } else if (id == "tanh") {
    s.equations = {{info.f, "tanh({})", {z}, {f}}, {info.df, "1 − {}²", {f}, {df}}};
  } else if (id == "relu") {
    s.equations = {{info.f, "max(0, {})", {z}, {f}}, {info.df, z > 0 ? "{} > 0 → 1" : "{} ≤ 0 → 0", {z}, {df}}};
  } else if (id == "leaky_relu" || id == "prelu") {
    s.equations = {{info.f, z > 0 ? "{}" : "{}·{}", z > 0 ? std::vector<double>{z} : std::vector<double>{p, z}, {f}},
                   {info.df, z > 0 ? "{} > 0 → 1" : "b = {}", {z > 0 ? z : p}, {df}}};
    if (id == "prelu") {
      const double dparam = prelu_slope_derivative(z);
      s.equations.push_back(
          {"∂f/∂b = z if z < 0, else 0   (Jäppinen 2024, eq. 18)", z < 0 ? "{}" : "{} ≥ 0 → 0", {z}, {dparam}});
      s.values.push_back(scalar_value("dparam", dparam));
      s.note = "PReLU learns b like a weight: backpropagation needs ∂f/∂b as well as ∂f/∂z.";
    } else {
      s.note = "Creus & Picón use b = 0.01: negative inputs keep a small gradient, so no unit dies for good.";
    }
  } else if (id == "elu") {
    s.equations = {
        {info.f, z > 0 ? "{}" : "{}·(e^{} − 1)", z > 0 ? std::vector<double>{z} : std::vector<double>{p, z}, {f}},
        {info.df, z > 0 ? "{} > 0 → 1" : "{}·e^{}", z > 0 ? std::vector<double>{z} : std::vector<double>{p, z}, {df}}};
  }
  for (const SlopeSlip& slip : slope_slips(info.kind, p, {z}))
    s.reruns.push_back({slip.slip, {scalar_value("df", slip.slope(z))}});
  return s;
}

// Jäppinen 2024, eq. 12, line by line, at this z: every line gives the same number.
Step derive_sigmoid_step(double z) {
  const double f = activate(ActivationKind::Sigmoid, z), df = activation_derivative(ActivationKind::Sigmoid, z);
  const double e = std::exp(-z);
  return {.id = "derive.sigmoid",
          .group = "Activation functions",
          .title = "Deriving σ′ (Jäppinen 2024, eq. 12) at this z",
          .equations = {{"σ′(z) = e^(−z)/(1 + e^(−z))²", "{}/(1 + {})²", {e, e}, {e / ((1 + e) * (1 + e))}},
                        {"= (1 + e^(−z) − 1)/(1 + e^(−z))²", "({} − 1)/{}²", {1 + e, 1 + e}, {e / ((1 + e) * (1 + e))}},
                        {"= 1/(1 + e^(−z)) − 1/(1 + e^(−z))²",
                         "{} − {}",
                         {1 / (1 + e), 1 / ((1 + e) * (1 + e))},
                         {1 / (1 + e) - 1 / ((1 + e) * (1 + e))}},
                        {"= σ(z)(1 − σ(z))", "{}·(1 − {})", {f, f}, {df}}},
          .values = {scalar_value("z", z), scalar_value("df", df)}};
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
  Step s{.id = "softmax",
         .group = "Softmax",
         .title = "Softmax of z",
         .values = {vector_value("z", in.z.values()), vector_value("y_hat", in.y.values())}};
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
  Step s{.id = "jacobian", .group = "Softmax", .title = "The softmax Jacobian ∂ŷᵢ/∂zⱼ (eqs. 23–25)"};
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
  s.values = {{"J", {k, k}, Jv}, {"numeric_J", {k, k}, numeric}, scalar_value("max_error", worst)};
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
  Step s{.id = "softmax_ce",
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
  s.values = {scalar_value("E", loss.value), vector_value("delta", loss.grad.values()),
              vector_value("numeric_delta", numeric), scalar_value("max_error", worst)};
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
  return {.id = "vanishing",
          .group = "Vanishing gradients",
          .title = fmt::format("The gradient through 1 to {} stacked layers", depth),
          .equations = {product(ActivationKind::Sigmoid, "sigmoid", sig.back()),
                        product(ActivationKind::Tanh, "tanh", tanh_.back()),
                        product(ActivationKind::ReLU, "ReLU", relu.back()),
                        {"sigmoid's bound 0.25^L", fmt::format("0.25^{}", depth), {}, {std::pow(0.25, depth)}}},
          .values = {vector_value("sigmoid", sig), vector_value("tanh", tanh_), vector_value("relu", relu)},
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
    {"squared_error", "Squared error (Lazović 2020)", LossKind::SquaredError, "E = (p − y)²", "∂E/∂p = 2(p − y)",
     "({} − {})²", "2({} − {})"},
    {"half_squared_error", "½ squared error (Jäppinen 2024, eq. 26)", LossKind::HalfSquaredError, "E = ½(y − p)²",
     "∂E/∂p = p − y   (eq. 27)", "½({} − {})²", "{} − {}"},
    {"binary_cross_entropy", "Binary cross-entropy (Jäppinen 2024, eq. 28)", LossKind::BinaryCrossEntropy,
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
      .id = std::string("loss.") + l.id,
      .group = "Loss functions",
      .title = l.title,
      .equations = {{l.value, l.value_numbers, loss_value_args(l.kind, p, y), {r.value}},
                    {l.grad, l.grad_numbers, loss_grad_args(l.kind, p, y), {r.grad[0]}}},
      .values = {scalar_value("p", p), scalar_value("y", y), scalar_value("E", r.value),
                 scalar_value("dE_dp", r.grad[0])},
      .note = std::string(l.id) == "binary_cross_entropy"
                  ? "For y = 1 this is −ln p, Jäppinen's Fig. 7 (and the categorical cross-entropy of the true class): "
                    "0 at p = 1, growing without bound as p → 0, with a gradient that does not vanish where the error "
                    "is large."
                  : ""};
}

// Categorical cross-entropy of the true class: −ln p, the binary loss with y = 1.
Step cross_entropy_step(double p) {
  const auto r = compute_loss(LossKind::BinaryCrossEntropy, Tensor<double>({1}, {p}), Tensor<double>({1}, {1.0}));
  return {.id = "loss.cross_entropy",
          .group = "Loss functions",
          .title = "Categorical cross-entropy (Jäppinen 2024, eq. 30, Fig. 7)",
          .equations = {{"E = −Σᵢ yᵢ ln pᵢ = −ln p   (p: the probability of the true class)", "−ln {}", {p}, {r.value}},
                        {"∂E/∂p = −1/p", "−1/{}", {p}, {r.grad[0]}}},
          .values = {scalar_value("p", p), scalar_value("E", r.value), scalar_value("dE_dp", r.grad[0])},
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
      .id = "scaling",
      .group = "Scaling (Symon, §5)",
      .title = "Why targets 0.01–0.99 and inputs 0.01–1",
      .equations = {{"to output 0.99 a sigmoid needs z = ln(0.99/0.01)", "ln({}/{})", {0.99, 0.01}, {logit99}},
                    {"its slope there σ′(z)", "σ′({})", {logit99}, {slope99}},
                    {"to output 1 it needs z → ∞; at z = 10 already σ′(10)", "σ′({})", {big}, {slope_big}},
                    {"a weight's update ∝ its input x: with x = 0, Δw = η·δ·x", "{}·δ", {0.0}, {0.0}}},
      .values = {scalar_value("z_for_0_99", logit99), scalar_value("slope_at_0_99", slope99),
                 scalar_value("slope_at_10", slope_big)},
      .note =
          "A target of exactly 0 or 1 drives the weights to grow without end while σ′ → 0 (saturation); 0.01 and "
          "0.99 are reachable. An input of 0 kills its weight's update, so inputs start at 0.01 (Symon, §5.1–5.2)."};
}

}  // namespace

Trace run_activations(const std::string& lesson_id, const ActivationsNumbers& n) {
  Trace trace{lesson_id, {}};
  for (const FunctionInfo& info : kFunctions) {
    trace.steps.push_back(function_step(info, n.z, param_of(info, n)));
    if (std::string_view(info.id) != "sigmoid") continue;
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

namespace {

class ActivationsLesson final : public Lesson, public ClickableFigures {
 public:
  ActivationsLesson(LessonInfo info, std::vector<PrintedValue> printed, ActivationsNumbers numbers)
      : Lesson(std::move(info), std::move(printed)), n_(std::move(numbers)) {}

  std::vector<Editable> editables() override {
    std::vector<Editable> e = {{"Marker", "z", &n_.z, -8, 8},
                               {"Parameters", "leaky slope b", &n_.leaky_slope, 0, 1},
                               {"Parameters", "PReLU b", &n_.prelu_b, 0, 1},
                               {"Parameters", "ELU α", &n_.elu_alpha, 0, 5}};
    for (std::size_t i = 0; i < n_.softmax_z.size(); ++i)
      e.push_back({"Softmax", "z" + subscript(static_cast<int>(i) + 1), &n_.softmax_z[i]});
    e.push_back({.group = "Softmax",
                 .label = "true class",
                 .min = 0,
                 .max = static_cast<double>(n_.softmax_z.size()) - 1,
                 .integer = &n_.target_class});
    e.push_back({.group = "Vanishing gradients", .label = "layers", .min = 1, .max = 30, .integer = &n_.depth});
    e.push_back({"Vanishing gradients", "input x", &n_.chain_input, -5, 5});
    e.push_back({"Losses", "prediction p", &n_.prediction, 0.001, 0.999});
    e.push_back({"Losses", "target y", &n_.target, 0, 1});
    e.push_back({"Bias shift", "w", &n_.bias_weight, -5, 5});
    e.push_back({"Bias shift", "x", &n_.bias_input, -8, 8});
    for (std::size_t i = 0; i < n_.biases.size(); ++i)
      e.push_back({"Bias shift", "b" + subscript(static_cast<int>(i) + 1), &n_.biases[i], -10, 10});
    e.push_back({"Logistic", "L", &n_.logistic_height, 0.1, 5});
    e.push_back({"Logistic", "k", &n_.logistic_steepness, -5, 5});
    e.push_back({"Logistic", "x₀", &n_.logistic_midpoint, -8, 8});
    return e;
  }

  Trace run() const override { return run_activations(info_.id, n_); }

  bool on_figure_click(int id) override {
    const double z = -6 + 0.1 * id;
    if (z == n_.z) return false;
    n_.z = z;
    return true;
  }

  std::vector<Figure> figures(const Trace& trace, int current) const override {
    const Step& s = trace.steps[static_cast<std::size_t>(current)];
    if (auto f = logistic_figure(s, n_)) return {std::move(*f)};
    if (auto f = error_compare_figure(s, n_)) return {std::move(*f)};
    std::vector<Figure> figs;
    for (const FunctionInfo& info : kFunctions)
      if (s.id == std::string("f.") + info.id || (s.id == "derive.sigmoid" && std::string_view(info.id) == "sigmoid")) {
        const double p = param_of(info, n_);
        Figure f{.title = std::string(info.title) + " and its derivative",
                 .x = {"z", -6, 6},
                 .y = {"", 0, 0},
                 .legend = Corner::TopLeft};
        f.series.push_back(function_series(
            "f(z)", [&](double v) { return activate(info.kind, v, p); }, -6, 6, Color::Blue, 400));
        f.series.push_back(function_series(
            "f′(z)", [&](double v) { return activation_derivative(info.kind, v, p); }, -6, 6, Color::Orange, 400));
        if (std::string_view(info.id) == "prelu")
          f.series.push_back(function_series(
              "∂f/∂b", [](double v) { return prelu_slope_derivative(v); }, -6, 6, Color::Green, 400));
        // Clicking anywhere along the curve moves the marker there (ids are z in tenths, offset by 60).
        Series clickable{.kind = Series::Kind::Scatter, .color = Color::Blue, .width = 0};
        for (int i = 0; i <= 120; ++i) {
          clickable.x.push_back(-6 + 0.1 * i);
          clickable.y.push_back(activate(info.kind, -6 + 0.1 * i, p));
          clickable.ids.push_back(i);
        }
        f.series.push_back(std::move(clickable));
        f.series.push_back(point_series("", n_.z, activate(info.kind, n_.z, p), Color::Blue, 6));
        f.series.push_back(point_series("", n_.z, activation_derivative(info.kind, n_.z, p), Color::Orange, 6));
        f.annotations.push_back(
            {n_.z, activate(info.kind, n_.z, p), fmt::format("z = {}", format_number(n_.z, shown_decimals()))});
        f.fit_axes();
        figs.push_back(std::move(f));
      }
    if (s.id == "softmax" || s.id == "softmax_ce") {
      Figure f{.title = "Softmax outputs ŷ (they sum to 1)",
               .x = {"class", 0.5, n_.softmax_z.size() + 0.5},
               .y = {"ŷ", 0, 1}};
      Series bars{.kind = Series::Kind::Scatter, .label = "ŷᵢ", .color = Color::Blue, .width = 7};
      const Tensor<double> y = softmax_rows(Tensor<double>({1, static_cast<int>(n_.softmax_z.size())}, n_.softmax_z));
      for (std::size_t i = 0; i < y.size(); ++i) {
        bars.x.push_back(static_cast<double>(i + 1));
        bars.y.push_back(y[i]);
        f.series.push_back({.kind = Series::Kind::Line,
                            .x = {static_cast<double>(i + 1), static_cast<double>(i + 1)},
                            .y = {0, y[i]},
                            .color = Color::Blue,
                            .width = 6});
      }
      f.series.push_back(bars);
      figs.push_back(std::move(f));
    }
    if (s.id == "jacobian") {
      const Value* J = s.find("J");
      figs.push_back(matrix_figure("Jacobian ∂ŷᵢ/∂zⱼ (row i, column j)", J->data, J->shape[0], J->shape[1], true));
    }
    if (s.id == "vanishing") {
      Figure f{.title = "|∂a_L/∂x| through L stacked layers, log₁₀",
               .x = {"layers L", 0, 0},
               .y = {"log₁₀ gradient", 0, 0},
               .legend = Corner::Below};
      const std::pair<const char*, Color> series[] = {
          {"sigmoid", Color::Red}, {"tanh", Color::Purple}, {"relu", Color::Green}};
      for (const auto& [name, color] : series) {
        Series line{.label = name, .color = color};
        const auto& v = s.find(name)->data;
        for (std::size_t i = 0; i < v.size(); ++i) {
          line.x.push_back(static_cast<double>(i + 1));
          line.y.push_back(std::log10(std::max(v[i], 1e-300)));
        }
        f.series.push_back(line);
      }
      f.fit_axes();
      figs.push_back(std::move(f));
    }
    if (s.id == "loss.cross_entropy") {
      Figure f{.title = "Cross-entropy −ln p of the true class (Jäppinen 2024, Fig. 7)",
               .x = {"p", 0, 1},
               .y = {"", -6, 6},
               .legend = Corner::TopRight};
      f.series.push_back(function_series(
          "E = −ln p", [](double v) { return -std::log(v); }, 0.003, 1, Color::Blue, 300));
      f.series.push_back(function_series(
          "∂E/∂p = −1/p", [](double v) { return -1 / v; }, 0.17, 1, Color::Orange, 300));
      f.series.push_back(point_series("", n_.prediction, -std::log(n_.prediction), Color::Blue, 6));
      figs.push_back(std::move(f));
    } else if (s.id.rfind("loss.", 0) == 0) {
      const std::string name = s.id.substr(5);
      const LossKind kind = *parse_loss(name);
      const double y = n_.target;
      auto value = [&](double p) {
        return compute_loss(kind, Tensor<double>({1}, {p}), Tensor<double>({1}, {y})).value;
      };
      auto grad = [&](double p) {
        return compute_loss(kind, Tensor<double>({1}, {p}), Tensor<double>({1}, {y})).grad[0];
      };
      Figure f{.title = s.title + fmt::format(", target y = {}", format_number(y, shown_decimals())),
               .x = {"prediction p", 0, 1},
               .y = {"", 0, 0},
               .legend = Corner::TopRight};
      f.series.push_back(function_series("E(p)", value, 0.01, 0.99, Color::Blue));
      f.series.push_back(function_series("∂E/∂p", grad, 0.01, 0.99, Color::Orange));
      f.series.push_back(point_series("", n_.prediction, value(n_.prediction), Color::Blue, 6));
      f.fit_axes();
      f.y.min = std::max(f.y.min, -6.0);
      f.y.max = std::min(f.y.max, 6.0);
      figs.push_back(std::move(f));
    }
    if (s.id == "scaling") {
      Figure f{.title = "σ(z): 0.01 and 0.99 are reachable, 0 and 1 are not",
               .x = {"z", -8, 8},
               .y = {"σ(z)", -0.05, 1.05},
               .legend = Corner::BottomRight};
      f.series.push_back(function_series(
          "σ(z)", [](double v) { return activate(ActivationKind::Sigmoid, v); }, -8, 8, Color::Blue));
      for (double level : {0.01, 0.99})
        f.series.push_back({.kind = Series::Kind::Line,
                            .label = level < 0.5 ? "targets 0.01, 0.99" : "",
                            .x = {-8, 8},
                            .y = {level, level},
                            .color = Color::Green,
                            .width = 1.5f,
                            .dashed = true});
      const double z99 = std::log(99.0);
      f.series.push_back(point_series("", z99, 0.99, Color::Green, 6));
      f.annotations.push_back({z99, 0.99, "z = 4.6"});
      figs.push_back(std::move(f));
    }
    return figs;
  }

 private:
  ActivationsNumbers n_;
};

}  // namespace

std::unique_ptr<Lesson> make_activations_lesson(LessonInfo info, std::vector<PrintedValue> printed, LessonTable& root) {
  ActivationsNumbers n;
  LessonTable t = root.table("activations");
  n.z = t.number_or("z", 0.5, {-50, 50});
  n.leaky_slope = t.number_or("leaky_slope", 0.01, {0, 1});
  n.prelu_b = t.number_or("prelu_b", 0.25, {0, 1});
  n.elu_alpha = t.number_or("elu_alpha", 1.0, {0, 10});
  n.softmax_z = t.has("softmax_z") ? t.numbers("softmax_z", {}, {-100, 100}) : n.softmax_z;
  if (n.softmax_z.size() < 2 || n.softmax_z.size() > 10) t.fail("softmax_z", "'softmax_z' must hold 2 to 10 numbers");
  n.target_class = t.integer_or("target_class", 2, 0, static_cast<int>(n.softmax_z.size()) - 1);
  n.depth = t.integer_or("depth", 10, 1, 50);
  n.chain_input = t.number_or("chain_input", 0.5, {-50, 50});
  n.prediction = t.number_or("prediction", 0.7, {0.0001, 0.9999});
  n.target = t.number_or("target", 1.0, {0, 1});
  n.biases = t.has("biases") ? t.numbers("biases", {}, {-100, 100}) : n.biases;
  if (n.biases.empty() || n.biases.size() > 5) t.fail("biases", "'biases' must hold 1 to 5 numbers");
  n.bias_weight = t.number_or("bias_weight", 1.0, {-100, 100});
  n.bias_input = t.number_or("bias_input", 2.0, {-100, 100});
  n.logistic_height = t.number_or("logistic_height", 1.0, {0.001, 1000});
  n.logistic_steepness = t.number_or("logistic_steepness", 1.0, {-100, 100});
  n.logistic_midpoint = t.number_or("logistic_midpoint", 0.0, {-100, 100});
  t.finish();
  return std::make_unique<ActivationsLesson>(std::move(info), std::move(printed), std::move(n));
}

}  // namespace neurostep
