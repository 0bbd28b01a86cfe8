// capabilities.h — what some lesson kinds offer beyond their numbers and trace, needing nothing
// above the framework: a lesson class derives from the interface and the window finds it with
// Lesson::offers<C>(). Capabilities that need a higher floor live there (Trainable in
// lessons/training/trainable.h, PlaygroundHost in lessons/playground/playground_host.h).
#pragma once

#include <string>
#include <vector>

#include "core/model_spec.h"
#include "figure/diagram.h"

namespace neurostep {

// A lesson whose plots answer a click (activations: the point whose z to show; chain-rule: the
// weight to follow; cnn-walk: the cell whose sum to show).
class ClickableFigures {
 public:
  virtual ~ClickableFigures() = default;
  // A click on a plot point with this id (Series::ids); returns true if the lesson's numbers changed.
  virtual bool on_figure_click(int id) = 0;
};

// A lesson that takes a digit the student drew (in the MNIST lesson's Train tab) as its input
// (cnn-walk).
class TakesDrawing {
 public:
  virtual ~TakesDrawing() = default;
  // Takes the drawing (28×28 values 0–1, as the MNIST models see it); returns true if the lesson's
  // numbers changed.
  virtual bool use_drawing(const std::vector<float>& pixels) = 0;
};

// A lesson whose own network is a ModelSpec, drawn as its diagram (cnn-walk). Not the MNIST
// lesson's models nor the playground's network, which their own capabilities carry.
class HasNetworkSpec {
 public:
  virtual ~HasNetworkSpec() = default;
  virtual ModelSpec network_spec() const = 0;  // built as the lesson builds its network
};

// A lesson that counts architectures it never builds (AlexNet, VGG: alexnet-vgg), each drawn from
// its own count under the name `neurostep diagram` takes.
class CountsArchitectures {
 public:
  struct NamedDiagram {
    std::string name;
    NetworkDiagram diagram;
  };
  virtual ~CountsArchitectures() = default;
  virtual std::vector<NamedDiagram> counted_diagrams() const = 0;
};

}  // namespace neurostep
