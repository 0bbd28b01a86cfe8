#include "lessons/formats/worksheet.h"

#include <algorithm>

#include <fmt/format.h>

#include "lessons/formats/table_export.h"

namespace neurostep {

namespace {

constexpr const char* kBlank = "________________";

struct Table {
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;
  std::string alignment;
  bool roomy = false;
};

struct Section {
  std::string heading, text;
  Table table;
};

// The range of steps as 0-based indices [from, to).
std::pair<int, int> step_range(const Trace& trace, const WorksheetOptions& o) {
  const int n = static_cast<int>(trace.steps.size());
  const int to = o.last_step < 0 ? n : std::min(n, o.last_step);
  return {std::clamp(o.first_step - 1, 0, to), to};
}

std::vector<Section> sections(const Worksheet& w, bool key) {
  const LessonInfo& info = *w.info;
  const Variant& v = *w.variant;
  const Trace& trace = v.trace;
  const auto [from, to] = step_range(trace, w.options);
  const int p = w.options.precision;
  std::vector<Section> out;

  Section head;
  head.heading = fmt::format("{} — {}, numbers #{}", info.title, key ? "answer key" : "worksheet", v.seed);
  head.text = fmt::format("Lesson {}{}, numbers #{} (drawn for this sheet: they are not the thesis's numbers). Steps {}–{}; "
                          "answers to {} decimals.",
                          info.id, info.source.empty() ? "" : " (" + info.source + ")", v.seed, from + 1, to, p);
  if (!key) head.text += "\n\nName: ______________________________";
  out.push_back(std::move(head));

  Section given{"Given numbers", "Every number of the lesson; those marked \"drawn\" are this variant's own.",
                {{"Number", "Value", ""}, {}, "lll", false}};
  for (const GivenNumber& n : w.given) {
    const auto slash = n.key.rfind('/');  // a group may hold a slash ("δ = ∂E/∂y"), a label does not
    given.table.rows.push_back({n.key.substr(0, slash) + ": " + n.key.substr(slash + 1), n.text, n.drawn ? "drawn" : ""});
  }
  out.push_back(std::move(given));

  int first_exercise = to;
  for (const Exercise& e : w.exercises) first_exercise = std::min(first_exercise, e.step);
  Section steps{"Steps", key ? "Every step worked out with this variant's numbers."
                             : "The steps before the first exercise are worked out; from there on, work out each step from its formula.",
                {{"#", "Step", "Formula", "With numbers", "Result"}, {}, "rp{4cm}p{6cm}p{7cm}l", !key}};
  for (int i = from; i < to; ++i) {
    const Step& s = trace.steps[static_cast<std::size_t>(i)];
    const bool worked = key || i < first_exercise;
    const std::string number = std::to_string(i + 1), title = s.group + ": " + s.title;
    if (s.equations.empty()) steps.table.rows.push_back({number, title, worked ? s.note : "", "", ""});
    for (std::size_t k = 0; k < s.equations.size(); ++k) {
      const Equation& e = s.equations[k];
      steps.table.rows.push_back({k == 0 ? number : "", k == 0 ? title : "", e.symbols, worked ? equation_numbers(e, p) : "",
                                  worked ? equation_result(e, p) : ""});
    }
  }
  out.push_back(std::move(steps));

  Section answers{key ? "Answers" : "Exercises",
                  key ? fmt::format("Right: within half a unit of the last decimal ({} decimals), or within the tolerance where one is given.", p)
                      : fmt::format("Write each answer to {} decimals.", p),
                  {{"#", "Step", "Value", "Answer"}, {}, "rp{9cm}ll", !key}};
  for (const Exercise& e : w.exercises) {
    const Step& s = trace.steps[static_cast<std::size_t>(e.step)];
    std::string answer = key ? answer_text(e.answer, p) : kBlank;
    if (key && e.tolerance) answer += " (± " + format_number(*e.tolerance, 6) + ")";
    // The value as the formulas name it; in brackets, the step id and label `neurostep grade` reads.
    answers.table.rows.push_back({std::to_string(e.step + 1), s.group + ": " + s.title + " [" + s.id + " " + e.label() + "]", e.shown_label(), answer});
  }
  if (w.exercises.empty()) answers.text = "No exercises in these steps.";
  out.push_back(std::move(answers));
  return out;
}

std::string md_cell(std::string s) {
  for (std::size_t i = 0; (i = s.find('|', i)) != std::string::npos; i += 2) s.replace(i, 1, "\\|");
  for (std::size_t i = 0; (i = s.find('\n', i)) != std::string::npos;) s.replace(i, 1, " ");
  return s;
}

}  // namespace

std::vector<Exercise> worksheet_exercises(const std::vector<ExerciseRule>& rules, const Trace& trace, const WorksheetOptions& options) {
  const auto [from, to] = step_range(trace, options);
  std::vector<Exercise> all = exercises_for(rules, trace), out;
  for (Exercise& e : all)
    if (e.step >= from && e.step < to) out.push_back(std::move(e));
  return out;
}

std::vector<GivenNumber> given_numbers(Lesson& lesson, const Variant& v) {
  std::vector<GivenNumber> out;
  for (const Editable& e : lesson.editables()) {
    GivenNumber g{editable_key(e), "", false};
    if (e.number) g.text = format_number(*e.number, 6);
    else if (e.integer) g.text = std::to_string(*e.integer);
    else if (e.choice && e.choice.get() >= 0 && e.choice.get() < static_cast<int>(e.options.size())) g.text = e.options[static_cast<std::size_t>(e.choice.get())];
    for (const VariantNumber& n : v.numbers) g.drawn = g.drawn || n.key == g.key;
    out.push_back(std::move(g));
  }
  return out;
}

std::string answer_text(double value, int precision) {
  std::string s = fmt::format("{:.{}f}", value, precision);
  if (s.find_first_not_of("-0.") == std::string::npos) return s[0] == '-' ? s.substr(1) : s;  // no −0.0000
  if (s[0] == '-') s.replace(0, 1, "−");
  return s;
}

std::string worksheet_markdown(const Worksheet& sheet, bool key) {
  std::string out;
  bool first = true;
  for (const Section& s : sections(sheet, key)) {
    out += fmt::format("{} {}\n\n", first ? "#" : "##", s.heading);
    first = false;
    if (!s.text.empty()) out += s.text + "\n\n";
    if (s.table.headers.empty() || s.table.rows.empty()) continue;
    out += "|";
    for (const auto& h : s.table.headers) out += " " + h + " |";
    out += "\n|";
    for (std::size_t c = 0; c < s.table.headers.size(); ++c) out += "---|";
    out += "\n";
    for (const auto& row : s.table.rows) {
      out += "|";
      for (const auto& cell : row) out += " " + md_cell(cell) + " |";
      out += "\n";
    }
    out += "\n";
  }
  return out;
}

std::string worksheet_latex(const Worksheet& sheet, bool key) {
  std::vector<LatexBlock> blocks;
  for (Section& s : sections(sheet, key)) {
    LatexBlock b{.heading = std::move(s.heading), .text = std::move(s.text)};
    if (!s.table.rows.empty()) {
      b.headers = std::move(s.table.headers);
      b.rows = std::move(s.table.rows);
      b.alignment = std::move(s.table.alignment);
      b.roomy = s.table.roomy;
    }
    blocks.push_back(std::move(b));
  }
  return latex_document(blocks);
}

}  // namespace neurostep
