#include "app/settings.h"

#include <toml++/toml.h>

#include <fstream>

namespace neurostep {

Settings load_settings(const std::filesystem::path& file) {
  Settings s;
  try {
    const toml::table t = toml::parse_file(file.string());
    s.lesson = t["lesson"].value_or(std::string());
    const int p = t["precision"].value_or(4);
    s.precision = (p == 3 || p == 4 || p == 6) ? p : 4;
  } catch (const std::exception&) {
    // Missing or broken settings: start with the defaults (the file is rewritten at exit).
  }
  return s;
}

void save_settings(const std::filesystem::path& file, const Settings& settings) {
  const std::filesystem::path tmp = file.string() + ".tmp";
  {
    std::ofstream out(tmp);
    out << toml::table{{"lesson", settings.lesson}, {"precision", settings.precision}} << "\n";
    if (!out) return;
  }
  std::error_code ec;
  std::filesystem::rename(tmp, file, ec);
}

}  // namespace neurostep
