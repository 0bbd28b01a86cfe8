// user_dirs.h — where a user's own files go (XDG Base Directory Specification), never next to the
// program: settings in $XDG_CONFIG_HOME/neurostep, progress in $XDG_STATE_HOME/neurostep,
// downloaded data in $XDG_DATA_HOME/neurostep. A variable that is unset, empty or not an absolute
// path (the specification says to ignore those) falls back to its default under $HOME.
#pragma once

#include <filesystem>

namespace neurostep {

// $XDG_CONFIG_HOME/neurostep, default ~/.config/neurostep
std::filesystem::path user_config_dir();
// $XDG_STATE_HOME/neurostep, default ~/.local/state/neurostep
std::filesystem::path user_state_dir();
// $XDG_DATA_HOME/neurostep, default ~/.local/share/neurostep
std::filesystem::path user_data_dir();

// These folders are not created here; create_user_dir makes one (and its parents) and returns it,
// or throws std::runtime_error saying why it cannot.
std::filesystem::path create_user_dir(const std::filesystem::path& dir);

}  // namespace neurostep
