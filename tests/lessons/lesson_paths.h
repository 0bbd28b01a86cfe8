// Shared helpers of the lesson tests.
#pragma once
#include <doctest/doctest.h>

#include <fstream>
#include <string>

#include "lessons/framework/trace.h"

namespace neurostep::test {

// The smallest lesson file that loads: one sigmoid neuron, one sample.
inline const char* kSmallLesson = R"(id = "t"
kind = "sigmoid-neuron"
title = "T"
[neuron]
weights = [0.5, 0.5]
learning_rate = 1.0
[[samples]]
x = [1, 0]
y = 1
)";

inline std::string lesson_path(const std::string& id) { return std::string(NEUROSTEP_SOURCE_DIR) + "/lessons/" + id + ".toml"; }

// The step with this id; fails the test if there is none.
inline const Step& step(const Trace& t, const std::string& id) {
  for (const auto& s : t.steps)
    if (s.id == id) return s;
  FAIL("no step " << id);
  throw;
}

// A file's whole text.
inline std::string read(const std::string& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

// `s` with the first `from` replaced by `to`; fails the test if there is none.
inline std::string replace(std::string s, const std::string& from, const std::string& to) {
  const auto at = s.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, from);
  return s.replace(at, from.size(), to);
}

}  // namespace neurostep::test
