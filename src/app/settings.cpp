#include "app/settings.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <sstream>

#include "core/io/atomic_file.h"

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
    if (const toml::table* summaries = t["summaries"].as_table())
      for (const auto& [id, open] : *summaries)
        if (const auto b = open.value<bool>()) s.summaries[std::string(id.str())] = *b;
  } catch (const std::exception&) {
    // Missing or broken settings: start with the defaults (the file is rewritten at exit).
  }
  return s;
}

bool save_settings(const std::filesystem::path& file, const Settings& settings) {
  toml::table summaries;
  for (const auto& [id, open] : settings.summaries) summaries.insert(id, open);
  std::ostringstream text;
  text << toml::table{{"lesson", settings.lesson},        {"step", settings.step},
                      {"try_it", settings.try_it},        {"precision", settings.precision},
                      {"scale", settings.scale_percent},  {"theme", theme_name(settings.theme)},
                      {"summaries", std::move(summaries)}}
       << "\n";
  try {
    write_file_atomically(file, text.str());
    return true;
  } catch (const std::exception& e) {
    fmt::print(stderr, "neurostep: settings not saved: {}\n", e.what());
    return false;
  }
}

void apply_settings(const Settings& settings, AppState& app) {
  app.view.precision = settings.precision;
  app.view.try_it = settings.try_it;
  app.view.summaries = settings.summaries;
  app.display.scale_percent = settings.scale_percent;
  app.display.theme = settings.theme;
}

Settings settings_of(const AppState& app) {
  Settings s;
  s.lesson = app.lessons.selected >= 0 ? app.lessons.catalog[static_cast<std::size_t>(app.lessons.selected)].id : "";
  s.step = app.lessons.session ? app.lessons.session->current() + 1 : 1;
  s.try_it = app.view.try_it;
  s.precision = app.view.precision;
  s.scale_percent = app.display.scale_percent;
  s.theme = app.display.theme;
  s.summaries = app.view.summaries;
  return s;
}

}  // namespace neurostep
