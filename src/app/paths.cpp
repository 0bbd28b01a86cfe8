#include "app/paths.h"

#include <cstdlib>
#include <system_error>

namespace neurostep {

namespace fs = std::filesystem;

fs::path find_lessons_dir(const fs::path& override_dir) {
  if (!override_dir.empty()) return override_dir;
  if (const char* env = std::getenv("NEUROSTEP_LESSONS"); env && *env) return env;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec)
    for (const fs::path& candidate : {exe.parent_path().parent_path() / "lessons", exe.parent_path() / "lessons"})
      if (fs::is_directory(candidate)) return candidate;
  if (fs::is_directory(fs::path(NEUROSTEP_SOURCE_DIR) / "lessons")) return fs::path(NEUROSTEP_SOURCE_DIR) / "lessons";
  return "lessons";
}

fs::path config_dir() {
  fs::path base;
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) base = xdg;
  else if (const char* home = std::getenv("HOME"); home && *home) base = fs::path(home) / ".config";
  else base = fs::temp_directory_path();
  const fs::path dir = base / "neurostep";
  std::error_code ec;
  fs::create_directories(dir, ec);
  return dir;
}

}  // namespace neurostep
