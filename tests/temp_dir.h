// temp_dir.h — a folder of the test's own in the system's temporary folder, removed at the end of
// its scope: /tmp/neurostep-<name>-<pid>.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <string>

namespace neurostep::test {

struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& name)
      : path(std::filesystem::temp_directory_path() / ("neurostep-" + name + "-" + std::to_string(::getpid()))) {
    std::filesystem::create_directories(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
};

}  // namespace neurostep::test
