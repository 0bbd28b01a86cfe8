// sequential.h — a model made of layers applied one after another.
//
// Knows its per-sample input shape, checks every layer against the shape before it as it is added
// (a ShapeError names the layer), reports each layer's output shape and parameter count
// (the architecture table), runs forward and backward through all layers, and initializes weights
// from one seed so that a run is reproducible.
#pragma once

#include <cstdint>
#include <vector>

#include "core/init.h"
#include "core/layer.h"

namespace neurostep {

struct LayerSummary {
  std::string layer;   // describe() of the layer
  Shape output;        // per-sample output shape
  std::size_t params;  // trainable parameters
};

template <typename T>
class Sequential {
 public:
  explicit Sequential(Shape input_shape) : input_shape_(std::move(input_shape)) {}

  // Appends a layer; throws ShapeError (naming the layer and its position) if it cannot take the
  // previous output.
  Layer<T>& add(LayerPtr<T> layer);
  template <typename L, typename... Args>
  L& emplace(Args&&... args) {
    return static_cast<L&>(add(std::make_unique<L>(std::forward<Args>(args)...)));
  }

  const Shape& input_shape() const { return input_shape_; }
  const Shape& output_shape() const { return shapes_.empty() ? input_shape_ : shapes_.back(); }
  std::size_t size() const { return layers_.size(); }
  Layer<T>& layer(std::size_t i) { return *layers_[i]; }
  const Layer<T>& layer(std::size_t i) const { return *layers_[i]; }

  std::vector<LayerSummary> summary() const;
  std::size_t param_count() const;

  // Draws every weight (Dense W, Conv2D W) from `weights`; biases and BatchNorm shifts start at 0.
  void initialize(InitKind weights, std::uint64_t seed);

  Tensor<T> forward(Tensor<T> x, Mode mode);  // (N, input…) → (N, output…); x is handed on like a layer's
  // Accumulates parameter gradients and returns ∂E/∂x; without want_input_grad it skips the work
  // below the first layer with parameters and returns an empty tensor (training).
  Tensor<T> backward(Tensor<T> dy, bool want_input_grad = true);
  std::vector<Param<T>> params();
  void zero_grad();

  // When set, forward keeps every layer's output (feature maps for display) and backward every
  // layer's ∂E/∂output (δ after a Dense layer, for display); off for training.
  void keep_outputs(bool keep) { keep_outputs_ = keep; }
  const std::vector<Tensor<T>>& outputs() const { return outputs_; }
  const std::vector<Tensor<T>>& output_grads() const { return output_grads_; }

 private:
  Shape input_shape_;
  std::vector<LayerPtr<T>> layers_;
  std::vector<Shape> shapes_;  // per-sample output shape of each layer
  bool keep_outputs_ = false;
  std::vector<Tensor<T>> outputs_;
  std::vector<Tensor<T>> output_grads_;  // ∂E/∂(output of layer i)
};

}  // namespace neurostep
