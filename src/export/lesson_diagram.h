// lesson_diagram.h — which network a diagram draws: an MNIST preset by the name `train --model`
// takes, or a lesson's own network — cnn-walk's (Lesson::network_spec, built as the lesson builds
// it) or a playground's as it is now — turned into figure data by lessons/training/model_diagram.h.
// What `neurostep diagram` and the window's Diagram… buttons share.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "figure/diagram.h"

namespace neurostep {

class Lesson;

// The diagram of a lesson's own network, or nullopt for a lesson without one.
std::optional<NetworkDiagram> lesson_diagram(const Lesson& lesson);

// A preset by name (or its name before the documents were cited by name), else an architecture a
// lesson counts (alexnet, vgg16: Lesson::counted_diagrams), else the network of the lesson with
// this id or path; nullopt for any other name. Throws for a lesson file that does not load.
std::optional<NetworkDiagram> named_diagram(const std::filesystem::path& lessons_dir, const std::string& name);
// Every name named_diagram takes, presets first (for the message about a wrong one).
std::vector<std::string> diagram_names(const std::filesystem::path& lessons_dir);

}  // namespace neurostep
