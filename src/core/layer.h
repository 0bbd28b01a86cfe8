// layer.h — the interface every layer implements, and the error type for bad shapes.
//
// A layer's forward pass caches what its backward pass needs (inputs, masks, argmax positions);
// backward takes ∂E/∂y, returns ∂E/∂x and *accumulates* (+=) ∂E/∂params into the gradients, so
// several backward passes add up until zero_grad(). Backward never overwrites what forward cached:
// the lessons display those values.
// Shapes: `output_shape` works on per-sample shapes (no batch dimension), e.g. {1, 28, 28} → {8, 24, 24};
// forward/backward take batches (N, …).
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/tensor.h"

namespace neurostep {

// A shape that a layer cannot accept (e.g. a 5×5 kernel on a 3×3 input). Data errors, not bugs:
// models built from lesson files report them to the user.
struct ShapeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

enum class Mode { Train, Eval };  // Dropout and BatchNorm behave differently in Eval

template <typename T>
struct Param {
  std::string name;  // "W", "b", "γ", "β"
  Tensor<T>* value;  // owned by the layer
  Tensor<T>* grad;   // same shape, accumulated by backward
};

template <typename T>
class Layer {
 public:
  virtual ~Layer() = default;

  virtual std::string kind() const = 0;                      // "Dense", "Conv2D", …
  virtual std::string describe() const = 0;                  // "Dense 784→128", "Conv2D 5×5×8 stride 1 valid"
  virtual Shape output_shape(const Shape& input) const = 0;  // per sample; throws ShapeError

  // Both take their argument by value: a layer may keep it or turn it into its result without a
  // copy (Sequential hands each layer the tensor the layer before it returned).
  virtual Tensor<T> forward(Tensor<T> x, Mode mode) = 0;
  virtual Tensor<T> backward(Tensor<T> dy) = 0;

  virtual std::vector<Param<T>> params() { return {}; }
  // Values a layer keeps that are not trained by gradients (BatchNorm's running statistics).
  virtual std::vector<Param<T>> buffers() { return {}; }

  std::size_t param_count() {
    std::size_t n = 0;
    for (const auto& p : params()) n += p.value->size();
    return n;
  }
  void zero_grad() {
    for (auto& p : params()) p.grad->fill(T(0));
  }

  // Cleared by Sequential when nobody needs this layer's ∂E/∂x (training never needs the gradient
  // of the image); Dense and Conv2D then skip computing it and backward returns an empty tensor.
  void set_input_grad_wanted(bool wanted) { input_grad_wanted_ = wanted; }

 protected:
  bool input_grad_wanted_ = true;
};

template <typename T>
using LayerPtr = std::unique_ptr<Layer<T>>;

}  // namespace neurostep
