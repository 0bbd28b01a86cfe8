// fetch_tools.h — what `neurostep data fetch` needs from the system to download a data set: the
// programs on $PATH (npm, curl, tar, md5sum; found with find_program, app/external_program.h) run
// in a folder, and a temporary folder next to the target that goes away whatever happens, so that
// a failed fetch leaves nothing half-written. Native only (fork/exec).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace neurostep {

// Runs a program in `dir` with its output sent to stderr (so that ours stays clean); the exit code,
// or -1 if it could not be started or did not exit normally.
int run_in(const std::filesystem::path& dir, const std::vector<std::string>& argv);

// A temporary folder (parent/.NAME-fetch-XXXXXX) removed with everything in it when this goes out of scope.
struct FetchTempDir {
  std::filesystem::path path;
  FetchTempDir(const std::filesystem::path& parent, const std::string& name);
  ~FetchTempDir();
  FetchTempDir(const FetchTempDir&) = delete;
  FetchTempDir& operator=(const FetchTempDir&) = delete;
};

// Moves the checked folder `staged` to `target` whole (an old copy goes into `scratch` first), so
// that `--data` never sees a half-written set.
void move_in_place(const std::filesystem::path& staged, const std::filesystem::path& target,
                   const std::filesystem::path& scratch);

}  // namespace neurostep
