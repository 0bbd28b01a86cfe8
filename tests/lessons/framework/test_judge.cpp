// The verdict on an answer (judge.h, numbers_line.h): an answer worked from the numbers as the
// screen shows them is right, in every lesson; the engine's value one unit beyond that range is
// not; 0.673 for 0.6726… asks for 4 decimals; rounding too early is named only when the numbers
// rounded to fewer decimals give the answer; every catalogue slip is named where it can be told
// apart from a right answer (the share named is reported per lesson); feedback never holds the value.
#include <doctest/doctest.h>

#include <cmath>
#include <map>

#include <fmt/format.h>

#include "figure/number_text.h"
#include "lessons/engines/pooling.h"
#include "lessons/framework/catalog.h"
#include "lessons/framework/judge.h"
#include "lessons/framework/lesson.h"
#include "lessons/framework/numbers_line.h"
#include "lessons/framework/session.h"
#include "lessons/framework/slips.h"

#include "lesson_paths.h"

using namespace neurostep;

namespace {

using Worked = test::WorkedLesson;

bool has(const std::vector<std::string>& slips, const std::string& part) {
  return std::any_of(slips.begin(), slips.end(),
                     [&](const std::string& s) { return s.find(part) != std::string::npos; });
}

}  // namespace

TEST_CASE("numbers lines read as functions give back the engine's results") {
  CHECK(numbers_line_formula("2({} − {})·{}·{}") == "2(v0 − v1)·v2·v3");
  CHECK(numbers_line_formula("−ln {}") == "−ln(v0)");
  CHECK(numbers_line_formula("e^{}/{}") == "_e^v0/v1");
  CHECK(numbers_line_formula("√({} + {})") == "sqrt(v0 + v1)");
  CHECK_FALSE(numbers_line_formula("⌊{} / {}⌋").has_value());
  const Equation e{"∂C/∂w₁ = 2(a − y)·σ′(z)·x₁", "2({} − {})·{}·{}", {0.6, 1, 0.24, 0.9}, {2 * (0.6 - 1) * 0.24 * 0.9}};
  const auto f = numbers_function(e);
  REQUIRE(f);
  CHECK((*f)(std::vector<double>{0.5, 1, 0.25, 1}) == doctest::Approx(-0.25));
  Equation wrong = e;
  wrong.result = {0.1};  // a line that does not give its result is not used
  CHECK_FALSE(numbers_function(wrong).has_value());
}

TEST_CASE("the sigmoid neuron: a at 4 decimals, fewer decimals, the gradient worked from the shown numbers") {
  const Worked w(test::lesson_path("sigmoid-neuron"));
  const Exercise& a = w.exercise("sample0.a", "a");
  CHECK(judge_answer(w.step(a), a, round_to(a.answer, 4), 4).right());
  CHECK(judge_answer(w.step(a), a, round_to(a.answer, 3), 4).verdict ==
        AnswerVerdict::MoreDecimals);  // 0.673: give 4 decimals
  CHECK(judge_answer(w.step(a), a, std::nan(""), 4).verdict == AnswerVerdict::NotANumber);
  const Exercise& g = w.exercise("sample0.gradient", "dC_dw[1]");
  const Equation* eq = equation_for(w.step(g), g);
  REQUIRE(eq);
  // The numbers line worked with the numbers as shown (rounded to 4 decimals) is right.
  const auto f = numbers_function(*eq);
  REQUIRE(f);
  std::vector<double> shown = eq->args;
  for (double& x : shown) x = round_to(x, 4);
  CHECK(judge_answer(w.step(g), g, round_to((*f)(shown), 4), 4).right());
  // One unit beyond what the shown numbers can give is wrong.
  const auto range = shown_range(*eq, 4);
  REQUIRE(range);
  CHECK_FALSE(judge_answer(w.step(g), g, round_to(range->high, 4) + 0.0002, 4).right());
  CHECK_FALSE(judge_answer(w.step(g), g, round_to(range->low, 4) - 0.0002, 4).right());
  // The numbers rounded to 2 decimals first: rounding too early, named so.
  const auto early = result_with_rounded_inputs(*eq, 2);
  REQUIRE(early);
  const Judgement j = judge_answer(w.step(g), g, round_to(*early, 4), 4);
  if (!j.right()) CHECK(has(j.slips, "rounded to 2 decimals"));
}

TEST_CASE("feedback before the answer never holds it, says '1 unit'-free direction and the slip") {
  const Worked w(test::lesson_path("sigmoid-neuron"));
  const Exercise& g = w.exercise("sample0.gradient", "dC_dw[1]");
  const Judgement j = judge_answer(w.step(g), g, round_to(-g.answer, 4), 4);
  CHECK(j.verdict == (g.answer < 0 ? AnswerVerdict::TooHigh : AnswerVerdict::TooLow));
  CHECK(has(j.slips, "sign error"));
  const std::string text = j.text();
  CHECK(text.find(format_number(g.answer, 4)) == std::string::npos);
  CHECK(text.find(format_number(std::abs(g.answer), 4)) == std::string::npos);
  CHECK(text.find("too") != std::string::npos);
  CHECK(text.find("units") == std::string::npos);
}

TEST_CASE(
    "every lesson: answers worked from the shown numbers are right, one unit beyond is wrong, catalogue slips are "
    "named") {
  int total_functions = 0, total = 0;
  for (const auto& path : lesson_files(std::string(NEUROSTEP_SOURCE_DIR) + "/lessons")) {
    const Worked w(path);
    if (w.exercises.empty()) continue;
    int with_function = 0, slips_tried = 0, slips_named = 0;
    std::map<std::string, std::pair<int, int>> by_rerun;  // the engine's reruns (W for Wᵀ, another f′): named, tried
    for (const Exercise& e : w.exercises) {
      const Step& step = w.step(e);
      const Equation* eq = equation_for(step, e);
      const auto f = eq ? numbers_function(*eq) : std::nullopt;
      CHECK(judge_answer(step, e, round_to(e.answer, 4), 4).right());
      if (f) {
        ++with_function;
        std::vector<double> shown = eq->args;
        for (double& x : shown) x = round_to(x, 4);
        const double worked = round_to((*f)(shown), 4);
        CHECK_MESSAGE(judge_answer(step, e, worked, 4).right(),
                      path << " " << e.step_id << " " << e.label() << ": " << worked);
        const auto range = shown_range(*eq, 4);
        REQUIRE(range);
        const double beyond = std::max(range->high, e.answer) + std::max(0.0002, e.tolerance.value_or(0) + 0.0002);
        CHECK_MESSAGE(!judge_answer(step, e, beyond, 4).right(), path << " " << e.step_id << " " << e.label());
      }
      for (const Slip& s : slips_for(step, e, 4)) {
        const double typed = round_to(s.value, 4);
        const Judgement j = judge_answer(step, e, typed, 4);
        if (j.right() || j.verdict == AnswerVerdict::MoreDecimals)
          continue;  // cannot be told apart from a right answer
        ++slips_tried;
        const bool named = std::find(j.slips.begin(), j.slips.end(), s.name) != j.slips.end();
        if (named)
          ++slips_named;
        else
          FAIL_CHECK(path << " " << e.step_id << " " << e.label() << ": slip '" << s.name << "' (" << typed
                          << ") not named");
        if (std::any_of(step.reruns.begin(), step.reruns.end(), [&](const Rerun& r) { return r.slip == s.name; })) {
          const std::string rule = s.name.substr(0, s.name.find(':'));
          by_rerun[rule].first += named;
          ++by_rerun[rule].second;
        }
      }
    }
    total_functions += with_function;
    total += static_cast<int>(w.exercises.size());
    std::string reruns;
    for (const auto& [rule, count] : by_rerun)
      reruns += fmt::format("; '{}' named {} of {}", rule, count.first, count.second);
    MESSAGE(fmt::format("{}: {} exercises, {} judged from the shown numbers; {} of {} catalogue slips named{}",
                        w.trace.lesson_id, w.exercises.size(), with_function, slips_named, slips_tried, reruns));
  }
  MESSAGE(
      fmt::format("all lessons: {} of {} exercises have a numbers line read as a function", total_functions, total));
}

TEST_CASE(
    "slips by recomputing the line: N − 1 for N (batch norm), the average for the maximum (pooling), the value before "
    "the update") {
  {
    const Worked w(test::lesson_path("batch-norm"));
    const Exercise& v =
        w.exercise("forward.variance", "variance[1]");  // σ₁² = ((1 − 3)² + … + (5 − 3)²)/4 = 2.5; over N − 1: 10/3
    const Judgement j = judge_answer(w.step(v), v, round_to(10.0 / 3, 4), 4);
    CHECK(has(j.slips, "N − 1 = 3 in place of N = 4"));
  }
  {
    const Worked w(test::lesson_path("pooling"));
    const Exercise& m =
        w.exercise(pooling_ids::forward(0, 0), pooling_ids::kMax);  // max(1, 3, 4, 2) = 4; their average 2.5
    CHECK(has(judge_answer(w.step(m), m, 2.5, 4).slips, "the average of the window instead of its maximum"));
    const Exercise& a = w.exercise(pooling_ids::forward(0, 0), pooling_ids::kAvg);
    CHECK(has(judge_answer(w.step(a), a, 4, 4).slips, "the maximum of the window instead of its average"));
  }
  {
    const Worked w(test::lesson_path("sigmoid-neuron"));
    const Exercise& u = w.exercise("sample0.update", "w[1]");  // w₁ ← 0.2 − 1·(−0.1298): 0.2 is the value before
    CHECK(has(judge_answer(w.step(u), u, 0.2, 4).slips, "the value before the update"));
  }
}

TEST_CASE(
    "slips the engine finds by rerunning the step: W for Wᵀ (chain rule), another activation's derivative, the "
    "activation for it") {
  {
    // Mazur's network, δ of the hidden layer: δ⁽²⁾ = (0.138499, −0.038098), W⁽²⁾ = [0.40 0.45; 0.50 0.55],
    // σ′(z⁽¹⁾₁) = 0.593270·0.406730 = 0.241301.
    // Through Wᵀ: 0.241301·(0.138499·0.40 − 0.038098·0.50) = 0.0088; through W: 0.241301·(0.138499·0.40 −
    // 0.038098·0.45) = 0.0092.
    const Worked w(test::lesson_path("chain-rule"));
    const Exercise& d = w.exercise("backward.l1", "delta1[1]");
    REQUIRE(round_to(d.answer, 4) == doctest::Approx(0.0088));
    const Judgement j = judge_answer(w.step(d), d, 0.0092, 4);
    CHECK(j.verdict == AnswerVerdict::TooHigh);
    CHECK(has(j.slips, "W instead of Wᵀ"));
    CHECK_FALSE(has(j.slips, "rounded"));
    CHECK(j.text().find("0.0088") == std::string::npos);
    // tanh′(z) = 1 − tanh²(z) taken for σ′(z) at z⁽¹⁾₁ = 0.3775: 0.8695·0.0363506 = 0.0316.
    const double tanh_slope = 1 - std::tanh(0.3775) * std::tanh(0.3775);
    CHECK(has(judge_answer(w.step(d), d, round_to(tanh_slope * 0.0363506, 4), 4).slips, "tanh′ instead of σ′"));
    // σ(z) = a⁽¹⁾₁ = 0.593270 for σ′(z): 0.593270·0.0363506 = 0.0216.
    CHECK(has(judge_answer(w.step(d), d, 0.0216, 4).slips, "σ(z) instead of σ′(z)"));
  }
  {
    const Worked w(test::lesson_path("activations"));
    const Exercise& t = w.exercise("f.tanh", "df");
    const double z = w.step(t).find("z")->scalar();
    const double sigma = 1 / (1 + std::exp(-z));
    CHECK(has(judge_answer(w.step(t), t, round_to(sigma * (1 - sigma), 4), 4).slips, "σ′ instead of tanh′"));
    CHECK(has(judge_answer(w.step(t), t, round_to(std::tanh(z), 4), 4).slips, "tanh(z) instead of tanh′(z)"));
  }
}
