// mnist_explore.h — looking inside a trained MNIST model, for one image: every layer's feature
// maps and the learned first-layer filters, how the prediction holds up as Gaussian noise is
// added (Lazović 2020, Fig. 27), and for Symon's sigmoid MLP the backwards query (§7). Each view is
// a Figure, so the window draws it and the exports write it like every other plot.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model_spec.h"
#include "figure/figure.h"

namespace neurostep {

// Several same-sized maps (row-major rows × cols each) side by side in one figure, `per_row` to a
// row, each labelled underneath, on one colour scale.
Figure image_grid_figure(std::string title, const std::vector<std::vector<double>>& maps, int rows, int cols,
                         const std::vector<std::string>& labels, bool diverging, int per_row);

// "3  ReLU → 8×24×24": one line per layer, for choosing whose feature maps to show.
std::vector<std::string> layer_labels(const Sequential<float>& model);

// The output of layer `layer` for one 28×28 image (pixels 0–1): each channel of a (C, H, W) output
// as a map, a vector output as one row of cells.
Figure feature_maps_figure(Sequential<float>& model, const ModelIO& io, const std::vector<float>& image, int layer);

// The weights of the first layer with weights: each Conv2D filter (every input channel of it) or,
// for a dense first layer on images, the weights into the first 16 units as images.
std::optional<Figure> first_layer_filters_figure(Sequential<float>& model);

// Gaussian noise of standard deviation σ added to the image (one fixed noise pattern ε from `seed`,
// scaled by σ, pixels clipped to [0, 1]). Two figures: the scores of the clean image's prediction
// and of the true digit against σ from 0 to 1 with where the prediction first changes, and the
// image with noise σ = `sigma` with what the model says of it.
struct NoiseSweep {
  std::vector<double> sigma;
  std::vector<int> predicted;              // per σ
  std::vector<std::vector<float>> scores;  // per σ, one per class
  std::optional<double> flips_at;          // the first σ whose prediction differs from σ = 0's
  int flips_to = -1;                       // and that prediction
};
NoiseSweep noise_sweep(Sequential<float>& model, const ModelIO& io, const std::vector<float>& image, std::uint64_t seed,
                       int steps = 40);
std::vector<float> noisy_image(const std::vector<float>& image, double sigma, std::uint64_t seed);
std::vector<Figure> noise_figures(Sequential<float>& model, const ModelIO& io, const std::vector<float>& image,
                                  int label, double sigma, std::uint64_t seed);

// Every view of one image, in the order the window shows them: the backwards query where the
// model has one, the feature maps of `layer` (of every layer when `layer` < 0), the first-layer
// filters, and the two noise figures for σ = `noise`. `label` is the true digit, −1 if unknown.
std::vector<Figure> inside_figures(Sequential<float>& model, const ModelIO& io, const std::vector<float>& image,
                                   int label, int layer, double noise);

// Symon's §7 backwards query of every digit as a grid of images; nothing for a model that is
// not dense layers with sigmoids.
std::optional<Figure> backwards_query_figure(Sequential<float>& model);

}  // namespace neurostep
