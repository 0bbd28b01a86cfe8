// external_program.h — what the commands need to run another program (pdflatex for worksheets and
// slides; npm, curl, wget, tar, md5sum for `neurostep data fetch`): the program on PATH, a word
// quoted for the shell that runs it, and a temporary folder for the files it writes.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace neurostep {

// The executable file `name` in the first folder of PATH that has one, or nothing if there is none
// (an empty entry of PATH is skipped, not taken as the working folder).
std::optional<std::filesystem::path> find_program(const std::string& name);

// `s` as one word for /bin/sh: in single quotes, a quote inside written '\''.
std::string shell_quote(const std::string& s);

// A new empty folder in the system's temporary folder, named `prefix` and six random characters
// ("neurostep-slides-a1B2c3"); removed with everything in it when this goes out of scope. Throws if
// it cannot be made.
class TempFolder {
 public:
  explicit TempFolder(const std::string& prefix);
  ~TempFolder();
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The whole file's bytes (empty if it cannot be read: a log pdflatex did not write).
std::string read_bytes(const std::filesystem::path& p);

}  // namespace neurostep
