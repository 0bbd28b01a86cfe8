// find_program: the one PATH lookup of the program (pdflatex for worksheets and slides; npm, curl,
// wget, tar and md5sum for `neurostep data fetch`).
#include <doctest/doctest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "app/external_program.h"
#include "temp_dir.h"

using namespace neurostep;

namespace {

// PATH set to `value` for the scope, then what it was.
struct PathFor {
  std::optional<std::string> saved;
  explicit PathFor(const std::string& value) {
    if (const char* p = ::getenv("PATH")) saved = p;
    ::setenv("PATH", value.c_str(), 1);
  }
  ~PathFor() {
    if (saved)
      ::setenv("PATH", saved->c_str(), 1);
    else
      ::unsetenv("PATH");
  }
};

void make_file(const std::filesystem::path& p, mode_t mode) {
  std::ofstream(p) << "#!/bin/sh\n";
  ::chmod(p.c_str(), mode);
}

}  // namespace

TEST_CASE("find_program takes the first executable file of that name on PATH, and nothing else") {
  const test::TempDir dir("find-program");
  const std::filesystem::path a = dir.path / "a", b = dir.path / "b";
  std::filesystem::create_directories(a);
  std::filesystem::create_directories(b);
  make_file(a / "tool", 0644);  // not executable: skipped
  make_file(b / "tool", 0755);
  std::filesystem::create_directories(a / "folder");  // a folder is not a program
  make_file(b / "other", 0755);

  const PathFor path(a.string() + ":" + b.string());
  CHECK(find_program("tool") == b / "tool");
  CHECK(find_program("other") == b / "other");
  CHECK_FALSE(find_program("folder"));
  CHECK_FALSE(find_program("missing"));

  make_file(a / "tool", 0755);  // now the first one on PATH is executable
  CHECK(find_program("tool") == a / "tool");
}

TEST_CASE("an empty PATH entry is not taken as the working folder") {
  const test::TempDir dir("find-program-cwd");
  make_file(dir.path / "here", 0755);
  const std::filesystem::path before = std::filesystem::current_path();
  std::filesystem::current_path(dir.path);
  {
    const PathFor path(":/nonexistent:");
    CHECK_FALSE(find_program("here"));
  }
  std::filesystem::current_path(before);
}
