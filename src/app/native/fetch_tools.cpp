#include "app/native/fetch_tools.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace neurostep {

namespace fs = std::filesystem;

int run_in(const fs::path& dir, const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::fflush(stdout);
  const pid_t pid = ::fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    if (::chdir(dir.c_str()) != 0) ::_exit(127);
    ::dup2(STDERR_FILENO, STDOUT_FILENO);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

FetchTempDir::FetchTempDir(const fs::path& parent, const std::string& name) {
  std::string pattern = (parent / ("." + name + "-fetch-XXXXXX")).string();
  if (!::mkdtemp(pattern.data()))
    throw std::runtime_error(parent.string() + ": cannot make a temporary folder: " + std::strerror(errno));
  path = pattern;
}

FetchTempDir::~FetchTempDir() {
  std::error_code ec;
  fs::remove_all(path, ec);
}

void move_in_place(const fs::path& staged, const fs::path& target, const fs::path& scratch) {
  const fs::path old = scratch / "old";
  if (fs::exists(target)) fs::rename(target, old);
  fs::rename(staged, target);
}

}  // namespace neurostep
