// model_spec.h — a model's architecture as data (read from a lesson file), and the model built
// from it. The last layer gives logits, to which the softmax + cross-entropy loss applies softmax,
// unless the model has sigmoid outputs (ModelIO).
//
// Layer types and their fields:
//   conv        filters, kernel, stride (1), padding (0) or same      Conv2D
//   dense       units, bias (true)                                     Dense
//   relu, sigmoid, tanh, leaky_relu (slope), elu (alpha)               activations
//   maxpool, avgpool   size (2), stride (= size)                       Pool2D
//   flatten, dropout (rate), batchnorm, pad (padding)
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/init.h"
#include "core/sequential.h"

namespace neurostep {

struct LayerSpec {
  std::string type;
  int units = 0, filters = 0, kernel = 0, stride = 0, padding = 0, size = 2;
  bool same = false, bias = true;
  double rate = 0, slope = 0.01, alpha = 1;
};

// How images go into a model and what its outputs mean. The CNNs take pixels in [0, 1] and give
// logits, trained by softmax + cross-entropy. Symon's MLP takes pixels in [0.01, 1] (§5.1) and
// ends in a sigmoid whose outputs are trained towards 0.01 (wrong digit) and 0.99 (the digit) by
// the squared error E = ½ Σ (t − o)² (§3, §5.2; the ½ is the "2 we get rid of").
struct ModelIO {
  bool inputs_001 = false;
  bool sigmoid_outputs = false;
};

struct ModelSpec {
  std::string name;   // "sougrati"
  std::string title;  // "Sougrati et al.'s CNN"
  Shape input = {1, 28, 28};
  std::vector<LayerSpec> layers;
  InitKind init = InitKind::HeNormal;
  ModelIO io;
};

// The most parameters a model may have (200 MB of float weights); build_model refuses more
// before allocating anything, so a lesson file asking for a 10⁶×10⁶ layer gets a message.
inline constexpr std::size_t kMaxModelParams = 50'000'000;

// Builds the model with weights drawn from `seed`; throws ShapeError naming the layer that does not
// fit, or the layer that would take the model past kMaxModelParams.
template <typename T>
Sequential<T> build_model(const ModelSpec& spec, std::uint64_t seed);

// One line per layer with its output shape — two models with the same signature can share weights.
template <typename T>
std::string architecture_signature(const Sequential<T>& model);

}  // namespace neurostep
