#include "core/io/user_dirs.h"

#include <cstdlib>
#include <stdexcept>
#include <system_error>

namespace neurostep {

namespace fs = std::filesystem;

namespace {

fs::path base_dir(const char* variable, const char* default_under_home) {
  if (const char* value = std::getenv(variable); value && *value && fs::path(value).is_absolute()) return value;
  if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / default_under_home;
  return fs::temp_directory_path();  // no home at all (a bare service account): still somewhere writable
}

}  // namespace

fs::path user_config_dir() { return base_dir("XDG_CONFIG_HOME", ".config") / "neurostep"; }
fs::path user_state_dir() { return base_dir("XDG_STATE_HOME", ".local/state") / "neurostep"; }
fs::path user_data_dir() { return base_dir("XDG_DATA_HOME", ".local/share") / "neurostep"; }

fs::path create_user_dir(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir))
    throw std::runtime_error(dir.string() + ": cannot create this folder: " + ec.message());
  return dir;
}

}  // namespace neurostep
