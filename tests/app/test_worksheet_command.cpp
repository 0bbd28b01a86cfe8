// `neurostep worksheet --steps A..B`: the range of steps it takes (the files it writes are tested
// by tests/cli_test.cmake and tests/worksheet_latex_test.sh).
#include <doctest/doctest.h>
#include <filesystem>

#include "app/worksheet_command.h"

using namespace neurostep;

TEST_CASE("--steps takes A..B, A.. and ..B, 1-based and in order") {
  CHECK(parse_step_range("3..7") == std::pair{3, 7});
  CHECK(parse_step_range("3..") == std::pair{3, -1});
  CHECK(parse_step_range("..7") == std::pair{1, 7});
  CHECK(parse_step_range("..") == std::pair{1, -1});
  CHECK(parse_step_range("4..4") == std::pair{4, 4});
  CHECK_FALSE(parse_step_range("7..3"));
  CHECK_FALSE(parse_step_range("0..3"));
  CHECK_FALSE(parse_step_range("3"));
  CHECK_FALSE(parse_step_range("a..b"));
  CHECK_FALSE(parse_step_range("-1..3"));
  CHECK_FALSE(parse_step_range("99999999.."));  // not a step number
}

TEST_CASE("the window's Worksheet… writes the same files as neurostep worksheet and says where; an error says why") {
  const auto dir = std::filesystem::temp_directory_path() / "neurostep-window-worksheets";
  std::filesystem::remove_all(dir);
  const std::filesystem::path lessons = std::string(NEUROSTEP_SOURCE_DIR) + "/lessons";
  const std::string status =
      worksheets_for_window(lessons, {.lesson = "sigmoid-neuron", .variants = 2, .seed = 4817, .out = dir.string()});
  CHECK(status.find("Wrote 2 worksheets and their keys (numbers #4817…#4818") == 0);
  CHECK(status.find(dir.string()) != std::string::npos);
  for (const char* name : {"sigmoid-neuron-4817.tex", "sigmoid-neuron-4817-key.md", "sigmoid-neuron-4818-key.tex"})
    CHECK(std::filesystem::exists(dir / name));
  CHECK(worksheets_for_window(lessons, {.lesson = "no-such-lesson", .out = dir.string()})
            .find("Worksheets not written: neurostep: no lesson") == 0);
  std::filesystem::remove_all(dir);
}
