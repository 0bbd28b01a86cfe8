// settings.h — what the app remembers between runs (the last lesson, its step and whether Try it was
// on, the precision, the text size and the theme), kept in the
// user's config directory ($XDG_CONFIG_HOME/neurostep/settings.toml) as TOML, written through the
// core's atomic writer (a temporary file, flushed, renamed) so a crash never leaves a half-written
// file.
#pragma once

#include <filesystem>
#include <string>

#include "gui/theme.h"

namespace neurostep {

struct Settings {
  std::string lesson;  // id of the lesson open at exit
  int step = 1;        // its step (1-based) at exit
  bool try_it = false; // whether Try it was on
  int precision = 4;
  int scale_percent = kScaleDefault;  // the text size, kScaleMin…kScaleMax
  Theme theme = Theme::Dark;
};

// Defaults if missing or unreadable; a value that is missing, of the wrong type or out of range
// takes its default and the others are kept.
Settings load_settings(const std::filesystem::path& file);
// Writes the settings; a failure (a read-only or full disk, a missing folder) is said on stderr and
// returns false, leaving the previous file untouched.
bool save_settings(const std::filesystem::path& file, const Settings& settings);

}  // namespace neurostep
