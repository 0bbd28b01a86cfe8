// settings.h — what the app remembers between runs (the last lesson, its step and whether Try it was
// on, the precision, the text size, the theme and which lesson summaries are folded), kept in the
// user's config directory ($XDG_CONFIG_HOME/neurostep/settings.toml) as TOML, written through the
// core's atomic writer (a temporary file, flushed, renamed) so a crash never leaves a half-written
// file.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "gui/app_ui.h"
#include "gui/theme.h"

namespace neurostep {

struct Settings {
  std::string lesson;   // id of the lesson open at exit
  int step = 1;         // its step (1-based) at exit
  bool try_it = false;  // whether Try it was on
  int precision = 4;
  int scale_percent = kScaleDefault;  // the text size, kScaleMin…kScaleMax
  Theme theme = Theme::Dark;
  std::map<std::string, bool> summaries;  // lesson id → its summary open (absent: not visited yet)
  bool operator==(const Settings&) const = default;
};

// Defaults if missing or unreadable; a value that is missing, of the wrong type or out of range
// takes its default and the others are kept.
Settings load_settings(const std::filesystem::path& file);
// Writes the settings; a failure (a read-only or full disk, a missing folder) is said on stderr and
// returns false, leaving the previous file untouched.
bool save_settings(const std::filesystem::path& file, const Settings& settings);

// The one start-up and exit of both platforms (the native window and the web page): the
// remembered view goes into the app before the first lesson opens, and comes back out of it.
// (The lesson and its step are opened by the caller, after the catalog is read.)
void apply_settings(const Settings& settings, AppState& app);
Settings settings_of(const AppState& app);

}  // namespace neurostep
