#include "lessons/training/mnist_explore.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "core/backwards_query.h"
#include "core/conv2d.h"
#include "core/dense.h"
#include "core/trainer.h"

namespace neurostep {

namespace {
constexpr std::uint64_t kNoiseSeed = 2026;  // one fixed noise pattern, so that moving σ only scales it
}

Figure image_grid_figure(std::string title, const std::vector<std::vector<double>>& maps, int rows, int cols,
                         const std::vector<std::string>& labels, bool diverging, int per_row) {
  const int count = static_cast<int>(maps.size()), across = std::max(1, std::min(per_row, count));
  const int down = (count + across - 1) / across;
  const double gap = std::max(1.0, 0.25 * cols), label_room = labels.empty() ? gap : std::max(2.0, 0.45 * rows);
  const double width = across * cols + (across - 1) * gap, height = down * (rows + label_room);
  Figure f{.title = std::move(title),
           .x = {"", 0, width},
           .y = {"", 0, height},
           .equal_aspect = true,
           .show_axes = false,
           .aspect = height / width};
  const ColourScale scale = colour_scale(maps, diverging);  // one scale for every map
  for (int i = 0; i < count; ++i) {
    const double x0 = (i % across) * (cols + gap), y1 = height - (i / across) * (rows + label_room);
    f.heatmaps.push_back({.rows = rows,
                          .cols = cols,
                          .values = maps[static_cast<std::size_t>(i)],
                          .x0 = x0,
                          .x1 = x0 + cols,
                          .y0 = y1 - rows,
                          .y1 = y1,
                          .min = scale.min,
                          .max = scale.max,
                          .diverging = diverging,
                          .scale_label = i == 0 ? "value" : ""});
    if (static_cast<std::size_t>(i) < labels.size())
      f.annotations.push_back(
          {.x = x0 + cols / 2.0, .y = y1 - rows, .text = labels[static_cast<std::size_t>(i)], .below = true});
  }
  return f;
}

std::vector<std::string> layer_labels(const Sequential<float>& model) {
  std::vector<std::string> out;
  const auto rows = model.summary();
  for (std::size_t i = 0; i < rows.size(); ++i)
    out.push_back(fmt::format("{}  {} → {}", i + 1, rows[i].layer, shape_string(rows[i].output)));
  return out;
}

Figure feature_maps_figure(Sequential<float>& model, const ModelIO& io, const std::vector<float>& image, int layer) {
  layer = std::clamp(layer, 0, static_cast<int>(model.size()) - 1);
  model.keep_outputs(true);
  model.forward(image_input(image, 28, 28, io), Mode::Eval);
  model.keep_outputs(false);
  const Tensor<float>& out = model.outputs()[static_cast<std::size_t>(layer)];
  const std::vector<int> per_image(out.shape().begin() + 1, out.shape().end());
  const std::string title =
      fmt::format("Feature maps: output of layer {} ({}, {})", layer + 1,
                  model.layer(static_cast<std::size_t>(layer)).kind(), fmt::join(per_image, " × "));
  const bool diverging = std::any_of(out.values().begin(), out.values().end(), [](float v) { return v < 0; });
  std::vector<std::vector<double>> maps;
  std::vector<std::string> labels;
  if (out.rank() == 4) {  // (1, C, H, W): one map per channel
    const int channels = out.dim(1), h = out.dim(2), w = out.dim(3);
    for (int c = 0; c < channels; ++c) {
      maps.emplace_back(out.data() + static_cast<std::size_t>(c) * h * w,
                        out.data() + static_cast<std::size_t>(c + 1) * h * w);
      labels.push_back(std::to_string(c + 1));
    }
    return image_grid_figure(title, maps, h, w, labels, diverging, channels <= 8 ? 4 : 8);
  }
  // A vector: one row of cells, or a long one wrapped into a square (784 values as 28 × 28).
  const int n = static_cast<int>(out.size());
  const int width = n <= 32 ? n : static_cast<int>(std::ceil(std::sqrt(static_cast<double>(n)))),
            height = (n + width - 1) / width;
  std::vector<double> cells(static_cast<std::size_t>(width * height), 0.0);
  std::copy(out.values().begin(), out.values().end(), cells.begin());
  Figure f = matrix_figure(title, cells, height, width, diverging, n <= 10);
  f.aspect = std::clamp(static_cast<double>(height) / width, 0.12, 0.4);
  return f;
}

std::optional<Figure> first_layer_filters_figure(Sequential<float>& model) {
  for (std::size_t i = 0; i < model.size(); ++i) {
    if (auto* conv = dynamic_cast<Conv2D<float>*>(&model.layer(i))) {
      const int k = conv->kernel(), channels = conv->in_channels(), filters = conv->filters();
      std::vector<std::vector<double>> maps;
      std::vector<std::string> labels;
      for (int f = 0; f < filters; ++f)
        for (int c = 0; c < channels; ++c) {
          const float* w = conv->W.data() + (static_cast<std::size_t>(f) * channels + c) * k * k;
          maps.emplace_back(w, w + k * k);
          labels.push_back(channels == 1 ? std::to_string(f + 1) : fmt::format("{}.{}", f + 1, c + 1));
        }
      return image_grid_figure(
          fmt::format("Learned filters of the first convolution ({} of {}×{}; red +, blue −)", filters, k, k), maps, k,
          k, labels, true, maps.size() <= 8 ? 4 : 8);
    }
    if (auto* dense = dynamic_cast<Dense<float>*>(&model.layer(i))) {
      if (dense->inputs() != 28 * 28) return std::nullopt;
      std::vector<std::vector<double>> maps;
      std::vector<std::string> labels;
      const int shown = std::min(16, dense->outputs());
      for (int u = 0; u < shown; ++u) {
        const float* w = dense->W.data() + static_cast<std::size_t>(u) * 784;
        maps.emplace_back(w, w + 784);
        labels.push_back(std::to_string(u + 1));
      }
      return image_grid_figure(fmt::format("Weights into the first {} of {} units of the first layer (red +, blue −)",
                                           shown, dense->outputs()),
                               maps, 28, 28, labels, true, 8);
    }
  }
  return std::nullopt;
}

std::vector<float> noisy_image(const std::vector<float>& image, double sigma, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<float> noise(0.0f, 1.0f);
  std::vector<float> out(image.size());
  for (std::size_t i = 0; i < image.size(); ++i)
    out[i] = std::clamp(image[i] + static_cast<float>(sigma) * noise(rng), 0.0f, 1.0f);
  return out;
}

NoiseSweep noise_sweep(Sequential<float>& model, const ModelIO& io, const std::vector<float>& image, std::uint64_t seed,
                       int steps) {
  NoiseSweep s;
  std::vector<float> pixels;  // every noisy image, one after another
  for (int i = 0; i <= steps; ++i) {
    s.sigma.push_back(static_cast<double>(i) / steps);
    const std::vector<float> x = noisy_image(image, s.sigma.back(), seed);
    pixels.insert(pixels.end(), x.begin(), x.end());
  }
  const Tensor<float> scores = predict_scores(model, image_input(pixels, 28, 28, io), io);
  const int classes = scores.dim(1);
  for (int i = 0; i <= steps; ++i) {
    const float* row = scores.data() + static_cast<std::size_t>(i) * classes;
    s.scores.emplace_back(row, row + classes);
    s.predicted.push_back(static_cast<int>(std::max_element(row, row + classes) - row));
    if (!s.flips_at && s.predicted.back() != s.predicted.front()) {
      s.flips_at = s.sigma[static_cast<std::size_t>(i)];
      s.flips_to = s.predicted.back();
    }
  }
  return s;
}

std::vector<Figure> noise_figures(Sequential<float>& model, const ModelIO& io, const std::vector<float>& image,
                                  int label, double sigma, std::uint64_t seed) {
  const NoiseSweep s = noise_sweep(model, io, image, seed);
  const int clean = s.predicted.front();
  Figure curve{
      .title = "Adding Gaussian noise: the model's score of each digit as the noise grows (Lazović 2020, Fig. 27)",
      .x = {"noise σ (pixel values 0–1)", 0, 1},
      .y = {io.sigmoid_outputs ? "output" : "probability", 0, 1.02}};
  const std::vector<int> digits =
      label >= 0 && label != clean ? std::vector<int>{clean, label} : std::vector<int>{clean};
  const Color colors[] = {Color::Blue, Color::Green};
  for (std::size_t d = 0; d < digits.size(); ++d) {
    Series line{
        .kind = Series::Kind::Line,
        .label = fmt::format("{} {}", digits[d], digits[d] == label ? "(the true digit)" : "(predicted without noise)"),
        .x = s.sigma,
        .color = colors[d]};
    for (const auto& row : s.scores) line.y.push_back(row[static_cast<std::size_t>(digits[d])]);
    curve.series.push_back(std::move(line));
  }
  curve.series.push_back({.kind = Series::Kind::Line,
                          .x = {sigma, sigma},
                          .y = {0, 1.02},
                          .color = Color::Gray,
                          .width = 1.5f,
                          .dashed = true});
  if (s.flips_at) {
    curve.series.push_back({.kind = Series::Kind::Line,
                            .label = fmt::format("the prediction becomes {} at σ = {}", s.flips_to, *s.flips_at),
                            .x = {*s.flips_at, *s.flips_at},
                            .y = {0, 1.02},
                            .color = Color::Red,
                            .width = 2});
  }
  curve.legend = Corner::BottomLeft;
  const std::vector<float> noisy = noisy_image(image, sigma, seed);
  const Tensor<float> scores = predict_scores(model, image_input(noisy, 28, 28, io), io);
  const int predicted =
      static_cast<int>(std::max_element(scores.values().begin(), scores.values().end()) - scores.values().begin());
  Figure picture = matrix_figure(fmt::format("With noise σ = {:.2f}: the model says {} ({:.0f}%)", sigma, predicted,
                                             100 * scores[static_cast<std::size_t>(predicted)]),
                                 std::vector<double>(noisy.begin(), noisy.end()), 28, 28, false, false);
  picture.heatmaps[0].min = 0;
  picture.heatmaps[0].max = 1;
  picture.heatmaps[0].scale_label = "pixel";
  picture.aspect = 0.4;
  return {std::move(curve), std::move(picture)};
}

std::vector<Figure> inside_figures(Sequential<float>& model, const ModelIO& io, const std::vector<float>& image,
                                   int label, int layer, double noise) {
  std::vector<Figure> figs;
  if (auto query = backwards_query_figure(model)) figs.push_back(std::move(*query));  // the MLP's highlight, first
  for (int l = layer < 0 ? 0 : layer; l < (layer < 0 ? static_cast<int>(model.size()) : layer + 1); ++l)
    figs.push_back(feature_maps_figure(model, io, image, l));
  if (auto filters = first_layer_filters_figure(model)) figs.push_back(std::move(*filters));
  for (Figure& f : noise_figures(model, io, image, label, noise, kNoiseSeed)) figs.push_back(std::move(f));
  return figs;
}

std::optional<Figure> backwards_query_figure(Sequential<float>& model) {
  std::vector<std::vector<double>> maps;
  std::vector<std::string> labels;
  try {
    for (int d = 0; d < 10; ++d) {
      maps.push_back(backwards_query(model, query_targets(d)));
      labels.push_back(std::to_string(d));
    }
  } catch (const std::invalid_argument&) {
    return std::nullopt;
  }
  if (maps[0].size() != 784) return std::nullopt;
  return image_grid_figure("Backwards query (Symon, §7): what each output digit asks for", maps, 28, 28, labels, false,
                           5);
}

}  // namespace neurostep
