// model_diagram.h — the architecture diagram (figure/diagram.h) of a real model: read layer by
// layer from the core Sequential the trainer and the lessons build, with each layer's parameter
// count from Sequential::summary() and the total from Sequential::param_count() (the count
// `neurostep train` prints). Also the models `neurostep diagram` and the window draw: the MNIST
// presets by name, and a lesson's own network (cnn-walk, a playground).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/model_spec.h"
#include "core/sequential.h"
#include "figure/diagram.h"
#include "lessons/training/mnist_models.h"

namespace neurostep {

// Columns for the layers that make a new shape (conv, pooling, padding, flatten, dense), with the
// shape-keeping layers after each (activations, batch normalization, dropout) on its arrow; an MLP
// (no convolution) as a node graph.
template <typename T>
NetworkDiagram model_diagram(const Sequential<T>& model, std::string title);

// The diagram of an MNIST preset, built as the trainer builds it (build_model).
NetworkDiagram preset_diagram(const MnistModel& model);

}  // namespace neurostep
