// paths.h — where the app finds the files it reads (lessons, the MNIST sample) and keeps its own.
//
// Read-only files are found relative to the program itself, so that any install prefix works (and
// a tree staged with DESTDIR and moved elsewhere): an installed program in PREFIX/bin reads
// PREFIX/share/neurostep/; a program in a build folder of the source tree reads the tree's
// lessons/ and assets/. No path of the machine that built it is kept in the binary.
#pragma once

#include <filesystem>
#include <vector>

namespace neurostep {

// The folders that may hold lessons/ and assets/, in the order they are tried: the install
// (exe_dir/../share/neurostep), the source tree (exe_dir/.., exe_dir/../..), then every entry of
// $XDG_DATA_DIRS (default /usr/local/share:/usr/share) + /neurostep.
std::vector<std::filesystem::path> data_roots(const std::filesystem::path& exe_dir);

// data_roots of this program's own folder.
std::vector<std::filesystem::path> program_data_roots();

// The lessons folder: `override_dir` if given, else $NEUROSTEP_LESSONS, else lessons/ in the first
// of data_roots(this program's folder) that has one, else ./lessons.
std::filesystem::path find_lessons_dir(const std::filesystem::path& override_dir);

// $XDG_CONFIG_HOME/neurostep (default ~/.config/neurostep), created on demand (settings).
std::filesystem::path config_dir();
// $XDG_STATE_HOME/neurostep (default ~/.local/state/neurostep), created on demand (progress).
std::filesystem::path state_dir();

}  // namespace neurostep
