// How an equation's numbers are written: the template filled in, negative numbers parenthesized
// only where a minus sign would otherwise read as an operator.
#include <doctest/doctest.h>

#include "lessons/framework/trace.h"

using namespace neurostep;

TEST_CASE("a negative number is parenthesized after an operator, not as the item of a list") {
  // After an operator: 0.2·(−1), 1 − (−2).
  CHECK(equation_numbers({"", "{}·{} + {} − {}", {0.2, -1, 3, -2}, {}}, 4) == "0.2·(−1) + 3 − (−2)");
  // Opening the expression, a bracket or a list item: bare, as a student writes the list.
  CHECK(equation_numbers({"", "max({}, {}, {})", {0.5, -0.5, 1.5}, {}}, 4) == "max(0.5, −0.5, 1.5)");
  CHECK(equation_numbers({"", "2·({}, {}, {})", {0.1, -0.3, 0.2}, {}}, 4) == "2·(0.1, −0.3, 0.2)");
  CHECK(equation_numbers({"", "[{}, {}; {}, {}]", {-1, 2, -3, 4}, {}}, 4) == "[−1, 2; −3, 4]");
  CHECK(equation_numbers({"", "{} + {}", {-0.25, -0.5}, {}}, 4) == "−0.25 + (−0.5)");
  // A list result prints its negative items bare too.
  CHECK(equation_result({"", "", {}, {0.5, -0.5, 1.5}}, 4) == "(0.5, −0.5, 1.5)");
}
