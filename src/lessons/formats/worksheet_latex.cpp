// worksheet_latex.cpp — worksheet.h's sheets and keys as LaTeX (A4, portrait): the formulas typeset
// by latex_math.h, inline so that a long numbers line breaks after an operator instead of running
// into the margin; the given grids as bmatrix; each exercise's answer box as a framed minipage.
#include <algorithm>

#include <fmt/format.h>

#include "lessons/formats/latex_math.h"
#include "lessons/formats/worksheet.h"
#include "lessons/framework/slips.h"

namespace neurostep {

namespace {

std::string preamble() {
  return "\\documentclass[11pt]{article}\n\\usepackage[utf8]{inputenc}\n\\usepackage[T1]{fontenc}\n\\usepackage{"
         "lmodern}\n"
         "\\usepackage{amsmath}\n\\usepackage{amssymb}\n\\usepackage{graphicx}\n\\usepackage{multicol}\n"
         "\\usepackage[a4paper,margin=2cm]{geometry}\n\\setlength{\\parindent}{0pt}\n\\raggedright\n"
         "\\newcommand{\\formula}[1]{\\par\\vspace{2pt}\\hangindent=3em\\hangafter=1\\hspace*{1em}#1\\par}\n\\begin{"
         "document}\n";
}

// "∂C/∂K[0,1]" → "∂C/∂K_(0,1)": the index as a subscript, as latex_math reads "_(…)".
std::string exercise_symbol(const Exercise& e) {
  std::string s = e.shown_label();
  const auto open = s.rfind('[');
  if (open != std::string::npos && open > 0 && s.back() == ']')
    s = s.substr(0, open) + "_(" + s.substr(open + 1, s.size() - open - 2) + ")";
  return latex_math(s);
}

bool is_number(const std::string& text) {
  std::string rest = text;
  for (const char* minus : {"−", "-"})
    if (rest.rfind(minus, 0) == 0) rest = rest.substr(std::string(minus).size());
  return !rest.empty() && rest.find_first_not_of("0123456789.e") == std::string::npos;
}

std::string given_item(const GivenItem& item) {
  if (item.grid()) {
    std::string m = "$" + latex_math(item.symbol) + " = \\begin{bmatrix}";
    for (int r = 0; r < item.rows; ++r)
      for (int c = 0; c < item.cols; ++c)
        m += latex_math(item.cells[static_cast<std::size_t>(r * item.cols + c)]) + (c + 1 < item.cols   ? " & "
                                                                                    : r + 1 < item.rows ? " \\\\ "
                                                                                                        : "");
    return m + "\\end{bmatrix}$";
  }
  const std::string label = latex_mixed(item.symbol);
  const bool math_label =
      label.size() > 2 && label.front() == '$' && label.back() == '$' && label.find('$', 1) == label.size() - 1;
  if (math_label && is_number(item.text)) return "$" + latex_math(item.symbol) + " = " + latex_math(item.text) + "$";
  return label + ": " + latex_mixed(item.text);
}

std::string given_section(const Worksheet& w) {
  std::string out = "\\section*{Given numbers}\n";
  for (const GivenGroup& g : given_groups(w.given)) {
    out += "\\textbf{" + latex_mixed(g.name) + ":}";
    for (std::size_t i = 0; i < g.items.size(); ++i) out += std::string(i ? ",\\quad " : "~") + given_item(g.items[i]);
    out += "\\par\\medskip\n";
  }
  return out;
}

std::string formula(const Equation& e, bool worked, int p) {
  std::string out = latex_mixed(e.symbols);
  std::string rest;
  if (worked && !e.numbers.empty()) rest += " = " + latex_math(equation_numbers(e, p));
  if (worked && !e.result.empty()) rest += " = " + latex_math(equation_result(e, p));
  if (!rest.empty()) out += " $" + rest + "$";
  return "\\formula{" + out + "}\n";
}

std::string answer_box(const std::vector<const Exercise*>& asked) {
  std::string out =
      "\\smallskip\\fbox{\\begin{minipage}{\\dimexpr\\linewidth-2\\fboxsep-2\\fboxrule\\relax}\n\\vspace*{2.6cm}\n";
  for (const Exercise* e : asked)
    out += "\\hfill$" + exercise_symbol(*e) + " = {}$\\,\\rule{4.5cm}{0.4pt}\\par\\medskip\n";
  return out + "\\end{minipage}}\\par\n";
}

// Each asked value worked out: its formula, its numbers line and the answer in bold.
std::string key_answers(const Step& s, const std::vector<const Exercise*>& asked, int p) {
  std::string out = "\\smallskip\n";
  for (const Exercise* e : asked) {
    const Equation* eq = equation_for(s, *e);
    std::string answer = "\\mathbf{" + latex_math(answer_text(e->answer, p)) + "}";
    if (e->tolerance) answer += "\\ (\\pm " + latex_math(format_number(*e->tolerance, 6)) + ")";
    if (eq && eq->result.size() == 1 && !eq->numbers.empty())
      out += "\\formula{" + latex_mixed(eq->symbols) + " $= " + latex_math(equation_numbers(*eq, p)) + " = " + answer +
             "$}\n";
    else
      out += "\\formula{$" + exercise_symbol(*e) + " = " + answer + "$}\n";
  }
  return out;
}

std::string block(const Worksheet& w, const SheetBlock& b, bool key) {
  const Step& s = w.variant->trace.steps[static_cast<std::size_t>(b.step)];
  const int p = w.options.precision;
  std::string out, body;
  if (b.exercise > 0)
    out += fmt::format("\\textbf{{Exercise {}.}} {}\\hfill{{\\small step {}}}\\par\n", b.exercise,
                       latex_mixed(sheet_title(w, b, key)), b.step + 1);
  else
    out += fmt::format("\\medskip{{\\small Step {}.}} {}\\par\n", b.step + 1, latex_mixed(sheet_title(w, b, key)));
  for (const Equation& e : s.equations) {
    const bool answered_below = key && std::any_of(b.asked.begin(), b.asked.end(), [&](const Exercise* x) {
                                  const Equation* q = equation_for(s, *x);
                                  return q == &e && q->result.size() == 1 && !q->numbers.empty();
                                });
    if (!answered_below)
      body += formula(e, b.worked, p);  // the key works an asked value out once, on its answer's line
  }
  if (s.equations.empty() && b.worked && !s.note.empty()) body += "{\\small " + latex_mixed(s.note) + "}\\par\n";
  if (b.exercise > 0) body += key ? key_answers(s, b.asked, p) : answer_box(b.asked);
  const std::string figure =
      static_cast<std::size_t>(b.step) < w.figures.size() ? w.figures[static_cast<std::size_t>(b.step)] : "";
  if (b.exercise == 0) return out + body;
  if (!figure.empty())  // the step's plot beside the question and the box
    body = "\\begin{minipage}[t]{0.6\\linewidth}\\vspace{0pt}\\raggedright\n" + body +
           "\\end{minipage}\\hfill\\begin{minipage}[t]{0.37\\linewidth}\\vspace{0pt}\n\\includegraphics[width="
           "\\linewidth]{" +
           figure + "}\n\\end{minipage}\\par\n";
  // an exercise is not split across pages
  return "\\par\\bigskip\\noindent\\begin{minipage}{\\linewidth}\\raggedright\n" + out + body +
         "\\end{minipage}\\par\n";
}

}  // namespace

std::string worksheet_latex(const Worksheet& w, bool key) {
  const LessonInfo& info = *w.info;
  const std::uint64_t seed = w.variant->seed;
  std::string out = preamble();
  out += fmt::format("\\begin{{center}}{{\\Large\\bfseries {}}}\\\\[1ex]{} --- numbers \\#{}\\end{{center}}\n",
                     latex_mixed(info.title), key ? "Answer key" : "Worksheet", seed);
  if (!key)
    out += w.student.empty() ? "Name: \\rule{8cm}{0.4pt}\\par\\medskip\n"
                             : "Name: \\textbf{" + latex_plain(w.student) + "}\\par\\medskip\n";
  out += fmt::format(
      "{{\\small Lesson {}{}. Numbers \\#{} were drawn for this sheet: they are not the thesis's. Give answers to {} "
      "decimals.}}\\par\n",
      latex_plain(info.id), info.source.empty() ? "" : " (" + latex_mixed(info.source) + ")", seed,
      w.options.precision);
  out += given_section(w);
  out += key ? "\\section*{Steps and answers}\n" : "\\section*{Steps and exercises}\n";
  if (w.exercises.empty()) out += "No exercises in these steps.\\par\n";
  std::string group;
  for (const SheetBlock& b : sheet_blocks(w, key)) {
    const Step& s = w.variant->trace.steps[static_cast<std::size_t>(b.step)];
    if (s.group != group) out += "\\subsection*{" + latex_mixed(s.group) + "}\n";
    group = s.group;
    out += block(w, b, key);
  }
  return out + "\\end{document}\n";
}

std::string class_key_latex(const std::vector<ClassSheet>& sheets) {
  std::string out = preamble();
  if (!sheets.empty())
    out += "\\begin{center}{\\Large\\bfseries " + latex_mixed(sheets[0].sheet->info->title) +
           "}\\\\[1ex]Answer key of the class\\end{center}\n";
  for (const ClassSheet& c : sheets) {
    out += fmt::format("\\filbreak\\subsection*{{{} --- numbers \\#{}}}\n\\begin{{multicols}}{{3}}\n",
                       latex_plain(c.student), c.sheet->variant->seed);
    for (const SheetBlock& b : sheet_blocks(*c.sheet, true))
      for (const Exercise* e : b.asked)
        out += fmt::format("{}.~${} = {}$\\par\n", b.exercise, exercise_symbol(*e),
                           latex_math(answer_text(e->answer, c.sheet->options.precision)));
    out += "\\end{multicols}\n";
  }
  return out + "\\end{document}\n";
}

}  // namespace neurostep
