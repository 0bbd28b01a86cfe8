#include "app/settings.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <sstream>

#include "core/atomic_file.h"

namespace neurostep {

Settings load_settings(const std::filesystem::path& file) {
  Settings s;
  try {
    const toml::table t = toml::parse_file(file.string());
    s.lesson = t["lesson"].value_or(std::string());
    s.step = std::max(1, t["step"].value_or(1));
    s.try_it = t["try_it"].value_or(false);
    const int p = t["precision"].value_or(4);
    s.precision = (p == 3 || p == 4 || p == 6) ? p : 4;
    const int scale = t["scale"].value_or(kScaleDefault);
    s.scale_percent = valid_scale(scale) ? scale : kScaleDefault;
    s.theme = t["theme"].value_or(std::string()) == theme_name(Theme::Light) ? Theme::Light : Theme::Dark;
  } catch (const std::exception&) {
    // Missing or broken settings: start with the defaults (the file is rewritten at exit).
  }
  return s;
}

bool save_settings(const std::filesystem::path& file, const Settings& settings) {
  std::ostringstream text;
  text << toml::table{{"lesson", settings.lesson},
                      {"step", settings.step},
                      {"try_it", settings.try_it},
                      {"precision", settings.precision},
                      {"scale", settings.scale_percent},
                      {"theme", theme_name(settings.theme)}}
       << "\n";
  try {
    write_file_atomically(file, text.str());
    return true;
  } catch (const std::exception& e) {
    fmt::print(stderr, "neurostep: settings not saved: {}\n", e.what());
    return false;
  }
}

}  // namespace neurostep
