// settings.h — what the app remembers between runs (the last lesson, the precision), kept in the
// user's config directory as TOML, written to a temporary file and renamed so a crash never
// leaves a half-written file.
#pragma once

#include <filesystem>
#include <string>

namespace neurostep {

struct Settings {
  std::string lesson;  // id of the lesson open at exit
  int precision = 4;
};

Settings load_settings(const std::filesystem::path& file);  // defaults if missing or unreadable
void save_settings(const std::filesystem::path& file, const Settings& settings);

}  // namespace neurostep
