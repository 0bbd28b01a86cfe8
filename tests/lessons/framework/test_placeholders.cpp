// Every equation's numbers template has one "{}" per number it puts in (trace.h: Equation,
// placeholder_count), in every lesson with its own numbers, with every option of every choice of
// its Numbers tab (and the chain rule with a third layer), and in 20 variants of each: a missing
// number would print a literal "{}" in the numbers line, an extra one would never be shown.
#include <doctest/doctest.h>

#include <functional>
#include <string>
#include <vector>

#include "lessons/framework/catalog.h"
#include "lessons/framework/lesson.h"
#include "lessons/framework/trace.h"
#include "lessons/framework/variant.h"

using namespace neurostep;

namespace {

// The equations of `trace` whose "{}" do not match their numbers, as "lesson [step] symbols: …".
std::vector<std::string> mismatched_placeholders(const Trace& trace) {
  std::vector<std::string> wrong;
  for (const Step& s : trace.steps)
    for (const Equation& e : s.equations) {
      const int holes = placeholder_count(e.numbers), numbers = static_cast<int>(e.args.size());
      if (holes != numbers)
        wrong.push_back(trace.lesson_id + " [" + s.id + "] " + e.symbols + ": " + std::to_string(holes) + " {} in \"" +
                        e.numbers + "\" for " + std::to_string(numbers) + " numbers");
    }
  return wrong;
}

// The changes a lesson is checked under: none (its own numbers), each option of each choice on its
// own, and the chain rule's hidden layer more.
std::vector<std::function<void(Lesson&)>> numbers_tab_changes(Lesson& probe) {
  std::vector<std::function<void(Lesson&)>> changes = {[](Lesson&) {}};
  const auto editables = probe.editables();
  for (std::size_t k = 0; k < editables.size(); ++k) {
    if (editables[k].choice)
      for (int option = 0; option < static_cast<int>(editables[k].options.size()); ++option)
        changes.push_back([k, option](Lesson& l) { l.editables()[k].choice.set(option); });
    if (editables[k].label == "layers" && editables[k].integer)
      changes.push_back([k](Lesson& l) { *l.editables()[k].integer = 3; });
  }
  return changes;
}

}  // namespace

TEST_CASE("placeholder_count counts the {} that equation_numbers fills") {
  CHECK(placeholder_count("") == 0);
  CHECK(placeholder_count("σ({})") == 1);
  CHECK(placeholder_count("{}·{} + {}·{}") == 4);
  CHECK(placeholder_count("{{}}") == 1);  // equation_numbers fills the inner pair: "{0.5}"
  CHECK(equation_numbers({"", "{{}}", {0.5}, {}}, 4) == "{0.5}");
  Equation e;
  add_product(e, 0.2, 0.9);
  add_product(e, 0.5, 0.9);
  CHECK(placeholder_count(e.numbers) == static_cast<int>(e.args.size()));
}

TEST_CASE("the check finds an equation with a number too few or too many") {
  const Trace t{
      "sigmoid-neuron",
      {{.id = "sample0.forward",
        .group = "",
        .title = "",
        .equations = {
            {"z = w·x", "{}·{}", {0.5}, {0.5}}, {"a = σ(z)", "σ({})", {0.5, 1}, {0.6}}, {"ok", "{}", {1}, {1}}}}}};
  const std::vector<std::string> wrong = mismatched_placeholders(t);
  REQUIRE(wrong.size() == 2);
  CHECK(wrong[0] == "sigmoid-neuron [sample0.forward] z = w·x: 2 {} in \"{}·{}\" for 1 numbers");
  CHECK(wrong[1] == "sigmoid-neuron [sample0.forward] a = σ(z): 1 {} in \"σ({})\" for 2 numbers");
}

TEST_CASE("every equation has one {} per number, in every lesson, every choice of its Numbers tab and 20 variants") {
  int traces = 0;
  for (const auto& entry : scan_lessons(std::string(NEUROSTEP_SOURCE_DIR) + "/lessons")) {
    CAPTURE(entry.id);
    REQUIRE(entry.error.empty());
    auto probe = load_lesson(entry.path);
    for (const auto& change : numbers_tab_changes(*probe)) {
      auto lesson = load_lesson(entry.path);
      change(*lesson);
      lesson->numbers_changed();
      for (const std::string& w : mismatched_placeholders(lesson->run())) FAIL_CHECK(w);
      ++traces;
    }
    if (probe->variant_spec().empty()) continue;
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
      CAPTURE(seed);
      for (const std::string& w : mismatched_placeholders(apply_variant(*probe, seed).trace)) FAIL_CHECK(w);
      ++traces;
    }
  }
  CHECK(traces > 100);
}
