// model_diagram.h — the architecture diagram (figure/diagram.h) of a real model: read layer by
// layer from the core Sequential the trainer and the lessons build, with each layer's parameter
// count from Sequential::summary() and the total from Sequential::param_count() (the count
// `neurostep train` prints). Also the models `neurostep diagram` and the window draw: the MNIST
// presets by name, and a lesson's own network (cnn-walk, a playground).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/model_spec.h"
#include "core/sequential.h"
#include "figure/diagram.h"
#include "lessons/training/mnist_models.h"

namespace neurostep {

class Lesson;

// Columns for the layers that make a new shape (conv, pooling, padding, flatten, dense), with the
// shape-keeping layers after each (activations, batch normalization, dropout) on its arrow; an MLP
// (no convolution) as a node graph.
template <typename T>
NetworkDiagram model_diagram(const Sequential<T>& model, std::string title);

// The diagram of an MNIST preset, built as the trainer builds it (build_model).
NetworkDiagram preset_diagram(const MnistModel& model);

// The diagram of a lesson's own network — cnn-walk's (Lesson::network_spec) or a playground's
// current network — or nullopt for a lesson without one.
std::optional<NetworkDiagram> lesson_diagram(const Lesson& lesson);

// The diagram `neurostep diagram NAME` draws: an MNIST preset by the name `train --model` takes, or
// the network of the lesson with this id (cnn-walk, a playground lesson); nullopt for any other
// name. Throws LessonError for a lesson file that does not load.
std::optional<NetworkDiagram> named_diagram(const std::filesystem::path& lessons_dir, const std::string& name);
// Every name named_diagram takes, presets first (for the message about a wrong one).
std::vector<std::string> diagram_names(const std::filesystem::path& lessons_dir);

}  // namespace neurostep
