// Lesson files: every mistake is reported with file:line:col and what was expected.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "lesson_paths.h"
#include "lessons/framework/catalog.h"
#include "lessons/framework/registry.h"
#include "lessons/framework/lesson.h"
#include "lessons/framework/lesson_file.h"
#include "lessons/framework/thesis_check.h"
#include "lessons/formats/trace_format.h"

using namespace neurostep;

TEST_CASE("a good file loads") { CHECK(parse_lesson(test::kSmallLesson, "my.toml")->info().id == "t"); }

TEST_CASE("syntax, type, size, range, unknown and missing keys are errors with their position") {
  test::expect_error(test::replace(test::kSmallLesson, "title = \"T\"", "title = \"T"), 3, 0, "");
  test::expect_error(test::replace(test::kSmallLesson, "learning_rate = 1.0", "learning_rate = \"fast\""), 6, 17,
                     "must be a number, not a text");
  test::expect_error(test::replace(test::kSmallLesson, "x = [1, 0]", "x = [1, 0, 1]"), 8, 5,
                     "must hold 2 numbers, not 3");
  test::expect_error(test::replace(test::kSmallLesson, "y = 1", "y = 2"), 9, 5, "out of range [0, 1]");
  test::expect_error(test::replace(test::kSmallLesson, "y = 1", "y = 1\nz = 3"), 10, 5,
                     "unknown key 'z' in [samples[0]]");
  test::expect_error(test::replace(test::kSmallLesson, "learning_rate = 1.0\n", ""), 4, 1,
                     "missing key 'learning_rate' in [neuron]");
  test::expect_error(test::replace(test::kSmallLesson, "kind = \"sigmoid-neuron\"", "kind = \"sigmoid\""), 2, 8,
                     "unknown lesson kind 'sigmoid'");
  test::expect_error(test::replace(test::kSmallLesson, "x = [1, 0]", "x = [1, \"a\"]"), 8, 9, "only numbers");
  test::expect_error(test::replace(test::kSmallLesson, "[neuron]", "[neuron]\nloss = \"hinge\""), 5, 8,
                     "not one of 'squared_error', 'binary_cross_entropy'");
}

TEST_CASE("printed values keep their decimals as written") {
  const std::string text =
      std::string(test::kSmallLesson) + "[[thesis_check]]\nstep = \"sample0.a\"\nvalue = \"a\"\nprinted = 0.70\n";
  const auto lesson = parse_lesson(text, "my.toml");
  REQUIRE(lesson->printed_values().size() == 1);
  CHECK(lesson->printed_values()[0].printed == "0.70");
  int decimals = 0;
  CHECK(parse_printed("−0.129", &decimals) == doctest::Approx(-0.129));
  CHECK(decimals == 3);
  CHECK_FALSE(parse_printed("abc", &decimals).has_value());
  const auto results = check_printed_values(lesson->printed_values(), lesson->run());
  CHECK(results[0].tolerance == doctest::Approx(0.005));
  // a = σ(0.5) = 0.6225, not 0.70
  CHECK(results[0].verdict == Verdict::Disagrees);
}

TEST_CASE("a check naming a step or value that does not exist says so") {
  const std::string text =
      std::string(test::kSmallLesson) + "[[thesis_check]]\nstep = \"nope\"\nvalue = \"a\"\nprinted = 1\n";
  const auto lesson = parse_lesson(text, "my.toml");
  const auto results = check_printed_values(lesson->printed_values(), lesson->run());
  CHECK(results[0].verdict == Verdict::NotFound);
  CHECK(results[0].explanation.find("no step 'nope'") != std::string::npos);
}

TEST_CASE("the catalog lists broken files with their error instead of dropping them") {
  const auto dir = std::filesystem::temp_directory_path() / "neurostep-catalog-test";
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file(test::lesson_path("sigmoid-neuron"), dir / "sigmoid-neuron.toml",
                             std::filesystem::copy_options::overwrite_existing);
  std::ofstream(dir / "broken.toml") << "id = \"broken\"\nkind = [\n";
  const auto catalog = scan_lessons(dir);
  REQUIRE(catalog.size() == 2);
  const auto broken = find_lesson(catalog, "broken");
  REQUIRE(broken.has_value());
  CHECK(broken->error.find("broken.toml:") != std::string::npos);
  CHECK(find_lesson(catalog, "sigmoid-neuron")->error.empty());
  CHECK_FALSE(find_lesson(catalog, "missing").has_value());
  std::filesystem::remove_all(dir);
}

TEST_CASE("every lesson file in lessons/ loads") {
  for (const auto& e : scan_lessons(std::string(NEUROSTEP_SOURCE_DIR) + "/lessons"))
    CHECK_MESSAGE(e.error.empty(), e.error);
}

TEST_CASE("trace formats: JSON values, CSV rows, Markdown table") {
  const Trace t = load_lesson(test::lesson_path("sigmoid-neuron"))->run();
  const std::string json = format_trace(t, TraceFormat::Json, 2);
  CHECK(json.find("\"lesson\": \"sigmoid-neuron\"") != std::string::npos);
  CHECK(json.find("\"z\": 0.72") != std::string::npos);
  CHECK(json.find("\"index\": 1") != std::string::npos);  // steps are numbered from 1, as in the window
  CHECK(json.find("\"index\": 2") != std::string::npos);
  CHECK(json.find("\"index\": 3") == std::string::npos);
  const std::string csv = format_trace(t, TraceFormat::Csv);
  CHECK(csv.rfind("index,step,title,value,element,number\n", 0) == 0);
  const std::string md = format_trace(t, TraceFormat::Markdown, -1, 4);
  CHECK(md.find("| −0.1298 |") != std::string::npos);
  CHECK(parse_trace_format("md") == TraceFormat::Markdown);
  CHECK_FALSE(parse_trace_format("xml").has_value());
}

TEST_CASE("docs/lesson-format.md holds one complete, current example of every lesson kind") {
  std::ifstream doc_in(std::string(NEUROSTEP_SOURCE_DIR) + "/docs/lesson-format.md");
  const std::string doc((std::istreambuf_iterator<char>(doc_in)), {});
  std::set<std::string> kinds_shown;
  for (const auto& e : scan_lessons(std::string(NEUROSTEP_SOURCE_DIR) + "/lessons")) {
    std::ifstream in(e.path);
    const std::string text((std::istreambuf_iterator<char>(in)), {});
    if (doc.find(text) != std::string::npos) kinds_shown.insert(load_lesson(e.path)->info().kind);
  }
  for (const auto& kind : lesson_kinds())
    CHECK_MESSAGE(kinds_shown.count(kind.name), "docs/lesson-format.md has no current example of kind "
                                                    << kind.name << ": paste the lesson file in again");
}

TEST_CASE("a lesson file copied elsewhere finds its data files in the app's data roots, and says where it looked") {
  const auto dir = std::filesystem::temp_directory_path() / "neurostep-copied-lesson";
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file(test::lesson_path("pooling"), dir / "pooling.toml",
                             std::filesystem::copy_options::overwrite_existing);
  set_lesson_data_roots({});
  try {
    load_lesson(dir / "pooling.toml");
    FAIL("the digit file was found without a data root");
  } catch (const LessonError& e) {
    CHECK_MESSAGE(e.message.find("looked for") != std::string::npos, e.what());
    CHECK(e.message.find("assets/mnist-sample/t10k-images-idx3-ubyte.gz") != std::string::npos);
  }
  set_lesson_data_roots({NEUROSTEP_SOURCE_DIR});
  CHECK(load_lesson(dir / "pooling.toml")->run().steps.size() > 1);
  set_lesson_data_roots({});
  std::filesystem::remove_all(dir);
}

TEST_CASE("neurostep check reports every wrong value of a file in one pass, in file order") {
  std::ifstream in(test::lesson_path("sigmoid-neuron"));
  std::string text((std::istreambuf_iterator<char>(in)), {});
  const auto replace_first = [&](const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
  };
  replace_first("[neuron]", "[neuron]\ncolour = 3");                // an unknown key
  replace_first("learning_rate = 1.0", "learning_rate = \"one\"");  // a wrong type
  replace_first("y = 1", "y = 7");                                  // out of range
  const auto file = std::filesystem::temp_directory_path() / "neurostep-three-mistakes.toml";
  std::ofstream(file) << text;
  const std::vector<LessonError> errors = check_lesson(file);
  REQUIRE(errors.size() == 3);
  CHECK(errors[0].message.find("unknown key 'colour'") != std::string::npos);
  CHECK(errors[1].message.find("'learning_rate' must be a number") != std::string::npos);
  CHECK(errors[2].message.find("'y' = 7 is out of range") != std::string::npos);
  CHECK(errors[0].line < errors[1].line);
  CHECK(errors[1].line < errors[2].line);
  CHECK_THROWS_AS(load_lesson(file), LessonError);  // loading still stops at the first
  CHECK(check_lesson(test::lesson_path("sigmoid-neuron")).empty());
  std::filesystem::remove(file);
}

TEST_CASE("an array left without its ']' is reported where the parser stops, and says where it opened") {
  // The parser meets the next key: "expected comma or closing ']', saw 'l'" at 6:1.
  const std::string open = test::replace(test::kSmallLesson, "weights = [0.5, 0.5]", "weights = [0.5, 0.5");
  test::expect_error(open, 6, 1, "expected comma or closing ']'");
  test::expect_error(open, 6, 1, ": the array of 'weights' opened at 5:11 is not closed");
  // Brackets in strings and comments before it are not counted.
  test::expect_error(test::replace(open, "title = \"T\"", "title = \"a ] [ b\"  # ] ["), 6, 1,
                     "the array of 'weights' opened at 5:11");
  // Before a table header, and at the end of the file.
  test::expect_error(test::replace(test::kSmallLesson, "learning_rate = 1.0", "learning_rate = [1.0"), 7, 0,
                     "the array of 'learning_rate' opened at 6:17 is not closed");
  test::expect_error(test::replace(test::kSmallLesson, "y = 1\n", "y = [1\n"), 9, 0,
                     "the array of 'y' opened at 9:5 is not closed");
  // A missing comma inside an array that is closed later says nothing of where it opened.
  const std::string comma = test::replace(test::kSmallLesson, "weights = [0.5, 0.5]", "weights = [\n  0.5\n  0.5\n]");
  try {
    parse_lesson(comma, "my.toml");
    FAIL("no error for a missing comma");
  } catch (const LessonError& e) {
    CHECK(e.line == 7);
    CHECK_MESSAGE(e.message.find("opened at") == std::string::npos, e.what());
  }
}

TEST_CASE("a misspelt key is reported at its own line with the key it most likely means") {
  CHECK(edit_distance("learnig_rate", "learning_rate") == 1);
  CHECK(edit_distance("wieghts", "weights") == 1);  // two neighbours swapped
  CHECK(nearest_key("learnig_rate", {"weights", "learning_rate"}) == "learning_rate");
  CHECK_FALSE(nearest_key("x", {"y"}).has_value());  // one letter: no guess
  CHECK_FALSE(nearest_key("colour", {"weights", "learning_rate"}).has_value());
  // A required key misspelt: at the misspelling (6:16), not "missing key" at [neuron] (4:1).
  test::expect_error(test::replace(test::kSmallLesson, "learning_rate = 1.0", "learnig_rate = 1.0"), 6, 16,
                     "unknown key 'learnig_rate' in [neuron]: did you mean 'learning_rate'?");
  // An optional key misspelt.
  test::expect_error(test::replace(test::kSmallLesson, "title = \"T\"", "title = \"T\"\nsumary = \"S\""), 4, 10,
                     "unknown key 'sumary': did you mean 'summary'?");
}

TEST_CASE(
    "neurostep check reports each independent mistake of a file at its own line, and the lesson list counts them") {
  const auto dir = std::filesystem::temp_directory_path() / "neurostep-independent-mistakes";
  std::filesystem::create_directories(dir);
  const auto check = [&](const std::string& text) {
    std::ofstream(dir / "two.toml") << text;
    return check_lesson(dir / "two.toml");
  };
  // A misspelt key no longer hides the mistakes after it.
  std::string text = test::replace(test::kSmallLesson, "learning_rate = 1.0", "learnig_rate = 1.0");
  text = test::replace(text, "y = 1", "y = 7");
  std::vector<LessonError> errors = check(text);
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].line == 6);
  CHECK(errors[0].message.find("did you mean 'learning_rate'?") != std::string::npos);
  CHECK(errors[1].line == 9);
  CHECK(errors[1].message.find("'y' = 7 is out of range") != std::string::npos);
  // A missing text and a wrong number, each at its own line.
  errors = check(test::replace(test::replace(test::kSmallLesson, "title = \"T\"\n", ""), "y = 1", "y = 7"));
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].line == 1);
  CHECK(errors[0].message == "missing key 'title'");
  CHECK(errors[1].line == 8);
  // The lesson list shows the first and how many more.
  const auto catalog = scan_lessons(dir);
  REQUIRE(catalog.size() == 1);
  CHECK_MESSAGE(catalog[0].error.find("missing key 'title' (+1 more)") != std::string::npos, catalog[0].error);
  std::filesystem::remove_all(dir);
}
