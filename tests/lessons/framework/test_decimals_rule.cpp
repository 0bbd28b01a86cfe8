// One decimals rule (issue 26): every number with decimals that a lesson writes — in a step's title
// and note, in its figures' titles, labels and annotations, in a heatmap cell and an answer key — is
// format_number(v, d) of a value v of the trace or of the figure's data, exactly, with d the View
// menu's decimals (3, 4 or 6: Lesson::decimals, which the lesson is run and drawn at): the
// same value reads the same everywhere ("−0.4472" beside "−0.4472", never "−0.45" or "−0.447"; a
// small one "4.274·10⁻⁵" from the first step it appears in, never "0.0000" nor "4.274e−5").
// Whole numbers (counts, indices), percentages, citations and quotations are not looked at
// (test_note_numbers.cpp checks percentages against the trace); nor is a double written with all
// its digits to show a rounding error (the perceptron's "0.6000000000000001 for 0.6"), nor the
// MNIST lesson's model names (its model files' words, "inputs in [0.01, 1]").
// Checked for every lesson with its own numbers (titles, notes, keys and every step's figures), with
// each option of each choice of its Numbers tab and in 3 variants (titles, notes and keys), at 3, 4
// and 6 decimals.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include <cmath>
#include <string>
#include <unordered_set>
#include <vector>

#include "figure/cell_label.h"
#include "figure/number_text.h"
#include "framework/text_numbers.h"
#include "lessons/formats/worksheet.h"
#include "lessons/engines/mnist.h"
#include "lessons/framework/catalog.h"
#include "lessons/framework/exercise.h"
#include "lessons/framework/lesson.h"
#include "lessons/framework/session.h"
#include "lessons/framework/trace.h"
#include "lessons/framework/variant.h"

using namespace neurostep;

namespace {

// Every value as the rule prints it, with and without its sign ("fell by 0.25" of a −0.25).
struct Shown {
  int decimals = kShownDecimals;
  std::unordered_set<std::string> texts, exact;  // exact: the shortest digits that give the double back
  void add(double v) {
    if (!std::isfinite(v)) return;
    texts.insert(format_number(v, decimals));
    texts.insert(format_number(std::abs(v), decimals));
    exact.insert(fmt::format("{}", std::abs(v)));
  }
  void add(const std::vector<double>& values) {
    for (double v : values) add(v);
  }
};

void add_trace(Shown& shown, const Trace& t) {
  for (const Step& s : t.steps) {
    for (const Value& v : s.values) shown.add(v.data);
    for (const Equation& e : s.equations) {
      shown.add(e.args);
      shown.add(e.result);
    }
  }
}

void add_figure(Shown& shown, const Figure& f) {
  for (const Series& s : f.series) {
    shown.add(s.x);
    shown.add(s.y);
  }
  for (const Heatmap& h : f.heatmaps) shown.add(h.values);
  for (const Annotation& a : f.annotations) {
    shown.add(a.x);
    shown.add(a.y);
  }
}

// The numbers of `text` (where: what it is, for the message) that break the rule.
void check_text(const Shown& shown, const std::string& where, const std::string& text,
                std::vector<std::string>& wrong) {
  for (const NoteNumber& n : note_numbers(text))
    if (!n.whole && !n.percent && !shown.texts.count(n.text) && !(n.text.size() > 15 && shown.exact.count(n.text)))
      wrong.push_back(where + ": " + n.text + " in: " + text);
}

void check_figure(const Shown& shown, const std::string& where, const Figure& f, std::vector<std::string>& wrong) {
  check_text(shown, where + " figure title", f.title, wrong);
  check_text(shown, where + " x label", f.x.label, wrong);
  check_text(shown, where + " y label", f.y.label, wrong);
  for (const Series& s : f.series) check_text(shown, where + " legend", s.label, wrong);
  for (const Annotation& a : f.annotations) check_text(shown, where + " annotation", a.text, wrong);
  const auto huge = [](const std::string&) {
    return std::pair{1.0, 1.0};
  };  // any cell fits: the text is what is checked
  for (const Heatmap& h : f.heatmaps)
    for (double v : h.values)
      if (std::isfinite(v) && cell_label(v, f.decimals, 1e6, 1e6, huge).text != format_number(v, shown.decimals))
        wrong.push_back(where + " heatmap cell: " + cell_label(v, f.decimals, 1e6, 1e6, huge).text);
}

// A step of the MNIST lesson's models, titled with its model file's description.
bool model_name(const Trace& t, const Step& s) {
  return t.lesson_id == "mnist-cnn" && s.id.rfind(mnist_ids::model(""), 0) == 0;
}

// The lesson's figures at step k, as LessonSession::figures draws them at the lesson's decimals.
std::vector<Figure> figures_at(const Lesson& lesson, const Trace& t, int k) {
  const ShownDecimals at(lesson.decimals());
  std::vector<Figure> figures = lesson.figures(t, k);
  for (Figure& f : figures) f.decimals = lesson.decimals();
  return figures;
}

// Titles, notes and answer keys of a trace run at the lesson's decimals; with `figures`, every
// step's figures too.
std::vector<std::string> misprinted(const Lesson& lesson, const Trace& t, bool figures) {
  Shown shown{.decimals = lesson.decimals()};
  add_trace(shown, t);
  std::vector<std::vector<Figure>> drawn;
  if (figures)
    for (int k = 0; k < static_cast<int>(t.steps.size()); ++k) {
      drawn.push_back(figures_at(lesson, t, k));
      for (const Figure& f : drawn.back()) add_figure(shown, f);
    }
  std::vector<std::string> wrong;
  for (const Step& s : t.steps) {
    if (model_name(t, s)) continue;
    check_text(shown, t.lesson_id + " [" + s.id + "] title", s.title, wrong);
    check_text(shown, t.lesson_id + " [" + s.id + "] note", s.note, wrong);
  }
  for (std::size_t k = 0; k < drawn.size(); ++k)
    for (const Figure& f : drawn[k])
      if (!model_name(t, t.steps[k])) check_figure(shown, t.lesson_id + " [" + t.steps[k].id + "]", f, wrong);
  for (const Exercise& e : exercises_for(lesson.exercise_rules(), t))
    check_text(shown, t.lesson_id + " key", answer_text(e.answer, lesson.decimals()), wrong);
  return wrong;
}

}  // namespace

TEST_CASE("the one rule for small values: a·10⁻ⁿ below half a unit of the last decimal, whole numbers whole") {
  CHECK(format_number(4.2739e-5, 4) == "4.274·10⁻⁵");
  CHECK(format_number(-4.2739e-5, 4) == "−4.274·10⁻⁵");
  CHECK(format_number(5e-5, 4) == "0.0001");  // half a unit: shown at the decimals
  CHECK(format_number(-0.44721, 4) == "−0.4472");
  CHECK(format_number(2, 4) == "2");
  CHECK(format_number(1e-12, 6) == "1·10⁻¹²");
  CHECK(power_of_ten(-12) == "⁻¹²");
  CHECK(answer_text(-0.7, 4) == "−0.7");  // the key as the math prints it, not "−0.7000"
}

TEST_CASE("a heatmap cell prints what the math prints, shrunk to fit, and says when even that is too large") {
  const auto size = [](const std::string& t) {
    return std::pair{8.0 * static_cast<double>(t.size()), 13.0};
  };  // 8 px a byte
  const CellLabel roomy = cell_label(-0.44721, 4, 200, 40, size);
  CHECK(roomy.text == "−0.4472");
  CHECK(roomy.scale == 1);
  const CellLabel narrow = cell_label(-0.44721, 4, 52, 40, size);  // "−0.4472" is 9 bytes: 72 px in 48 px of room
  CHECK(narrow.text == "−0.4472");
  CHECK(narrow.scale == doctest::Approx(48.0 / 72));
  CHECK(narrow.fits);
  CHECK_FALSE(cell_label(-0.44721, 4, 20, 40, size).fits);  // 16 px of room: under half the size
  CHECK(cell_label(std::nan(""), 4, 20, 40, size).text == "·");
  CHECK(cell_label(INFINITY, 4, 20, 40, size).text.empty());
}

// One step with z = 0.44721, its result 4.27391·10⁻⁵ and a = −1.34151: what the planted texts misprint.
static Trace planted_trace() {
  return Trace{"planted",
               {{.id = "s",
                 .group = "",
                 .title = "",
                 .equations = {{"z", "{}", {0.44721}, {4.27391e-5}}},
                 .values = {scalar_value("a", -1.34151)}}}};
}

TEST_CASE("a planted number off the rule is found in a title, a note and a figure label") {
  Trace t = planted_trace();
  t.steps[0].title = "z = 0.4472, a = −1.3415";
  t.steps[0].note = "E = 4.274·10⁻⁵";
  Shown shown;
  add_trace(shown, t);
  std::vector<std::string> wrong;
  for (const std::string& text : {t.steps[0].title, t.steps[0].note}) check_text(shown, "ok", text, wrong);
  CHECK(wrong.empty());
  for (const char* text : {"z = 0.447", "a = −1.3", "E = 4.274e−5", "E = 4.27·10⁻⁵", "z = 0.44721"})
    check_text(shown, "planted", text, wrong);
  CHECK(wrong.size() == 5);
  Figure f{.title = "a = −1.34"};
  std::vector<std::string> in_figure;
  check_figure(shown, "planted", f, in_figure);
  REQUIRE(in_figure.size() == 1);
  CHECK(in_figure[0].find("figure title: 1.34 in") != std::string::npos);
}

TEST_CASE("a title left at 4 decimals while the choice is 6 is found, and so is a heatmap label") {
  Trace t = planted_trace();
  Shown at6{.decimals = 6};
  add_trace(at6, t);
  std::vector<std::string> wrong;
  check_text(at6, "ok", "z = 0.44721, a = −1.34151, E = 0.000043", wrong);  // 4.27391·10⁻⁵ at 6 decimals
  CHECK(wrong.empty());
  check_text(at6, "planted", "z = 0.4472, a = −1.3415",
             wrong);  // format_number(·, kShownDecimals): the choice did not reach it
  CHECK(wrong.size() == 2);
  Figure left_at_4{
      .heatmaps = {Heatmap{.rows = 1, .cols = 1, .values = {-1.34151}}}};  // Figure::decimals not set to the choice
  std::vector<std::string> in_figure;
  check_figure(at6, "planted", left_at_4, in_figure);
  REQUIRE(in_figure.size() == 1);
  CHECK(in_figure[0].find("heatmap cell: −1.3415") != std::string::npos);
}

TEST_CASE(
    "every number with decimals of every lesson's titles, notes, figures and keys follows the one rule, at 3, 4 and 6 "
    "decimals") {
  int traces = 0;
  for (int decimals : {3, 4, 6})
    for (const auto& entry : scan_lessons(std::string(NEUROSTEP_SOURCE_DIR) + "/lessons")) {
      CAPTURE(decimals);
      CAPTURE(entry.id);
      REQUIRE(entry.error.empty());
      auto lesson = load_lesson(entry.path);
      lesson->set_decimals(decimals);
      for (const std::string& w : misprinted(*lesson, run_guarded(*lesson), true)) FAIL_CHECK(w);
      ++traces;
      const std::size_t choices = lesson->editables().size();
      for (std::size_t k = 0; k < choices; ++k) {
        if (!lesson->editables()[k].choice) continue;
        for (int option = 0; option < static_cast<int>(lesson->editables()[k].options.size()); ++option) {
          auto changed = load_lesson(entry.path);
          changed->set_decimals(decimals);
          changed->editables()[k].choice.set(option);
          changed->numbers_changed();
          CAPTURE(option);
          for (const std::string& w : misprinted(*changed, run_guarded(*changed), false)) FAIL_CHECK(w);
          ++traces;
        }
      }
      if (lesson->variant_spec().empty()) continue;
      for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        CAPTURE(seed);
        for (const std::string& w : misprinted(*lesson, apply_variant(*lesson, seed).trace, false)) FAIL_CHECK(w);
        ++traces;
      }
    }
  CHECK(traces > 150);
}
