// Looking inside a trained MNIST model: feature maps, filters, the noise sweep, the backwards query.
#include <doctest/doctest.h>

#include <algorithm>

#include "core/conv2d.h"
#include "core/model_spec.h"
#include "lessons/training/mnist_explore.h"
#include "figure/figure_csv.h"

using namespace neurostep;

namespace {

ModelSpec small_cnn() {
  ModelSpec s;
  s.layers = {{.type = "conv", .filters = 3, .kernel = 5},
              {.type = "relu"},
              {.type = "maxpool"},
              {.type = "flatten"},
              {.type = "dense", .units = 10}};
  return s;
}

std::vector<float> stroke() {  // a vertical bar, like a "1"
  std::vector<float> image(784, 0.0f);
  for (int r = 4; r < 24; ++r)
    image[static_cast<std::size_t>(r * 28 + 14)] = image[static_cast<std::size_t>(r * 28 + 15)] = 1.0f;
  return image;
}

}  // namespace

TEST_CASE("feature maps are the layer's own outputs, one map per channel, side by side without overlap") {
  Sequential<float> m = build_model<float>(small_cnn(), 3);
  const Figure f = feature_maps_figure(m, {}, stroke(), 0);
  REQUIRE(f.heatmaps.size() == 3);
  m.keep_outputs(true);
  m.forward(Tensor<float>({1, 1, 28, 28}, stroke()), Mode::Eval);
  const Tensor<float>& conv = m.outputs()[0];
  for (int c = 0; c < 3; ++c) {
    const Heatmap& h = f.heatmaps[static_cast<std::size_t>(c)];
    CHECK(h.rows == 24);
    CHECK(h.cols == 24);
    CHECK(h.values[100] == doctest::Approx(conv[static_cast<std::size_t>(c * 576 + 100)]));
    CHECK(h.min == f.heatmaps[0].min);  // one colour scale for the layer
    if (c > 0) CHECK(h.x0 >= f.heatmaps[static_cast<std::size_t>(c - 1)].x1);
  }
  const Figure dense = feature_maps_figure(m, {}, stroke(), 4);  // ten logits in one row
  REQUIRE(dense.heatmaps.size() == 1);
  CHECK(dense.heatmaps[0].cols == 10);
  CHECK(layer_labels(m).size() == 5);
  const auto filters = first_layer_filters_figure(m);
  REQUIRE(filters);
  CHECK(filters->heatmaps.size() == 3);
  CHECK(filters->heatmaps[1].values[7] == doctest::Approx(static_cast<Conv2D<float>&>(m.layer(0)).W[25 + 7]));
}

TEST_CASE(
    "the noise sweep: σ = 0 is the clean image, pixels stay in [0, 1], the flip is where the prediction first "
    "changes") {
  Sequential<float> m = build_model<float>(small_cnn(), 3);
  CHECK(noisy_image(stroke(), 0, 5) == stroke());
  const std::vector<float> noisy = noisy_image(stroke(), 0.8, 5);
  CHECK(*std::min_element(noisy.begin(), noisy.end()) >= 0.0f);
  CHECK(*std::max_element(noisy.begin(), noisy.end()) <= 1.0f);
  CHECK(noisy != stroke());
  const NoiseSweep s = noise_sweep(m, {}, stroke(), 5, 20);
  REQUIRE(s.sigma.size() == 21);
  CHECK(s.sigma.back() == 1.0);
  for (std::size_t i = 0; i < s.sigma.size(); ++i) {
    const bool before_flip = !s.flips_at || s.sigma[i] < *s.flips_at;
    if (before_flip) CHECK(s.predicted[i] == s.predicted[0]);
  }
  if (s.flips_at) CHECK(s.predicted[static_cast<std::size_t>(std::lround(*s.flips_at * 20))] != s.predicted[0]);
  if (s.flips_at) CHECK(s.flips_to == s.predicted[static_cast<std::size_t>(std::lround(*s.flips_at * 20))]);
  const std::vector<Figure> figs = noise_figures(m, {}, stroke(), 1, 0.3, 5);
  REQUIRE(figs.size() == 2);
  CHECK(figs[1].heatmaps[0].values.size() == 784);
}

TEST_CASE("the backwards query is offered for dense + sigmoid networks only") {
  ModelSpec mlp;
  mlp.io = {.inputs_001 = true, .sigmoid_outputs = true};
  mlp.layers = {{.type = "flatten"},
                {.type = "dense", .units = 20, .bias = false},
                {.type = "sigmoid"},
                {.type = "dense", .units = 10, .bias = false},
                {.type = "sigmoid"}};
  Sequential<float> m = build_model<float>(mlp, 2);
  const auto query = backwards_query_figure(m);
  REQUIRE(query);
  CHECK(query->heatmaps.size() == 10);
  for (double v : query->heatmaps[4].values) CHECK((v >= 0.01 - 1e-12 && v <= 0.99 + 1e-12));
  Sequential<float> cnn = build_model<float>(small_cnn(), 3);
  CHECK_FALSE(backwards_query_figure(cnn));
}

TEST_CASE("file names spell the math symbols of titles in ASCII") {
  CHECK(file_slug("Conv2D 5×5×8 → 16 filters") == "conv2d-5x5x8-to-16-filters");
  CHECK(file_slug("With noise σ = 0.30") == "with-noise-sigma-0-30");
  CHECK(file_slug("∂E/∂w₁") == "de-dw1");
  CHECK(file_slug("a₃⁽¹⁾: layer 1, unit 3") == "a3-layer-1-unit-3");  // every subscript digit, not only ₀ ₁ ₂
  CHECK(file_slug("ü") == "figure");
}
