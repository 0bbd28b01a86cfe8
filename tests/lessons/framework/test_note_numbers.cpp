// Every number a note (Step::note) shows comes from the trace: a note is built with fmt from the
// values the engine computed, so it cannot drift from them. The rules a number of a note must meet:
//   - a number with a decimal point (or an exponent) equals a value of the trace (any element of a
//     step's values, or an equation's numbers or results) at the decimals it shows;
//   - a number followed by "%" is such a value times 100, at the decimals it shows;
//   - a whole number without "%" is a count or an index (cells, classes, epochs, samples,
//     parameters, a filter's size) and is accepted as it is;
//   - a citation's numbers (after "§", "eq.", "eqs.", "Fig.", "Table", "ch.", and a range "–…"
//     continuing one) and a quotation (between "…" or “…”: words and numbers of a document, cited
//     with the document's author in the same note) are not computed and are skipped.
// Checked for every lesson with its own numbers, with each option of each choice of its Numbers tab,
// and in 50 variants of each.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "lessons/framework/catalog.h"
#include "lessons/framework/lesson.h"
#include "lessons/framework/trace.h"
#include "lessons/framework/variant.h"
#include "framework/text_numbers.h"

using namespace neurostep;

namespace {

std::vector<double> trace_numbers(const Trace& t) {
  std::vector<double> all;
  for (const Step& s : t.steps) {
    for (const Value& v : s.values) all.insert(all.end(), v.data.begin(), v.data.end());
    for (const Equation& e : s.equations) {
      all.insert(all.end(), e.args.begin(), e.args.end());
      all.insert(all.end(), e.result.begin(), e.result.end());
    }
  }
  return all;
}

bool shown_as(double v, const NoteNumber& n) {
  if (n.percent) v *= 100;
  const double scale = std::pow(10.0, n.exponent), shown = n.value * scale;
  const double half = 0.5 * std::pow(10.0, -n.decimals) * scale;
  return std::abs(v - shown) <= half * (1 + 1e-9) + 1e-12 * std::abs(shown);
}

// The numbers of the trace's notes that are no value of it, as "lesson [step] 0.25 in: note".
std::vector<std::string> unfounded_numbers(const Trace& t) {
  const std::vector<double> values = trace_numbers(t);
  std::vector<std::string> wrong;
  for (const Step& s : t.steps)
    for (const NoteNumber& n : note_numbers(s.note)) {
      if (n.whole && !n.percent) continue;
      bool found = false;
      for (double v : values) found = found || shown_as(v, n);
      if (!found)
        wrong.push_back(t.lesson_id + " [" + s.id + "] " + n.text + (n.percent ? "%" : "") + " in: " + s.note);
    }
  return wrong;
}

}  // namespace

TEST_CASE("the note check reads numbers, percentages, citations and quotations") {
  const std::vector<NoteNumber> n =
      note_numbers("E fell by −0.25 (12 %) and 1.5e−07, see §3.4, eqs. 72–76; the thesis says \"0.9\".");
  REQUIRE(n.size() == 3);
  CHECK(n[0].value == -0.25);
  CHECK(n[0].decimals == 2);
  CHECK((n[1].whole && n[1].percent && n[1].value == 12));
  CHECK((n[2].exponent == -7 && n[2].decimals == 1));  // §3.4, 72–76 and the quoted 0.9 are skipped
  const std::vector<NoteNumber> small = note_numbers("agree to −4.274·10⁻⁵.");
  REQUIRE(small.size() == 1);
  CHECK(
      (small[0].exponent == -5 && small[0].decimals == 3 && small[0].value == -4.274 && small[0].text == "4.274·10⁻⁵"));
}

TEST_CASE("a planted wrong number in a note is found, a right one is not") {
  Trace t{"planted",
          {{.id = "s",
            .group = "",
            .title = "",
            .equations = {{"z", "{}", {0.123}, {0.4567}}},
            .values = {scalar_value("share", 0.0053)}}}};
  t.steps[0].note = "z = 0.4567 from 0.12, a share of 0.5 % (cell 3, eq. 12).";
  CHECK(unfounded_numbers(t).empty());
  t.steps[0].note = "z = 0.4568 from 0.12, a share of 0 % (cell 3, eq. 12).";
  const std::vector<std::string> wrong = unfounded_numbers(t);
  REQUIRE(wrong.size() == 2);
  CHECK(wrong[0].find("0.4568 in") != std::string::npos);
  CHECK(wrong[1].find("] 0%") != std::string::npos);
}

TEST_CASE(
    "every number in every note is a value of the trace, in every lesson, every choice of its Numbers tab and 50 "
    "variants") {
  int traces = 0;
  for (const auto& entry : scan_lessons(std::string(NEUROSTEP_SOURCE_DIR) + "/lessons")) {
    CAPTURE(entry.id);
    REQUIRE(entry.error.empty());
    auto lesson = load_lesson(entry.path);
    const std::size_t choices = lesson->editables().size();
    for (std::size_t k = 0; k < choices; ++k) {
      if (!lesson->editables()[k].choice) continue;
      for (int option = 0; option < static_cast<int>(lesson->editables()[k].options.size()); ++option) {
        auto changed = load_lesson(entry.path);
        changed->editables()[k].choice.set(option);
        changed->numbers_changed();
        CAPTURE(option);
        for (const std::string& w : unfounded_numbers(changed->run())) FAIL_CHECK(w);
        ++traces;
      }
    }
    for (const std::string& w : unfounded_numbers(lesson->run())) FAIL_CHECK(w);
    ++traces;
    if (lesson->variant_spec().empty()) continue;
    for (std::uint64_t seed = 1; seed <= 50; ++seed) {
      CAPTURE(seed);
      for (const std::string& w : unfounded_numbers(apply_variant(*lesson, seed).trace)) FAIL_CHECK(w);
      ++traces;
    }
  }
  CHECK(traces > 300);
}
