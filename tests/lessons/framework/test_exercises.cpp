// Exercises, variants and worksheets (issue 15, the instructor half): every lesson file's exercises
// are answered right with the engine's own values rounded as a student writes them and wrong one
// unit in the last place beyond; variants are reproducible, meet their conditions and stay finite;
// bad [[exercise]] and [variants] entries are errors at their place in the file.
#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>

#include <algorithm>

#include "lesson_paths.h"
#include "lessons/formats/worksheet.h"
#include "lessons/framework/catalog.h"
#include "lessons/framework/exercise.h"
#include "lessons/framework/lesson.h"
#include "lessons/framework/lesson_file.h"
#include "lessons/framework/registry.h"
#include "lessons/framework/session.h"
#include "lessons/framework/variant.h"
#include "sweep.h"

using namespace neurostep;

namespace {

// Every lesson file.
std::vector<std::filesystem::path> lesson_files() {
  std::vector<std::filesystem::path> files;
  for (const auto& e : scan_lessons(std::string(NEUROSTEP_SOURCE_DIR) + "/lessons")) files.push_back(e.path);
  std::sort(files.begin(), files.end());
  return files;
}

// Every exercise answered with its value rounded to `decimals` is right; one unit in the last
// place beyond what is allowed, on either side, is wrong.
void check_marks(const std::vector<Exercise>& exercises, int decimals) {
  int right = 0;
  for (const Exercise& e : exercises) {
    CAPTURE(e.step_id);
    CAPTURE(e.label());
    CHECK(check_answer(e, round_to(e.answer, decimals), decimals).right);
    right += check_answer(e, round_to(e.answer, decimals), decimals).right;
    const double unit = std::pow(10.0, -decimals);
    const double allowed = check_answer(e, e.answer, decimals).allowed;
    CHECK_FALSE(check_answer(e, e.answer + allowed + unit, decimals).right);
    CHECK_FALSE(check_answer(e, e.answer - allowed - unit, decimals).right);
  }
  CHECK(right == static_cast<int>(exercises.size()));  // full marks
}

}  // namespace

TEST_CASE("an answer is right within half a unit of the student's last decimal, or the file's tolerance") {
  Exercise e;
  e.answer = 0.67217;                            // a = σ(0.72) ≈ 0.67217
  CHECK(check_answer(e, 0.672, 3).right);        // |0.672 − 0.67217| = 0.00017 ≤ 0.0005
  CHECK_FALSE(check_answer(e, 0.673, 3).right);  // 0.00083 > 0.0005
  CHECK(check_answer(e, 0.6722, 4).right);
  CHECK_FALSE(check_answer(e, 0.672, 4).right);  // 0.00017 > 0.00005: at 4 decimals 0.672 is rounded too early
  CHECK(check_answer(e, -0.0, 3).off == doctest::Approx(-0.67217));
  e.tolerance = 0.01;
  CHECK(check_answer(e, 0.68, 3).right);         // 0.0078 ≤ 0.01
  CHECK_FALSE(check_answer(e, 0.683, 3).right);  // 0.0108: one unit beyond the tolerance
  CHECK_FALSE(check_answer(e, std::nan(""), 3).right);
  // A value on a rounding boundary accepts both neighbours: 0.03125 → 0.0312 or 0.0313.
  e = Exercise{};
  e.answer = 0.25 * 0.25 * 0.5;
  CHECK(check_answer(e, 0.0312, 4).right);
  CHECK(check_answer(e, 0.0313, 4).right);
  CHECK_FALSE(check_answer(e, 0.0311, 4).right);
}

TEST_CASE("step patterns: * stands for any text") {
  CHECK(step_matches("sample*.gradient", "sample0.gradient"));
  CHECK(step_matches("sample*.gradient", "sample12.gradient"));
  CHECK_FALSE(step_matches("sample*.gradient", "sample0.update"));
  CHECK(step_matches("forward.*", "forward.0.1"));
  CHECK(step_matches("*", "anything"));
  CHECK(step_matches("e1.s0", "e1.s0"));
  CHECK_FALSE(step_matches("e1.s0", "e1.s01"));
  CHECK(step_matches("Layer */w*", "Layer 1/w⁽¹⁾₁₂"));
}

TEST_CASE(
    "every lesson file has exercises and variants that its trace knows, and the kinds' defaults fit their files") {
  for (const auto& path : lesson_files()) {
    CAPTURE(path);
    const auto lesson = load_lesson(path);
    const Trace trace = run_guarded(*lesson);
    CHECK_FALSE(exercises_for(lesson->exercise_rules(), trace).empty());
    CHECK(exercise_errors(lesson->exercise_rules(), trace).empty());
    CHECK(variant_errors(lesson->variant_spec(), *lesson, trace).empty());
    if (lesson->info().kind != "mnist")
      CHECK_FALSE(lesson->variant_spec().empty());  // mnist-cnn: the theses' models, no variants
    for (const LessonKind& k : lesson_kinds())
      if (k.name == lesson->info().kind) {
        CHECK_FALSE(k.default_exercises.empty());
        CHECK(exercise_errors(k.default_exercises, trace).empty());
      }
  }
}

TEST_CASE("a file without [[exercise]] entries gets its kind's default") {
  const auto lesson = parse_lesson(test::kSmallLesson, "my.toml");
  const auto exercises = exercises_for(lesson->exercise_rules(), lesson->run());
  // sigmoid-neuron: a, C, ∂C/∂w (2 weights) and w (2) of the one sample
  REQUIRE(exercises.size() == 6);
  CHECK(exercises[0].label() == "a");
  CHECK(exercises[0].answer == doctest::Approx(1 / (1 + std::exp(-0.5))));  // z = 0.5·1 + 0.5·0
  CHECK(exercises[2].label() == "dC_dw[1]");
}

TEST_CASE(
    "every exercise of every lesson, answered with the engine's values as a student rounds them, scores full marks") {
  for (const auto& path : lesson_files()) {
    CAPTURE(path);
    auto lesson = load_lesson(path);
    for (int decimals : {3, 4, 6}) check_marks(exercises_for(lesson->exercise_rules(), run_guarded(*lesson)), decimals);
    if (lesson->variant_spec().empty()) continue;
    const Variant v = apply_variant(*lesson, 4817);
    for (int decimals : {3, 4, 6}) check_marks(exercises_for(lesson->exercise_rules(), v.trace), decimals);
  }
}

TEST_CASE("a variant is the same from its number alone, meets its lesson's conditions, and claims no thesis value") {
  for (const auto& path : lesson_files()) {
    CAPTURE(path);
    auto a = load_lesson(path), b = load_lesson(path);
    if (a->variant_spec().empty()) {
      CHECK_THROWS_AS(apply_variant(*a, 4817), VariantError);
      continue;
    }
    apply_variant(*b, 12);  // another variant first: the numbers must not depend on what came before
    const Variant va = apply_variant(*a, 4817), vb = apply_variant(*b, 4817);
    REQUIRE(va.numbers.size() == vb.numbers.size());
    CHECK_FALSE(va.numbers.empty());
    for (std::size_t i = 0; i < va.numbers.size(); ++i) {
      CHECK(va.numbers[i].key == vb.numbers[i].key);
      CHECK(va.numbers[i].value == vb.numbers[i].value);
    }
    REQUIRE(va.trace.steps.size() == vb.trace.steps.size());
    for (std::size_t s = 0; s < va.trace.steps.size(); ++s)
      for (std::size_t k = 0; k < va.trace.steps[s].values.size(); ++k) {
        const auto &x = va.trace.steps[s].values[k].data, &y = vb.trace.steps[s].values[k].data;
        REQUIRE(x.size() == y.size());
        for (std::size_t i = 0; i < x.size(); ++i)
          CHECK(((x[i] == y[i]) || (std::isnan(x[i]) && std::isnan(y[i]))));  // NaN: a cell not yet computed
      }
    CHECK(failed_conditions(a->variant_spec(), va.trace, a->exercise_rules()).empty());
    CHECK(a->variant() == 4817u);
    CHECK(a->printed_values().empty());  // the variant's numbers are not the thesis's
    // and the session drops the thesis checks with them
    LessonSession session(load_lesson(path));
    session.use_variant(4817);
    CHECK(session.checks().empty());
    CHECK(session.variant() == 4817u);
    CHECK(session.trace().steps.size() == va.trace.steps.size());
  }
}

TEST_CASE("variant 4817 of the sigmoid lesson has the numbers the command line prints for it (tests/cli_test.cmake)") {
  // Drawn by splitmix64 from 4817 alone: the same in every build, in the window and on the command line.
  auto lesson = load_lesson(test::lesson_path("sigmoid-neuron"));
  const Variant v = apply_variant(*lesson, 4817);
  REQUIRE(v.numbers.size() == 12);
  CHECK(v.numbers[0].key == "Weights/w₁");
  CHECK(v.numbers[0].value == 0.7);
  CHECK(v.numbers[1].value == 0.84);
  CHECK(v.numbers[2].value == -0.29);
  CHECK(v.numbers[4].key == "Sample 0/x₁");
  CHECK(v.numbers[4].value == 0.7);
  CHECK(v.trace.steps[0].find("z")->scalar() ==
        doctest::Approx(0.7 * 0.7 + 0.84 * 0.4 - 0.29 * 0.6 + 0.92 * 0.8));  // 1.388
}

TEST_CASE("1,000 variants of every lesson give whole, finite traces that meet the conditions") {
  // The long training runs at the end of three lessons are shortened here (no variant changes
  // them, so the draws are the same): chain-rule's 10,000 iterations alone take 10 ms a variant.
  // The next test runs 50 variants of each with the file's own lengths.
  const std::vector<std::pair<std::string, int>> shorter = {
      {"Training/iterations", 100}, {"Network/epochs", 50}, {"Training/more steps", 2}};
  for (const auto& path : lesson_files()) {
    auto lesson = load_lesson(path);
    if (lesson->variant_spec().empty()) continue;
    for (const Editable& e : lesson->editables())
      for (const auto& [key, n] : shorter)
        if (e.integer && editable_key(e) == key) *e.integer = std::min(*e.integer, n);
    lesson->numbers_changed();
    const auto start = std::chrono::steady_clock::now();
    int draws = 0;
    for (std::uint64_t seed = 1; seed <= test::sweep(1000); ++seed) {
      const Variant v = apply_variant(*lesson, seed);  // throws if no draw qualifies
      draws += v.draws;
      REQUIRE_MESSAGE(failed_conditions(lesson->variant_spec(), v.trace, lesson->exercise_rules()).empty(),
                      path << " variant " << seed);
    }
    MESSAGE(lesson->info().id << ": " << test::sweep(1000) << " variants, " << draws << " draws, "
                              << std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()
                              << " s");
  }
}

TEST_CASE("50 variants of every lesson with its whole training runs are finite and meet the conditions") {
  for (const auto& path : lesson_files()) {
    auto lesson = load_lesson(path);
    if (lesson->variant_spec().empty()) continue;
    for (std::uint64_t seed = 5001; seed <= 5000 + test::sweep(50); ++seed) {
      const Variant v = apply_variant(*lesson, seed);
      REQUIRE_MESSAGE(failed_conditions(lesson->variant_spec(), v.trace, lesson->exercise_rules()).empty(),
                      path << " variant " << seed);
    }
  }
}

TEST_CASE("bad [[exercise]] and [variants] entries are errors at their place in the file") {
  const std::string good = test::kSmallLesson;
  // line 10 onwards
  test::expect_error(good + "[[exercise]]\nstep = \"sample9.a\"\nvalue = \"a\"\n", 11, 8,
                     "exercise: no step 'sample9.a'");
  test::expect_error(good + "[[exercise]]\nstep = \"sample*.a\"\nvalue = \"b\"\n", 12, 9,
                     "step 'sample0.a' has no value 'b'");
  test::expect_error(good + "[[exercise]]\nstep = \"sample0.gradient\"\nvalue = \"dC_dw\"\nelement = 3\n", 13, 11,
                     "has 2 elements, not 3");
  test::expect_error(good + "[[exercise]]\nstep = \"sample0.a\"\nvalue = \"a\"\ntolerance = -1\n", 13, 13,
                     "out of range");
  test::expect_error(good + "[[exercise]]\nstep = \"sample0.a\"\nvalue = \"a\"\nhints = \"x\"\n", 13, 9,
                     "unknown key 'hints'");
  const std::string vary = "[variants]\n[[variants.vary]]\nnumbers = \"Weights/*\"\nrange = [-1, 1]\n";
  CHECK(parse_lesson(good + vary, "my.toml")->variant_spec().vary.size() == 1);
  test::expect_error(good + test::replace(vary, "Weights/*", "Weight/*"), 12, 11, "variants: no number 'Weight/*'");
  test::expect_error(good + test::replace(vary, "Weights/*", "Training/loss"), 12, 11, "is a choice");
  test::expect_error(good + test::replace(vary, "Weights/*", "Sample 0/y"), 13, 9,
                     "goes beyond what 'Sample 0/y' takes, [0, 1]");
  test::expect_error(good + test::replace(vary, "[-1, 1]", "[1, -1]"), 13, 9, "low ≤ high");
  test::expect_error(good + vary +
                         "[[variants.require]]\nstep = \"sample0.C_after\"\nvalue = \"C_after\"\nless_than = { step = "
                         "\"sample0.C\", value = \"D\" }\n",
                     17, 13, "no value 'D' in step 'sample0.C'");
  test::expect_error(good + vary + "[[variants.require]]\nstep = \"nope\"\nvalue = \"a\"\nabove = 0\n", 15, 8,
                     "variants: no step 'nope'");
  test::expect_error(good + vary + "[[variants.require]]\nstep = \"sample0.a\"\nvalue = \"a\"\n", 14, 1,
                     "exactly one of");
}

TEST_CASE("neurostep check reports every bad exercise and variant entry of a file at once") {
  const auto path = std::filesystem::temp_directory_path() / "neurostep-bad-exercises.toml";
  std::ofstream(path)
      << test::kSmallLesson
      << "[[exercise]]\nstep = \"nope\"\nvalue = \"a\"\n\n[[exercise]]\nstep = \"sample0.a\"\nvalue = \"b\"\n\n"
      << "[variants]\n[[variants.vary]]\nnumbers = \"Nothing/*\"\nrange = [0, 1]\n";
  const auto errors = check_lesson(path);
  REQUIRE(errors.size() == 3);
  CHECK(errors[0].line == 11);
  CHECK(errors[1].line == 16);
  CHECK(errors[2].line == 20);
  std::filesystem::remove(path);
}

TEST_CASE("no draw meeting the conditions: refused with the condition that failed, the numbers as they were") {
  const std::string text = std::string(test::kSmallLesson) +
                           "[variants]\ntries = 5\n[[variants.vary]]\nnumbers = \"Weights/*\"\nrange = [-1, 1]\n"
                           "[[variants.require]]\nstep = \"sample0.a\"\nvalue = \"a\"\nabove = 2\n";
  auto lesson = parse_lesson(text, "my.toml");
  try {
    apply_variant(*lesson, 7);
    FAIL("an impossible condition was met");
  } catch (const VariantError& e) {
    CHECK_MESSAGE(std::string(e.what()).find("in 5 tries") != std::string::npos, e.what());
    CHECK_MESSAGE(std::string(e.what()).find("sample0.a: a > 2") != std::string::npos, e.what());
  }
  CHECK_FALSE(lesson->variant().has_value());
  CHECK(*lesson->editables()[0].number == 0.5);
}

TEST_CASE("a condition's other step with * compares the same sample") {
  // sigmoid-neuron's file: C_after < C of the same sample, for every sample
  auto lesson = load_lesson(test::lesson_path("sigmoid-neuron"));
  const Trace t = run_guarded(*lesson);
  CHECK(failed_conditions(lesson->variant_spec(), t).empty());
  Trace worse = t;
  for (Step& s : worse.steps)
    if (s.id == "sample1.C_after")
      for (Value& v : s.values)
        if (v.name == "C_after") v.data[0] = 10;
  const auto failed = failed_conditions(lesson->variant_spec(), worse);
  REQUIRE(failed.size() == 1);
  CHECK(failed[0] == "sample*.C_after: C_after < sample*.C: C");
}

TEST_CASE("a worksheet leaves the exercises blank and prints its number; its key holds every answer") {
  auto lesson = load_lesson(test::lesson_path("sigmoid-neuron"));
  const Variant v = apply_variant(*lesson, 4817);
  WorksheetOptions o;
  const Worksheet sheet{&lesson->info(), &v, worksheet_exercises(lesson->exercise_rules(), v.trace, o), o,
                        given_numbers(*lesson, v)};
  REQUIRE(sheet.exercises.size() == 2 * (1 + 1 + 4 + 4));
  const std::string md = worksheet_markdown(sheet, false), key = worksheet_markdown(sheet, true);
  CHECK(md.find("numbers #4817") != std::string::npos);
  CHECK(key.find("numbers #4817") != std::string::npos);
  for (const Exercise& e : sheet.exercises) {
    CHECK(key.find(" = **" + answer_text(e.answer, 4) + "**   (grade: " + e.step_id + " " + e.label() + ")") !=
          std::string::npos);
    CHECK(md.find(answer_text(e.answer, 4)) == std::string::npos);
  }
  CHECK(md.find("Name:") != std::string::npos);
  CHECK(md.find("### Exercise 1 — ") != std::string::npos);
  CHECK(md.find("- η = 1\n") != std::string::npos);  // the file's own η, given
  CHECK(md.find("dC_dw") == std::string::npos);      // no internal names on the sheet
  CHECK(key.find("Name:") == std::string::npos);
  // --steps 1..3: only the first sample's a is an exercise there (step 2)
  o.last_step = 3;
  CHECK(worksheet_exercises(lesson->exercise_rules(), v.trace, o).size() == 2);  // a (step 2) and C (step 3)
  CHECK(answer_text(-0.00001, 4) == "−1·10⁻⁵");
  CHECK(answer_text(-0.7, 4) == "−0.7");
  CHECK(answer_text(-0.12345678, 4) == "−0.1235");
  const std::string tex = worksheet_latex(sheet, false);
  CHECK(tex.find("numbers \\#4817") != std::string::npos);
  CHECK(tex.find("\\textbf{Exercise 1.}") != std::string::npos);
  CHECK(tex.find("\\fbox{") != std::string::npos);
  CHECK(tex.find("\\_") == std::string::npos);  // no literal underscore
  Worksheet named = sheet;
  named.student = "Ada Lovelace";
  CHECK(worksheet_latex(named, false).find("Name: \\textbf{Ada Lovelace}") != std::string::npos);
}

TEST_CASE("the given numbers that index one symbol print as its grid; the others one by one") {
  const std::vector<GivenNumber> given = {{"Input/X[0,0]", "1", true},   {"Input/X[0,1]", "2", true},
                                          {"Input/X[1,0]", "3", true},   {"Input/X[1,1]", "4", true},
                                          {"Layer 1/w⁽¹⁾₁₁", "5", true}, {"Layer 1/w⁽¹⁾₁₂", "6", true},
                                          {"Layer 1/b⁽¹⁾₁", "7", true},  {"Training/η", "0.5", false}};
  const auto groups = given_groups(given);
  REQUIRE(groups.size() == 3);
  REQUIRE(groups[0].items.size() == 1);
  CHECK(groups[0].items[0].symbol == "X");
  CHECK(groups[0].items[0].rows == 2);
  CHECK(groups[0].items[0].cells == std::vector<std::string>{"1", "2", "3", "4"});
  REQUIRE(groups[1].items.size() == 2);
  CHECK(groups[1].items[0].symbol == "W⁽¹⁾");  // the matrix of w⁽¹⁾ᵢⱼ
  CHECK(groups[1].items[0].cols == 2);
  CHECK(groups[1].items[1].symbol == "b⁽¹⁾₁");  // alone: not a grid
  CHECK_FALSE(groups[1].items[1].grid());
  CHECK(groups[2].items[0].text == "0.5");
  // one map of a 3-index kernel: its grid, named by the map
  const auto maps = given_groups({{"Kernel 1/K[1,0,0]", "1", true},
                                  {"Kernel 1/K[1,0,1]", "2", true},
                                  {"Kernel 1/K[1,1,0]", "3", true},
                                  {"Kernel 1/K[1,1,1]", "4", true}});
  REQUIRE(maps.at(0).items.size() == 1);
  CHECK(maps[0].items[0].symbol == "K[1,·,·]");
  CHECK(maps[0].items[0].rows == 2);
}

TEST_CASE(
    "every exercise reads as its formula writes it: no field, feedback or key names it by an identifier (issue 25)") {
  for (const auto& path : lesson_files()) {
    LessonSession s(load_lesson(path));
    for (const Exercise& e : exercises_for(s.lesson().exercise_rules(), s.trace())) {
      // Named by its formula, or by its value's symbol with the index as the formulas count it
      // (exercise.cpp's element_symbol), never as the key of files ("dX_max[6]", "x_hat[2]").
      const bool named = (!e.symbol.empty() && e.symbol != e.label()) || e.element == 0;
      CHECK_MESSAGE(named, s.lesson().info().id << " step " << e.step_id << ": " << e.shown_label());
    }
  }
}
