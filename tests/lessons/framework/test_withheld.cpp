// Try it's filter (withheld.h): for every lesson, its own numbers and 20 variants, every step with
// exercises, at each rung of the hint ladder before the answer, nothing a view reads — step
// titles, notes, numbers lines, results, values, the plots' texts and cells, the history table —
// shows an asked number at 3, 4 or 6 decimals. Numbers are found in the texts by a scanner of this
// test's own, not the filter's, and compared as numbers.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cctype>
#include <chrono>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "figure/number_text.h"
#include "lessons/framework/catalog.h"
#include "lessons/framework/exercise.h"
#include "lessons/framework/lesson.h"
#include "lessons/framework/practice.h"
#include "lessons/framework/session.h"
#include "lessons/framework/withheld.h"

#include "lesson_paths.h"
#include "shown_numbers.h"
#include "sweep.h"

using namespace neurostep;
using neurostep::test::asked_numbers;
using neurostep::test::numbers_of;
using neurostep::test::same_shown;
using neurostep::test::small_whole;

namespace {

// What the views read while exercises of `step` are asked, each text with where it came from.
struct Seen {
  std::vector<std::pair<std::string, std::string>> texts;  // (where, text)
  std::vector<std::pair<std::string, double>> numbers;     // (where, number)
  void text(std::string where, std::string t) { texts.emplace_back(std::move(where), std::move(t)); }
  void number(std::string where, double x) { numbers.emplace_back(std::move(where), x); }
};

Seen what_views_read(const LessonSession& s) {
  Seen seen;
  const Trace& t = s.shown();
  for (std::size_t i = 0; i < t.steps.size(); ++i) {
    const Step& st = t.steps[i];
    const std::string at = fmt::format("step {} ({})", i + 1, st.id);
    seen.text(at + " title", st.title);
    seen.text(at + " note", st.note);
    for (const Equation& e : st.equations) {
      // The asked step's numbers line holds its inputs: those are the question.
      if (static_cast<int>(i) != s.withheld().step)
        for (int d : {3, 4, 6}) seen.text(at + " numbers line", equation_numbers(e, d));
      for (double r : e.result) seen.number(at + " result of " + e.symbols, r);
    }
    for (const Value& v : st.values)
      for (double x : v.data) seen.number(at + " value " + v.name, x);
  }
  for (const Figure& f : s.figures()) {
    const std::string at = "plot '" + f.title + "'";
    seen.text(at, f.title);
    for (const Annotation& a : f.annotations) seen.text(at + " annotation", a.text);
    for (const Series& sr : f.series) seen.text(at + " series", sr.label);
    for (const Heatmap& h : f.heatmaps)
      if (h.show_values)
        for (double x : h.values) seen.number(at + " heatmap cell", x);
  }
  const HistoryTable h = s.history();
  for (const auto& row : h.cells)
    for (const auto& cell : row)
      if (cell) seen.number("history table", *cell);
  return seen;
}

void check_nothing_shows(LessonSession& s, const std::string& lesson, std::uint64_t numbers, int& checked) {
  const Trace trace = s.trace();
  Practice p(lesson, numbers, exercises_for(s.lesson().exercise_rules(), trace));
  for (std::size_t step = 0; step < trace.steps.size(); ++step) {
    const int at = static_cast<int>(step);
    if (p.exercises_of(at).empty()) continue;
    s.go_to(at);
    const std::vector<double> asked = asked_numbers(trace, p, at);
    Practice ladder = p;
    for (int level = 0; level < 3; ++level) {
      s.withhold(withheld_for(trace, ladder, at, true));
      REQUIRE(s.withheld().active());
      const Seen seen = what_views_read(s);
      const auto first = static_cast<std::size_t>(at);
      for (double a : asked) {
        const auto earlier = [&](const std::string& where) {  // a whole-number answer is looked for from its step on
          return small_whole(a) && where.rfind("step ", 0) == 0 && std::stoul(where.substr(5)) <= first;
        };
        for (const auto& [where, text] : seen.texts)
          for (double x : numbers_of(text))
            if (!earlier(where) && (same_shown(x, a) || same_shown(-x, a)) &&
                !(small_whole(a) && where.find("plot") == 0))
              FAIL_CHECK(lesson << " numbers #" << numbers << " step " << at + 1 << " hint " << level << ": " << where
                                << " shows " << format_number(a, 4) << " in \"" << text << "\"");
        for (const auto& [where, x] : seen.numbers)
          if (!earlier(where) && (same_shown(x, a) || (std::abs(a) > 1e-12 && same_shown(-x, a))))
            FAIL_CHECK(lesson << " numbers #" << numbers << " step " << at + 1 << " hint " << level << ": " << where
                              << " shows " << format_number(a, 4));
      }
      ++checked;
      ladder.more_hint(at);
    }
  }
  s.withhold({});
}

}  // namespace

TEST_CASE(
    "Try it: no view shows an asked number before it is answered (every lesson, its own numbers and 20 variants)") {
  for (const auto& path : lesson_files(std::string(NEUROSTEP_SOURCE_DIR) + "/lessons")) {
    const auto start = std::chrono::steady_clock::now();
    LessonSession s(load_lesson(path));
    const std::string id = s.lesson().info().id;
    if (exercises_for(s.lesson().exercise_rules(), s.trace()).empty()) continue;
    int checked = 0;
    check_nothing_shows(s, id, 0, checked);
    if (!s.lesson().variant_spec().empty())
      for (std::uint64_t v = 1; v <= test::sweep(20); ++v) {
        s.use_variant(v);
        check_nothing_shows(s, id, v, checked);
      }
    MESSAGE(id << ": " << checked << " asked steps × hint rungs checked in "
               << std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() << " s");
  }
}

TEST_CASE(
    "Try it's filter: the sigmoid neuron's a is '?' in its step, its plot and later steps, and back once answered") {
  LessonSession s(load_lesson(test::lesson_path("sigmoid-neuron")));
  Practice p("sigmoid-neuron", 0, exercises_for(s.lesson().exercise_rules(), s.trace()));
  const Step& a_step = test::step(s.trace(), "sample0.a");
  const int at = static_cast<int>(&a_step - s.trace().steps.data());
  s.go_to(at);
  s.withhold(withheld_for(s.trace(), p, at, true));
  const double a = a_step.find("a")->scalar();
  CHECK(std::isnan(s.shown().steps[static_cast<std::size_t>(at)].find("a")->scalar()));
  CHECK(std::isnan(s.shown().steps.back().values.empty() ? NAN : s.shown().steps.back().values[0].data[0]));
  for (const Figure& f : s.figures())
    for (const Annotation& n : f.annotations)
      CHECK_MESSAGE(n.text.find(format_number(a, 3)) == std::string::npos, n.text);
  // Answered: nothing is withheld any more.
  const int i = p.exercises_of(at).at(0);
  p.answer(i, round_to(a, 4), 4, s.trace());
  s.withhold(withheld_for(s.trace(), p, at, true));
  CHECK_FALSE(s.withheld().active());
  CHECK(s.shown().steps[static_cast<std::size_t>(at)].find("a")->scalar() == a);
  // Show mode withholds nothing.
  Practice fresh("sigmoid-neuron", 0, exercises_for(s.lesson().exercise_rules(), s.trace()));
  CHECK_FALSE(withheld_for(s.trace(), fresh, at, false).active());
}

TEST_CASE("try_values: Try it's values table leaves out a value withheld whole and names the exercise asking for it") {
  LessonSession s(load_lesson(test::lesson_path("sigmoid-neuron")));
  Practice p("sigmoid-neuron", 0, exercises_for(s.lesson().exercise_rules(), s.trace()));
  const int at = static_cast<int>(&test::step(s.trace(), "sample0.a") - s.trace().steps.data());
  s.go_to(at);
  const std::vector<int> asked = p.exercises_of(at);
  REQUIRE(asked.size() == 1);
  // Shown in full (Show mode): every value is in the table, nothing is asked.
  const TryValues all = try_values(s.trace().steps[static_cast<std::size_t>(at)], asked, p.exercises());
  CHECK(all.shown.size() == s.trace().steps[static_cast<std::size_t>(at)].values.size());
  CHECK(all.asked.empty());
  // Withheld: a leaves the table and is named as the formulas write it.
  s.withhold(withheld_for(s.trace(), p, at, true));
  const TryValues tried = try_values(*s.shown_step(), asked, p.exercises());
  const auto whole_nan = [](const Value& v) {
    return !v.data.empty() && std::all_of(v.data.begin(), v.data.end(), [](double d) { return std::isnan(d); });
  };
  const std::vector<Value>& values = s.shown_step()->values;
  CHECK(tried.shown.size() ==
        values.size() - static_cast<std::size_t>(std::count_if(values.begin(), values.end(), whole_nan)));
  CHECK(tried.shown.size() < all.shown.size());
  CHECK(std::none_of(tried.shown.begin(), tried.shown.end(), [](const Value& v) { return v.name == "a"; }));
  CHECK(tried.asked == std::vector<std::string>{p.exercises()[static_cast<std::size_t>(asked[0])].shown_label()});
}

TEST_CASE("mask_numbers: an asked number and its negative become '?', other numbers stay") {
  Withheld w;
  w.step = 1;
  w.answers = {0.67264};
  CHECK(mask_numbers("z = 0.72, a = 0.673", w) == "z = 0.72, a = ?");
  CHECK(mask_numbers("a = 0.6726 and −0.6726", w) == "a = ? and ?");
  CHECK(mask_numbers("w₁ = 0.2 (x1 = 10.6726)", w) == "w₁ = 0.2 (x1 = 10.6726)");
  CHECK(mask_numbers("E = 0.25 after 3 steps", w, true) == "E = ? after 3 steps");
  CHECK(mask_numbers("a = NaN", w) == "a = ?");
  CHECK(mask_numbers("a = 0.6726", Withheld{}) == "a = 0.6726");
}

TEST_CASE("mask_numbers reads a small number's power of ten: 4.274·10⁻⁵ is one number, hidden whole") {
  Withheld w;
  w.step = 1;
  w.answers = {4.27391e-5};
  CHECK(mask_numbers("E = " + format_number(4.27391e-5, 4) + " now", w) == "E = ? now");
  CHECK(mask_numbers("E = −4.274·10⁻⁵", w) == "E = ?");
  CHECK(mask_numbers("E = 4.274·10⁻⁶ and 4.274", w) == "E = 4.274·10⁻⁶ and 4.274");  // another power; the digits alone
  CHECK(mask_numbers("E = 4.1·10⁻⁵", w, true) == "E = ?");                           // a number with decimals, later
}

TEST_CASE(
    "Try it's filter: a number the step works out on one line and takes in on the next is no input (perceptron-and "
    "step 2's z)") {
  // Epoch 1, sample (1, 1): z = 0.6·1 + (−1)·1 + (−1)·1 = −1.4 is asked; ŷ = H(z) takes z in, and the
  // values table's z_float_run is the same −1.4: neither makes it part of the question.
  LessonSession s(load_lesson(test::lesson_path("perceptron-and")));
  Practice p("perceptron-and", 0, exercises_for(s.lesson().exercise_rules(), s.trace()));
  const int at = 1;
  s.go_to(at);
  s.withhold(withheld_for(s.trace(), p, at, true));
  const Step& shown = s.shown().steps[static_cast<std::size_t>(at)];
  REQUIRE(s.trace().steps[static_cast<std::size_t>(at)].find("z") != nullptr);
  CHECK(s.trace().steps[static_cast<std::size_t>(at)].find("z")->scalar() == doctest::Approx(-1.4));
  CHECK(std::find_if(s.withheld().answers.begin(), s.withheld().answers.end(),
                     [](double a) { return std::abs(a + 1.4) < 1e-9; }) != s.withheld().answers.end());
  for (const Value& v : shown.values)
    for (double x : v.data) CHECK_MESSAGE(!(std::abs(x + 1.4) < 1e-9), v.name << " shows the asked z");
}

TEST_CASE("Try it's filter: the plots show where the asked step works (pooling step 2's window (1, 2))") {
  LessonSession s(load_lesson(test::lesson_path("pooling")));
  Practice p("pooling", 0, exercises_for(s.lesson().exercise_rules(), s.trace()));
  const int at = 1;  // Window (1, 2): max and average are asked
  s.go_to(at);
  s.withhold(withheld_for(s.trace(), p, at, true));
  REQUIRE(s.withheld().active());
  const Value* window = s.shown().steps[static_cast<std::size_t>(at)].find("window");
  REQUIRE(window);
  CHECK(window->data == std::vector<double>{1, 2});
}

TEST_CASE(
    "Try it's filter: the asked step's title gives no result away (gradient-descent's E, from which w follows; the "
    "perceptron's ŷ)") {
  LessonSession gd(load_lesson(test::lesson_path("gradient-descent")));
  Practice pg("gradient-descent", 0, exercises_for(gd.lesson().exercise_rules(), gd.trace()));
  const auto& steps = gd.trace().steps;  // w ← w − η·dE/dw is asked; its title prints w and E
  const auto good = std::optional<int>(static_cast<int>(
      std::find_if(steps.begin(), steps.end(), [](const Step& st) { return st.id == "run.good.1"; }) - steps.begin()));
  REQUIRE(*good < static_cast<int>(steps.size()));
  gd.go_to(*good);
  gd.withhold(withheld_for(gd.trace(), pg, *good, true));
  REQUIRE(gd.withheld().active());
  const Step& step = gd.trace().steps[static_cast<std::size_t>(*good)];
  const std::string shown = gd.shown().steps[static_cast<std::size_t>(*good)].title;
  CHECK(shown.find(format_number(step.find("E")->scalar(), 4)) == std::string::npos);
  CHECK(shown.find(format_number(step.find("w")->scalar(), 4)) == std::string::npos);
  CHECK(shown.find("η = 0.3") != std::string::npos);  // what the step is given stays

  LessonSession pa(load_lesson(test::lesson_path("perceptron-and")));
  Practice pp("perceptron-and", 0, exercises_for(pa.lesson().exercise_rules(), pa.trace()));
  pa.go_to(1);
  pa.withhold(withheld_for(pa.trace(), pp, 1, true));
  REQUIRE(pa.withheld().active());
  CHECK(pa.trace().steps[1].title.find("ŷ = 0") != std::string::npos);
  CHECK(pa.shown().steps[1].title == "(1, 1), y = 1");
  // The steps still to come, listed beside it, do not tell their ŷ either (their asked_title).
  pa.go_to(0);
  pa.withhold(withheld_for(pa.trace(), pp, 0, true));
  REQUIRE(pa.withheld().active());
  for (std::size_t i = 1; i < pa.shown().steps.size(); ++i)
    CHECK_MESSAGE(pa.shown().steps[i].title.find("ŷ") == std::string::npos, "step ", i + 1, ": ",
                  pa.shown().steps[i].title);
}
