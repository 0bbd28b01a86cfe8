// Every equation with a result has its numbers line (formula → numbers → result), in every
// lesson, with its default numbers and with every option of every choice in its Numbers tab
// (and the chain rule with a third layer). The few results that are copies of a value shown
// before, or a summary over values the step lists, are on the allow-list below, each with why.
#include <doctest/doctest.h>

#include <functional>
#include <string>
#include <vector>

#include "lesson_paths.h"
#include "lessons/framework/catalog.h"
#include "lessons/framework/session.h"

using namespace neurostep;

namespace {

struct Allowed {
  const char* lesson;
  const char* step;     // the step id
  const char* symbols;  // the beginning of the equation's symbols
  int seen = 0;         // how many equations of the traces it let pass
};

std::vector<Allowed> allow_list() {
  return {
      // A copy: ∂z/∂w is the input a (or x) of the weight, shown as the unit's value in the forward step.
      {"chain-rule", "chain", "∂z"},
      // A copy: ∂E/∂b = δ, the δ the backward steps derived.
      {"chain-rule", "gradients", "∂E/∂b"},
      // A copy: in evaluation mode the dropout layer passes a through.
      {"dropout", "inference", "ã = a"},
      // Summaries: the largest of many per-parameter comparisons, each of which the step's values list.
      {"cnn-walk", "gradcheck", "largest relative difference"},
      {"conv-gradients", "C.gradcheck", "largest relative difference"},
      {"dropout", "gradcheck", "largest relative difference"},
      // A summary: the largest |y in inference − y in training| over the whole batch (both matrices are the step's
      // values).
      {"batch-norm", "inference.after", "largest |y in inference"},
  };
}

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// The equations of `trace` with a result and no numbers line that the allow-list does not name,
// as "lesson [step] symbols"; counts the allow-list entries it uses.
std::vector<std::string> missing_numbers(const Trace& trace, std::vector<Allowed>& allowed) {
  std::vector<std::string> missing;
  for (const Step& s : trace.steps)
    for (const Equation& e : s.equations) {
      if (e.result.empty() || !e.numbers.empty()) continue;
      bool ok = false;
      for (Allowed& a : allowed)
        if (trace.lesson_id == a.lesson && s.id == a.step && starts_with(e.symbols, a.symbols)) ok = true, ++a.seen;
      if (!ok) missing.push_back(trace.lesson_id + " [" + s.id + "] " + e.symbols);
    }
  return missing;
}

}  // namespace

TEST_CASE("every result has its numbers line, in every lesson and every choice of its Numbers tab") {
  std::vector<Allowed> allowed = allow_list();
  int runs = 0;
  for (const auto& entry : scan_lessons(std::string(NEUROSTEP_SOURCE_DIR) + "/lessons")) {
    CAPTURE(entry.id);
    REQUIRE(entry.error.empty());
    // The defaults, then each option of each choice on its own (a fresh lesson each time).
    std::vector<std::function<void(LessonSession&)>> variants = {[](LessonSession&) {}};
    {
      LessonSession probe(load_lesson(entry.path));
      const auto editables = probe.lesson().editables();
      for (std::size_t k = 0; k < editables.size(); ++k) {
        if (editables[k].choice)
          for (int option = 0; option < static_cast<int>(editables[k].options.size()); ++option)
            variants.push_back([k, option](LessonSession& s) { s.lesson().editables()[k].choice.set(option); });
        if (editables[k].label == "layers" && editables[k].integer)  // the chain rule: a hidden layer more
          variants.push_back([k](LessonSession& s) { *s.lesson().editables()[k].integer = 3; });
      }
    }
    for (const auto& change : variants) {
      LessonSession session(load_lesson(entry.path));
      change(session);
      session.recompute();
      for (const std::string& m : missing_numbers(session.trace(), allowed))
        FAIL_CHECK(m << ": a result without a numbers line");
      ++runs;
    }
  }
  CHECK(runs > 13);
  // Every entry of the allow-list is still needed: one that no trace uses goes.
  for (const Allowed& a : allowed)
    CHECK_MESSAGE(a.seen > 0, a.lesson << " [" << a.step << "] " << a.symbols << " is allowed but never occurs");
}

TEST_CASE("the numbers-line check finds a result without numbers, unless the allow-list names it") {
  std::vector<Allowed> allowed = allow_list();
  const Trace t{"chain-rule",
                {{.id = "error_after",
                  .group = "",
                  .title = "",
                  .equations = {{"E′", "", {}, {0.29}}, {"E′", "½({} − {})²", {0.01, 0.74}, {0.29}}}},
                 {.id = "gradients",
                  .group = "",
                  .title = "",
                  .equations = {{"∂E/∂b⁽¹⁾₁ = δ⁽¹⁾₁", "", {}, {0.0088}}, {"a statement", "", {}, {}}}}}};
  const std::vector<std::string> missing = missing_numbers(t, allowed);
  REQUIRE(missing.size() == 1);
  CHECK(missing[0] == "chain-rule [error_after] E′");
  CHECK(allowed[1].seen == 1);  // ∂E/∂b = δ
}

TEST_CASE("numbers lines: a negative number is bracketed after an operator or under a power, not in a list") {
  // 0.2·(−1); (0.5, −1); (−3)² — a power applies to the whole number
  CHECK(equation_numbers({"", "{}·{}", {0.2, -1}, {-0.2}}, 4) == "0.2·(−1)");
  CHECK(equation_numbers({"", "({}, {})", {0.5, -1}, {}}, 4) == "(0.5, −1)");
  CHECK(equation_numbers({"", "({}², {}²)", {-3, 10}, {}}, 4) == "((−3)², 10²)");
  CHECK(equation_numbers({"", "{} − 1", {-0.5}, {}}, 4) == "−0.5 − 1");
}
