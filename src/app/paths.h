// paths.h — where the app finds its lessons and keeps its settings.
#pragma once

#include <filesystem>

namespace neurostep {

// The lessons folder: `override` if given, else $NEUROSTEP_LESSONS, else lessons/ next to the
// build folder of this executable, else the source tree's lessons/, else ./lessons.
std::filesystem::path find_lessons_dir(const std::filesystem::path& override_dir);

// $XDG_CONFIG_HOME/neurostep (default ~/.config/neurostep), created on demand.
std::filesystem::path config_dir();

}  // namespace neurostep
