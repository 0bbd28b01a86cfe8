// diagram_command.h — `neurostep diagram MODEL|LESSON [--format svg,pdf,tikz,png] [--out DIR]`: the
// architecture diagram of an MNIST preset (by the name `train --model` takes) or of a lesson's own
// network (cnn-walk, a playground lesson's file), drawn from the model the trainer or the lesson
// builds, with every layer's parameter count and the total. A wrong name or format is refused
// (exit 2) with the valid ones listed, before anything is written.
#pragma once

#include <filesystem>
#include <string>

namespace neurostep {

struct DiagramArguments {
  std::string name;  // a preset's name or a lesson's id (or path)
  std::string format = "svg,pdf,tikz";
  std::string out = ".";  // the folder (created if missing)
};

int diagram_command(const std::filesystem::path& lessons_dir, const DiagramArguments& a);

}  // namespace neurostep
