#include "app/startup.h"

#include "app/paths.h"
#include "core/io/user_dirs.h"

namespace neurostep {

UserFiles user_files() {
  return {.settings = config_dir() / "settings.toml", .progress = user_state_dir() / "progress"};
}

Settings start_app(AppState& app, const std::optional<UserFiles>& files) {
  const Settings settings = files ? load_settings(files->settings) : Settings{};
  if (files) app.practice.progress_dir = files->progress;
  apply_settings(settings, app);
  return settings;
}

void go_to_step(AppState& app, int step) {
  if (app.lessons.session) apply_actions(app, {.navigate = {.step = StepCommand::GoTo, .go_to = step - 1}});
}

bool remember_settings(const AppState& app, const UserFiles& files, Settings& saved) {
  const Settings now = settings_of(app);
  if (now == saved) return false;
  saved = now;
  return save_settings(files.settings, now);
}

}  // namespace neurostep
