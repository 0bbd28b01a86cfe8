// `neurostep worksheet --steps A..B`: the range of steps it takes (the files it writes are tested
// by tests/cli_test.cmake and tests/worksheet_latex_test.sh).
#include <doctest/doctest.h>

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
  CHECK_FALSE(parse_step_range("99999999..")); // not a step number
}
