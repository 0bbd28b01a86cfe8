// Architectures from the theses: output shapes and parameter counts.
#include <doctest/doctest.h>

#include "core/activation.h"
#include "core/backwards_query.h"
#include "core/conv2d.h"
#include "core/dense.h"
#include "core/pool2d.h"
#include "core/sequential.h"
#include "core/shape_layers.h"
#include "core/softmax.h"
#include "gradcheck.h"

using namespace neurostep;

TEST_CASE("LeNet-5 has 61,706 parameters (Jäppinen 2024, Fig. 13)") {
  Sequential<float> m({1, 28, 28});
  m.emplace<Pad2D<float>>(2);         // 28×28 → 32×32
  m.emplace<Conv2D<float>>(1, 6, 5);  // 6·(5·5·1 + 1) = 156
  m.emplace<Activation<float>>(ActivationKind::Tanh);
  m.add(make_max_pool<float>(2, 2));
  m.emplace<Conv2D<float>>(6, 16, 5);  // 16·(5·5·6 + 1) = 2,416
  m.emplace<Activation<float>>(ActivationKind::Tanh);
  m.add(make_max_pool<float>(2, 2));
  m.emplace<Flatten<float>>();
  m.emplace<Dense<float>>(400, 120);  // 120·401 = 48,120
  m.emplace<Dense<float>>(120, 84);   // 84·121 = 10,164
  m.emplace<Dense<float>>(84, 10);    // 10·85 = 850
  CHECK(m.param_count() == 61706);
  const auto rows = m.summary();
  CHECK(rows[1].output == Shape{6, 28, 28});
  CHECK(rows[4].output == Shape{16, 10, 10});
  CHECK(rows[6].output == Shape{16, 5, 5});
}

TEST_CASE("Sougrati et al.'s CNN: conv 5×5×8, pool, conv 5×5×16, pool, dense 128, dense 10") {
  Sequential<float> m({1, 28, 28});
  m.emplace<Conv2D<float>>(1, 8, 5);   // 8·(25 + 1) = 208, → 8×24×24
  m.add(make_max_pool<float>(2, 2));   // → 8×12×12
  m.emplace<Conv2D<float>>(8, 16, 5);  // 16·(200 + 1) = 3,216, → 16×8×8
  m.add(make_max_pool<float>(2, 2));   // → 16×4×4 = 256
  m.emplace<Flatten<float>>();
  m.emplace<Dense<float>>(256, 128);  // 128·257 = 32,896
  m.emplace<Dropout<float>>(0.2, 1);
  m.emplace<Dense<float>>(128, 10);  // 10·129 = 1,290
  CHECK(m.output_shape() == Shape{10});
  CHECK(m.param_count() == 208 + 3216 + 32896 + 1290);  // 37,610
}

TEST_CASE("Lazović's CNN has 42,154 parameters, not the 3,242 its text says") {
  Sequential<float> m({1, 28, 28});
  m.emplace<Conv2D<float>>(1, 32, 5, ConvOptions{.same = true});   // 32·26 = 832
  m.add(make_max_pool<float>(2, 2));                               // → 32×14×14
  m.emplace<Conv2D<float>>(32, 32, 5, ConvOptions{.same = true});  // 32·(800 + 1) = 25,632
  m.add(make_max_pool<float>(2, 2));                               // → 32×7×7 = 1,568
  m.emplace<Flatten<float>>();
  m.emplace<Dense<float>>(1568, 10);  // 10·1,569 = 15,690
  CHECK(m.summary()[3].output == Shape{32, 7, 7});
  CHECK(m.param_count() == 832 + 25632 + 15690);
  CHECK(m.param_count() == 42154);
}

TEST_CASE("a layer that does not fit is refused with its position and reason") {
  Sequential<float> m({1, 4, 4});
  CHECK_THROWS_WITH_AS(m.emplace<Conv2D<float>>(1, 2, 5), doctest::Contains("layer 1"), ShapeError);
  m.emplace<Flatten<float>>();
  CHECK_THROWS_WITH_AS(m.emplace<Dense<float>>(10, 2), doctest::Contains("needs 10 inputs"), ShapeError);
}

TEST_CASE("the same seed gives the same weights and the same forward pass") {
  auto build = [] {
    auto m = std::make_unique<Sequential<double>>(Shape{1, 6, 6});
    m->emplace<Conv2D<double>>(1, 2, 3);
    m->emplace<Flatten<double>>();
    m->emplace<Dense<double>>(32, 3);
    m->emplace<Softmax<double>>();
    return m;
  };
  auto a = build(), b = build();
  a->initialize(InitKind::HeNormal, 42);
  b->initialize(InitKind::HeNormal, 42);
  const auto x = test::random_tensor({2, 1, 6, 6}, 5);
  CHECK(a->forward(x, Mode::Eval).values() == b->forward(x, Mode::Eval).values());
  b->initialize(InitKind::HeNormal, 43);
  CHECK(a->forward(x, Mode::Eval).values() != b->forward(x, Mode::Eval).values());
}

TEST_CASE("a whole model's gradient through conv, pool, dense and softmax") {
  Sequential<double> m({2, 6, 6});
  m.emplace<Conv2D<double>>(2, 3, 3, ConvOptions{.padding = 1});
  m.emplace<Activation<double>>(ActivationKind::Tanh);
  m.add(make_avg_pool<double>(2, 2));
  m.emplace<Flatten<double>>();
  m.emplace<Dense<double>>(27, 4);
  m.initialize(InitKind::GlorotUniform, 3);
  auto x = test::random_tensor({2, 2, 6, 6}, 8);
  const auto y = m.forward(x, Mode::Train);
  const auto dy = test::random_tensor(y.shape(), 9);
  m.zero_grad();
  m.backward(dy);
  auto energy = [&] { return (m.forward(x, Mode::Train).array() * dy.array()).sum(); };
  auto params = m.params();
  for (auto& p : params) {
    const Tensor<double> analytic = *p.grad;
    for (std::size_t i = 0; i < p.value->size(); i += 3) {
      CHECK(test::relative_error(analytic[i], central_difference((*p.value)[i], 1e-5, energy)) < 1e-6);
    }
  }
}

TEST_CASE("training's backward without ∂E/∂x gives the same parameter gradients and skips the input gradient") {
  Sequential<double> m({1, 6, 6});
  m.emplace<Pad2D<double>>(1);  // no parameters below the first conv: its ∂E/∂x is skipped too
  m.emplace<Conv2D<double>>(1, 2, 3);
  m.emplace<Activation<double>>(ActivationKind::ReLU);
  m.emplace<Flatten<double>>();
  m.emplace<Dense<double>>(72, 3);
  m.initialize(InitKind::HeNormal, 4);
  const auto x = test::random_tensor({2, 1, 6, 6}, 5);
  const auto dy = test::random_tensor(m.forward(x, Mode::Train).shape(), 6);
  auto gradients = [&](bool want_input_grad) {
    m.zero_grad();
    const Tensor<double> dx = m.backward(dy, want_input_grad);
    std::vector<double> all;
    for (const auto& p : m.params()) all.insert(all.end(), p.grad->values().begin(), p.grad->values().end());
    return std::pair{dx, all};
  };
  const auto [dx_full, with_dx] = gradients(true);
  const auto [dx_skipped, without_dx] = gradients(false);
  CHECK(dx_full.shape() == Shape{2, 1, 6, 6});
  CHECK(dx_skipped.empty());
  REQUIRE(with_dx.size() == without_dx.size());
  // Equal up to rounding: Eigen's vectorized sums (the bias gradients) start at the first aligned
  // element, so their order of addition depends on where the allocator put δ.
  for (std::size_t i = 0; i < with_dx.size(); ++i) {
    CAPTURE(i);
    CHECK(test::relative_error(with_dx[i], without_dx[i]) < 1e-12);
  }
  CHECK(gradients(true).first.values() == dx_full.values());  // the flag does not stick
}

TEST_CASE("backwards query (Symon, §7): logit, Wᵀ, scale to [0.01, 0.99], layer by layer") {
  Sequential<float> m({1, 2, 2});
  m.emplace<Flatten<float>>();
  auto& hidden = m.emplace<Dense<float>>(4, 2, false);
  m.emplace<Activation<float>>(ActivationKind::Sigmoid);
  auto& out = m.emplace<Dense<float>>(2, 2, false);
  m.emplace<Activation<float>>(ActivationKind::Sigmoid);
  out.W = Tensor<float>({2, 2}, {1, 0, 0, 2});
  hidden.W = Tensor<float>({2, 4}, {1, 0, 0, -1, 0, 1, 1, 0});
  // By hand: logit(0.99) = ln 99 = 4.59512, logit(0.01) = −4.59512.
  // Output layer: a = Wᵀ·b_in = (4.59512, −9.19024), scaled: (0.99, 0.01).
  // Hidden layer: b_in = (4.59512, −4.59512), a = Wᵀ·b_in = (4.59512, −4.59512, −4.59512, −4.59512) → (0.99, 0.01,
  // 0.01, 0.01).
  const std::vector<double> image = backwards_query(m, query_targets(0, 2));
  REQUIRE(image.size() == 4);
  CHECK(image[0] == doctest::Approx(0.99));
  CHECK(image[1] == doctest::Approx(0.01));
  CHECK(image[3] == doctest::Approx(0.01));
  // A query through a model that is not dense + sigmoid names the layer.
  Sequential<float> cnn({1, 6, 6});
  cnn.emplace<Conv2D<float>>(1, 1, 3);
  cnn.emplace<Flatten<float>>();
  cnn.emplace<Dense<float>>(16, 2);
  cnn.emplace<Activation<float>>(ActivationKind::Sigmoid);
  CHECK_THROWS_WITH_AS(backwards_query(cnn, query_targets(1, 2)), doctest::Contains("layer 2 (Flatten)"),
                       std::invalid_argument);
}
