#include "core/sequential.h"

#include <fmt/format.h>

#include "core/conv2d.h"
#include "core/dense.h"

namespace neurostep {

template <typename T>
Layer<T>& Sequential<T>::add(LayerPtr<T> layer) {
  try {
    shapes_.push_back(layer->output_shape(output_shape()));
  } catch (const ShapeError& e) {
    throw ShapeError(fmt::format("layer {} ({}): {}", layers_.size() + 1, layer->describe(), e.what()));
  }
  layers_.push_back(std::move(layer));
  return *layers_.back();
}

template <typename T>
std::vector<LayerSummary> Sequential<T>::summary() const {
  std::vector<LayerSummary> rows;
  for (std::size_t i = 0; i < layers_.size(); ++i)
    rows.push_back({layers_[i]->describe(), shapes_[i], layers_[i]->param_count()});
  return rows;
}

template <typename T>
std::size_t Sequential<T>::param_count() const {
  std::size_t n = 0;
  for (const auto& l : layers_) n += l->param_count();
  return n;
}

template <typename T>
void Sequential<T>::initialize(InitKind weights, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  for (auto& l : layers_) {
    if (auto* d = dynamic_cast<Dense<T>*>(l.get())) {
      neurostep::initialize(d->W, weights, d->inputs(), d->outputs(), rng);
      d->b.fill(T(0));
    } else if (auto* c = dynamic_cast<Conv2D<T>*>(l.get())) {
      const int k2 = c->kernel() * c->kernel();
      neurostep::initialize(c->W, weights, c->in_channels() * k2, c->filters() * k2, rng);
      c->b.fill(T(0));
    }
  }
}

template <typename T>
Tensor<T> Sequential<T>::forward(Tensor<T> x, Mode mode) {
  outputs_.clear();
  for (auto& l : layers_) {
    x = l->forward(std::move(x), mode);
    if (keep_outputs_) outputs_.push_back(x);
  }
  return x;
}

template <typename T>
Tensor<T> Sequential<T>::backward(Tensor<T> dy, bool want_input_grad) {
  bool wanted = want_input_grad;  // a layer's ∂E/∂x is wanted if the caller wants it or a layer below has parameters
  for (auto& l : layers_) {
    l->set_input_grad_wanted(wanted);
    wanted = wanted || !l->params().empty();
  }
  output_grads_.assign(keep_outputs_ ? layers_.size() : 0, Tensor<T>());
  for (std::size_t i = layers_.size(); i-- > 0;) {
    if (keep_outputs_) output_grads_[i] = dy;
    dy = layers_[i]->backward(std::move(dy));
    if (dy.empty()) break;  // a layer skipped ∂E/∂x: nothing below it has parameters
  }
  return dy;  // ∂E/∂x of the model's input
}

template <typename T>
std::vector<Param<T>> Sequential<T>::params() {
  std::vector<Param<T>> all;
  for (auto& l : layers_)
    for (auto& p : l->params()) all.push_back(p);
  return all;
}

template <typename T>
void Sequential<T>::zero_grad() {
  for (auto& l : layers_) l->zero_grad();
}

template class Sequential<float>;
template class Sequential<double>;

}  // namespace neurostep
