#include "app/paths.h"

#include <cstdlib>
#include <string>
#include <system_error>

#include "core/io/user_dirs.h"

namespace neurostep {

namespace fs = std::filesystem;

std::vector<fs::path> data_roots(const fs::path& exe_dir) {
  std::vector<fs::path> roots;
  if (!exe_dir.empty()) {
    roots.push_back(exe_dir.parent_path() / "share" / "neurostep");  // installed: PREFIX/bin/neurostep
    roots.push_back(exe_dir.parent_path());                          // source tree: build/neurostep
    roots.push_back(exe_dir.parent_path().parent_path());            // source tree: build/sub/neurostep
  }
  const char* env = std::getenv("XDG_DATA_DIRS");
  const std::string dirs = env && *env ? env : "/usr/local/share:/usr/share";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    const std::size_t end = std::min(dirs.find(':', start), dirs.size());
    const fs::path dir = dirs.substr(start, end - start);
    if (dir.is_absolute()) roots.push_back(dir / "neurostep");  // the specification ignores relative entries
    start = end + 1;
  }
  return roots;
}

std::vector<fs::path> program_data_roots() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return data_roots(ec ? fs::path() : exe.parent_path());
}

fs::path find_lessons_dir(const fs::path& override_dir) {
  if (!override_dir.empty()) return override_dir;
  if (const char* env = std::getenv("NEUROSTEP_LESSONS"); env && *env) return env;
  std::error_code ec;
  for (const fs::path& root : program_data_roots())
    if (fs::is_directory(root / "lessons", ec)) return root / "lessons";
  return "lessons";
}

namespace {

fs::path created_or_as_is(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);  // a failure shows when a file is written there
  return dir;
}

}  // namespace

fs::path config_dir() { return created_or_as_is(user_config_dir()); }
fs::path state_dir() { return created_or_as_is(user_state_dir()); }

}  // namespace neurostep
