// How an equation's numbers are written: the template filled in, negative numbers parenthesized
// only where a minus sign would otherwise read as an operator.
#include <doctest/doctest.h>

#include <string>
#include <type_traits>

#include "lessons/framework/trace.h"

using namespace neurostep;

// A Step is built with its fields named: a list written by position, in braces or parentheses,
// does not compile (trace.h, ByName).
template <class... Args>
concept BuiltByPosition = requires(Args... args) {
  Step{args...};
};
static_assert(!BuiltByPosition<std::string, std::string, std::string>);
static_assert(!BuiltByPosition<const char*>);
static_assert(!std::is_constructible_v<Step, std::string, std::string, std::string>);
static_assert(BuiltByPosition<> && BuiltByPosition<ByName, std::string, std::string>);  // the check itself can pass

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

TEST_CASE("find_step: a step by its number or by words of its title, the next match after the current one") {
  Trace t{"x",
          {{.id = "a", .group = "G", .title = "Weighted sum z"},
           {.id = "b", .group = "G", .title = "Update w"},
           {.id = "c", .group = "G", .title = "Update w again"}}};
  CHECK(find_step(t, "2", 0) == 1);
  CHECK(find_step(t, " 3 ", 0) == 2);
  CHECK_FALSE(find_step(t, "4", 0).has_value());
  CHECK_FALSE(find_step(t, "0", 0).has_value());
  CHECK(find_step(t, "update", 0) == 1);  // case-insensitive, after the current step
  CHECK(find_step(t, "update", 1) == 2);  // Enter again: the next one
  CHECK(find_step(t, "update", 2) == 1);  // and round from the start
  CHECK(find_step(t, "SUM", 2) == 0);
  CHECK_FALSE(find_step(t, "softmax", 0).has_value());
  CHECK_FALSE(find_step(t, "  ", 0).has_value());
}
