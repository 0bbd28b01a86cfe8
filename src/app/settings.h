// settings.h — what the app remembers between runs (the last lesson, the precision), kept in the
// user's config directory ($XDG_CONFIG_HOME/neurostep/settings.toml) as TOML, written through the
// core's atomic writer (a temporary file, flushed, renamed) so a crash never leaves a half-written
// file.
#pragma once

#include <filesystem>
#include <string>

namespace neurostep {

struct Settings {
  std::string lesson;  // id of the lesson open at exit
  int precision = 4;
};

Settings load_settings(const std::filesystem::path& file);  // defaults if missing or unreadable
// Writes the settings; a failure (a read-only or full disk, a missing folder) is said on stderr and
// returns false, leaving the previous file untouched.
bool save_settings(const std::filesystem::path& file, const Settings& settings);

}  // namespace neurostep
