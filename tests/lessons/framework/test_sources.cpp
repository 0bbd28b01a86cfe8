// The sources (src/lessons/framework/sources.h): every lesson cites the documents by name and key,
// every key resolves, an unknown key fails at its line:col, and nothing a user reads says "seed 00N".
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>

#include "lesson_paths.h"
#include "lessons/formats/trace_format.h"
#include "lessons/framework/catalog.h"
#include "lessons/framework/session.h"
#include "lessons/framework/sources.h"
#include "lessons/training/mnist_models.h"

using namespace neurostep;

namespace {
const std::filesystem::path kLessons = std::filesystem::path(NEUROSTEP_SOURCE_DIR) / "lessons";

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// "seed 000" … "seed 004", the documents' old names, in any case.
bool names_a_seed(const std::string& text) { return lower(text).find("seed 00") != std::string::npos; }

// Everything a lesson shows: its header, every step (title, equations, values, note) and the titles
// of its figures at every step.
std::string all_text(const Lesson& lesson) {
  const LessonInfo& info = lesson.info();
  std::string out = info.title + "\n" + info.source + "\n" + info.summary + "\n" + info.check_title + "\n";
  const Trace trace = run_guarded(lesson);
  out += format_trace(trace, TraceFormat::Text);
  for (int i = 0; i < static_cast<int>(trace.steps.size()); ++i)
    for (const Figure& f : lesson.figures(trace, i)) {
      out += f.title + "\n";
      for (const Annotation& a : f.annotations) out += a.text + "\n";
    }
  for (const PrintedValue& p : lesson.printed_values()) out += p.note + "\n";
  return out;
}

// The small lesson citing a known and an unknown key, on line 4.
std::string citing_lesson() {
  return test::replace(test::kSmallLesson, "title = \"T\"\n",
                       "title = \"T\"\nsources = [{ key = \"lazovic2020\", at = \"§2.13\" }, { key = \"nobody\" }]\n");
}
}  // namespace

TEST_CASE("the sources file names each document as its title page does") {
  const Sources sources = Sources::load(kLessons / kSourcesFileName);
  for (const char* key : {"lazovic2020", "creus-picon", "jappinen2024", "sougrati", "symon", "mazur"}) {
    CAPTURE(key);
    REQUIRE(sources.find(key));
    CHECK_FALSE(sources.find(key)->authors.empty());
    CHECK_FALSE(sources.find(key)->title.empty());
  }
  CHECK(sources.cite({"lazovic2020", "§2.13"}) == "Lazović 2020, §2.13");
  CHECK(sources.cite({"sougrati", "ch. 2, §2.2.1"}) == "Sougrati et al., ch. 2, §2.2.1");
  CHECK(sources.cite_all({{"jappinen2024", "§3.2.4"}, {"symon", ""}}) == "Jäppinen 2024, §3.2.4; Symon");
  CHECK(
      full_reference(*sources.find("jappinen2024")) ==
      "Jarno Jäppinen, The Mathematics of Neural Networks Behind Image Recognition, master's thesis (supervisor Prof. "
      "Ion Petre), Department of Mathematics and Statistics, University of Turku, 2024.");
  CHECK(sources.find("seed000") == nullptr);
}

TEST_CASE("the built-in copy of the sources file is the file") {
  const Sources file = Sources::load(kLessons / kSourcesFileName);
  const Sources& built_in = sources_for("/nowhere/my-lesson.toml");  // no file beside it, no data roots
  REQUIRE(built_in.entries().size() == file.entries().size());
  for (std::size_t i = 0; i < file.entries().size(); ++i)
    CHECK(full_reference(built_in.entries()[i]) == full_reference(file.entries()[i]));
}

TEST_CASE("a wrong sources file is an error at its line") {
  CHECK_THROWS_WITH_AS(Sources::parse("[[source]]\nkey = \"a\"\nshort = \"A\"\nauthors = \"A\"\ntitle = \"T\"\n"
                                      "[[source]]\nkey = \"a\"\nshort = \"A\"\nauthors = \"A\"\ntitle = \"T\"\n",
                                      "s.toml"),
                       doctest::Contains("s.toml:7:7: the key 'a' is defined twice"), LessonError);
  CHECK_THROWS_WITH_AS(Sources::parse("[[source]]\nkey = \"a\"\nshort = \"A\"\n", "s.toml"),
                       doctest::Contains("missing key 'authors'"), LessonError);
}

TEST_CASE("the lesson list skips the sources file") {
  for (const auto& f : lesson_files(kLessons)) CHECK(f.filename() != kSourcesFileName);
  CHECK(std::filesystem::is_regular_file(kLessons / kSourcesFileName));
}

TEST_CASE("every lesson's citations resolve, and no lesson says 'seed 00N'") {
  const Sources sources = Sources::load(kLessons / kSourcesFileName);
  for (const auto& file : lesson_files(kLessons)) {
    CAPTURE(file);
    const auto lesson = load_lesson(file);
    const LessonInfo& info = lesson->info();
    std::set<std::string> keys;
    for (const Citation& c : info.citations) {
      CHECK(sources.find(c.key));
      keys.insert(c.key);
    }
    CHECK(info.cited.size() >= keys.size());
    CHECK_FALSE(names_a_seed(test::read(file.string())));
    const std::string text = all_text(*lesson);
    CHECK_MESSAGE(!names_a_seed(text), text.substr(0, std::min<std::size_t>(text.size(), 2000)));
  }
}

TEST_CASE("the header shows the citations by name; the chain rule's check is named after Mazur") {
  const auto sigmoid = load_lesson(test::lesson_path("sigmoid-neuron"));
  CHECK(sigmoid->info().source == "Lazović 2020, §2.13");
  REQUIRE(sigmoid->info().cited.size() == 1);
  CHECK(sigmoid->info().cited[0].institution == "Higher Technical School of Vocational Studies in Kragujevac");
  CHECK(sigmoid->info().check_title == "Thesis check");
  const auto chain = load_lesson(test::lesson_path("chain-rule"));
  CHECK(chain->info().check_title == "Check against Mazur");
  CHECK(std::any_of(chain->info().cited.begin(), chain->info().cited.end(),
                    [](const SourceEntry& e) { return e.key == "mazur"; }));
  const auto and_lesson = load_lesson(test::lesson_path("perceptron-and"));
  CHECK(and_lesson->info().source == "Sougrati et al., ch. 2, §2.2–2.3");
}

TEST_CASE("a lesson citing an unknown key fails at the key's line:col") {
  const int column =
      59;  // of "nobody" on `sources = [{ key = "lazovic2020", at = "§2.13" }, { key = "nobody" }]`, in characters
  test::expect_error(citing_lesson(), 4, column, "unknown source 'nobody' (the sources file knows: lazovic2020");
  test::expect_error(
      test::replace(test::kSmallLesson, "title = \"T\"\n", "title = \"T\"\nchecked_against = \"mazurr\"\n"), 4, 19,
      "unknown source 'mazurr'");
  test::expect_error(test::replace(test::kSmallLesson, "title = \"T\"\n",
                                   "title = \"T\"\nsources = [{ key = \"symon\", page = 3 }]\n"),
                     4, 0, "unknown key 'page'");
}

TEST_CASE("neurostep check reports an unknown key with the file's other mistakes") {
  const auto file = std::filesystem::temp_directory_path() / "neurostep-sources-test.toml";
  std::ofstream(file) << test::replace(citing_lesson(), "learning_rate = 1.0", "learning_rate = \"fast\"");
  const std::vector<LessonError> errors = check_lesson(file);
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].line == 4);
  CHECK(errors[0].message.find("unknown source 'nobody'") != std::string::npos);
  CHECK(errors[1].line == 7);
  std::filesystem::remove(file);
}

TEST_CASE("the README and the docs say no 'seed 00N'") {
  for (const char* doc : {"README.md", "docs/lesson-format.md", "docs/architecture.md"}) {
    CAPTURE(doc);
    const std::string text = test::read(std::string(NEUROSTEP_SOURCE_DIR) + "/" + doc);
    REQUIRE_FALSE(text.empty());
    CHECK_FALSE(names_a_seed(text));
  }
}

TEST_CASE("the MNIST models are named by their document's key; the old names still find them") {
  const MnistModels models = read_mnist_models(kLessons / "mnist-cnn.toml");
  const Sources sources = Sources::load(kLessons / kSourcesFileName);
  for (const char* old : {"seed000", "seed001", "seed002", "seed003", "seed004"}) {
    CAPTURE(old);
    const std::string now = current_model_name(old);
    CHECK(sources.find(now));
    CHECK(std::any_of(models.models.begin(), models.models.end(),
                      [&](const MnistModel& m) { return m.spec.name == now; }));
  }
  CHECK(current_model_name("lenet5") == "lenet5");
  for (const MnistModel& m : models.models) CHECK(m.spec.name.find("seed0") == std::string::npos);
}

TEST_CASE("the README's Sources section gives every entry") {
  const std::string readme = test::read(std::string(NEUROSTEP_SOURCE_DIR) + "/README.md");
  const auto at = readme.find("\n## Sources\n");
  REQUIRE(at != std::string::npos);
  const std::string section = readme.substr(at, readme.find("\n## ", at + 1) - at);
  const Sources sources = Sources::load(kLessons / kSourcesFileName);
  for (const SourceEntry& e : sources.entries()) {
    CAPTURE(e.key);
    CHECK(section.find("**" + e.short_form + "** — " + e.authors + ", *") != std::string::npos);
  }
}
