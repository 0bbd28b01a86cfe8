// startup.h — the one start-up and exit of both platforms, the native window (native/main.cpp) and
// the web page (web/main_web.cpp): the user's settings read and their view put into the app, where
// Try it's marks are kept, the remembered lesson's step opened, and the settings written back when
// they changed. What differs stays with each platform: the command line's overrides and a
// screenshot run that remembers nothing (native), the file picker and the training worker (web),
// and how the catalog is read (at once, or a file a frame).
#pragma once

#include <filesystem>
#include <optional>

#include "app/settings.h"
#include "gui/app_ui.h"

namespace neurostep {

// Where a run that remembers keeps this user's files.
struct UserFiles {
  std::filesystem::path settings;  // $XDG_CONFIG_HOME/neurostep/settings.toml
  std::filesystem::path progress;  // $XDG_STATE_HOME/neurostep/progress: Try it's marks (created when first saved)
};
UserFiles user_files();

// The settings in `files` (the defaults without: a run that remembers nothing), their view put into
// `app` and Try it's marks kept in `files`. The caller opens the returned settings' lesson once its
// catalog is read, then its step (go_to_step).
Settings start_app(AppState& app, const std::optional<UserFiles>& files);

// Shows step `step` (1-based) of the open lesson, as a click would (the Train tab follows).
void go_to_step(AppState& app, int step);

// Writes the app's settings into `files` when they differ from `saved` (which then holds them);
// returns whether they were written.
bool remember_settings(const AppState& app, const UserFiles& files, Settings& saved);

}  // namespace neurostep
