#pragma once
#include <string>

namespace neurostep::test {
inline std::string lesson_path(const std::string& id) { return std::string(NEUROSTEP_SOURCE_DIR) + "/lessons/" + id + ".toml"; }
}  // namespace neurostep::test
