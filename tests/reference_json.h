// reference_json.h — the values of the independent implementations (tests/reference/*.json), each
// file read once; a missing file fails the test with the script that makes it.
#pragma once

#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace neurostep::test {

inline const nlohmann::json& reference_json(const std::string& file, const std::string& made_by) {
  static std::map<std::string, nlohmann::json> read;
  if (const auto it = read.find(file); it != read.end()) return it->second;
  std::ifstream in(std::string(NEUROSTEP_TEST_DIR) + "/reference/" + file);
  REQUIRE_MESSAGE(in.good(), "tests/reference/" << file << " is missing: run tests/reference/" << made_by);
  return read.emplace(file, nlohmann::json::parse(in)).first->second;
}

// A number, or a nested JSON array of numbers flattened in row-major order.
inline std::vector<double> flat(const nlohmann::json& j) {
  if (!j.is_array()) return {j.get<double>()};
  std::vector<double> out;
  for (const auto& e : j) {
    const std::vector<double> inner = flat(e);
    out.insert(out.end(), inner.begin(), inner.end());
  }
  return out;
}

}  // namespace neurostep::test
