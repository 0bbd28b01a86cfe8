// The student half of issue 15: slips named on constructed wrong answers to real lesson steps
// (sigmoid-neuron, chain-rule, gradient-descent), marks and the score, and the progress file
// (round trip; truncated, corrupt, foreign and future-version files set aside with a message).
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "lesson_paths.h"

#include "lessons/framework/exercise.h"
#include "lessons/framework/lesson.h"
#include "lessons/framework/practice.h"
#include "lessons/framework/session.h"
#include "lessons/framework/slips.h"

using namespace neurostep;

namespace {

struct Worked : test::WorkedLesson {
  explicit Worked(const std::string& id) : WorkedLesson(test::lesson_path(id)) {}
  // The slip named for `answer` to that exercise at 4 decimals ("" for none).
  std::string slip(const std::string& step_id, const std::string& label, double answer, int decimals = 4) const {
    const Exercise& e = exercise(step_id, label);
    const auto s = name_slip(trace.steps[static_cast<std::size_t>(e.step)], e, answer, decimals);
    return s ? s->name : "";
  }
};

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("slips in the sigmoid neuron: sign, a factor, σ′(z), the 2 of (a − y)²") {
  const Worked w("sigmoid-neuron");
  // sample 0: a = 0.6726, y = 1, x = (0.9, 0.9, 0.1, 0.1); ∂C/∂w₁ = 2(0.6726 − 1)·0.6726·0.3274·0.9 = −0.1298
  const Exercise& g = w.exercise("sample0.gradient", "dC_dw[1]");
  const double a = w.exercise("sample0.a", "a").answer;
  REQUIRE(g.answer == doctest::Approx(2 * (a - 1) * a * (1 - a) * 0.9));
  CHECK(w.slip("sample0.gradient", "dC_dw[1]", round_to(-g.answer, 4)) == "a sign error: you have −(the answer)");
  CHECK(w.slip("sample0.gradient", "dC_dw[1]", round_to(g.answer / 0.9, 4)) == "x₁ left out");
  CHECK(w.slip("sample0.gradient", "dC_dw[1]", round_to(g.answer / (a * (1 - a)), 4)) == "σ′(z) = a(1 − a) left out");
  CHECK(has(w.slip("sample0.gradient", "dC_dw[1]", round_to(g.answer / 2, 4)), "the 2 of (a − y)² dropped"));
  CHECK(has(w.slip("sample0.gradient", "dC_dw[1]", round_to(g.answer * 2, 4)), "doubled"));
  CHECK(w.slip("sample0.gradient", "dC_dw[1]", 0.5) == "");                    // nothing explains it
  CHECK(w.slip("sample0.gradient", "dC_dw[1]", round_to(g.answer, 4)) == "");  // right: no slip
  // The third weight's x₃ = x₄ = 0.1: the third element takes the third equation, named x₃.
  const Exercise& g3 = w.exercise("sample0.gradient", "dC_dw[3]");
  CHECK(w.slip("sample0.gradient", "dC_dw[3]", round_to(g3.answer / 0.1, 4)) == "x₃ left out");
  const Exercise& g4 = w.exercise("sample0.gradient", "dC_dw[4]");
  CHECK(w.slip("sample0.gradient", "dC_dw[4]", round_to(g4.answer / 0.1, 4)) == "x₄ left out");
  // w₁ ← w₁ − η·∂C/∂w₁ = 0.2 − 1·(−0.1298) = 0.3298; with the wrong sign 0.2 + 1·(−0.1298) = 0.0702.
  const Exercise& u = w.exercise("sample0.update", "w[1]");
  CHECK(has(w.slip("sample0.update", "w[1]", round_to(2 * 0.2 - u.answer, 4)),
            "learning rate applied with the wrong sign"));
}

TEST_CASE("slips in the chain rule: σ′(z) left out of δ, a 2 too many with ½(o − t)², η's sign and η left out") {
  const Worked w("chain-rule");
  // δ⁽²⁾₁ = (o₁ − t₁)·σ′(z⁽²⁾₁) = (0.7514 − 0.01)·0.1868 = 0.1385
  const Exercise& d = w.exercise("backward.l2", "delta2[1]");
  const Step& s = w.trace.steps[static_cast<std::size_t>(d.step)];
  const Equation* eq = equation_for(s, d);
  REQUIRE(eq);
  const double fprime = eq->args.at(2);
  CHECK(fprime == doctest::Approx(0.1868).epsilon(0.001));
  CHECK(w.slip("backward.l2", "delta2[1]", round_to(d.answer / fprime, 4)) == "σ′(z⁽²⁾₁) left out");
  CHECK(has(w.slip("backward.l2", "delta2[1]", round_to(2 * d.answer, 4)), "a 2 too many"));
  CHECK(has(w.slip("backward.l2", "delta2[1]", round_to(-d.answer, 4)), "sign error"));
  // w ← w − η·∂E/∂w with η = 0.5
  const Exercise& u = w.exercise("update", "W2[1]");
  const Equation* ue = equation_for(w.trace.steps[static_cast<std::size_t>(u.step)], u);
  REQUIRE(ue);
  const double before = ue->args[0], eta = ue->args[1], grad = ue->args[2];
  CHECK(u.answer == doctest::Approx(before - eta * grad));
  CHECK(has(w.slip("update", "W2[1]", round_to(before + eta * grad, 4)), "wrong sign"));
  CHECK(has(w.slip("update", "W2[1]", round_to(before - grad, 4)), "η left out"));
}

TEST_CASE("slips in gradient descent: the 2 of E₁′ = 2(w − 1) dropped, the update's sign, η left out") {
  const Worked w("gradient-descent");
  // E₁′(−2) = 2(−2 − 1) = −6; w ← −2 − 0.3·(−6) = −0.2
  CHECK(w.exercise("run.good.1", "dE").answer == doctest::Approx(-6));
  CHECK(has(w.slip("run.good.1", "dE", -3), "the 2 of (a − y)² dropped"));
  CHECK(has(w.slip("run.good.1", "dE", 6), "sign error"));
  CHECK(w.exercise("run.good.1", "w").answer == doctest::Approx(-0.2));
  CHECK(has(w.slip("run.good.1", "w", -3.8), "wrong sign"));  // −2 + 0.3·(−6)
  CHECK(has(w.slip("run.good.1", "w", 4), "η left out"));     // −2 − (−6)
  CHECK(w.slip("run.good.1", "w", -0.2003) ==
        "");  // every number of −2 − 0.3·(−6) is exact: nothing was rounded (judge.h)
}

TEST_CASE("marks and the score: first try, after a wrong answer, after a hint, revealed") {
  const Worked w("sigmoid-neuron");
  Practice p("sigmoid-neuron", 0, w.exercises);
  const int total = static_cast<int>(w.exercises.size());
  REQUIRE(total >= 4);
  const int a_step = w.exercise("sample0.a", "a").step;
  const std::vector<int> a = p.exercises_of(a_step);
  REQUIRE(a.size() == 1);
  CHECK(p.step_mark(a_step) == Mark::Open);
  CHECK_FALSE(p.step_mark(0).has_value());  // the inputs: no exercise
  // Right at once: ✓ first try.
  CHECK(p.answer(a[0], round_to(w.exercises[a[0]].answer, 4), 4, w.trace).right);
  CHECK(p.mark(a[0]) == Mark::FirstTry);
  CHECK(p.step_mark(a_step) == Mark::FirstTry);
  // Wrong, then right: ✓ after hints; the feedback names the slip and how far off.
  const int c_step = w.exercise("sample0.C", "C").step;
  const int c = p.exercises_of(c_step).at(0);
  const Feedback f = p.answer(c, -round_to(w.exercises[c].answer, 4), 4, w.trace);
  CHECK_FALSE(f.right);
  CHECK(has(f.text, "too low"));
  CHECK(has(f.slip, "sign error"));
  CHECK(p.mark(c) == Mark::Open);
  p.answer(c, round_to(w.exercises[c].answer, 4), 4, w.trace);
  CHECK(p.mark(c) == Mark::AfterHints);
  // A hint, then right: after hints. All the way up the ladder: the rest are revealed.
  const int g_step = w.exercise("sample0.gradient", "dC_dw[1]").step;
  const std::vector<int> g = p.exercises_of(g_step);
  REQUIRE(g.size() == 4);
  p.more_hint(g_step);
  CHECK(p.hint_level(g_step) == 1);
  p.answer(g[0], round_to(w.exercises[g[0]].answer, 4), 4, w.trace);
  CHECK(p.mark(g[0]) == Mark::AfterHints);
  p.more_hint(g_step);
  p.more_hint(g_step);
  CHECK(p.hint_level(g_step) == 3);
  CHECK(p.mark(g[0]) == Mark::AfterHints);  // kept
  CHECK(p.mark(g[1]) == Mark::Revealed);
  CHECK(p.step_mark(g_step) == Mark::Revealed);
  const Score s = p.score();
  CHECK(s.first_try == 1);
  CHECK(s.after_hints == 2);
  CHECK(s.revealed == 3);
  CHECK(s.total == total);
  CHECK(s.text().rfind(fmt::format("1 of {} first try · 2 after hints · 3 revealed", total), 0) == 0);
  p.start_over();
  CHECK(p.score().answered() == 0);
}

TEST_CASE("every exercise answered right at once scores full marks") {
  for (const char* id : {"sigmoid-neuron", "chain-rule", "gradient-descent"}) {
    CAPTURE(id);
    const Worked w(id);
    Practice p(id, 0, w.exercises);
    for (int i = 0; i < static_cast<int>(w.exercises.size()); ++i)
      p.answer(i, round_to(w.exercises[i].answer, 6), 6, w.trace);
    CHECK(p.score().first_try == p.score().total);
  }
}

namespace {
std::filesystem::path fresh_dir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("neurostep-progress-test-" + name);
  std::filesystem::remove_all(dir);
  return dir;
}
void write(const std::filesystem::path& p, const std::string& text) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}
}  // namespace

TEST_CASE("the progress file: a round trip keeps the marks, per lesson and per numbers") {
  const Worked w("sigmoid-neuron");
  const auto dir = fresh_dir("roundtrip");
  Practice p("sigmoid-neuron", 4817, w.exercises);
  p.answer(0, round_to(w.exercises[0].answer, 4), 4, w.trace);
  p.more_hint(w.exercises[1].step);
  p.more_hint(w.exercises[1].step);
  p.more_hint(w.exercises[1].step);
  const auto file = progress_file(dir, "sigmoid-neuron", 4817);
  CHECK(file.filename() == "sigmoid-neuron-4817.json");
  save_progress(file, p);
  Practice q("sigmoid-neuron", 4817, w.exercises);
  CHECK(load_progress(file, q) == "");
  CHECK(q.mark(0) == Mark::FirstTry);
  CHECK(q.mark(1) == Mark::Revealed);
  CHECK(q.score().answered() == p.score().answered());
  CHECK(q.to_json() == p.to_json());
  // No file: no progress, no message.
  Practice r("sigmoid-neuron", 0, w.exercises);
  CHECK(load_progress(progress_file(dir, "sigmoid-neuron", 0), r) == "");
  CHECK(r.score().answered() == 0);
  std::filesystem::remove_all(dir);
}

TEST_CASE("the progress file: truncated, corrupt, foreign and future-version files are set aside with a message") {
  const Worked w("sigmoid-neuron");
  Practice good("sigmoid-neuron", 0, w.exercises);
  good.answer(0, round_to(w.exercises[0].answer, 4), 4, w.trace);
  const std::string text = good.to_json();
  const std::string newer =
      R"({"format": "neurostep-progress", "version": 99, "lesson": "sigmoid-neuron", "numbers": 0, "marks": {}})";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {text.substr(0, text.size() / 2), "not complete JSON"},
      {"", "not complete JSON"},
      {std::string("\x00\xff\x13garbage", 10), "not complete JSON"},
      {"[1, 2, 3]", "not a Neurostep progress file"},
      {newer, "version 99, from a newer Neurostep"},
      {R"({"format": "neurostep-progress", "version": 1, "lesson": "chain-rule", "numbers": 0, "marks": {}})",
       "another lesson"},
      {R"({"format": "neurostep-progress", "version": 1, "lesson": "sigmoid-neuron", "numbers": 0, "marks": {"x": "perfect"}})",
       "not a mark"},
      {R"({"format": "neurostep-progress", "version": 1, "lesson": "sigmoid-neuron", "numbers": 0, "marks": {"x": 3}})",
       "not a word"},
  };
  for (const auto& [bad, why] : cases) {
    CAPTURE(why);
    const auto dir = fresh_dir("corrupt");
    const auto file = progress_file(dir, "sigmoid-neuron", 0);
    write(file, bad);
    Practice p("sigmoid-neuron", 0, w.exercises);
    const std::string message = load_progress(file, p);
    CHECK(has(message, why));
    CHECK(has(message, "set aside"));
    CHECK_FALSE(std::filesystem::exists(file));
    CHECK(std::filesystem::exists(file.string() + ".corrupt"));
    CHECK(p.score().answered() == 0);
    save_progress(file, good);  // and the next save writes a good one
    Practice q("sigmoid-neuron", 0, w.exercises);
    CHECK(load_progress(file, q) == "");
    CHECK(q.mark(0) == Mark::FirstTry);
    std::filesystem::remove_all(dir);
  }
}

TEST_CASE("answers as students type them") {
  CHECK(parse_answer("−0.1298") == doctest::Approx(-0.1298));
  CHECK(parse_answer("-0,1298") == doctest::Approx(-0.1298));
  CHECK(parse_answer(" .5 ") == doctest::Approx(0.5));
  CHECK(parse_answer("1e-3") == doctest::Approx(0.001));
  CHECK_FALSE(parse_answer(""));
  CHECK_FALSE(parse_answer("abc"));
  CHECK_FALSE(parse_answer("0.5x"));
  CHECK_FALSE(parse_answer("nan"));
}
