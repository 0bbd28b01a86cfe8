// The core library against an independent implementation: PyTorch 1.13 float64 values in
// tests/reference/torch_reference.json. Every value of every case must agree to 1e-9 (relative).
#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "core/activation.h"
#include "core/batchnorm.h"
#include "core/conv2d.h"
#include "core/dense.h"
#include "core/loss.h"
#include "core/optimizer.h"
#include "core/pool2d.h"
#include "core/softmax.h"

using namespace neurostep;
using nlohmann::json;

namespace {

const json& reference_cases() {
  static const json cases = [] {
    std::ifstream in(std::string(NEUROSTEP_TEST_DIR) + "/reference/torch_reference.json");
    REQUIRE(in.good());
    return json::parse(in)["cases"];
  }();
  return cases;
}

// A nested JSON array as a tensor (its shape read off the nesting).
Tensor<double> to_tensor(const json& j) {
  Shape shape;
  for (const json* level = &j; level->is_array(); level = &(*level)[0])
    shape.push_back(static_cast<int>(level->size()));
  std::vector<double> values;
  std::function<void(const json&)> flatten = [&](const json& node) {
    if (node.is_array())
      for (const auto& child : node) flatten(child);
    else
      values.push_back(node.get<double>());
  };
  flatten(j);
  return Tensor<double>(shape, values);
}

// Largest relative difference (|a − b| / max(1, |b|)), reported with the case's name.
void expect_close(const Tensor<double>& ours, const json& theirs, const std::string& what) {
  const Tensor<double> ref = to_tensor(theirs);
  REQUIRE_MESSAGE(ours.size() == ref.size(), what << ": " << ours.size() << " values, reference has " << ref.size());
  double worst = 0;
  for (std::size_t i = 0; i < ref.size(); ++i)
    worst = std::max(worst, std::abs(ours[i] - ref[i]) / std::max(1.0, std::abs(ref[i])));
  CHECK_MESSAGE(worst < 1e-9, what << ": largest relative difference " << worst);
}

// Runs forward and backward through a layer and compares y, dx and each named parameter gradient.
void check_layer(Layer<double>& layer, const json& c, const std::string& what,
                 const std::vector<std::pair<std::string, Tensor<double>*>>& grads = {}) {
  layer.zero_grad();
  expect_close(layer.forward(to_tensor(c["x"]), Mode::Train), c["y"], what + " y");
  expect_close(layer.backward(to_tensor(c["dy"])), c["dx"], what + " dx");
  for (const auto& [name, grad] : grads) expect_close(*grad, c[name], what + " " + name);
}

std::string case_name(const json& c) { return c["op"].get<std::string>() + " " + c["params"].dump(); }

}  // namespace

TEST_CASE("conv2d against PyTorch (stride 1–2, padding 0–2, 1–3 channels)") {
  int seen = 0;
  for (const auto& c : reference_cases()) {
    if (c["op"] != "conv2d") continue;
    const Tensor<double> w = to_tensor(c["w"]);
    Conv2D<double> conv(w.dim(1), w.dim(0), w.dim(2),
                        {.stride = c["params"]["stride"], .padding = c["params"]["padding"]});
    conv.W = w;
    conv.b = to_tensor(c["b"]);
    check_layer(conv, c, case_name(c), {{"dw", &conv.dW}, {"db", &conv.db}});
    ++seen;
  }
  CHECK(seen == 5);
}

TEST_CASE("max and average pooling against PyTorch, including overlapping windows") {
  int seen = 0;
  for (const auto& c : reference_cases()) {
    const bool max = c["op"] == "maxpool2d", avg = c["op"] == "avgpool2d";
    if (!max && !avg) continue;
    Pool2D<double> pool(max ? PoolKind::Max : PoolKind::Average, c["params"]["size"], c["params"]["stride"]);
    check_layer(pool, c, case_name(c));
    ++seen;
  }
  CHECK(seen == 8);
}

TEST_CASE("dense against PyTorch") {
  int seen = 0;
  for (const auto& c : reference_cases()) {
    if (c["op"] != "dense") continue;
    const Tensor<double> w = to_tensor(c["w"]);
    Dense<double> dense(w.dim(1), w.dim(0));
    dense.W = w;
    dense.b = to_tensor(c["b"]);
    check_layer(dense, c, case_name(c), {{"dw", &dense.dW}, {"db", &dense.db}});
    ++seen;
  }
  CHECK(seen == 3);
}

TEST_CASE("activations and softmax against PyTorch") {
  int seen = 0;
  for (const auto& c : reference_cases()) {
    const std::string op = c["op"];
    std::unique_ptr<Layer<double>> layer;
    if (op == "softmax")
      layer = std::make_unique<Softmax<double>>();
    else if (op == "leaky_relu")
      layer = std::make_unique<Activation<double>>(ActivationKind::LeakyReLU, c["params"]["slope"].get<double>());
    else if (op == "elu")
      layer = std::make_unique<Activation<double>>(ActivationKind::ELU, c["params"]["alpha"].get<double>());
    else if (auto kind = parse_activation(op))
      layer = std::make_unique<Activation<double>>(*kind);
    else
      continue;
    check_layer(*layer, c, case_name(c));
    ++seen;
  }
  CHECK(seen == 6);
}

TEST_CASE("losses against PyTorch") {
  int seen = 0;
  for (const auto& c : reference_cases()) {
    const std::string op = c["op"];
    if (!c.contains("x")) continue;
    const Tensor<double> x = to_tensor(c["x"]);
    Tensor<double> target;
    LossKind kind;
    Reduction reduction = Reduction::Sum;
    if (op == "softmax_cross_entropy") {
      kind = LossKind::SoftmaxCrossEntropy;
      target = one_hot<double>(c["params"]["targets"].get<std::vector<int>>(), x.dim(1));
    } else if (op == "binary_cross_entropy") {
      kind = LossKind::BinaryCrossEntropy;
      target = to_tensor(c["params"]["targets"]);
    } else if (op == "squared_error_sum") {
      kind = LossKind::SquaredError;
      target = to_tensor(c["params"]["targets"]);
    } else {
      continue;
    }
    if (c["params"].value("reduction", "sum") == "mean") reduction = Reduction::Mean;
    const auto result = compute_loss(kind, x, target, reduction);
    expect_close(Tensor<double>({1}, {result.value}), c["y"], op + " value");
    Tensor<double> dx = result.grad;
    dx.array() *= c["dy"][0].get<double>();  // the reference differentiates y·dy
    expect_close(dx, c["dx"], op + " dx");
    ++seen;
  }
  CHECK(seen == 3);
}

TEST_CASE("batch normalization in training mode against PyTorch") {
  for (const auto& c : reference_cases()) {
    if (c["op"] != "batchnorm2d_train") continue;
    const Tensor<double> gamma = to_tensor(c["gamma"]);
    BatchNorm<double> bn(gamma.dim(0), {.epsilon = c["params"]["eps"]});
    bn.gamma = gamma;
    bn.beta = to_tensor(c["beta"]);
    check_layer(bn, c, case_name(c), {{"dgamma", &bn.dgamma}, {"dbeta", &bn.dbeta}});
  }
}

TEST_CASE("three steps of SGD, AdaGrad, RMSProp and Adam against PyTorch on Σ c·w²") {
  int seen = 0;
  for (const auto& c : reference_cases()) {
    const std::string op = c["op"];
    if (op.rfind("optimizer_", 0) != 0) continue;
    const auto& p = c["params"];
    OptimizerOptions o{.kind = *parse_optimizer(op.substr(10)), .learning_rate = p["lr"], .epsilon_inside_sqrt = false};
    if (p.contains("eps")) o.epsilon = p["eps"];
    if (p.contains("gamma")) o.gamma = p["gamma"];
    if (p.contains("beta1")) o.beta1 = p["beta1"];
    if (p.contains("beta2")) o.beta2 = p["beta2"];
    Optimizer<double> opt(o);
    Tensor<double> w = to_tensor(c["w0"]), g(w.shape());
    const Tensor<double> coeff = to_tensor(c["c"]);
    for (std::size_t step = 0; step < c["w_after_each_step"].size(); ++step) {
      g.array() = 2.0 * coeff.array() * w.array();  // ∂/∂w Σ c·w² = 2cw
      opt.step({{"w", &w, &g}});
      expect_close(w, c["w_after_each_step"][step], op + " step " + std::to_string(step + 1));
    }
    ++seen;
  }
  CHECK(seen == 4);
}
