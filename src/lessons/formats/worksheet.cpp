#include "lessons/formats/worksheet.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "lessons/formats/table_export.h"
#include "lessons/framework/slips.h"
#include "lessons/framework/withheld.h"

namespace neurostep {

namespace {

// The range of steps as 0-based indices [from, to).
std::pair<int, int> step_range(const Trace& trace, const WorksheetOptions& o) {
  const int n = static_cast<int>(trace.steps.size());
  const int to = o.last_step < 0 ? n : std::min(n, o.last_step);
  return {std::clamp(o.first_step - 1, 0, to), to};
}

// A label that indexes a symbol: "X[0,1]" → ("X", {0, 1}, brackets); "w⁽¹⁾₁₂" → ("w⁽¹⁾", {1, 2}).
struct IndexedLabel {
  std::string stem;
  std::vector<int> index;
  bool brackets = false;
};

std::optional<IndexedLabel> indexed_label(const std::string& label) {
  if (label.find(' ') != std::string::npos) return std::nullopt;
  IndexedLabel out;
  if (const auto open = label.find('['); open != std::string::npos && open > 0 && label.back() == ']') {
    out.stem = label.substr(0, open);
    out.brackets = true;
    std::string inner = label.substr(open + 1, label.size() - open - 2);
    for (std::size_t at = 0; at <= inner.size();) {
      const std::size_t comma = std::min(inner.find(',', at), inner.size());
      const std::string n = inner.substr(at, comma - at);
      if (n.empty() || n.size() > 3 || n.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
      out.index.push_back(std::stoi(n));
      at = comma + 1;
    }
    return out.index.size() <= 3 ? std::optional(out) : std::nullopt;
  }
  std::size_t end = label.size();  // subscript digits ₀…₉: U+2080…2089, E2 82 80…89 in UTF-8
  while (end >= 3 && label.compare(end - 3, 2, "\xE2\x82") == 0 && static_cast<unsigned char>(label[end - 1]) >= 0x80 &&
         static_cast<unsigned char>(label[end - 1]) <= 0x89)
    end -= 3;
  const std::size_t digits = (label.size() - end) / 3;
  if (end == 0 || digits == 0 || digits > 2) return std::nullopt;
  out.stem = label.substr(0, end);
  for (std::size_t k = end; k < label.size(); k += 3)
    out.index.push_back(static_cast<unsigned char>(label[k + 2]) - 0x80);
  return out;
}

// The grid of a run of indexed numbers, if they fill one exactly.
std::optional<GivenItem> grid_of(std::vector<std::pair<IndexedLabel, std::string>> run) {
  if (run.size() < 2) return std::nullopt;
  std::string map;  // K[0,i,j] of one map: the grid of K[0,·,·]
  if (run[0].first.index.size() == 3) {
    map = std::to_string(run[0].first.index[0]);
    for (auto& [l, text] : run) {
      if (std::to_string(l.index[0]) != map) return std::nullopt;
      l.index.erase(l.index.begin());
    }
  }
  const bool matrix = run[0].first.index.size() == 2;
  int r0 = 1 << 20, c0 = 1 << 20, r1 = -1, c1 = -1;
  for (const auto& [l, text] : run) {
    r0 = std::min(r0, l.index[0]), r1 = std::max(r1, l.index[0]);
    c0 = std::min(c0, matrix ? l.index[1] : 0), c1 = std::max(c1, matrix ? l.index[1] : 0);
  }
  GivenItem g;
  g.rows = r1 - r0 + 1, g.cols = c1 - c0 + 1;
  if (static_cast<std::size_t>(g.rows * g.cols) != run.size()) return std::nullopt;
  g.cells.assign(run.size(), "");
  for (const auto& [l, text] : run) {
    std::string& cell = g.cells[static_cast<std::size_t>((l.index[0] - r0) * g.cols + (matrix ? l.index[1] - c0 : 0))];
    if (!cell.empty()) return std::nullopt;
    cell = text;
  }
  g.symbol = run[0].first.stem +
             (map.empty() ? "" : "[" + map + ",·,·]");  // a matrix of w⁽¹⁾ᵢⱼ is W⁽¹⁾, as the formulas write Wᵀ
  if (!run[0].first.brackets && matrix && g.symbol[0] >= 'a' && g.symbol[0] <= 'z')
    g.symbol[0] = static_cast<char>(g.symbol[0] - 'a' + 'A');
  return g;
}

void add_run(GivenGroup& group, std::vector<std::pair<IndexedLabel, std::string>>& run,
             std::vector<GivenItem>& singles) {
  if (auto g = grid_of(run))
    group.items.push_back(std::move(*g));
  else
    for (auto& s : singles) group.items.push_back(std::move(s));
  run.clear();
  singles.clear();
}

std::string md_formula(const Equation& e, bool worked, int p) {
  std::string line = e.symbols;
  if (worked && !e.numbers.empty()) line += " = " + equation_numbers(e, p);
  if (worked && !e.result.empty()) line += " = " + equation_result(e, p);
  return line;
}

void md_given(std::string& out, const Worksheet& w) {
  out += "## Given numbers\n\n";
  for (const GivenGroup& g : given_groups(w.given)) {
    out += "**" + g.name + "**\n\n";
    for (const GivenItem& item : g.items) {
      if (!item.grid()) {
        out += fmt::format("- {} = {}\n", item.symbol, item.text);
        continue;
      }
      out += fmt::format("- {} ({}×{}):\n\n```\n", item.symbol, item.rows, item.cols);
      for (int r = 0; r < item.rows; ++r) {
        for (int c = 0; c < item.cols; ++c)
          out += fmt::format("{:>8}", item.cells[static_cast<std::size_t>(r * item.cols + c)]);
        out += "\n";
      }
      out += "```\n\n";
    }
    out += "\n";
  }
}

void md_block(std::string& out, const Worksheet& w, const SheetBlock& b, bool key) {
  const Step& s = w.variant->trace.steps[static_cast<std::size_t>(b.step)];
  const int p = w.options.precision;
  const std::string title = sheet_title(w, b, key);
  if (b.exercise > 0)
    out += fmt::format("### Exercise {} — {}: {} (step {})\n\n", b.exercise, s.group, title, b.step + 1);
  else
    out += fmt::format("**Step {}. {}: {}**\n\n", b.step + 1, s.group, title);
  for (const Equation& e : s.equations) out += "    " + md_formula(e, b.worked, p) + "\n";
  if (!s.equations.empty()) out += "\n";
  if (s.equations.empty() && b.worked && !s.note.empty()) out += s.note + "\n\n";
  for (const Exercise* e : b.asked) {
    if (!key) {
      out += fmt::format("- {} = ________________\n", e->shown_label());
      continue;
    }
    const Equation* eq = equation_for(s, *e);
    const std::string numbers =
        eq && eq->result.size() == 1 && !eq->numbers.empty() ? " = " + equation_numbers(*eq, p) : "";
    std::string answer = answer_text(e->answer, p);
    if (e->tolerance) answer += " (± " + format_number(*e->tolerance, 6) + ")";
    out += fmt::format("- {}{} = **{}**   (grade: {} {})\n", e->shown_label(), numbers, answer, e->step_id, e->label());
  }
  if (!b.asked.empty()) out += "\n";
}

}  // namespace

std::vector<GivenGroup> given_groups(const std::vector<GivenNumber>& given) {
  std::vector<GivenGroup> out;
  std::vector<std::pair<IndexedLabel, std::string>> run;
  std::vector<GivenItem> singles;
  for (const GivenNumber& n : given) {
    const auto slash = n.key.rfind('/');  // a group may hold a slash ("δ = ∂E/∂y"), a label does not
    const std::string group = slash == std::string::npos ? "" : n.key.substr(0, slash), label = n.key.substr(slash + 1);
    if (out.empty() || out.back().name != group) {
      if (!out.empty()) add_run(out.back(), run, singles);
      out.push_back({group, {}});
    }
    const auto indexed = indexed_label(label);
    const bool same_run = indexed && !run.empty() && run[0].first.stem == indexed->stem &&
                          run[0].first.index.size() == indexed->index.size();
    if (!same_run) add_run(out.back(), run, singles);
    if (indexed) run.emplace_back(*indexed, n.text);
    singles.push_back({label, 0, 0, {}, n.text});
    if (!indexed) add_run(out.back(), run, singles);
  }
  if (!out.empty()) add_run(out.back(), run, singles);
  return out;
}

std::string sheet_title(const Worksheet& w, const SheetBlock& b, bool key) {
  const Step& s = w.variant->trace.steps[static_cast<std::size_t>(b.step)];
  if (key || b.worked) return s.title;
  Withheld asked;
  asked.step = b.step;
  for (const Exercise& e : w.exercises)  // a whole number (a class, the 1 of 1 − p) is not given away by a title
    if (e.answer != std::round(e.answer)) asked.answers.push_back(e.answer);
  return mask_numbers(s.title, asked, b.exercise == 0);
}

std::vector<SheetBlock> sheet_blocks(const Worksheet& w, bool key) {
  const auto [from, to] = step_range(w.variant->trace, w.options);
  int first = to, last = from - 1;
  for (const Exercise& e : w.exercises) first = std::min(first, e.step), last = std::max(last, e.step);
  if (w.exercises.empty()) last = to - 1;
  std::vector<SheetBlock> out;
  int number = 0;
  for (int i = from; i <= last; ++i) {
    SheetBlock b{i, 0, key || i < first, {}};
    for (const Exercise& e : w.exercises)
      if (e.step == i) b.asked.push_back(&e);
    if (!b.asked.empty()) b.exercise = ++number;
    out.push_back(std::move(b));
  }
  return out;
}

std::vector<Exercise> worksheet_exercises(const std::vector<ExerciseRule>& rules, const Trace& trace,
                                          const WorksheetOptions& options) {
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
    if (e.number)
      g.text = format_number(*e.number, 6);
    else if (e.integer)
      g.text = std::to_string(*e.integer + e.shown_from);
    else if (e.choice && e.choice.get() >= 0 && e.choice.get() < static_cast<int>(e.options.size()))
      g.text = e.options[static_cast<std::size_t>(e.choice.get())];
    for (const VariantNumber& n : v.numbers) g.drawn = g.drawn || n.key == g.key;
    out.push_back(std::move(g));
  }
  return out;
}

std::string answer_text(double value, int precision) { return format_number(value, precision); }

std::string worksheet_markdown(const Worksheet& w, bool key) {
  const LessonInfo& info = *w.info;
  const std::uint64_t seed = w.variant->seed;
  std::string out = fmt::format("# {} — {}, numbers #{}\n\n", info.title, key ? "answer key" : "worksheet", seed);
  const auto [from, to] = step_range(w.variant->trace, w.options);
  out += fmt::format(
      "Lesson {}{}, numbers #{} (drawn for this sheet: they are not the thesis's numbers). Steps {}–{}; answers to {} "
      "decimals.\n\n",
      info.id, info.source.empty() ? "" : " (" + info.source + ")", seed, from + 1, to, w.options.precision);
  if (!key) out += w.student.empty() ? "Name: ______________________________\n\n" : "Name: " + w.student + "\n\n";
  md_given(out, w);
  out += key ? "## Steps and answers\n\n" : "## Steps and exercises\n\n";
  if (w.exercises.empty()) out += "No exercises in these steps.\n\n";
  for (const SheetBlock& b : sheet_blocks(w, key)) md_block(out, w, b, key);
  return out;
}

std::string class_key_markdown(const std::vector<ClassSheet>& sheets) {
  std::string out;
  for (const ClassSheet& c : sheets) {
    if (out.empty()) out = fmt::format("# {} — answer key of the class\n\n", c.sheet->info->title);
    out += fmt::format("## {} — numbers #{}\n\n", c.student, c.sheet->variant->seed);
    for (const SheetBlock& b : sheet_blocks(*c.sheet, true))
      for (const Exercise* e : b.asked)
        out += fmt::format("- Exercise {}: {} = {}\n", b.exercise, e->shown_label(),
                           answer_text(e->answer, c.sheet->options.precision));
    out += "\n";
  }
  return out;
}

}  // namespace neurostep
