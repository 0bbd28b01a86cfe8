// Finite-difference gradient checks, in double, for every layer, activation and loss of the core.
#include <doctest/doctest.h>

#include "core/activation.h"
#include "core/batchnorm.h"
#include "core/conv2d.h"
#include "core/conv2d_reference.h"
#include "core/dense.h"
#include "core/loss.h"
#include "core/pool2d.h"
#include "core/shape_layers.h"
#include "core/softmax.h"
#include "gradcheck.h"

using namespace neurostep;
using test::distinct_tensor;
using test::gradcheck;
using test::random_tensor;

namespace {
template <typename L>
void randomize(L& layer, std::uint64_t seed) {
  for (auto& p : layer.params()) *p.value = random_tensor(p.value->shape(), seed++, 0.5);
}
}  // namespace

TEST_CASE("Dense: inputs, weights and biases") {
  Dense<double> d(5, 3);
  randomize(d, 1);
  CHECK(gradcheck(d, random_tensor({4, 5}, 2)) < 1e-6);
  Dense<double> no_bias(4, 2, false);
  randomize(no_bias, 3);
  CHECK(gradcheck(no_bias, random_tensor({2, 4}, 4)) < 1e-6);
}

TEST_CASE("Conv2D: single channel, valid") {
  Conv2D<double> c(1, 1, 3);
  randomize(c, 5);
  CHECK(gradcheck(c, random_tensor({1, 1, 6, 6}, 6)) < 1e-6);
}

TEST_CASE("Conv2D: multi-channel, stride 2, padding 1") {
  Conv2D<double> c(3, 4, 3, {.stride = 2, .padding = 1});
  randomize(c, 7);
  CHECK(gradcheck(c, random_tensor({2, 3, 7, 7}, 8)) < 1e-6);
}

TEST_CASE("Conv2D: 'same' padding, 5×5 kernel, stride 1") {
  Conv2D<double> c(2, 3, 5, {.same = true});
  CHECK(c.output_shape({2, 6, 6}) == Shape{3, 6, 6});
  randomize(c, 9);
  CHECK(gradcheck(c, random_tensor({2, 2, 6, 6}, 10)) < 1e-6);
}

TEST_CASE("Conv2D: stride 2 without padding, even input") {
  Conv2D<double> c(2, 2, 2, {.stride = 2});
  randomize(c, 11);
  CHECK(gradcheck(c, random_tensor({1, 2, 6, 6}, 12)) < 1e-6);
}

TEST_CASE("Conv2D with δ mostly zero (the sparse backward), 'same', strided and padded, with and without ∂E/∂x") {
  Conv2D<double> same(4, 3, 5, {.same = true});
  randomize(same, 21);
  CHECK(gradcheck(same, random_tensor({2, 4, 7, 6}, 22), {.zero_share = 0.8}) < 1e-6);
  Conv2D<double> strided(8, 2, 3, {.stride = 2, .padding = 1, .use_bias = false});
  randomize(strided, 23);
  CHECK(gradcheck(strided, random_tensor({2, 8, 7, 7}, 24), {.zero_share = 0.75}) < 1e-6);
  Conv2D<double> valid(6, 2, 3);
  randomize(valid, 25);
  CHECK(gradcheck(valid, random_tensor({1, 6, 5, 5}, 26), {.zero_share = 0.7}) < 1e-6);
  // Without ∂E/∂x (a first layer) the weights' gradient is the same.
  valid.zero_grad();
  const Tensor<double> x = random_tensor({1, 6, 5, 5}, 27);
  Tensor<double> dy({1, 2, 3, 3});
  dy[4] = 1.5;
  dy[9] = -0.5;
  valid.forward(x, Mode::Train);
  valid.backward(dy);
  const Tensor<double> with_dx = valid.dW;
  valid.zero_grad();
  valid.set_input_grad_wanted(false);
  valid.forward(x, Mode::Train);
  CHECK(valid.backward(dy).empty());
  CHECK((valid.dW.array() - with_dx.array()).abs().maxCoeff() == 0);
}

namespace {
// x with about `share` of its values set to zero, as the input of a layer behind ReLU and pooling.
Tensor<double> mostly_zero(Shape shape, std::uint64_t seed, double share) {
  Tensor<double> x = random_tensor(std::move(shape), seed);
  std::mt19937_64 rng(seed + 1);
  for (auto& v : x.values())
    if (std::uniform_real_distribution<double>(0, 1)(rng) < share) v = 0;
  return x;
}

}  // namespace

TEST_CASE("Conv2D with inputs mostly zero (the sparse forward) gives eq. 59's outputs and gradients") {
  for (ConvOptions options : {ConvOptions{.same = true}, ConvOptions{.stride = 2, .padding = 1}, ConvOptions{}}) {
    CAPTURE(options.stride);
    CAPTURE(options.padding);
    Conv2D<double> c(8, 5, 3, options);
    randomize(c, 31);
    const Tensor<double> x = mostly_zero({2, 8, 7, 6}, 32, 0.7);
    const Tensor<double> y = c.forward(x, Mode::Train);
    CHECK((y.array() - conv2d_by_definition(c, x).array()).abs().maxCoeff() < 1e-12);
    CHECK(gradcheck(c, x, {.zero_share = 0.75}) < 1e-6);
  }
  // A dense input takes the matrix product; both agree with the definition.
  Conv2D<double> c(8, 4, 5, {.same = true});
  randomize(c, 33);
  const Tensor<double> x = random_tensor({1, 8, 6, 6}, 34);
  CHECK((c.forward(x, Mode::Train).array() - conv2d_by_definition(c, x).array()).abs().maxCoeff() < 1e-12);
}

TEST_CASE("MaxPool2D and AvgPool2D, including overlapping windows") {
  for (auto [size, stride] : {std::pair{2, 2}, {3, 1}, {3, 2}, {2, 1}}) {
    CAPTURE(size);
    CAPTURE(stride);
    Pool2D<double> max_pool(PoolKind::Max, size, stride), avg_pool(PoolKind::Average, size, stride);
    CHECK(gradcheck(max_pool, distinct_tensor({2, 2, 6, 6}, 13)) < 1e-6);
    CHECK(gradcheck(avg_pool, random_tensor({2, 2, 6, 6}, 14)) < 1e-6);
  }
}

TEST_CASE("Element-wise activations (inputs kept away from the kink at 0)") {
  for (ActivationKind kind : {ActivationKind::Sigmoid, ActivationKind::Tanh, ActivationKind::ReLU,
                              ActivationKind::LeakyReLU, ActivationKind::ELU}) {
    CAPTURE(activation_name(kind));
    Activation<double> a(kind);
    CHECK(gradcheck(a, distinct_tensor({3, 8}, 15, 0.13)) < 1e-6);
  }
  Activation<double> elu(ActivationKind::ELU, 0.7);
  CHECK(gradcheck(elu, distinct_tensor({2, 2, 3, 3}, 16, 0.11)) < 1e-6);
}

TEST_CASE("Softmax") {
  Softmax<double> s;
  CHECK(gradcheck(s, random_tensor({3, 5}, 17)) < 1e-6);
}

TEST_CASE("Flatten, Pad2D and Dropout (with one fixed mask)") {
  Flatten<double> f;
  CHECK(gradcheck(f, random_tensor({2, 2, 3, 3}, 18)) < 1e-6);
  Pad2D<double> pad(2);
  CHECK(gradcheck(pad, random_tensor({1, 2, 3, 3}, 19)) < 1e-6);
  Dropout<double> drop(0.4, 7);
  CHECK(gradcheck(drop, random_tensor({4, 6}, 20), {.before_forward = [&] { drop.reseed(7); }}) < 1e-6);
}

TEST_CASE("Dropout: each unit's dropout number u decides its mask (dropped when u < p), Eval draws nothing") {
  Dropout<double> drop(0.4, 7);
  const Tensor<double> x = random_tensor({3, 5}, 26);
  const Tensor<double> y = drop.forward(x, Mode::Train);
  REQUIRE(drop.draws().size() == x.size());
  REQUIRE(drop.mask().size() == x.size());
  int dropped = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const bool drop_i = drop.draws()[i] < 0.4;
    dropped += drop_i;
    CHECK(drop.mask()[i] == (drop_i ? 0.0 : 1 / 0.6));
    CHECK(y[i] == (drop_i ? 0.0 : x[i] * (1 / 0.6)));
  }
  CHECK(dropped > 0);
  CHECK(dropped < 15);
  const std::vector<double> first = drop.draws();
  drop.reseed(7);
  drop.forward(x, Mode::Train);
  CHECK(drop.draws() == first);
  const Tensor<double> eval = drop.forward(x, Mode::Eval);
  CHECK(drop.mask().empty());
  CHECK(drop.draws().empty());
  CHECK(eval.values() == x.values());
}

TEST_CASE("BatchNorm in training mode, convolutional and dense input") {
  BatchNorm<double> bn(3);
  randomize(bn, 21);
  CHECK(gradcheck(bn, random_tensor({4, 3, 2, 2}, 22)) < 1e-6);
  BatchNorm<double> bn_dense(5);
  randomize(bn_dense, 23);
  CHECK(gradcheck(bn_dense, random_tensor({6, 5}, 24)) < 1e-6);
  CHECK(gradcheck(bn_dense, random_tensor({6, 5}, 25), {.mode = Mode::Eval}) < 1e-6);
}

TEST_CASE("BatchNorm keeps the μ and σ² it normalized with: the batch's in training, the running ones in evaluation") {
  BatchNorm<double> bn(1, {.epsilon = 0.5, .momentum = 0.5});
  const Tensor<double> x({4, 1}, {1, 2, 4, 5});
  bn.forward(x, Mode::Train);
  // μ = (1 + 2 + 4 + 5)/4 = 3; σ² = (4 + 1 + 1 + 4)/4 = 2.5 (biased); x̂ = (x − 3)/√(2.5 + 0.5) = (x − 3)/√3
  CHECK(bn.mean()[0] == doctest::Approx(3));
  CHECK(bn.variance()[0] == doctest::Approx(2.5));
  CHECK(bn.x_hat()[0] == doctest::Approx(-2 / std::sqrt(3.0)));
  // running μ = 0.5·0 + 0.5·3 = 1.5; running σ² = 0.5·1 + 0.5·(10/3) = 13/6 (unbiased: 10/3)
  bn.forward(x, Mode::Eval);
  CHECK(bn.mean()[0] == doctest::Approx(1.5));
  CHECK(bn.variance()[0] == doctest::Approx(13.0 / 6));
  CHECK(bn.x_hat()[0] == doctest::Approx((1 - 1.5) / std::sqrt(13.0 / 6 + 0.5)));
}

TEST_CASE("Losses: value and gradient against finite differences") {
  const double h = 1e-6;
  auto check_loss = [&](LossKind kind, Tensor<double> prediction, const Tensor<double>& target, Reduction r) {
    CAPTURE(loss_name(kind));
    const auto analytic = compute_loss(kind, prediction, target, r).grad;
    for (std::size_t i = 0; i < prediction.size(); ++i) {
      const double numeric =
          central_difference(prediction[i], h, [&] { return compute_loss(kind, prediction, target, r).value; });
      CHECK(test::relative_error(analytic[i], numeric) < 1e-6);
    }
  };
  const Tensor<double> probabilities({2, 3}, {0.2, 0.7, 0.4, 0.9, 0.15, 0.55});
  const Tensor<double> binary_targets({2, 3}, {0, 1, 1, 1, 0, 0});
  for (Reduction r : {Reduction::Sum, Reduction::Mean}) {
    check_loss(LossKind::SquaredError, probabilities, binary_targets, r);
    check_loss(LossKind::HalfSquaredError, probabilities, binary_targets, r);
    check_loss(LossKind::BinaryCrossEntropy, probabilities, binary_targets, r);
    check_loss(LossKind::SoftmaxCrossEntropy, random_tensor({4, 5}, 26, 2.0), one_hot<double>({1, 0, 4, 2}, 5), r);
  }
}

TEST_CASE("Softmax + cross-entropy: δ = ŷ − y (Creus & Picón, eq. 9), and finite for huge logits") {
  const Tensor<double> z({1, 3}, {1.0, 2.0, 3.0});
  const auto y = one_hot<double>({2}, 3);
  const auto result = compute_loss(LossKind::SoftmaxCrossEntropy, z, y);
  const auto p = softmax_rows(z);
  for (int i = 0; i < 3; ++i) CHECK(result.grad[i] == doctest::Approx(p[i] - y[i]).epsilon(1e-14));
  CHECK(result.value == doctest::Approx(-std::log(p[2])).epsilon(1e-14));
  const Tensor<double> huge({1, 3}, {1000.0, 0.0, -1000.0});
  const auto r = compute_loss(LossKind::SoftmaxCrossEntropy, huge, one_hot<double>({1}, 3));
  CHECK(std::isfinite(r.value));
  CHECK(r.value == doctest::Approx(1000.0));
  CHECK(all_finite(r.grad));
}

TEST_CASE("Softmax Jacobian of z = (1, 2, 3) matches Jäppinen 2024, eq. 25") {
  const auto y = softmax_rows(Tensor<double>({1, 3}, {1.0, 2.0, 3.0}));
  const auto J = softmax_jacobian(y.reshaped({3}));
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) CHECK(J(i, j) == doctest::Approx(i == j ? y[i] * (1 - y[i]) : -y[i] * y[j]));
  // Hand-worked: softmax(1, 2, 3) = (0.0900, 0.2447, 0.6652).
  CHECK(y[0] == doctest::Approx(0.09003057));
  CHECK(y[2] == doctest::Approx(0.66524096));
}
