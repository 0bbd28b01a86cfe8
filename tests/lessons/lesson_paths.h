// Shared helpers of the lesson tests.
#pragma once
#include <doctest/doctest.h>

#include <string>

#include "lessons/framework/trace.h"

namespace neurostep::test {

inline std::string lesson_path(const std::string& id) { return std::string(NEUROSTEP_SOURCE_DIR) + "/lessons/" + id + ".toml"; }

// The step with this id; fails the test if there is none.
inline const Step& step(const Trace& t, const std::string& id) {
  for (const auto& s : t.steps)
    if (s.id == id) return s;
  FAIL("no step " << id);
  throw;
}

}  // namespace neurostep::test
