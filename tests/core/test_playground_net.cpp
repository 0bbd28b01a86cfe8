// The playground's network: gradients against central differences for every activation, loss,
// feature and penalty; XOR learned to 100 %; reproducible training and Reset; validate(); the
// heatmap grid; a linear surface learned by regression. Data is built here by hand (not by
// make_point_set) so these tests depend on the network alone.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "core/gradient_check.h"
#include "core/playground_net.h"

using namespace neurostep;

namespace {

constexpr ActivationKind kActivations[] = {ActivationKind::Sigmoid, ActivationKind::Tanh, ActivationKind::ReLU,
                                           ActivationKind::LeakyReLU};

// 6 points in [−2.5, 2.5]², every class present, a smooth regression target.
std::vector<DataPoint> gradient_points(int classes) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(-2.5, 2.5);
  std::vector<DataPoint> points(6);
  for (std::size_t i = 0; i < points.size(); ++i) {
    auto& p = points[i];
    p.x = u(rng);
    p.y = u(rng);
    p.label = static_cast<int>(i) % classes;
    p.target = std::sin(p.x) + 0.5 * p.y;
  }
  return points;
}

// No z within 1e-4 of a ReLU kink (a nudge of h = 1e-5 moves z by at most h·|feature| ≤ 6.25e-5),
// and for L1 no weight within 1e-4 of |w|'s kink.
bool away_from_kinks(PlaygroundNet& net, const std::vector<DataPoint>& points, Regularization reg) {
  const ForwardPass pass = net.forward(points);
  for (const auto& z : pass.z)
    if ((z.array().abs() < 1e-4).any()) return false;
  if (reg == Regularization::L1)
    for (int l = 0; l < net.layers(); ++l)
      if ((net.W(l).array().abs() < 1e-4).any()) return false;
  return true;
}

// The largest relative difference between backward's ∂E/∂W, ∂E/∂b and central differences of the
// total loss E = mean data loss (evaluate) + penalty, over every weight and bias.
double worst_gradient_error(PlaygroundNet& net, const std::vector<DataPoint>& points, Regularization reg,
                            double lambda) {
  const BackwardPass pass = net.backward(points, reg, lambda);
  auto total = [&] { return net.evaluate(points).loss + regularization_penalty(reg, lambda, net.model().params()); };
  CHECK(pass.loss() == doctest::Approx(total()).epsilon(1e-12));
  double worst = 0;
  auto compare = [&](Tensor<double>& value, const Tensor<double>& analytic) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      const double numeric = central_difference(value[i], 1e-5, total);
      worst = std::max(worst, relative_difference(analytic[i], numeric, 1e-3));
    }
  };
  for (int l = 0; l < net.layers(); ++l) {
    compare(net.W(l), pass.grad_W[static_cast<std::size_t>(l)]);
    compare(net.b(l), pass.grad_b[static_cast<std::size_t>(l)]);
  }
  // δ is ∂E/∂z of each layer: ∂E/∂b = Σₙ δ (biases carry no penalty).
  for (std::size_t l = 0; l < pass.delta.size(); ++l) {
    const Tensor<double>& d = pass.delta[l];
    for (int j = 0; j < d.dim(1); ++j) {
      double sum = 0;
      for (int n = 0; n < d.dim(0); ++n) sum += d.at(n, j);
      CHECK(pass.grad_b[l][static_cast<std::size_t>(j)] == doctest::Approx(sum).epsilon(1e-12));
    }
  }
  return worst;
}

// n points uniform in [−3, 3]², class 1 where x·y > 0, none within 0.3 of an axis (so the
// quadrants are separable); 30 % of them held out for testing.
PointSet xor_quadrants(int n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(-3, 3);
  PointSet set;
  while (static_cast<int>(set.points.size()) < n) {
    DataPoint p{.x = u(rng), .y = u(rng)};
    if (std::abs(p.x) < 0.3 || std::abs(p.y) < 0.3) continue;
    p.label = p.x * p.y > 0;
    p.test = set.points.size() % 10 < 3;  // 30 % test points
    set.points.push_back(p);
  }
  return set;
}

std::vector<double> all_weights(PlaygroundNet& net) {
  std::vector<double> w;
  for (auto& p : net.model().params()) w.insert(w.end(), p.value->values().begin(), p.value->values().end());
  return w;
}

}  // namespace

TEST_CASE("gradients of the playground net match central differences: every activation, loss, feature and penalty") {
  std::vector<std::vector<Feature>> feature_sets;
  for (Feature f : kFeatures) feature_sets.push_back({f});
  feature_sets.push_back({std::begin(kFeatures), std::end(kFeatures)});
  struct Output {
    int classes;
    bool regression;
  };
  const Output outputs[] = {{2, false}, {3, false}, {4, false}, {1, true}};
  double worst = 0;
  for (ActivationKind act : kActivations)
    for (const Output& out : outputs)
      for (const auto& features : feature_sets)
        for (Regularization reg : {Regularization::None, Regularization::L1, Regularization::L2}) {
          CAPTURE(activation_name(act));
          CAPTURE(out.classes);
          CAPTURE(out.regression);
          CAPTURE(feature_name(features[0]));
          CAPTURE(features.size());
          CAPTURE(regularization_name(reg));
          const auto points = gradient_points(out.regression ? 2 : out.classes);
          PlaygroundNetSpec spec{.features = features,
                                 .hidden = {{3, act}, {4, act}},
                                 .classes = out.regression ? 2 : out.classes,
                                 .regression = out.regression};
          // The first seed whose z (and, for L1, weights) keep away from the kinks.
          std::optional<PlaygroundNet> net;
          for (spec.seed = 1; spec.seed <= 200 && !net; ++spec.seed) {
            net.emplace(spec);
            if (!away_from_kinks(*net, points, reg)) net.reset();
          }
          REQUIRE(net);
          const double err = worst_gradient_error(*net, points, reg, 0.01);
          CHECK(err < 1e-6);
          worst = std::max(worst, err);
        }
  MESSAGE("largest relative difference: " << worst);
}

TEST_CASE("XOR quadrants: 4 tanh units, Adam η = 0.03, batch 10, seed 9 reach 100 % training accuracy") {
  const PointSet data = xor_quadrants(200, 17);
  PlaygroundTraining t({.hidden = {{4, ActivationKind::Tanh}}, .init = InitKind::GlorotUniform, .seed = 9},
                       {.optimizer = {.kind = OptimizerKind::Adam, .learning_rate = 0.03}, .batch_size = 10});
  while (t.epoch() < 300 && (t.history().empty() || t.history().back().train.accuracy < 1)) t.step_epoch(data);
  REQUIRE(!t.history().empty());
  const EpochRecord& last = t.history().back();
  MESSAGE("100 % after " << last.epoch << " epochs; train loss " << last.train.loss << ", test accuracy "
                         << last.test.accuracy);
  CHECK(last.train.accuracy == 1);
  CHECK(last.epoch <= 50);  // 6 epochs when written
  CHECK(last.train.count == 140);
  CHECK(last.test.count == 60);
  CHECK(last.train.confusion[1] + last.train.confusion[2] == 0);  // no point off the diagonal
  CHECK(t.updates() == 14 * last.epoch);                          // 140 points in batches of 10
}

TEST_CASE("training is reproducible, and reset() returns to the seed's weights") {
  const PointSet data = xor_quadrants(60, 5);
  const PlaygroundNetSpec spec{.hidden = {{5, ActivationKind::ReLU}, {3, ActivationKind::Sigmoid}}, .seed = 42};
  const TrainSettings settings{.optimizer = {.kind = OptimizerKind::Adam, .learning_rate = 0.01},
                               .batch_size = 7,
                               .regularization = Regularization::L2};
  PlaygroundTraining a(spec, settings), b(spec, settings);
  const std::vector<double> initial = all_weights(a.net());
  for (int i = 0; i < 25; ++i) {
    const UpdateRecord ra = a.step_batch(data);
    const UpdateRecord rb = b.step_batch(data);
    REQUIRE(ra.batch == rb.batch);
  }
  CHECK(all_weights(a.net()) == all_weights(b.net()));
  CHECK(all_weights(a.net()) != initial);
  CHECK(a.epoch() == 4);  // 42 training points: 6 batches an epoch, 25 batches = 4 epochs and 1 batch
  CHECK(a.batch_in_epoch() == 7);

  a.reset();
  CHECK(all_weights(a.net()) == initial);
  CHECK(a.epoch() == 0);
  CHECK(a.batch_in_epoch() == 0);
  CHECK(a.updates() == 0);
  CHECK(a.history().empty());
  CHECK(a.last_update() == nullptr);
  // A fresh optimizer too: the same 25 batches again give the same weights as b.
  for (int i = 0; i < 25; ++i) a.step_batch(data);
  CHECK(all_weights(a.net()) == all_weights(b.net()));
}

TEST_CASE("an update record holds the batch, its gradients and the weights before and after") {
  const PointSet data = xor_quadrants(30, 8);
  PlaygroundTraining t({.seed = 3}, {.optimizer = {.kind = OptimizerKind::SGD, .learning_rate = 0.5}, .batch_size = 4});
  CHECK(t.next_batch(data).size() == 4);
  const std::vector<int> expected = t.next_batch(data);
  const UpdateRecord r = t.step_batch(data);
  CHECK(r.batch == expected);
  for (int i : r.batch) CHECK(!data.points[static_cast<std::size_t>(i)].test);
  // SGD: W_after = W_before − η·∂E/∂W
  for (std::size_t l = 0; l < r.W_before.size(); ++l)
    for (std::size_t i = 0; i < r.W_before[l].size(); ++i)
      CHECK(r.W_after[l][i] == doctest::Approx(r.W_before[l][i] - 0.5 * r.pass.grad_W[l][i]).epsilon(1e-12));
  CHECK(t.last_update() != nullptr);
  CHECK(t.last_update()->W_after[0].values() == t.net().W(0).values());
}

TEST_CASE("settings: η alone keeps the optimizer's state, another hyper-parameter or kind starts afresh") {
  const PointSet data = xor_quadrants(40, 9);
  const TrainSettings adam{.optimizer = {.kind = OptimizerKind::Adam, .learning_rate = 0.01}, .batch_size = 5};
  PlaygroundTraining a({.seed = 4}, adam), b({.seed = 4}, adam);
  for (int i = 0; i < 5; ++i) {
    a.step_batch(data);
    b.step_batch(data);
  }
  a.set_settings(adam);  // nothing changed: as if it was not called
  for (int i = 0; i < 5; ++i) {
    a.step_batch(data);
    b.step_batch(data);
  }
  CHECK(all_weights(a.net()) == all_weights(b.net()));

  // Adam's first step moves every weight by η (m̂/√v̂ = g/|g| at t = 1); later steps do not. A new
  // η keeps the moments, so its step is not such a first step; a new β₁ starts Adam afresh.
  auto moves = [](const UpdateRecord& r) {
    std::vector<double> d;
    for (std::size_t l = 0; l < r.W_before.size(); ++l)
      for (std::size_t i = 0; i < r.W_before[l].size(); ++i) d.push_back(std::abs(r.W_after[l][i] - r.W_before[l][i]));
    return d;
  };
  auto first_step = [](const std::vector<double>& d, double eta) {
    return std::all_of(d.begin(), d.end(), [&](double v) { return std::abs(v - eta) < 1e-6 * eta; });
  };
  TrainSettings faster = adam;
  faster.optimizer.learning_rate = 0.02;
  a.set_settings(faster);
  const UpdateRecord kept = a.step_batch(data);
  CHECK(kept.learning_rate == 0.02);
  CHECK(!first_step(moves(kept), 0.02));

  TrainSettings beta = faster;
  beta.optimizer.beta1 = 0.8;
  a.set_settings(beta);
  CHECK(first_step(moves(a.step_batch(data)), 0.02));

  TrainSettings sgd = faster;
  sgd.optimizer.kind = OptimizerKind::SGD;
  a.set_settings(sgd);
  const UpdateRecord r = a.step_batch(data);  // plain SGD from here: W − η·g exactly
  CHECK(r.optimizer == OptimizerKind::SGD);
  CHECK(r.W_after[0][0] == doctest::Approx(r.W_before[0][0] - 0.02 * r.pass.grad_W[0][0]).epsilon(1e-12));
}

TEST_CASE("points removed under an epoch end it; no training points or an unknown class is an error") {
  PointSet data = xor_quadrants(40, 10);  // 28 training points
  PlaygroundTraining t({.seed = 6}, {.batch_size = 10});
  t.step_batch(data);
  t.step_batch(data);
  CHECK(t.batch_in_epoch() == 20);
  data.points.resize(20);  // 14 training points left: the position is past the end
  const std::vector<int> next = t.next_batch(data);
  const UpdateRecord r = t.step_batch(data);
  CHECK(r.batch == next);
  CHECK(t.epoch() == 1);
  CHECK(t.history().size() == 1);
  CHECK(t.history()[0].train.count == 14);
  CHECK(t.batch_in_epoch() == 10);
  t.step_epoch(data);  // the 4 points left
  CHECK(t.epoch() == 2);
  CHECK(t.last_update()->batch.size() == 4);

  data.points[0].label = 2;  // a class this 2-class network has no output for
  CHECK_THROWS_AS(t.net().evaluate(data.points), std::invalid_argument);
  for (auto& p : data.points) p.test = true;
  CHECK_THROWS_AS(t.step_batch(data), std::invalid_argument);
}

TEST_CASE("validate() names what is out of range") {
  auto rejects = [](PlaygroundNetSpec spec, const char* what) {
    CAPTURE(what);
    CHECK_THROWS_AS(validate(spec), std::invalid_argument);
    CHECK_THROWS_AS(PlaygroundNet{spec}, std::invalid_argument);
  };
  const HiddenLayerSpec tanh4{4, ActivationKind::Tanh};
  rejects({.hidden = {tanh4, tanh4, tanh4, tanh4, tanh4}}, "5 hidden layers");
  rejects({.hidden = {{9, ActivationKind::Tanh}}}, "9 units");
  rejects({.hidden = {{0, ActivationKind::Tanh}}}, "0 units");
  rejects({.hidden = {{4, ActivationKind::ELU}}}, "ELU");
  rejects({.features = {}}, "no feature");
  rejects({.features = {Feature::X, Feature::SinY, Feature::X}}, "x twice");
  rejects({.classes = 5}, "5 classes");
  rejects({.classes = 1}, "1 class");
  CHECK_NOTHROW(validate({.hidden = {tanh4, tanh4, tanh4, {8, ActivationKind::LeakyReLU}}, .classes = 4}));
  CHECK_NOTHROW(validate({.features = {std::begin(kFeatures), std::end(kFeatures)}, .regression = true}));
  CHECK_THROWS_WITH_AS(validate({.hidden = {tanh4, {9, ActivationKind::ReLU}}}),
                       "hidden layer 2 has 9 units: 1–8 allowed", std::invalid_argument);
}

TEST_CASE("features: names, labels and values") {
  for (Feature f : kFeatures) CHECK(parse_feature(feature_name(f)) == f);
  CHECK(!parse_feature("z"));
  CHECK(feature_label(Feature::XSquared) == "x²");
  // At (2, −3): x² = 4, y² = 9, xy = −6.
  const Tensor<double> m =
      feature_matrix({Feature::XSquared, Feature::YSquared, Feature::XY, Feature::SinX}, {2}, {-3});
  CHECK(m.shape() == Shape{1, 4});
  CHECK(m.values() == std::vector<double>{4, 9, -6, std::sin(2.0)});
}

TEST_CASE("regularization: penalty and derivative by hand") {
  // W = (−2, 0, 3), b = (5): L1 = λ(2 + 0 + 3), L2 = ½λ(4 + 0 + 9); the bias is not penalised.
  Tensor<double> W({1, 3}, std::vector<double>{-2, 0, 3}), dW({1, 3}), b({1}, 5.0), db({1});
  const std::vector<Param<double>> params{{"W", &W, &dW}, {"b", &b, &db}};
  CHECK(regularization_penalty(Regularization::L1, 0.1, params) == doctest::Approx(0.5));
  CHECK(regularization_penalty(Regularization::L2, 0.1, params) == doctest::Approx(0.65));
  CHECK(regularization_penalty(Regularization::None, 0.1, params) == 0);
  add_regularization_gradient(Regularization::L1, 0.1, params);
  CHECK(dW.values() == std::vector<double>{-0.1, 0, 0.1});  // λ·sign(w), 0 at w = 0
  add_regularization_gradient(Regularization::L2, 0.1, params);
  CHECK(dW[0] == doctest::Approx(-0.3));  // −0.1 + λ·(−2)
  CHECK(db[0] == 0);
  for (Regularization r : {Regularization::None, Regularization::L1, Regularization::L2})
    CHECK(parse_regularization(regularization_name(r)) == r);
}

TEST_CASE("evaluate_grid: cell centres, row 0 at the top, the same values as a forward pass") {
  PlaygroundNet net({.features = {Feature::X, Feature::Y, Feature::XY},
                     .hidden = {{3, ActivationKind::Tanh}, {2, ActivationKind::ReLU}},
                     .classes = 3,
                     .seed = 11});
  const int res = 8;
  const UnitGrid grid = evaluate_grid(net, res);
  REQUIRE(grid.a.size() == 3);
  CHECK(grid.a[2].size() == 3);  // the class probabilities
  CHECK(grid.a[0][0].size() == res * res);
  auto cell_matches = [&](int row, int col, double x, double y) {
    CAPTURE(row);
    CAPTURE(col);
    const ForwardPass pass = net.forward(std::vector<double>{x}, std::vector<double>{y});
    for (std::size_t l = 0; l < grid.a.size(); ++l)
      for (std::size_t u = 0; u < grid.a[l].size(); ++u)
        CHECK(grid.a[l][u][static_cast<std::size_t>(row * res + col)] ==
              doctest::Approx(pass.a[l].at(0, static_cast<int>(u))).epsilon(1e-12));
  };
  cell_matches(0, 0, -3 + 3.0 / res, 3 - 3.0 / res);  // top left
  cell_matches(0, res - 1, 3 - 3.0 / res, 3 - 3.0 / res);
  cell_matches(res - 1, 2, -3 + 5 * 3.0 / res, -3 + 3.0 / res);  // bottom row, third column
}

TEST_CASE("regression without hidden layers learns the plane z = x − y") {
  std::mt19937_64 rng(21);
  std::uniform_real_distribution<double> u(-3, 3);
  PointSet data{.classes = 1, .regression = true};
  for (int i = 0; i < 50; ++i) {
    DataPoint p{.x = u(rng), .y = u(rng)};
    p.target = p.x - p.y;
    p.test = i % 5 == 0;
    data.points.push_back(p);
  }
  PlaygroundTraining t({.regression = true, .seed = 2},
                       {.optimizer = {.kind = OptimizerKind::SGD, .learning_rate = 0.02}, .batch_size = 5});
  for (int e = 0; e < 60; ++e) t.step_epoch(data);
  const EpochRecord& last = t.history().back();
  MESSAGE("train loss " << last.train.loss << ", test loss " << last.test.loss << ", W = (" << t.net().W(0)[0] << ", "
                        << t.net().W(0)[1] << "), b = " << t.net().b(0)[0]);
  CHECK(last.train.loss < 1e-6);
  CHECK(last.test.loss < 1e-6);
  CHECK(t.net().W(0)[0] == doctest::Approx(1).epsilon(1e-3));
  CHECK(t.net().W(0)[1] == doctest::Approx(-1).epsilon(1e-3));
  CHECK(t.net().predict({{.x = 1, .y = 2}})[0] == doctest::Approx(-1).epsilon(1e-3));
}
