// atomic_file.h — writing a file so that a crash never leaves it half written: the bytes go to a
// temporary file in the same folder, which is flushed and then renamed over the target (rename is
// atomic on POSIX file systems). Throws std::runtime_error naming the file if anything fails; the
// previous file, if any, is then untouched.
#pragma once

#include <filesystem>
#include <string_view>

namespace neurostep {

void write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

}  // namespace neurostep
